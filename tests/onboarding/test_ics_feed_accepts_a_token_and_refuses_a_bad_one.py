"""Calendar apps cannot sign in: the feed takes a *calendar* token in ``?token=``. It opens only
the feed of the consortium it was made for, while its user may still view that consortium. A bad
or revoked token, an API token, another consortium's feed or a user who lost access all get 404;
no token and no session is sent to sign in. The checklist page explains the address without
showing any token."""

from django.urls import reverse

from consortia.accounts.tokens import create_calendar_token, create_token, revoke_token


def feed(slug="alpha"):
    return reverse("onboarding:deadlines_ics", args=[slug])


def test_a_calendar_token_opens_the_feed_without_a_session(world, client):
    _, key = create_calendar_token(None, world.alpha_staff, world.alpha)
    response = client.get(feed(), {"token": key})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert b"BEGIN:VCALENDAR" in response.content
    assert "no-store" in response["Cache-Control"]


def test_an_api_token_in_the_address_gets_404(world, client):
    _, key = create_token(None, world.alpha_admin)
    assert client.get(feed(), {"token": key}).status_code == 404


def test_a_bad_or_revoked_token_gets_404(world, client):
    assert client.get(feed(), {"token": "not-a-token"}).status_code == 404
    token, key = create_calendar_token(None, world.alpha_admin, world.alpha)
    revoke_token(None, token)
    assert client.get(feed(), {"token": key}).status_code == 404


def test_a_calendar_token_reads_only_its_own_consortiums_feed(world, client):
    _, key = create_calendar_token(None, world.orcid_admin, world.alpha)
    assert client.get(feed("alpha"), {"token": key}).status_code == 200
    assert client.get(feed("beta"), {"token": key}).status_code == 404


def test_a_deactivated_users_calendar_token_gets_404(world, client):
    _, key = create_calendar_token(None, world.alpha_staff, world.alpha)
    world.alpha_staff.is_active = False
    world.alpha_staff.save(update_fields=["is_active"])
    assert client.get(feed(), {"token": key}).status_code == 404


def test_a_calendar_token_of_a_user_moved_to_another_consortium_gets_404(world, client):
    _, key = create_calendar_token(None, world.alpha_staff, world.alpha)
    world.alpha_staff.consortium = world.beta
    world.alpha_staff.save(update_fields=["consortium"])
    assert client.get(feed(), {"token": key}).status_code == 404


def test_no_token_and_no_session_is_sent_to_sign_in(world, client):
    response = client.get(feed())
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_checklist_page_explains_calendar_addresses_without_showing_a_token(world, client_for):
    _, api_key = create_token(None, world.alpha_admin)
    _, calendar_key = create_calendar_token(None, world.alpha_admin, world.alpha)
    page = (
        client_for("alpha_admin")
        .get(reverse("onboarding:consortium_checklist", args=["alpha"]))
        .content.decode()
    )
    assert "Create calendar address" in page
    assert "API tokens do not work in calendar addresses" in page
    for key in (api_key, calendar_key):
        assert key not in page and key[:10] not in page
