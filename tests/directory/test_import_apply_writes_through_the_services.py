"""Applying an import creates and updates organizations, memberships, people and contacts through
the directory's services: each write leaves its audit entry, a new member is an ORCID request, and
an active member gets its lead contacts before it becomes active."""

from consortia.audit.models import AuditEntry
from consortia.directory.imports import apply_member_import
from consortia.directory.models import Contact, Membership, MembershipRequest, Organization, Person
from tests import factories
from tests.directory.import_files import rows_of


def test_a_new_active_member_is_added_with_its_contacts_then_made_active(world):
    ror_id = factories.ror_id(8101)
    rows = rows_of(
        {
            "organization_name": "Kiwi University",
            "ror_id": f"https://ror.org/{ror_id}",
            "country": "nz",
            "city": "Hamilton",
            "organization_type": "Education",
            "tier": "Small",
            "community_type": "Research institute",
            "member_type": "Premium",
            "status": "Active",
            "joined_date": "2024-03-31",
            "contact_role": "Voting contact",
            "given_names": "Ann",
            "family_name": "Ngata",
            "email": "Ann@Kiwi.example",
            "orcid_id": "https://orcid.org/0000-0002-1825-0097",
            "phone": "+64 7 123",
            "job_title": "Librarian",
        },
        {
            "organization_name": "Kiwi University",
            "contact_role": "main relationship",
            "given_names": "Bo",
            "email": "bo@kiwi.example",
        },
        {
            "organization_name": "Kiwi University",
            "contact_role": "technical",
            "given_names": "Ann",
            "email": "ann@kiwi.example",
        },
    )
    plan = apply_member_import(world.alpha_admin, world.alpha, rows)

    assert plan.applied
    organization = Organization.objects.get(ror_id=ror_id)
    assert (organization.name, organization.country, organization.city, organization.tier) == (
        "Kiwi University",
        "NZ",
        "Hamilton",
        "small",
    )
    membership = Membership.objects.get(consortium=world.alpha, organization=organization)
    assert (membership.status, membership.member_type, str(membership.joined_date)) == (
        "active",
        "premium",
        "2024-03-31",
    )
    assert sorted(membership.contacts.values_list("role", "person__email")) == [
        ("main_relationship", "bo@kiwi.example"),
        ("technical", "ann@kiwi.example"),
        ("voting", "ann@kiwi.example"),
    ]
    ann = Person.objects.get(email="ann@kiwi.example")
    assert (ann.orcid_id, ann.phone, ann.job_title) == ("0000-0002-1825-0097", "+64 7 123", "Librarian")
    assert MembershipRequest.objects.filter(membership=membership, kind="add", status="pending").exists()
    actions = list(
        AuditEntry.objects.filter(actor=world.alpha_admin).order_by("id").values_list("action", flat=True)
    )
    assert actions == [
        "organization.created",
        "membership.added",
        "person.created",
        "contact.added",
        "person.created",
        "contact.added",
        "contact.added",
        "membership.updated",
    ]


def test_an_existing_member_is_matched_on_its_name_and_updated(world):
    rows = rows_of({"organization_name": "ALPHA UNIVERSITY", "city": "Wellington", "member_type": "premium"})
    plan = apply_member_import(world.alpha_admin, world.alpha, rows)
    assert plan.counts["organizations"].updated == 1
    assert Organization.objects.filter(name__iexact="alpha university").count() == 1
    world.alpha_membership.refresh_from_db()
    world.alpha_membership.organization.refresh_from_db()
    assert world.alpha_membership.organization.city == "Wellington"
    assert world.alpha_membership.organization.name == "ALPHA UNIVERSITY"
    assert world.alpha_membership.member_type == "premium"
    assert Membership.objects.filter(organization=world.alpha_membership.organization).count() == 1


def test_an_organization_known_by_ror_id_joins_without_a_second_record(world):
    known = factories.organization("Known Institute", "AU")
    rows = rows_of({"organization_name": "Known Institute", "ror_id": known.ror_id, "status": "onboarding"})
    apply_member_import(world.alpha_admin, world.alpha, rows)
    assert Organization.objects.filter(ror_id=known.ror_id).count() == 1
    assert Membership.objects.get(organization=known, consortium=world.alpha).status == "onboarding"


def test_an_organization_of_another_consortium_is_joined_but_its_record_is_kept(world):
    beta_org = world.beta_membership.organization
    rows = rows_of({"organization_name": beta_org.name, "ror_id": beta_org.ror_id, "city": "Köln"})
    plan = apply_member_import(world.alpha_admin, world.alpha, rows)
    beta_org.refresh_from_db()
    assert beta_org.city == ""
    assert [(w.line, w.column) for w in plan.warnings] == [(2, "city")]
    assert Membership.objects.filter(organization=beta_org, consortium=world.alpha, status="enquiry").exists()


def test_an_existing_voting_contact_is_replaced_not_doubled(world):
    old_voter = world.alpha_membership.contacts.get(role="voting").person
    rows = rows_of(
        {
            "organization_name": "Alpha University",
            "contact_role": "voting",
            "given_names": "Nova",
            "email": "nova@alpha-university.example",
        }
    )
    plan = apply_member_import(world.alpha_admin, world.alpha, rows)
    assert plan.counts["contacts"].updated == 1
    voting = world.alpha_membership.contacts.filter(role="voting")
    assert [c.person.email for c in voting] == ["nova@alpha-university.example"]
    old_voter.refresh_from_db()
    assert old_voter.email.startswith("person")  # the former voter's own record is untouched
    assert AuditEntry.objects.filter(action="contact.changed").count() == 1


def test_a_known_person_is_completed_but_never_overwritten(world):
    person = factories.person("Pat", "Recorded", email="pat@example.org")
    rows = rows_of(
        {
            "organization_name": "Alpha University",
            "contact_role": "technical",
            "given_names": "Patricia",
            "family_name": "Other",
            "email": "pat@example.org",
            "orcid_id": "0000-0002-1825-0097",
            "job_title": "Developer",
        }
    )
    plan = apply_member_import(world.alpha_admin, world.alpha, rows)
    person.refresh_from_db()
    assert (person.given_names, person.family_name) == ("Pat", "Recorded")
    assert (person.orcid_id, person.job_title) == ("0000-0002-1825-0097", "Developer")
    assert plan.counts["people"].updated == 1
    assert {w.column for w in plan.warnings} == {"given_names", "family_name"}
    assert Contact.objects.filter(person=person, role="technical", membership=world.alpha_membership).exists()
    assert Person.objects.filter(email="pat@example.org").count() == 1


def test_a_person_known_by_orcid_id_is_the_same_person(world):
    person = factories.person("Ora", "Cid", email=None, orcid_id="0000-0002-1825-0097")
    person.email = None
    person.save(update_fields=["email"])
    rows = rows_of(
        {
            "organization_name": "Alpha University",
            "contact_role": "product",
            "given_names": "Ora",
            "orcid_id": "0000-0002-1825-0097",
            "email": "ora@example.org",
        }
    )
    apply_member_import(world.alpha_admin, world.alpha, rows)
    person.refresh_from_db()
    assert person.email == "ora@example.org"
    assert Person.objects.filter(orcid_id="0000-0002-1825-0097").count() == 1


def test_an_orcid_id_that_differs_from_the_recorded_one_is_an_error(world):
    factories.person("Pat", "Recorded", email="pat@example.org", orcid_id="0000-0002-1825-0097")
    rows = rows_of(
        {
            "organization_name": "Alpha University",
            "contact_role": "technical",
            "given_names": "Pat",
            "email": "pat@example.org",
            "orcid_id": "0000-0001-5109-3700",
        }
    )
    from consortia.directory.imports import plan_member_import

    plan = plan_member_import(world.alpha_admin, world.alpha, rows)
    assert [(p.line, p.column) for p in plan.errors] == [(2, "orcid_id")]
    assert "whose ORCID iD is 0000-0002-1825-0097" in plan.errors[0].message
