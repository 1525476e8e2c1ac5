"""A calendar token only reads one deadline feed: as a bearer token on /api/v1 it is 401, for
reading and for writing alike, while the same user's API token works."""

from django.test import Client

from consortia.accounts.tokens import create_calendar_token, create_token


def test_a_calendar_token_is_401_on_the_api(world):
    _, key = create_calendar_token(None, world.alpha_admin, world.alpha)
    client = Client()
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}

    assert client.get("/api/v1/memberships", **auth).status_code == 401
    assert client.get("/api/v1/checklists", **auth).status_code == 401
    assert (
        client.post("/api/v1/memberships", "{}", content_type="application/json", **auth).status_code == 401
    )


def test_the_same_users_api_token_still_works(world):
    _, key = create_token(None, world.alpha_admin)
    assert Client().get("/api/v1/memberships", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200
