"""Filled in by the support step: see support/urls.py."""

urlpatterns = []
