from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "consortia.support"
    verbose_name = "Support desk"

    def ready(self):
        from consortia.support import signals  # noqa: F401
