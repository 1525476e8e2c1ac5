"""A consortium team adds a member and its contacts through the API; the contact rules hold there too."""

from consortia.audit.models import AuditEntry
from consortia.directory.models import Contact, Membership, Organization


def add_kiwi(client):
    return client.post(
        "/memberships",
        {
            "consortium": "alpha",
            "organization": {"name": "Kiwi Research Institute", "country": "nz", "tier": "small"},
            "status": "onboarding",
            "request_note": "Signed in March",
        },
    )


def test_new_member_is_added_with_its_lead_contacts_and_made_active(api_for):
    client = api_for("alpha_admin")

    added = add_kiwi(client)
    assert added.status_code == 201, added.json()
    membership = added.json()
    main = client.post(
        "/contacts",
        {
            "membership_id": membership["id"],
            "role": "main_relationship",
            "person": {"given_names": "Aroha", "family_name": "Ngata", "email": "aroha@kiwi.example"},
        },
    )
    voting = client.post(
        "/contacts",
        {
            "membership_id": membership["id"],
            "role": "voting",
            "person": {
                "given_names": "Josiah",
                "family_name": "Carberry",
                "orcid_id": "https://orcid.org/0000-0002-1825-0097",
            },
        },
    )
    activated = client.patch(f"/memberships/{membership['id']}", {"status": "active"})

    assert membership["organization"]["country"] == "NZ"
    assert [r["kind"] for r in membership["pending_requests"]] == ["add"]
    assert main.status_code == voting.status_code == 201
    assert voting.json()["person"]["orcid_id"] == "0000-0002-1825-0097"
    assert activated.status_code == 200, activated.json()
    assert activated.json()["status"] == "active"
    assert activated.json()["joined_date"] is not None
    assert {c["role"] for c in activated.json()["contacts"]} == {"main_relationship", "voting"}
    assert AuditEntry.objects.filter(membership_id=membership["id"], action="contact.added").count() == 2


def test_an_existing_organization_is_added_by_id(api_for, world):
    organization = world.alpha_membership.organization
    client = api_for("alpha_admin")
    client.post(f"/memberships/{world.alpha_membership.pk}/end", {"reason": "Merged", "status": "left"})

    rejoined = client.post("/memberships", {"consortium": "alpha", "organization_id": organization.pk})

    assert rejoined.status_code == 201, rejoined.json()
    assert rejoined.json()["organization"]["id"] == organization.pk
    assert rejoined.json()["status"] == "enquiry"


def test_a_member_cannot_be_made_active_without_its_voting_contact(api_for):
    client = api_for("alpha_admin")
    membership_id = add_kiwi(client).json()["id"]
    client.post(
        "/contacts",
        {
            "membership_id": membership_id,
            "role": "main_relationship",
            "person": {"given_names": "Aroha", "email": "aroha@kiwi.example"},
        },
    )

    response = client.patch(f"/memberships/{membership_id}", {"status": "active"})

    assert response.status_code == 400
    assert "would have no voting contact" in response.json()["detail"]
    assert Membership.objects.get(pk=membership_id).status == "onboarding"


def test_second_voting_contact_is_rejected(api_for, world):
    membership = world.alpha_membership

    response = api_for("alpha_staff").post(
        "/contacts",
        {
            "membership_id": membership.pk,
            "role": "voting",
            "person": {"given_names": "Second", "email": "second.voter@alpha.example"},
        },
    )

    assert response.status_code == 400
    assert "a membership has exactly one voting contact" in response.json()["detail"]
    assert response.json()["fields"]["role"]
    assert membership.contacts.filter(role="voting").count() == 1


def test_removing_the_only_voting_contact_of_an_active_membership_is_rejected(api_for, world):
    voting = world.alpha_membership.contacts.get(role="voting")

    response = api_for("alpha_admin").delete(f"/contacts/{voting.pk}")

    assert response.status_code == 400
    assert "an active membership has exactly one" in response.json()["detail"]
    assert Contact.objects.filter(pk=voting.pk).exists()


def test_voting_contact_is_replaced_in_one_step(api_for, world):
    voting = world.alpha_membership.contacts.get(role="voting")
    previous_person = voting.person

    response = api_for("alpha_admin").patch(
        f"/contacts/{voting.pk}",
        {"person": {"given_names": "Mere", "family_name": "Tane", "email": "mere@alpha.example"}},
    )

    assert response.status_code == 200, response.json()
    assert response.json()["person"]["email"] == "mere@alpha.example"
    assert response.json()["role"] == "voting"
    previous_person.refresh_from_db()
    assert previous_person.email != "mere@alpha.example"


def test_a_contact_that_is_not_a_lead_contact_can_be_removed(api_for, world):
    client = api_for("alpha_admin")
    added = client.post(
        "/contacts",
        {
            "membership_id": world.alpha_membership.pk,
            "role": "technical",
            "person": {"given_names": "Tech", "email": "tech@alpha.example"},
        },
    )

    removed = client.delete(f"/contacts/{added.json()['id']}")

    assert removed.status_code == 204
    assert not Contact.objects.filter(pk=added.json()["id"]).exists()


def test_a_refused_membership_leaves_no_new_organization_behind(api_for):
    response = api_for("alpha_admin").post(
        "/memberships",
        {
            "consortium": "alpha",
            "organization": {"name": "Half Written Ltd", "country": "NZ"},
            "status": "active",
        },
    )

    assert response.status_code == 400
    assert "main relationship and voting contacts" in response.json()["detail"]
    assert not Organization.objects.filter(name="Half Written Ltd").exists()


def test_either_organization_id_or_new_organization_fields_are_required(api_for):
    response = api_for("alpha_admin").post("/memberships", {"consortium": "alpha"})

    assert response.status_code == 400
    assert "organization_id" in response.json()["fields"]["organization"][0]


def test_bad_organization_fields_are_named(api_for):
    response = api_for("alpha_admin").post(
        "/memberships", {"consortium": "alpha", "organization": {"name": "Kiwi", "country": "New Zealand"}}
    )

    assert response.status_code == 400
    assert "two-letter ISO code" in response.json()["fields"]["country"][0]
