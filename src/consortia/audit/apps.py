from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "consortia.audit"
    label = "audit"
    verbose_name = "Audit trail"
