from django.apps import AppConfig


class GripConfig(AppConfig):
    name = "carematters.web.grip"
    label = "grip"
    verbose_name = "Management grip"
