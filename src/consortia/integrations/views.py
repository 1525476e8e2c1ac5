"""Filled in by step 5: see integrations/urls.py."""

urlpatterns = []
