from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "carematters.web.accounts"
    label = "accounts"
    verbose_name = "People and access"

    def ready(self) -> None:
        from carematters.web.accounts import signals  # noqa: F401  (audit sign-ins)
