from django.contrib import admin
from django.urls import include, path

from consortia.accounts import views as account_views
from consortia.api import api

urlpatterns = [
    path("", account_views.home, name="home"),
    path("accounts/", include("allauth.urls")),
    path("account/", include("consortia.accounts.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    path("", include("consortia.directory.urls")),
    path("", include("consortia.onboarding.urls")),
    path("", include("consortia.staffing.urls")),
    path("", include("consortia.staffing.compliance_urls")),
    path("", include("consortia.billing.urls")),
    path("", include("consortia.support.urls")),
    path("", include("consortia.integrations.urls")),
]
