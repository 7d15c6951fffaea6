from django.apps import AppConfig


class ChildrenConfig(AppConfig):
    name = "carematters.web.children"
    label = "children"
    verbose_name = "The child's record"

    def ready(self) -> None:
        from carematters.web.children import signals  # noqa: F401  (audit every change)
