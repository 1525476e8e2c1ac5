"""A file sets only current statuses, following the membership lifecycle; an active member must end
up with a main relationship contact and a voting contact, from the file or the directory."""

import pytest

from consortia.directory.imports import apply_member_import, plan_member_import
from consortia.directory.models import Membership
from tests import factories
from tests.directory.import_files import rows_of


@pytest.mark.parametrize(
    ("given", "stored"),
    [("enquiry", "enquiry"), ("Applying", "applying"), ("ONBOARDING", "onboarding"), ("", "enquiry")],
)
def test_a_new_member_takes_the_status_given_by_value_or_label(world, given, stored):
    apply_member_import(
        world.alpha_admin,
        world.alpha,
        rows_of({"organization_name": "Tui Institute", "country": "NZ", "status": given}),
    )
    assert Membership.objects.get(organization__name="Tui Institute").status == stored


@pytest.mark.parametrize("status", ["lapsed", "Left"])
def test_an_ended_status_is_refused_with_the_way_to_end_a_membership(world, status):
    plan = plan_member_import(
        world.alpha_admin, world.alpha, rows_of({"organization_name": "Alpha University", "status": status})
    )
    [problem] = plan.errors
    assert (problem.line, problem.column) == (2, "status")
    assert "only set a current status (enquiry, applying, onboarding, active)" in problem.message
    assert "member's page" in problem.message


def test_an_existing_member_moves_forward_in_its_lifecycle(world):
    membership = factories.membership(
        world.alpha, factories.organization("Tui Institute", "NZ"), status="onboarding"
    )
    apply_member_import(
        world.alpha_admin, world.alpha, rows_of({"organization_name": "Tui Institute", "status": "active"})
    )
    membership.refresh_from_db()
    assert membership.status == "active"
    assert membership.joined_date is not None


def test_a_step_the_lifecycle_does_not_allow_is_refused(world):
    factories.membership(world.alpha, factories.organization("Tui Institute", "NZ"), status="enquiry")
    plan = plan_member_import(
        world.alpha_admin, world.alpha, rows_of({"organization_name": "Tui Institute", "status": "active"})
    )
    assert [(p.line, p.column) for p in plan.errors] == [(2, "status")]
    assert "cannot go from enquiry to active" in plan.errors[0].message


def test_an_active_member_keeps_the_lead_contacts_the_directory_has(world):
    plan = plan_member_import(
        world.alpha_admin, world.alpha, rows_of({"organization_name": "Alpha University", "status": "active"})
    )
    assert plan.errors == []


def test_a_new_active_member_without_a_voting_contact_is_refused(world):
    plan = plan_member_import(
        world.alpha_admin,
        world.alpha,
        rows_of(
            {
                "organization_name": "Kea Ltd",
                "country": "NZ",
                "status": "active",
                "contact_role": "main_relationship",
                "given_names": "Bo",
                "email": "bo@kea.example",
            }
        ),
    )
    [problem] = plan.errors
    assert (problem.line, problem.column) == (2, "contact_role")
    assert problem.message.endswith("gives it a voting contact.")


def test_a_members_rows_must_agree_on_its_details(world):
    plan = plan_member_import(
        world.alpha_admin,
        world.alpha,
        rows_of(
            {"organization_name": "Kea Ltd", "country": "NZ", "tier": "small"},
            {"organization_name": "Kea Ltd", "tier": "large"},
            {"organization_name": "Kea Ltd", "tier": ""},
        ),
    )
    assert [(p.line, p.column) for p in plan.errors] == [(3, "tier")]
    assert "differs from “small” on line 2" in plan.errors[0].message
