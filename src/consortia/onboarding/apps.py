from django.apps import AppConfig


class OnboardingConfig(AppConfig):
    name = "consortia.onboarding"
    label = "onboarding"
    verbose_name = "Onboarding"

    def ready(self):
        from consortia.onboarding import signals  # noqa: F401
