from django.apps import AppConfig


class OrcidLoginConfig(AppConfig):
    name = "consortia.accounts.orcid_login"
    label = "consortia_orcid_login"
    verbose_name = "ORCID sign-in"
