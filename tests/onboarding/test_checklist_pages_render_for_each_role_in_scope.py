"""Every role sees the checklists of its scope: staff roles the consortium checklist, the
consortium's team and ORCID the member checklists, a member contact only its own."""

from datetime import date

import pytest
from django.urls import reverse

from consortia.directory.consortium_services import update_consortium
from consortia.onboarding import services
from consortia.onboarding.models import Checklist, ChecklistKind


def start_member_checklist(membership):
    template = services.default_template(ChecklistKind.MEMBERSHIP)
    return services.start_checklist(None, template, membership=membership)


@pytest.mark.parametrize("name", ["orcid_admin", "regional", "alpha_admin", "alpha_staff"])
def test_staff_roles_in_scope_see_the_consortium_checklist(world, client_for, name):
    response = client_for(name).get(reverse("onboarding:consortium_checklist", args=["alpha"]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Before the agreement" in page and "Fees" in page and "Within three months" in page
    assert "Launch event" in page and "Answer consortium questions" in page
    assert "done" in page and "overdue" in page


def test_a_member_contact_does_not_see_its_consortium_checklist(world, client_for):
    response = client_for("alpha_member").get(reverse("onboarding:consortium_checklist", args=["alpha"]))
    assert response.status_code == 404
    checklist = Checklist.objects.get(consortium=world.alpha, kind=ChecklistKind.CONSORTIUM)
    assert (
        client_for("alpha_member")
        .get(reverse("onboarding:checklist_detail", args=[checklist.pk]))
        .status_code
        == 404
    )


@pytest.mark.parametrize("name", ["orcid_admin", "regional", "alpha_admin", "alpha_staff", "alpha_member"])
def test_member_checklist_shows_to_each_role_in_scope(world, client_for, name):
    checklist = start_member_checklist(world.alpha_membership)
    client = client_for(name)
    response = client.get(reverse("onboarding:member_checklist", args=[world.alpha_membership.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Alpha University" in page and "Welcome resources sent" in page
    assert reverse("directory:member_detail", args=[world.alpha_membership.pk]) in page
    detail = client.get(reverse("onboarding:checklist_detail", args=[checklist.pk]))
    assert detail.status_code == 200 and "Alpha University" in detail.content.decode()


def test_a_member_contact_reads_its_checklist_without_actions(world, client_for):
    checklist = start_member_checklist(world.alpha_membership)
    item = checklist.items.first()
    page = (
        client_for("alpha_member")
        .get(reverse("onboarding:member_checklist", args=[world.alpha_membership.pk]))
        .content.decode()
    )
    assert reverse("onboarding:item_complete", args=[item.pk]) not in page
    assert (
        client_for("alpha_member")
        .post(reverse("onboarding:item_complete", args=[item.pk]), {"note": "done"})
        .status_code
        == 403
    )
    item.refresh_from_db()
    assert not item.is_complete


@pytest.mark.parametrize("name", ["orcid_admin", "regional", "alpha_admin", "alpha_staff", "alpha_member"])
def test_the_checklist_list_shows_for_every_role(world, client_for, name):
    start_member_checklist(world.alpha_membership)
    response = client_for(name).get(reverse("onboarding:checklist_list"))
    assert response.status_code == 200
    assert "Alpha University" in response.content.decode()


def test_the_page_says_due_dates_count_from_the_agreement_date(world, client_for):
    url = reverse("onboarding:consortium_checklist", args=["alpha"])
    client = client_for("alpha_admin")
    assert "has no agreement date yet" in client.get(url).content.decode()
    update_consortium(world.orcid_admin, world.alpha, agreement_date=date(2024, 3, 4))
    page = client.get(url).content.decode()
    assert "4 March 2024" in page and "Due dates count from the agreement date" in page


def test_overdue_items_say_overdue_in_words(world, client_for):
    update_consortium(world.orcid_admin, world.alpha, agreement_date=date(2020, 1, 15))
    page = (
        client_for("alpha_admin")
        .get(reverse("onboarding:consortium_checklist", args=["alpha"]))
        .content.decode()
    )
    assert "Overdue" in page
    total = Checklist.objects.get(consortium=world.alpha, kind=ChecklistKind.CONSORTIUM).items.count()
    assert f"0 of {total}" in page
    assert "late" in page
    assert reverse("onboarding:deadlines_ics", args=["alpha"]) in page


def test_the_consortium_checklist_page_runs_a_constant_number_of_queries(world, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for("alpha_admin")
    url = reverse("onboarding:consortium_checklist", args=["alpha"])
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    checklist = Checklist.objects.get(consortium=world.alpha, kind=ChecklistKind.CONSORTIUM)
    for item in checklist.items.filter(owner="consortium")[:5]:
        services.complete_item(world.alpha_admin, item, note="Done")
    with CaptureQueriesContext(connection) as after:
        client.get(url)
    assert len(after) == len(before)
