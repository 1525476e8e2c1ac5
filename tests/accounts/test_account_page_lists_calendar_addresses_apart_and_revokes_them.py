"""The account page lists calendar addresses apart from API tokens, each with its consortium and
a revoke button; a revoked address stops opening the feed. Nobody revokes another's token."""

from django.urls import reverse

from consortia.accounts.tokens import create_calendar_token, create_token


def test_calendar_addresses_are_listed_apart_from_api_tokens(world, client_for):
    api_token, _ = create_token(None, world.alpha_admin, "CRM sync")
    calendar, _ = create_calendar_token(None, world.alpha_admin, world.alpha)

    response = client_for("alpha_admin").get(reverse("accounts:settings"))

    assert list(response.context["tokens"]) == [api_token]
    assert list(response.context["calendar_tokens"]) == [calendar]
    page = response.content.decode()
    assert "Calendar feed addresses" in page
    assert (
        page.index(api_token.key_start)
        < page.index("Calendar feed addresses")
        < page.index(calendar.key_start)
    )
    assert reverse("accounts:token_revoke", args=[calendar.pk]) in page


def test_a_revoked_calendar_address_no_longer_opens_the_feed(world, client_for, client):
    calendar, key = create_calendar_token(None, world.alpha_admin, world.alpha)
    feed = reverse("onboarding:deadlines_ics", args=["alpha"])
    assert client.get(feed, {"token": key}).status_code == 200

    response = client_for("alpha_admin").post(
        reverse("accounts:token_revoke", args=[calendar.pk]), follow=True
    )

    assert "Calendar address" in response.content.decode()
    calendar.refresh_from_db()
    assert calendar.revoked_at is not None
    assert client.get(feed, {"token": key}).status_code == 404


def test_nobody_revokes_anothers_calendar_address(world, client_for):
    calendar, _ = create_calendar_token(None, world.alpha_admin, world.alpha)
    assert (
        client_for("alpha_staff").post(reverse("accounts:token_revoke", args=[calendar.pk])).status_code
        == 404
    )
    calendar.refresh_from_db()
    assert calendar.revoked_at is None
