from django.apps import AppConfig


class VoiceConfig(AppConfig):
    name = "carematters.web.voice"
    label = "voice"
    verbose_name = "The voice of children in care: surveys and the Children in Care Council"
