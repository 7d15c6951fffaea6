from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "carematters.web.planning"
    label = "planning"
    verbose_name = "Planning: forecasts, scenarios and costs"

    def ready(self) -> None:
        from carematters.web.planning import signals  # noqa: F401  (audit every write)
