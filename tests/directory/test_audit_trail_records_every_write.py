"""Every write through a service records who, when and what changed."""

from consortia.audit.models import AuditEntry
from consortia.directory import services
from consortia.directory.services import PersonDetails


def test_organization_update_records_actor_and_changed_fields(world):
    org = world.alpha_membership.organization
    services.update_organization(world.alpha_staff, org, membership=world.alpha_membership, city="Dunedin")
    entry = AuditEntry.objects.get(action="organization.updated")
    assert entry.actor == world.alpha_staff
    assert entry.changes == {"city": ["", "Dunedin"]}
    assert entry.membership == world.alpha_membership and entry.consortium == world.alpha


def test_saving_without_changes_records_nothing(world):
    org = world.alpha_membership.organization
    services.update_organization(world.alpha_staff, org, membership=world.alpha_membership, name=org.name)
    assert not AuditEntry.objects.filter(action="organization.updated").exists()


def test_contact_changes_appear_in_the_membership_history(world):
    services.add_contact(
        world.alpha_admin,
        world.alpha_membership,
        PersonDetails(given_names="Tia", email="tia@example.org"),
        "technical",
    )
    history = list(AuditEntry.objects.filter(membership=world.alpha_membership))
    assert any("Added Tia as technical contact" in entry.summary for entry in history)


def test_self_service_changes_orcid_keeps_are_flagged_for_review(world):
    org = world.alpha_membership.organization
    services.update_organization(
        world.alpha_member, org, membership=world.alpha_membership, name="Alpha Uni (renamed)"
    )
    services.update_organization(world.alpha_member, org, membership=world.alpha_membership, city="Nelson")
    renamed, moved = AuditEntry.objects.filter(action="organization.updated").order_by("at", "id")
    assert renamed.needs_orcid_review is True
    assert moved.needs_orcid_review is False


def test_the_consortium_team_changing_the_voting_contact_is_not_flagged(world):
    voting = world.alpha_membership.contacts.get(role="voting")
    services.change_contact(
        world.alpha_admin, voting, details=PersonDetails(given_names="New", email="new@example.org")
    )
    assert not AuditEntry.objects.filter(needs_orcid_review=True).exists()


def test_a_member_changing_its_voting_contact_is_flagged_until_orcid_acknowledges(world):
    voting = world.alpha_membership.contacts.get(role="voting")
    services.change_contact(
        world.alpha_member, voting, details=PersonDetails(given_names="New", email="new@example.org")
    )
    entry = AuditEntry.objects.get(needs_orcid_review=True)
    services.acknowledge_change(world.regional, entry)
    entry.refresh_from_db()
    assert entry.reviewed_by == world.regional and entry.reviewed_at is not None
