"""The CSV import of integrations checks every row before writing, lists every bad row with its
line and reason, and saves all the rows (each through the service, starting planned) or none."""

import io

import pytest
from django.core.exceptions import PermissionDenied

from consortia.integrations import imports, services
from consortia.integrations.models import Integration, StageChange
from tests import factories

HEADER = (
    "organization,name,system_type,platform,api,environment,technical_contact_email,"
    "target_sandbox_on,target_live_on,notes\n"
)


@pytest.fixture
def catalogue(world):
    return services.save_platform(world.orcid_admin, name="Pure", system_type="cris")


def csv_file(*lines: str) -> io.BytesIO:
    return io.BytesIO((HEADER + "\n".join(lines) + "\n").encode())


def contact_email(membership) -> str:
    return membership.contacts.select_related("person").first().person.email


def test_a_good_file_is_saved_in_full_through_the_service(world, catalogue):
    alpha = world.alpha_membership
    kiwi = factories.membership(world.alpha, factories.organization("Kiwi Institute", "NZ"))
    upload = csv_file(
        f"Alpha University,Research portal,cris,pure,member,Vendor hosted,{contact_email(alpha)},"
        "2026-02-01,2026-08-01,Phase one",
        f"{kiwi.organization.ror_id},Repository,Repository,,Public API,,,,,",
    )

    result = imports.import_integrations(world.alpha_staff, world.alpha, upload, apply=True)

    assert result.errors == [] and result.applied
    portal = Integration.objects.get(name="Research portal")
    assert portal.membership == alpha and portal.platform == catalogue and portal.stage == "planned"
    assert portal.technical_contact.email == contact_email(alpha)
    assert str(portal.target_live_on) == "2026-08-01" and portal.notes == "Phase one"
    repository = Integration.objects.get(name="Repository")
    assert (
        repository.membership == kiwi
        and repository.api == "public"
        and repository.system_type == "repository"
    )
    assert StageChange.objects.filter(to_stage="planned").count() == 2


def test_every_bad_row_is_listed_by_line_and_nothing_is_saved(world, catalogue):
    upload = csv_file(
        "Alpha University,Good one,cris,,,,,,,",  # line 2: fine
        "Nowhere College,Portal,cris,,,,,,,",  # 3: not a member
        "Beta Institut,Portal,cris,,,,,,,",  # 4: another consortium's member
        "Alpha University,,toaster,Unknown platform,private,,nobody@example.org,soon,2026-01-01,",  # 5
        "Alpha University,Good one,cris,,,,,,,",  # 6: repeats line 2
        "Alpha University,Dates,cris,,,,,2026-05-01,2026-01-01,",  # 7: live before sandbox
    )

    result = imports.import_integrations(world.alpha_admin, world.alpha, upload, apply=True)

    assert not result.applied
    assert Integration.objects.count() == 0
    by_line = {}
    for problem in result.errors:
        by_line.setdefault(problem.line, set()).add(problem.column)
    assert by_line == {
        3: {"organization"},
        4: {"organization"},
        5: {"name", "system_type", "platform", "api", "technical_contact_email", "target_sandbox_on"},
        6: {"name"},
        7: {"target_live_on"},
    }
    assert "line 3: organization" in str(result.errors[0])


def test_a_dry_run_checks_without_saving(world, catalogue):
    result = imports.import_integrations(
        world.alpha_admin, world.alpha, csv_file("Alpha University,Portal,cris,Pure,,,,,,")
    )

    assert result.errors == [] and not result.applied
    assert [(row.line, row.name) for row in result.rows] == [(2, "Portal")]
    assert Integration.objects.count() == 0


def test_an_existing_integration_of_the_same_name_is_refused(world, catalogue):
    services.save_integration(world.alpha_admin, world.alpha_membership, name="Portal", system_type="cris")

    result = imports.import_integrations(
        world.alpha_admin, world.alpha, csv_file("Alpha University,portal,cris,,,,,,,"), apply=True
    )

    assert [(p.line, p.column) for p in result.errors] == [(2, "name")]
    assert Integration.objects.count() == 1


def test_an_unreadable_file_is_one_error_without_a_line(world):
    result = imports.import_integrations(
        world.alpha_admin, world.alpha, io.BytesIO(b"organization,name,client_secret\nA,B,C\n")
    )

    assert [(p.line, p.column) for p in result.errors] == [(None, "")]
    assert "client_secret" in result.errors[0].message


@pytest.mark.parametrize("name", ["alpha_member", "beta_admin"])
def test_only_the_consortiums_team_and_orcid_import(world, name):
    with pytest.raises(PermissionDenied):
        imports.import_integrations(
            getattr(world, name), world.alpha, csv_file("Alpha University,P,cris,,,,,,,")
        )
