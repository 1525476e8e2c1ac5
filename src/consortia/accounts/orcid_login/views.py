from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.providers.oauth2.views import OAuth2Adapter, OAuth2CallbackView, OAuth2LoginView
from django.conf import settings


class OrcidOAuth2Adapter(OAuth2Adapter):
    provider_id = "orcid"

    @property
    def authorize_url(self):
        return f"{settings.ORCID_BASE_URL.rstrip('/')}/oauth/authorize"

    @property
    def access_token_url(self):
        return f"{settings.ORCID_BASE_URL.rstrip('/')}/oauth/token"

    @property
    def profile_url(self):
        return f"{settings.ORCID_PUBLIC_API_URL.rstrip('/')}/%s/record"

    def complete_login(self, request, app, token, **kwargs):
        with get_adapter().get_requests_session() as session:
            response = session.get(
                self.profile_url % kwargs["response"]["orcid"],
                headers={"accept": "application/orcid+json"},
                timeout=settings.ORCID_API_TIMEOUT,
            )
            response.raise_for_status()
            extra_data = response.json()
        return self.get_provider().sociallogin_from_response(request, extra_data)


oauth2_login = OAuth2LoginView.adapter_view(OrcidOAuth2Adapter)
oauth2_callback = OAuth2CallbackView.adapter_view(OrcidOAuth2Adapter)
