"""``consortia demo`` seeds three realistic consortia, one user of each role, and can run twice."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction
from django.db.models import Count, Q
from django.test import Client, override_settings
from django.utils import timezone

from consortia.accounts.models import Role, User
from consortia.audit.models import AuditEntry
from consortia.directory import demo, queries
from consortia.directory.models import (
    Consortium,
    Contact,
    Membership,
    MembershipRequest,
    Organization,
    Person,
    Region,
)
from consortia.lib.orcid_id import is_valid_orcid_id
from consortia.lib.ror_id import is_valid_ror_id
from consortia.support.models import Calendar, Desk

FAST_HASHER = "django.contrib.auth.hashers.MD5PasswordHasher"
# Every table the demo writes to, in an order they can be emptied in.
DEMO_MODELS = (
    Desk,  # each demo consortium's and region's support desk (support's signals); before their owners
    Calendar,
    AuditEntry,
    MembershipRequest,
    Contact,
    User,
    Membership,
    Consortium,
    Person,
    Organization,
    Region,
)


def _counts() -> dict:
    return {model.__name__: model.objects.count() for model in DEMO_MODELS}


@pytest.fixture(scope="class")
def seeded(django_db_setup, django_db_blocker):
    """Seeding takes a second or two, so the tests that only read the demo share one seeding."""
    # The same hasher tests/conftest.py sets for each test, so the tests can check the passwords.
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=[FAST_HASHER]):
        before = {model: set(model.objects.values_list("pk", flat=True)) for model in DEMO_MODELS}
        sign_ins = demo.seed_demo()
    yield sign_ins
    with django_db_blocker.unblock(), transaction.atomic():
        for model in DEMO_MODELS:
            model.objects.exclude(pk__in=before[model]).delete()


@pytest.fixture
def sign_ins(seeded, db):
    return seeded


class TestTheSeededDemo:
    def test_demo_seeds_three_consortia_in_different_countries_currencies_and_time_zones(self, sign_ins):
        consortia = {c.slug: c for c in Consortium.objects.select_related("region", "lead_organization")}

        assert set(consortia) == set(demo.DEMO_CONSORTIUM_SLUGS)
        assert len({c.country for c in consortia.values()}) == 3
        assert len({c.currency for c in consortia.values()}) == 3
        assert len({c.time_zone for c in consortia.values()}) == 3
        assert len({c.region_id for c in consortia.values()}) == 3
        for consortium in consortia.values():
            ZoneInfo(consortium.time_zone)
            assert consortium.main_contact is not None
            assert consortium.lead_organization.country == consortium.country

    def test_national_consortium_has_about_forty_members_including_some_that_lapsed_or_left(self, sign_ins):
        national = Consortium.objects.get(slug=demo.NATIONAL_SLUG)
        statuses = list(national.memberships.values_list("status", flat=True))

        assert 35 <= len(statuses) <= 45
        assert statuses.count(Membership.Status.ACTIVE) >= 30
        assert Membership.Status.LAPSED in statuses
        assert Membership.Status.LEFT in statuses
        assert national.status == Consortium.Status.ACTIVE

    def test_regional_consortium_has_about_twelve_members_across_several_countries(self, sign_ins):
        regional = Consortium.objects.get(slug=demo.REGIONAL_SLUG)
        memberships = regional.memberships.select_related("organization")

        assert 10 <= memberships.filter(status=Membership.Status.ACTIVE).count() <= 14
        assert len({m.organization.country for m in memberships}) >= 4

    def test_onboarding_consortium_has_a_recent_agreement_and_few_members_still_joining(self, sign_ins):
        onboarding = Consortium.objects.get(slug=demo.ONBOARDING_SLUG)
        statuses = set(onboarding.memberships.values_list("status", flat=True))

        assert onboarding.status == Consortium.Status.ONBOARDING
        assert onboarding.agreement_date >= timezone.localdate() - timedelta(days=180)
        assert 2 <= onboarding.memberships.count() <= 8
        assert statuses <= {
            Membership.Status.ENQUIRY,
            Membership.Status.APPLYING,
            Membership.Status.ONBOARDING,
        }

    def test_demo_mixes_tiers_community_types_member_types_and_organization_types(self, sign_ins):
        organizations = Organization.objects.all()

        assert set(organizations.values_list("tier", flat=True)) == set(Organization.Tier.values)
        assert len(set(organizations.values_list("community_type", flat=True))) >= 5
        assert len(set(organizations.values_list("organization_type", flat=True))) >= 5
        assert set(Membership.objects.values_list("member_type", flat=True)) == set(
            Membership.MemberType.values
        )

    def test_every_active_membership_has_exactly_one_main_relationship_and_one_voting_contact(self, sign_ins):
        active = Membership.objects.filter(status=Membership.Status.ACTIVE).annotate(
            main=Count("contacts", filter=Q(contacts__role=Contact.Role.MAIN_RELATIONSHIP)),
            voting=Count("contacts", filter=Q(contacts__role=Contact.Role.VOTING)),
        )

        assert active.count() > 45
        assert [(m.organization_id, m.main, m.voting) for m in active if (m.main, m.voting) != (1, 1)] == []
        roles = set(Contact.objects.filter(membership__in=active).values_list("role", flat=True))
        assert {Contact.Role.AGREEMENT_SIGNATORY, Contact.Role.TECHNICAL, Contact.Role.INVOICE} <= roles

    def test_every_orcid_id_and_ror_id_in_the_demo_is_valid(self, sign_ins):
        orcid_ids = list(Person.objects.exclude(orcid_id=None).values_list("orcid_id", flat=True))
        ror_ids = list(Organization.objects.exclude(ror_id=None).values_list("ror_id", flat=True))

        assert len(orcid_ids) > 50
        assert len(ror_ids) > 50
        assert [i for i in orcid_ids if not is_valid_orcid_id(i)] == []
        assert [i for i in ror_ids if not is_valid_ror_id(i)] == []

    def test_some_lead_contacts_lack_a_verified_orcid_id_and_most_have_one(self, sign_ins):
        admin = User.objects.get(email=demo.ORCID_ADMIN_EMAIL)
        national = Consortium.objects.get(slug=demo.NATIONAL_SLUG)
        lead_contacts = Contact.objects.filter(
            membership__consortium=national,
            membership__status__in=Membership.CURRENT_STATUSES,
            role__in=("main_relationship", "voting"),
        )
        missing = queries.lead_contacts_without_verified_orcid(admin, national)

        assert missing.filter(person__orcid_id=None).exists()
        assert missing.exclude(person__orcid_id=None).exists()
        assert 0 < missing.count() < lead_contacts.count() / 2

    def test_orcid_has_pending_requests_and_self_service_changes_to_review(self, sign_ins):
        admin = User.objects.get(email=demo.ORCID_ADMIN_EMAIL)
        pending = queries.pending_requests(admin)
        changes = queries.changes_for_orcid(admin)

        assert pending.filter(kind=MembershipRequest.Kind.ADD).exists()
        assert pending.filter(kind=MembershipRequest.Kind.REMOVE).exists()
        assert 2 <= pending.count() <= 10
        assert 2 <= changes.count() <= 6
        assert all(entry.actor.role == Role.MEMBER_CONTACT for entry in changes)
        assert AuditEntry.objects.filter(needs_orcid_review=True).exclude(reviewed_at=None).exists()

    def test_every_membership_has_a_history_written_by_the_services(self, sign_ins):
        without_history = Membership.objects.exclude(
            pk__in=AuditEntry.objects.filter(action="membership.added").values("membership_id")
        )

        assert without_history.count() == 0
        # Only the checklists started automatically for a new consortium or member have no actor.
        assert not AuditEntry.objects.filter(actor=None).exclude(action="checklist.started").exists()

    def test_seeding_twice_changes_nothing_and_returns_the_same_sign_ins(self, sign_ins):
        before = _counts()

        again = demo.seed_demo()

        assert again == sign_ins
        assert _counts() == before

    @pytest.mark.parametrize("role", [r.label for r in Role])
    def test_every_demo_user_can_sign_in_with_the_printed_password(self, sign_ins, role):
        (sign_in,) = [s for s in sign_ins if s.role == role]

        assert Client().login(email=sign_in.email, password=sign_in.password)
        assert User.objects.get(email=sign_in.email).get_role_display() == role

    def test_demo_users_are_scoped_to_the_national_consortium_and_its_region(self, sign_ins):
        national = Consortium.objects.get(slug=demo.NATIONAL_SLUG)
        users = {u.email: u for u in User.objects.select_related("organization", "person")}

        assert users[demo.ORCID_ADMIN_EMAIL].is_superuser and users[demo.ORCID_ADMIN_EMAIL].is_staff
        assert users[demo.REGIONAL_STAFF_EMAIL].region_id == national.region_id
        assert users[demo.CONSORTIUM_ADMIN_EMAIL].consortium_id == national.pk
        assert users[demo.CONSORTIUM_STAFF_EMAIL].consortium_id == national.pk
        member = users[demo.MEMBER_CONTACT_EMAIL]
        assert national.memberships.filter(
            organization=member.organization, status=Membership.Status.ACTIVE
        ).exists()
        assert member.person.contacts.filter(membership__organization=member.organization).exists()


def test_seeding_into_a_database_with_demo_users_but_no_demo_consortia_is_refused(db):
    User.objects.create_user(email=demo.MEMBER_CONTACT_EMAIL, password="x", role=Role.ORCID_ADMIN)

    with pytest.raises(demo.DemoDataConflict, match="member@demo.example"):
        demo.seed_demo()

    assert not Consortium.objects.exists()


def test_a_failure_part_way_leaves_nothing_behind(db, monkeypatch):
    def fail(builder):
        raise RuntimeError("disk full")

    monkeypatch.setattr(demo._DemoBuilder, "self_service", fail)

    with pytest.raises(RuntimeError):
        demo.seed_demo()

    assert _counts() == dict.fromkeys(_counts(), 0)
