from django.apps import AppConfig


class BillingConfig(AppConfig):
    name = "consortia.billing"
    label = "billing"
    verbose_name = "Billing"
