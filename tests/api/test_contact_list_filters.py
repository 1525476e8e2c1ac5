"""GET /contacts: filtered by membership, role and consortium; searched by person or organization."""

from tests import factories


def test_contacts_are_filtered_by_membership_role_and_consortium(api_for, world):
    other = factories.membership(world.alpha, factories.organization("Kiwi Research", "NZ"))
    client = api_for("orcid_admin")

    by_membership = client.get("/contacts", {"membership": other.pk}).json()["results"]
    voting_in_alpha = client.get("/contacts", {"role": "voting", "consortium": "alpha"}).json()["results"]
    searched = client.get("/contacts", {"q": "kiwi"}).json()["results"]

    assert {c["membership_id"] for c in by_membership} == {other.pk}
    assert len(by_membership) == 2
    assert sorted(c["organization"]["name"] for c in voting_in_alpha) == ["Alpha University", "Kiwi Research"]
    assert {c["organization"]["name"] for c in searched} == {"Kiwi Research"}


def test_bad_membership_or_role_filter_is_400(api_for):
    client = api_for("alpha_admin")

    assert client.get("/contacts", {"membership": "first"}).status_code == 400
    assert "voting" in client.get("/contacts", {"role": "boss"}).json()["detail"]
