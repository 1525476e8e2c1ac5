from django.apps import AppConfig


class StaffingConfig(AppConfig):
    name = "consortia.staffing"
    label = "staffing"
    verbose_name = "Staffing and compliance"
