from allauth.socialaccount.providers.oauth2.urls import default_urlpatterns

from consortia.accounts.orcid_login.provider import OrcidProvider

urlpatterns = default_urlpatterns(OrcidProvider)
