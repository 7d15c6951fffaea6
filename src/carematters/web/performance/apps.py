from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "carematters.web.performance"
    label = "performance"
    verbose_name = "Performance: the indicators and the annual report, from the record"
