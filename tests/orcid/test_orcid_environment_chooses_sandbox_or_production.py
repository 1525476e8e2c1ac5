"""``ORCID_ENVIRONMENT`` picks sandbox or production hosts; sign-in follows whatever the settings say."""

import runpy
from urllib.parse import urlsplit

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

import consortia.settings
from consortia.accounts.orcid_login.views import OrcidOAuth2Adapter


@pytest.fixture
def read_settings(monkeypatch, tmp_path):
    """Evaluate settings.py afresh with the given environment, without touching Django's settings."""

    def read(**environment):
        monkeypatch.setenv("SECRET_KEY", "test-only")
        monkeypatch.setenv("CONSORTIA_DATA_DIR", str(tmp_path))
        for name in ("ORCID_ENVIRONMENT", "ORCID_BASE_URL", "ORCID_PUBLIC_API_URL"):
            monkeypatch.delenv(name, raising=False)
        for name, value in environment.items():
            monkeypatch.setenv(name, value)
        return runpy.run_path(consortia.settings.__file__)

    return read


def test_sandbox_is_the_default(read_settings):
    values = read_settings()
    assert values["ORCID_BASE_URL"] == "https://sandbox.orcid.org"
    assert values["ORCID_PUBLIC_API_URL"] == "https://pub.sandbox.orcid.org/v3.0"


def test_production_uses_orcid_org(read_settings):
    values = read_settings(ORCID_ENVIRONMENT="production")
    assert values["ORCID_BASE_URL"] == "https://orcid.org"
    assert values["ORCID_PUBLIC_API_URL"] == "https://pub.orcid.org/v3.0"


def test_explicit_urls_win_over_the_environment(read_settings):
    values = read_settings(
        ORCID_ENVIRONMENT="production",
        ORCID_BASE_URL="http://127.0.0.1:9",
        ORCID_PUBLIC_API_URL="http://127.0.0.1:9/v3.0",
    )
    assert values["ORCID_BASE_URL"] == "http://127.0.0.1:9"
    assert values["ORCID_PUBLIC_API_URL"] == "http://127.0.0.1:9/v3.0"


def test_an_unknown_environment_fails_loudly(read_settings):
    with pytest.raises(
        ImproperlyConfigured, match="ORCID_ENVIRONMENT must be sandbox or production, not 'staging'"
    ):
        read_settings(ORCID_ENVIRONMENT="staging")


@pytest.mark.parametrize(
    ("base_url", "public_api_url"),
    [
        ("https://sandbox.orcid.org", "https://pub.sandbox.orcid.org/v3.0"),
        ("https://orcid.org", "https://pub.orcid.org/v3.0"),
    ],
)
def test_the_sign_in_adapter_reads_the_urls_at_request_time(settings, base_url, public_api_url):
    settings.ORCID_BASE_URL = base_url
    settings.ORCID_PUBLIC_API_URL = public_api_url
    adapter = OrcidOAuth2Adapter(RequestFactory().get("/"))
    assert adapter.authorize_url == f"{base_url}/oauth/authorize"
    assert adapter.access_token_url == f"{base_url}/oauth/token"
    assert adapter.profile_url % "0000-0002-1825-0097" == f"{public_api_url}/0000-0002-1825-0097/record"


@pytest.mark.parametrize("host", ["sandbox.orcid.org", "orcid.org"])
def test_login_redirects_to_the_orcid_host_in_settings(client, db, settings, host):
    settings.ORCID_BASE_URL = f"https://{host}"
    settings.SOCIALACCOUNT_PROVIDERS = {
        "orcid": {"SCOPE": ["/authenticate"], "APPS": [{"client_id": "APP-TEST", "secret": "s", "key": ""}]}
    }
    response = client.post("/accounts/orcid/login/")
    location = urlsplit(response["Location"])
    assert (location.scheme, location.hostname, location.path) == ("https", host, "/oauth/authorize")
