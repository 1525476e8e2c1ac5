from django.apps import AppConfig


class IntegrationsConfig(AppConfig):
    name = "consortia.integrations"
    verbose_name = "Member integrations"
