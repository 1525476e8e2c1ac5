"""A signed-in user who may view a consortium's pages creates a calendar address on its
checklist page (POST). The full address is shown once, then only its hash is kept; the address
opens the feed. People who cannot view the consortium get 404 and no token is made."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from consortia.accounts.models import ApiToken, TokenPurpose
from consortia.accounts.tokens import create_calendar_token
from tests.conftest import OUTSIDERS_OF_BETA


def create_url(slug):
    return reverse("onboarding:calendar_address_create", args=[slug])


def test_the_checklist_page_creates_an_address_and_shows_it_once(world, client_for, client):
    browser = client_for("alpha_staff")
    response = browser.post(create_url("alpha"), follow=True)

    assert response.status_code == 200
    token = ApiToken.objects.get(user=world.alpha_staff, purpose=TokenPurpose.CALENDAR)
    assert token.consortium == world.alpha
    address = response.context["new_calendar_address"]
    assert address.startswith("http://testserver/consortia/alpha/deadlines.ics?token=" + token.key_start)
    page = response.content.decode()
    assert address in page
    assert "only reads Alpha Consortium" in page and "account page" in page

    again = browser.get(reverse("onboarding:consortium_checklist", args=["alpha"])).content.decode()
    assert token.key_start not in again

    key = address.split("?token=")[1]
    assert client.get(reverse("onboarding:deadlines_ics", args=["alpha"]), {"token": key}).status_code == 200


def test_creating_an_address_needs_a_post(world, client_for):
    assert client_for("alpha_admin").get(create_url("alpha")).status_code == 405
    assert not ApiToken.objects.filter(purpose=TokenPurpose.CALENDAR).exists()


@pytest.mark.parametrize("name", OUTSIDERS_OF_BETA)
def test_outsiders_cannot_create_an_address_for_beta(world, client_for, name):
    assert client_for(name).post(create_url("beta")).status_code == 404
    assert not ApiToken.objects.filter(purpose=TokenPurpose.CALENDAR).exists()


def test_a_member_contact_cannot_create_one_for_their_own_consortium(world, client_for):
    assert client_for("alpha_member").post(create_url("alpha")).status_code == 404
    with pytest.raises(PermissionDenied):
        create_calendar_token(world.alpha_member, world.alpha_member, world.alpha)
    assert not ApiToken.objects.filter(purpose=TokenPurpose.CALENDAR).exists()


def test_signing_in_is_required(world, client):
    response = client.post(create_url("alpha"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
