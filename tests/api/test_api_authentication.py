"""The API answers only a valid bearer token (or a signed-in session); otherwise 401."""

from django.test import Client

from consortia.accounts.models import ApiToken
from consortia.accounts.tokens import create_token, revoke_token


def test_no_token_is_401_with_a_hint(db):
    response = Client().get("/api/v1/memberships")

    assert response.status_code == 401
    assert "Bearer" in response.json()["detail"]


def test_unknown_token_is_401(world):
    response = Client().get("/api/v1/memberships", HTTP_AUTHORIZATION="Bearer cst_not-a-real-token")

    assert response.status_code == 401


def test_revoked_token_is_401(world):
    token, key = create_token(world.alpha_admin, world.alpha_admin)
    revoke_token(world.alpha_admin, token)

    response = Client().get("/api/v1/memberships", HTTP_AUTHORIZATION=f"Bearer {key}")

    assert response.status_code == 401


def test_token_of_a_deactivated_user_is_401(world):
    _, key = create_token(world.orcid_admin, world.alpha_staff)
    world.alpha_staff.is_active = False
    world.alpha_staff.save(update_fields=["is_active"])

    assert Client().get("/api/v1/people", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401


def test_bearer_token_reads_and_writes_as_its_user(world):
    token, key = create_token(world.alpha_admin, world.alpha_admin)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {key}")

    listed = client.get("/api/v1/memberships")
    changed = client.patch(
        "/api/v1/consortia/alpha", {"support_email": "help@alpha.example"}, content_type="application/json"
    )

    assert listed.status_code == 200
    assert [m["consortium"] for m in listed.json()["results"]] == ["alpha"]
    assert changed.status_code == 200
    assert changed.json()["support_email"] == "help@alpha.example"
    assert ApiToken.objects.get(pk=token.pk).last_used_at is not None


def test_no_token_writes_nothing(world):
    response = Client().patch(
        "/api/v1/consortia/alpha", {"support_email": "spam@example.org"}, content_type="application/json"
    )

    world.alpha.refresh_from_db()
    assert response.status_code == 401
    assert world.alpha.support_email == ""
