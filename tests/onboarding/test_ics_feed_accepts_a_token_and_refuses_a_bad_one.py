"""Calendar apps cannot sign in: the feed takes an API token in ``?token=``. A bad or revoked
token, or one whose user cannot see the consortium, gets 404; no token and no session is sent
to sign in. The checklist page explains the address without showing any token."""

from django.urls import reverse

from consortia.accounts.tokens import create_token, revoke_token


def test_a_valid_token_opens_the_feed_without_a_session(world, client):
    _, key = create_token(None, world.alpha_staff)
    response = client.get(reverse("onboarding:deadlines_ics", args=["alpha"]), {"token": key})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert b"BEGIN:VCALENDAR" in response.content
    assert "no-store" in response["Cache-Control"]


def test_a_bad_or_revoked_token_gets_404(world, client):
    url = reverse("onboarding:deadlines_ics", args=["alpha"])
    assert client.get(url, {"token": "not-a-token"}).status_code == 404
    token, key = create_token(None, world.alpha_admin)
    revoke_token(None, token)
    assert client.get(url, {"token": key}).status_code == 404


def test_a_member_contacts_token_gets_404(world, client):
    _, key = create_token(None, world.alpha_member)
    assert client.get(reverse("onboarding:deadlines_ics", args=["alpha"]), {"token": key}).status_code == 404


def test_no_token_and_no_session_is_sent_to_sign_in(world, client):
    response = client.get(reverse("onboarding:deadlines_ics", args=["alpha"]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_checklist_page_shows_how_to_subscribe_without_a_token(world, client_for):
    _, key = create_token(None, world.alpha_admin)
    page = (
        client_for("alpha_admin")
        .get(reverse("onboarding:consortium_checklist", args=["alpha"]))
        .content.decode()
    )
    assert "/consortia/alpha/deadlines.ics?token=YOUR-API-TOKEN" in page
    assert key not in page and key[:10] not in page
