"""ORCID sign-in through django-allauth, with hosts taken from settings.

allauth's own ORCID provider fixes its URLs to ``https://<BASE_DOMAIN>`` when its module is
imported; ours reads ``ORCID_BASE_URL`` and ``ORCID_PUBLIC_API_URL`` at request time so the
sandbox, production and a fake server in tests are one setting apart.
"""

from allauth.socialaccount.providers.orcid.provider import OrcidAccount
from allauth.socialaccount.providers.orcid.provider import OrcidProvider as AllauthOrcidProvider

from consortia.accounts.orcid_login.views import OrcidOAuth2Adapter


class OrcidProvider(AllauthOrcidProvider):
    id = "orcid"
    name = "ORCID"
    account_class = OrcidAccount
    oauth2_adapter_class = OrcidOAuth2Adapter


provider_classes = [OrcidProvider]
