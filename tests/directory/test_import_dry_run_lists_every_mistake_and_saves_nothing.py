"""A dry run checks every row before anything is saved: each mistake is listed with its line and
column, and the directory is left exactly as it was."""

import pytest

from consortia.accounts.models import ApiToken, User
from consortia.audit.models import AuditEntry
from consortia.directory.imports import apply_member_import, plan_member_import
from consortia.directory.models import (
    Consortium,
    Contact,
    Membership,
    MembershipRequest,
    Organization,
    Person,
    Region,
)
from tests import factories
from tests.directory.import_files import rows_of

MODELS = (
    Region,
    Consortium,
    Organization,
    Membership,
    MembershipRequest,
    Person,
    Contact,
    AuditEntry,
    User,
    ApiToken,
)


def row_counts():
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.fixture
def mistakes(world):
    factories.person("Xena", "Existing", email="xena@example.org")
    factories.person("Yuri", "Existing", email="yuri@example.org", orcid_id="0000-0002-1825-0097")
    nz = {"country": "NZ"}
    return rows_of(
        # line 2, 3: a correct member, so the mistakes are not all there is
        {
            "organization_name": "Kiwi University",
            "ror_id": factories.ror_id(7001),
            **nz,
            "status": "active",
            "contact_role": "voting",
            "given_names": "Ann",
            "email": "ann@kiwi.example",
        },
        {
            "organization_name": "Kiwi University",
            "contact_role": "Main relationship contact",
            "given_names": "Bo",
            "email": "bo@kiwi.example",
        },
        {"organization_name": "Bad ROR Org", "ror_id": "0abc", **nz},  # 4
        {
            "organization_name": "Orcid Org",
            **nz,
            "contact_role": "technical",
            "given_names": "Cy",
            "orcid_id": "0000-0002-1825-0098",
        },  # 5: check digit wrong
        {
            "organization_name": "Role Org",
            **nz,
            "contact_role": "chair",
            "given_names": "Di",
            "email": "di@role.example",
        },  # 6
        {"organization_name": "Tier Org", **nz, "tier": "huge"},  # 7
        {"organization_name": "Lapsed Org", **nz, "status": "lapsed"},  # 8
        {"organization_name": "Date Org", **nz, "joined_date": "31/03/2024"},  # 9
        {"organization_name": "Country Org", "country": "New Zealand"},  # 10
        {"country": "NZ", "city": "Nameless"},  # 11
        {
            "organization_name": "Twin Votes Ltd",
            **nz,
            "contact_role": "voting",
            "given_names": "Ed",
            "email": "ed@twin.example",
        },  # 12
        {
            "organization_name": "Twin Votes Ltd",
            "contact_role": "Voting contact",
            "given_names": "Fay",
            "email": "fay@twin.example",
        },  # 13: a second voting contact
        {"organization_name": "Lonely Active", **nz, "status": "active"},  # 14: no lead contacts
        {
            "organization_name": "Conflict Org",
            **nz,
            "contact_role": "technical",
            "given_names": "Xena",
            "email": "xena@example.org",
            "orcid_id": "0000-0002-1825-0097",
        },  # 15: Xena's e-mail, Yuri's iD
        {"organization_name": "No Country Org"},  # 16: new, and no country
        {
            "organization_name": "Roleless Org",
            **nz,
            "given_names": "Gus",
            "email": "gus@roleless.example",
        },  # 17
        {
            "organization_name": "Bad Mail Org",
            **nz,
            "contact_role": "invoice",
            "given_names": "Hal",
            "email": "hal at example",
        },  # 18
        {"organization_name": "Alpha University", "status": "enquiry"},  # 19: active cannot go back
    )


def test_every_mistake_is_listed_with_its_line_and_column(world, mistakes):
    plan = plan_member_import(world.alpha_admin, world.alpha, mistakes)
    found = [(problem.line, problem.column) for problem in plan.errors]
    assert found == [
        (4, "ror_id"),
        (5, "orcid_id"),
        (6, "contact_role"),
        (7, "tier"),
        (8, "status"),
        (9, "joined_date"),
        (10, "country"),
        (11, "organization_name"),
        (13, "contact_role"),
        (14, "contact_role"),
        (15, "orcid_id"),
        (16, "country"),
        (17, "contact_role"),
        (18, "email"),
        (19, "status"),
    ]
    messages = {(problem.line, problem.column): problem.message for problem in plan.errors}
    assert "check character" in messages[5, "orcid_id"]
    assert "“chair” is not a contact role" in messages[6, "contact_role"]
    assert "“huge” is not a tier" in messages[7, "tier"]
    assert "only set a current status" in messages[8, "status"]
    assert "YYYY-MM-DD" in messages[9, "joined_date"]
    assert "two-letter" in messages[10, "country"]
    assert "line 12 already names Ed" in messages[13, "contact_role"]
    assert "no main relationship" not in messages[14, "contact_role"]
    assert "main relationship contact or a voting contact" in messages[14, "contact_role"]
    assert "two different people" in messages[15, "orcid_id"]
    assert "new organization" in messages[16, "country"]
    assert "cannot go from active to enquiry" in messages[19, "status"]


def test_a_dry_run_saves_nothing_at_all(world, mistakes):
    before = row_counts()
    plan_member_import(world.alpha_admin, world.alpha, mistakes)
    assert row_counts() == before


def test_applying_a_file_with_mistakes_is_refused_and_saves_nothing(world, mistakes):
    from consortia.directory.imports import MemberImportRefused

    before = row_counts()
    with pytest.raises(MemberImportRefused, match="15 errors; nothing was imported") as refused:
        apply_member_import(world.alpha_admin, world.alpha, mistakes)
    assert len(refused.value.plan.errors) == 15
    assert row_counts() == before


def test_a_correct_file_reports_what_would_change_without_saving_it(world):
    rows = rows_of(
        {
            "organization_name": "Kiwi University",
            "country": "NZ",
            "status": "active",
            "contact_role": "voting",
            "given_names": "Ann",
            "email": "ann@kiwi.example",
        },
        {
            "organization_name": "Kiwi University",
            "contact_role": "main_relationship",
            "given_names": "Bo",
            "email": "bo@kiwi.example",
        },
        {"organization_name": "Alpha University", "city": "Wellington"},
    )
    before = row_counts()
    plan = plan_member_import(world.alpha_admin, world.alpha, rows)
    assert plan.errors == []
    assert plan.counts_as_dict() == {
        "organizations": {"created": 1, "updated": 1, "unchanged": 0},
        "memberships": {"created": 1, "updated": 0, "unchanged": 1},
        "people": {"created": 2, "updated": 0, "unchanged": 0},
        "contacts": {"created": 2, "updated": 0, "unchanged": 0},
    }
    assert row_counts() == before


def test_a_value_too_long_for_the_directory_is_caught_in_the_dry_run(world):
    rows = rows_of(
        {
            "organization_name": "Alpha University",
            "city": "Long" * 40,
            "contact_role": "technical",
            "given_names": "Ann",
            "email": "ann@example.org",
            "phone": "0" * 41,
        }
    )
    plan = plan_member_import(world.alpha_admin, world.alpha, rows)
    assert [(p.line, p.column, p.message) for p in plan.errors] == [
        (2, "city", "This is 160 characters long; the most is 120."),
        (2, "phone", "This is 41 characters long; the most is 40."),
    ]
