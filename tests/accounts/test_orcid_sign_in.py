"""ORCID sign-in, end to end against the fake ORCID: only people we already know get in."""

from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from allauth.socialaccount.models import SocialAccount
from django.urls import reverse

from consortia.accounts.models import User
from tests import factories
from tests.fakes import orcid_server
from tests.fakes.orcid_server import make_orcid_id

# The fake ORCID server's fixture, made visible to this module.
fake_orcid = orcid_server.fake_orcid

LOGIN_URL = "/accounts/orcid/login/"
CALLBACK_PATH = "/accounts/orcid/login/callback/"
JOSIAH = make_orcid_id(97)


@pytest.fixture
def orcid(settings, fake_orcid):
    """The fake ORCID, with our app's client credentials registered at it."""
    settings.SOCIALACCOUNT_PROVIDERS = {
        "orcid": {
            "SCOPE": ["/authenticate"],
            "APPS": [{"client_id": fake_orcid.client_id, "secret": fake_orcid.client_secret, "key": ""}],
        }
    }
    fake_orcid.add_record(JOSIAH, "Josiah", "Carberry")
    return fake_orcid


@pytest.fixture
def josiah_user(world):
    """alpha's admin, whose person record holds Josiah's ORCID iD."""
    user = world.alpha_admin
    user.person = factories.person("Josiah", "Carberry", orcid_id=JOSIAH)
    user.save(update_fields=["person"])
    return user


def go_to_orcid(client):
    """POST to our login URL; return ORCID's authorize URL we were sent to."""
    response = client.post(LOGIN_URL)
    assert response.status_code == 302
    return response["Location"]


def come_back_from_orcid(client, authorize_url):
    """Let the fake ORCID answer the authorize URL and follow its redirect back to our callback."""
    answer = httpx.get(authorize_url, follow_redirects=False)
    assert answer.status_code == 302
    back = urlsplit(answer.headers["Location"])
    assert (back.netloc, back.path) == ("testserver", CALLBACK_PATH)
    return client.get(f"{back.path}?{back.query}")


def sign_in_through_orcid(client):
    return come_back_from_orcid(client, go_to_orcid(client))


def signed_in_user_id(client):
    return client.session.get("_auth_user_id")


def test_login_sends_the_browser_to_the_configured_orcid_authorize_url(client, db, orcid):
    authorize = urlsplit(go_to_orcid(client))
    assert authorize.hostname == "127.0.0.1"
    assert f"{authorize.scheme}://{authorize.netloc}{authorize.path}" == f"{orcid.base_url}/oauth/authorize"
    params = {key: values[0] for key, values in parse_qs(authorize.query).items()}
    assert params["client_id"] == orcid.client_id
    assert params["scope"] == "/authenticate"
    assert params["response_type"] == "code"
    assert params["redirect_uri"] == f"http://testserver{CALLBACK_PATH}"
    assert params["state"]


def test_person_with_matching_orcid_id_is_signed_in(client, orcid, josiah_user):
    orcid.signs_in(JOSIAH)
    response = sign_in_through_orcid(client)
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert signed_in_user_id(client) == str(josiah_user.pk)


def test_the_code_is_exchanged_and_the_record_read_from_the_configured_orcid(client, orcid, josiah_user):
    orcid.signs_in(JOSIAH)
    sign_in_through_orcid(client)
    token_request = next(r for r in orcid.requests if r.path == "/oauth/token")
    assert token_request.form["client_secret"] == orcid.client_secret
    assert token_request.form["redirect_uri"] == f"http://testserver{CALLBACK_PATH}"
    assert [r.path for r in orcid.api_requests()] == [f"/v3.0/{JOSIAH}/record"]


def test_first_sign_in_connects_the_orcid_account_to_the_user(client, orcid, josiah_user):
    orcid.signs_in(JOSIAH)
    sign_in_through_orcid(client)
    account = SocialAccount.objects.get(provider="orcid")
    assert (account.user, account.uid) == (josiah_user, JOSIAH)


def test_signing_in_again_uses_the_connected_account(client, orcid, josiah_user):
    orcid.signs_in(JOSIAH)
    sign_in_through_orcid(client)
    client.logout()
    sign_in_through_orcid(client)
    assert signed_in_user_id(client) == str(josiah_user.pk)
    assert SocialAccount.objects.filter(provider="orcid").count() == 1


def test_orcid_id_matching_no_user_is_not_signed_in_and_no_user_is_created(client, world, orcid):
    stranger = make_orcid_id(98)
    orcid.add_record(stranger, "Sam", "Stranger")
    orcid.signs_in(stranger)
    users_before = User.objects.count()
    response = sign_in_through_orcid(client)
    assert response.status_code == 200
    assert "account/signup_closed.html" in [t.name for t in response.templates]
    assert signed_in_user_id(client) is None
    assert User.objects.count() == users_before
    assert not SocialAccount.objects.exists()


def test_an_inactive_user_is_not_signed_in(client, orcid, josiah_user):
    josiah_user.is_active = False
    josiah_user.save(update_fields=["is_active"])
    orcid.signs_in(JOSIAH)
    sign_in_through_orcid(client)
    assert signed_in_user_id(client) is None
    assert not SocialAccount.objects.exists()


def test_denying_access_at_orcid_signs_nobody_in(client, orcid, josiah_user):
    orcid.signs_in(None)
    response = sign_in_through_orcid(client)
    assert signed_in_user_id(client) is None
    assert response.status_code == 302
    assert response["Location"] == reverse("socialaccount_login_cancelled")
    assert not any(r.path == "/oauth/token" for r in orcid.requests)


def test_a_callback_with_a_forged_state_is_refused_before_asking_orcid(client, orcid, josiah_user):
    orcid.signs_in(JOSIAH)
    go_to_orcid(client)
    code = orcid.issue_code(JOSIAH)
    response = client.get(CALLBACK_PATH, {"code": code, "state": "forged"})
    assert "socialaccount/authentication_error.html" in [t.name for t in response.templates]
    assert signed_in_user_id(client) is None
    assert not any(r.path == "/oauth/token" for r in orcid.requests)


def test_a_code_orcid_did_not_issue_is_refused(client, orcid, josiah_user):
    authorize = urlsplit(go_to_orcid(client))
    state = parse_qs(authorize.query)["state"][0]
    response = client.get(CALLBACK_PATH, {"code": "made-up", "state": state})
    assert "socialaccount/authentication_error.html" in [t.name for t in response.templates]
    assert signed_in_user_id(client) is None


def test_orcid_unable_to_show_the_record_is_an_error_not_a_sign_in(client, orcid, josiah_user):
    orcid.signs_in(JOSIAH)
    orcid.script(503)
    response = sign_in_through_orcid(client)
    assert "socialaccount/authentication_error.html" in [t.name for t in response.templates]
    assert signed_in_user_id(client) is None


def test_login_by_get_asks_for_confirmation_instead_of_leaving_for_orcid(client, db, orcid):
    response = client.get(LOGIN_URL)
    assert response.status_code == 200
    assert "socialaccount/login.html" in [t.name for t in response.templates]
    assert orcid.requests == []
