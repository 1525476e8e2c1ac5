"""Importing the same file again changes nothing: no new rows, no audit entries, all "unchanged"."""

import pytest

from consortia.audit.models import AuditEntry
from consortia.directory.imports import apply_member_import
from consortia.directory.models import Contact, Membership, MembershipRequest, Organization, Person
from tests import factories
from tests.directory.import_files import rows_of

MODELS = (Organization, Membership, MembershipRequest, Person, Contact, AuditEntry)


@pytest.fixture
def file_rows(world):
    return rows_of(
        {
            "organization_name": "Kiwi University",
            "ror_id": factories.ror_id(8301),
            "country": "NZ",
            "status": "active",
            "tier": "Large (over 1B USD)",
            "contact_role": "voting",
            "given_names": "Ann",
            "email": "ann@kiwi.example",
            "orcid_id": "0000-0002-1825-0097",
        },
        {
            "organization_name": "Kiwi University",
            "contact_role": "main_relationship",
            "given_names": "Bo",
            "email": "bo@kiwi.example",
        },
        # a contact with neither e-mail nor ORCID iD: matched on name and role the second time
        {
            "organization_name": "Kiwi University",
            "contact_role": "communications",
            "given_names": "Cy",
            "family_name": "Nomail",
        },
        {"organization_name": "Tui Institute", "country": "NZ", "status": "onboarding"},
        {
            "organization_name": "Alpha University",
            "city": "Wellington",
            "contact_role": "technical",
            "given_names": "Ann",
            "email": "ann@kiwi.example",
        },
    )


def test_importing_the_same_file_twice_changes_nothing_the_second_time(world, file_rows):
    first = apply_member_import(world.alpha_admin, world.alpha, file_rows)
    assert first.has_changes
    after_first = {model.__name__: list(model.objects.order_by("pk").values()) for model in MODELS}

    second = apply_member_import(world.alpha_admin, world.alpha, file_rows)

    assert not second.has_changes
    assert second.counts_as_dict() == {
        "organizations": {"created": 0, "updated": 0, "unchanged": 3},
        "memberships": {"created": 0, "updated": 0, "unchanged": 3},
        "people": {"created": 0, "updated": 0, "unchanged": 3},
        "contacts": {"created": 0, "updated": 0, "unchanged": 4},
    }
    assert {model.__name__: list(model.objects.order_by("pk").values()) for model in MODELS} == after_first
