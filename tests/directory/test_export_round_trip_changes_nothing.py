"""An export re-imports cleanly: exporting a consortium and importing the file back into it, as CSV
or as XLSX, finds no error and changes nothing."""

import io

import pytest

from consortia.audit.models import AuditEntry
from consortia.directory.exports import export_members
from consortia.directory.imports import apply_member_import, read_member_file
from consortia.directory.models import Contact, Membership, MembershipRequest, Organization, Person
from tests import factories

MODELS = (Organization, Membership, MembershipRequest, Person, Contact, AuditEntry)


def snapshot():
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in MODELS}


@pytest.fixture
def varied_members(world):
    """Members of every shape an export meets: no contacts, no ROR ID, awkward cells, shared people."""
    from datetime import date

    factories.membership(
        world.alpha,
        factories.organization("Tui Institute", "NZ", ror_id=None, city="Ōtautahi"),
        status="onboarding",
        with_lead_contacts=False,
        member_type="premium",
    )
    kea = factories.membership(
        world.alpha, factories.organization('Kea, "Ltd"', "NZ", tier="small"), joined_date=date(2023, 5, 1)
    )
    shared = factories.person("Sam", "Shared", email="sam@example.org", orcid_id="0000-0002-1825-0097")
    shared.phone = "+64 4 555"
    shared.save()
    Contact.objects.create(membership=kea, person=shared, role="technical")
    Contact.objects.create(membership=world.alpha_membership, person=shared, role="invoice")
    no_identity = Person.objects.create(given_names="Nia", family_name="Noemail")
    Contact.objects.create(membership=kea, person=no_identity, role="communications")
    factories.membership(
        world.alpha, factories.organization("Gone Ltd", "NZ"), status="left", with_lead_contacts=False
    )


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_export_imported_back_changes_nothing(world, varied_members, fmt):
    data = export_members(world.alpha_admin, world.alpha, fmt)
    rows = read_member_file(io.BytesIO(data), f"alpha.{fmt}")
    before = snapshot()

    plan = apply_member_import(world.alpha_admin, world.alpha, rows)

    assert plan.errors == [] and plan.warnings == []
    assert not plan.has_changes
    assert plan.counts["memberships"].unchanged == 3  # the member that left is not exported
    assert snapshot() == before


def test_csv_and_xlsx_exports_hold_the_same_rows(world, varied_members):
    as_csv = read_member_file(io.BytesIO(export_members(world.alpha_admin, world.alpha, "csv")), "a.csv")
    as_xlsx = read_member_file(io.BytesIO(export_members(world.alpha_admin, world.alpha, "xlsx")), "a.xlsx")
    assert [row.values for row in as_csv] == [row.values for row in as_xlsx]
    assert len(as_csv) == 3 + 4 + 1  # Alpha University: 3 contacts; Kea: 4; Tui: none, so one row


def test_an_export_imported_into_an_empty_consortium_recreates_its_members(world, varied_members):
    data = export_members(world.alpha_admin, world.alpha, "csv")
    gamma = factories.consortium("Gamma Consortium", "gamma", world.apac)
    plan = apply_member_import(world.orcid_admin, gamma, read_member_file(io.BytesIO(data), "alpha.csv"))
    assert plan.counts["memberships"].created == 3
    assert plan.counts["organizations"].created == 0
    assert sorted(gamma.memberships.values_list("organization__name", "status")) == [
        ("Alpha University", "active"),
        ('Kea, "Ltd"', "active"),
        ("Tui Institute", "onboarding"),
    ]
