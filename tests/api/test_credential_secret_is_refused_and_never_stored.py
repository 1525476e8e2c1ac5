"""A client secret is never stored: a credential sent with ``client_secret`` (or ``secret``) is a
400 saying so, and afterwards the secret's text is in no text column of any table."""

import pytest
from django.apps import apps
from django.db.models import CharField, Q, TextField

from consortia.integrations import services
from consortia.integrations.models import Credential

SECRET = "s3cr3t-value-0042"


@pytest.fixture
def integration(world):
    integration = services.save_integration(
        world.alpha_admin, world.alpha_membership, name="Pure", system_type="cris"
    )
    services.move_stage(world.alpha_member, integration, "sandbox_requested")
    return integration


def rows_holding(text: str) -> list[str]:
    found = []
    for model in apps.get_models():
        columns = [f.name for f in model._meta.concrete_fields if isinstance(f, CharField | TextField)]
        if not columns:
            continue
        query = Q()
        for column in columns:
            query |= Q(**{f"{column}__contains": text})
        if model._default_manager.filter(query).exists():
            found.append(model._meta.label)
    return found


@pytest.mark.parametrize("field", ["client_secret", "secret"])
def test_a_credential_with_a_secret_is_refused_and_the_secret_is_nowhere(api_for, world, integration, field):
    body = {
        "environment": "sandbox",
        "client_id": "APP-0000000000000042",
        "name": "Pure sandbox",
        "redirect_uris": ["https://pure.example.ac.nz/orcid"],
        "scopes": ["/authenticate"],
        field: SECRET,
    }

    response = api_for("orcid_admin").post(f"/integrations/{integration.pk}/credentials", body)

    assert response.status_code == 400
    assert field in response.json()["fields"]
    assert "never stored" in response.json()["detail"]
    assert not Credential.objects.exists()
    assert rows_holding(SECRET) == []


def test_the_search_finds_what_is_stored_and_an_issued_credential_keeps_no_secret(
    api_for, world, integration
):
    body = {"environment": "sandbox", "client_id": "APP-0000000000000043", "name": f"Named {SECRET}"}

    issued = api_for("orcid_admin").post(f"/integrations/{integration.pk}/credentials", body)

    assert issued.status_code == 201
    assert rows_holding(SECRET) == ["integrations.Credential"]  # the search does look everywhere
    assert not any("secret" in key for key in issued.json())
    listed = api_for("alpha_member").get("/credentials").json()["results"]
    assert [c["client_id"] for c in listed] == ["APP-0000000000000043"]
    assert not any("secret" in key for key in listed[0])
