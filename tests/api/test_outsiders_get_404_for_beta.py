"""Another tenant's object answers 404 to every method, and never shows up in a list."""

import pytest

from consortia.directory.models import Contact, MembershipRequest
from tests.conftest import OUTSIDERS_OF_BETA


@pytest.fixture
def beta(world):
    membership = world.beta_membership
    voting = membership.contacts.get(role="voting")
    return {
        "membership": membership,
        "organization": membership.organization,
        "contact": voting,
        "person": voting.person,
        "request": MembershipRequest.objects.create(membership=membership, kind=MembershipRequest.Kind.ADD),
    }


def calls(beta):
    membership, organization = beta["membership"], beta["organization"]
    contact, person, request = beta["contact"], beta["person"], beta["request"]
    return [
        ("get", f"/memberships/{membership.pk}", None),
        ("patch", f"/memberships/{membership.pk}", {"member_type": "premium"}),
        ("post", f"/memberships/{membership.pk}/end", {"reason": "Taken over"}),
        ("get", f"/organizations/{organization.pk}", None),
        ("patch", f"/organizations/{organization.pk}", {"name": "Taken Over GmbH"}),
        ("get", f"/contacts/{contact.pk}", None),
        ("patch", f"/contacts/{contact.pk}", {"role": "technical"}),
        ("delete", f"/contacts/{contact.pk}", None),
        ("get", f"/people/{person.pk}", None),
        ("patch", f"/people/{person.pk}", {"family_name": "Taken"}),
        ("get", "/consortia/beta", None),
        ("patch", "/consortia/beta", {"funding": "Taken"}),
        ("post", f"/membership-requests/{request.pk}/decision", {"confirm": True}),
    ]


@pytest.mark.parametrize("outsider", OUTSIDERS_OF_BETA)
def test_every_method_on_betas_objects_is_404(api_for, beta, outsider):
    client = api_for(outsider)

    for method, path, body in calls(beta):
        response = getattr(client, method)(path, body) if body is not None else getattr(client, method)(path)
        assert response.status_code == 404, (outsider, method, path, response.content)
        assert response.json() == {"detail": "Not found."}

    beta["membership"].refresh_from_db()
    beta["organization"].refresh_from_db()
    beta["request"].refresh_from_db()
    assert beta["membership"].status == "active" and beta["membership"].member_type == "basic"
    assert beta["organization"].name == "Beta Institut"
    assert beta["request"].status == "pending"
    assert Contact.objects.filter(pk=beta["contact"].pk, role="voting").exists()


@pytest.mark.parametrize("outsider", OUTSIDERS_OF_BETA)
def test_betas_objects_are_absent_from_every_list(api_for, beta, outsider):
    client = api_for(outsider)

    def ids(path, key="id"):
        response = client.get(path, {"page_size": 200})
        assert response.status_code == 200
        return {row[key] for row in response.json()["results"]}

    assert beta["membership"].pk not in ids("/memberships")
    assert client.get("/memberships", {"consortium": "beta"}).json()["count"] == 0
    assert beta["organization"].pk not in ids("/organizations")
    assert beta["contact"].pk not in ids("/contacts")
    assert beta["person"].pk not in ids("/people")
    assert "beta" not in ids("/consortia", key="slug")
    assert beta["request"].pk not in ids("/membership-requests")


@pytest.mark.parametrize("outsider", OUTSIDERS_OF_BETA)
def test_betas_membership_cannot_be_named_in_a_new_contact(api_for, beta, outsider):
    response = api_for(outsider).post(
        "/contacts",
        {
            "membership_id": beta["membership"].pk,
            "role": "technical",
            "person": {"given_names": "Intruder", "email": "intruder@example.org"},
        },
    )

    assert response.status_code == 400
    assert "no membership" in response.json()["detail"]
    assert not beta["membership"].contacts.filter(person__email="intruder@example.org").exists()


@pytest.mark.parametrize("outsider", OUTSIDERS_OF_BETA)
def test_beta_cannot_be_named_in_a_new_membership(api_for, beta, outsider):
    response = api_for(outsider).post(
        "/memberships", {"consortium": "beta", "organization": {"name": "Intruder AG", "country": "DE"}}
    )

    assert response.status_code == 400
    assert response.json()["fields"] == {"consortium": ["There is no consortium 'beta' that you can see."]}
