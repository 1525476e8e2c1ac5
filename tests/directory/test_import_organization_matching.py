"""Organizations are matched on ROR ID, then on their exact name ignoring case; when a name alone
cannot say which organization is meant, the row asks for the ROR ID."""

from consortia.directory.imports import apply_member_import, plan_member_import
from consortia.directory.models import Organization
from tests import factories
from tests.directory.import_files import rows_of


def test_two_organizations_of_the_same_name_need_a_ror_id(world):
    factories.organization("Twin College", "NZ")
    factories.organization("Twin College", "AU")
    plan = plan_member_import(world.alpha_admin, world.alpha, rows_of({"organization_name": "twin college"}))
    assert [(p.line, p.column) for p in plan.errors] == [(2, "organization_name")]
    assert "2 organizations in the directory are named twin college" in plan.errors[0].message


def test_the_member_of_this_consortium_is_chosen_among_namesakes(world):
    factories.organization("Alpha University", "AU")
    plan = plan_member_import(
        world.alpha_admin, world.alpha, rows_of({"organization_name": "Alpha University"})
    )
    assert plan.errors == []
    assert plan.members[0].organization == world.alpha_membership.organization


def test_a_ror_id_in_the_file_is_added_to_a_member_known_by_name(world):
    organization = factories.organization("Tui Institute", "NZ", ror_id=None)
    factories.membership(world.alpha, organization)
    ror_id = factories.ror_id(8501)
    apply_member_import(
        world.alpha_admin, world.alpha, rows_of({"organization_name": "Tui Institute", "ror_id": ror_id})
    )
    organization.refresh_from_db()
    assert organization.ror_id == ror_id
    assert Organization.objects.filter(name="Tui Institute").count() == 1


def test_an_organization_no_consortium_lists_is_completed_as_it_joins(world):
    organization = factories.organization("Tui Institute", "NZ", ror_id=None)
    ror_id = factories.ror_id(8504)
    apply_member_import(
        world.alpha_admin, world.alpha, rows_of({"organization_name": "Tui Institute", "ror_id": ror_id})
    )
    organization.refresh_from_db()
    assert organization.ror_id == ror_id
    assert organization.memberships.get().consortium == world.alpha


def test_an_organization_another_tenant_lists_is_joined_but_never_edited(world):
    organization = factories.organization("Tui Institute", "NZ", ror_id=None)
    factories.membership(world.beta, organization, status="left", with_lead_contacts=False)
    rows = rows_of({"organization_name": "Tui Institute", "ror_id": factories.ror_id(8505)})
    for _ in range(2):
        plan = apply_member_import(world.alpha_admin, world.alpha, rows)
        assert [(w.line, w.column) for w in plan.warnings] == [(2, "ror_id")]
    organization.refresh_from_db()
    assert organization.ror_id is None
    assert organization.memberships.get(status="enquiry").consortium == world.alpha
    assert not plan.has_changes


def test_the_orcid_admin_may_edit_any_organization(world):
    beta_org = world.beta_membership.organization
    apply_member_import(
        world.orcid_admin,
        world.alpha,
        rows_of({"organization_name": beta_org.name, "ror_id": beta_org.ror_id, "city": "Köln"}),
    )
    beta_org.refresh_from_db()
    assert beta_org.city == "Köln"


def test_a_namesake_with_another_ror_id_is_another_organization(world):
    factories.organization("Tui Institute", "NZ")
    apply_member_import(
        world.alpha_admin,
        world.alpha,
        rows_of({"organization_name": "Tui Institute", "ror_id": factories.ror_id(8502), "country": "AU"}),
    )
    assert Organization.objects.filter(name="Tui Institute").count() == 2


def test_rows_without_ror_id_join_the_rows_of_that_name_with_one(world):
    ror_id = factories.ror_id(8503)
    plan = apply_member_import(
        world.alpha_admin,
        world.alpha,
        rows_of(
            {"organization_name": "Kea Ltd", "ror_id": ror_id, "country": "NZ"},
            {
                "organization_name": "Kea Ltd",
                "contact_role": "technical",
                "given_names": "Ann",
                "email": "ann@kea.example",
            },
        ),
    )
    assert plan.counts["organizations"].created == 1
    assert Organization.objects.get(ror_id=ror_id).memberships.get().contacts.count() == 1


def test_one_organization_under_two_names_is_an_error(world):
    university = world.alpha_membership.organization
    plan = plan_member_import(
        world.alpha_admin,
        world.alpha,
        rows_of(
            {"organization_name": "Alpha University"},
            {"organization_name": "Alpha Uni (renamed)", "ror_id": university.ror_id},
        ),
    )
    assert [(p.line, p.column) for p in plan.errors] == [(3, "organization_name")]
