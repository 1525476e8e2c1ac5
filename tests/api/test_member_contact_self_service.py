"""A member contact keeps its own organization and contacts current, but not the membership itself."""

from consortia.audit.models import AuditEntry
from consortia.directory.models import MembershipRequest


def test_member_contact_cannot_change_membership_status(api_for, world):
    response = api_for("alpha_member").patch(
        f"/memberships/{world.alpha_membership.pk}", {"status": "lapsed"}
    )

    assert response.status_code == 403
    assert "consortium's team" in response.json()["detail"]
    world.alpha_membership.refresh_from_db()
    assert world.alpha_membership.status == "active"


def test_member_contact_cannot_end_its_membership(api_for, world):
    response = api_for("alpha_member").post(
        f"/memberships/{world.alpha_membership.pk}/end", {"reason": "Bye"}
    )

    assert response.status_code == 403


def test_member_contact_edits_its_own_organization_and_orcid_is_told(api_for, world):
    organization = world.alpha_membership.organization

    response = api_for("alpha_member").patch(
        f"/organizations/{organization.pk}", {"name": "Alpha University of Technology", "city": "Auckland"}
    )

    assert response.status_code == 200, response.json()
    assert (response.json()["name"], response.json()["city"]) == (
        "Alpha University of Technology",
        "Auckland",
    )
    entry = AuditEntry.objects.get(action="organization.updated")
    assert entry.needs_orcid_review and entry.membership_id == world.alpha_membership.pk


def test_member_contact_adds_and_corrects_its_own_contacts(api_for, world):
    client = api_for("alpha_member")
    membership = world.alpha_membership

    added = client.post(
        "/contacts",
        {
            "membership_id": membership.pk,
            "role": "technical",
            "person": {"given_names": "Tama", "email": "tama@alpha-university.example"},
        },
    )
    main = membership.contacts.get(role="main_relationship")
    corrected = client.patch(
        f"/contacts/{main.pk}",
        {
            "person": {
                "given_names": main.person.given_names,
                "family_name": "Corrected",
                "email": main.person.email,
            }
        },
    )
    moved = client.patch(f"/contacts/{added.json()['id']}", {"role": "product"})

    assert added.status_code == 201, added.json()
    assert corrected.status_code == 200, corrected.json()
    assert corrected.json()["person"]["family_name"] == "Corrected"
    assert moved.json()["role"] == "product"


def test_member_contact_corrects_a_person_of_its_organization(api_for, world):
    person = world.alpha_membership.contacts.get(role="voting").person

    response = api_for("alpha_member").patch(f"/people/{person.pk}", {"job_title": "Librarian"})

    assert response.status_code == 200, response.json()
    person.refresh_from_db()
    assert person.job_title == "Librarian"
    assert person.email  # a PATCH leaves the fields it does not name alone


def test_member_contact_cannot_add_organizations_or_decide_requests(api_for, world):
    request = MembershipRequest.objects.create(
        membership=world.alpha_membership, kind=MembershipRequest.Kind.ADD
    )
    client = api_for("alpha_member")

    created = client.post("/organizations", {"name": "Spin-off Ltd", "country": "NZ"})
    decided = client.post(f"/membership-requests/{request.pk}/decision", {"confirm": True})

    assert created.status_code == 403
    assert decided.status_code == 403


def test_member_contact_does_not_see_the_consortiums_notes(api_for, world):
    membership = world.alpha_membership
    membership.notes = "Slow to pay"
    membership.save(update_fields=["notes"])

    as_member = api_for("alpha_member").get(f"/memberships/{membership.pk}").json()
    as_staff = api_for("alpha_staff").get(f"/memberships/{membership.pk}").json()

    assert as_member["notes"] == ""
    assert as_staff["notes"] == "Slow to pay"
