"""The checklist list: filters by kind and overdue, search, pagination, progress figures, and
the same number of queries for 2 checklists as for many."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from consortia.directory.consortium_services import update_consortium
from consortia.onboarding import services
from consortia.onboarding.models import Checklist, ChecklistKind
from tests import factories


def add_onboarding_members(consortium, count):
    for n in range(count):
        factories.membership(
            consortium,
            factories.organization(f"Newcomer {consortium.slug} {n:02d}"),
            status="onboarding",
            with_lead_contacts=False,
        )


def test_kind_filter_and_search(world, client_for):
    add_onboarding_members(world.alpha, 1)
    client = client_for("orcid_admin")
    url = reverse("onboarding:checklist_list")
    members_only = client.get(url, {"kind": "membership"}).content.decode()
    assert "Newcomer alpha 00" in members_only and "Beta Consortium" not in members_only
    found = client.get(url, {"q": "beta"}).content.decode()
    assert "Beta Consortium" in found and "Newcomer alpha 00" not in found
    assert "1 checklist match" in found


def test_overdue_only_shows_checklists_with_overdue_items(world, client_for):
    update_consortium(world.orcid_admin, world.alpha, agreement_date=date(2020, 1, 15))
    page = (
        client_for("orcid_admin")
        .get(reverse("onboarding:checklist_list"), {"overdue": "on"})
        .content.decode()
    )
    assert "Alpha Consortium" in page and "Beta Consortium" not in page
    assert "overdue" in page


def test_progress_counts_done_items(world, client_for):
    checklist = Checklist.objects.get(consortium=world.alpha, kind=ChecklistKind.CONSORTIUM)
    for item in checklist.items.filter(owner="consortium")[:3]:
        services.complete_item(world.alpha_admin, item, note="Done")
    page = client_for("alpha_staff").get(reverse("onboarding:checklist_list")).content.decode()
    assert f"3 of {checklist.items.count()} done" in page


def test_each_role_lists_its_scope(world, client_for):
    add_onboarding_members(world.alpha, 1)
    add_onboarding_members(world.beta, 1)
    url = reverse("onboarding:checklist_list")
    staff = client_for("alpha_staff").get(url).content.decode()
    assert "Newcomer alpha 00" in staff and "Alpha Consortium" in staff and "Newcomer beta" not in staff
    regional = client_for("regional").get(url).content.decode()
    assert "Newcomer alpha 00" in regional and "Beta Consortium" not in regional
    services.start_checklist(
        None, services.default_template(ChecklistKind.MEMBERSHIP), membership=world.alpha_membership
    )
    member = client_for("alpha_member").get(url).content.decode()
    assert "Alpha University" in member and "Newcomer alpha 00" not in member
    assert "2 checklists match" in client_for("orcid_admin").get(url, {"q": "newcomer"}).content.decode()


def test_paginates_by_the_page_size(world, client_for, settings):
    settings.PAGE_SIZE = 3
    add_onboarding_members(world.alpha, 4)
    client = client_for("alpha_admin")
    url = reverse("onboarding:checklist_list")
    assert "1–3 of 5" in client.get(url).content.decode()
    assert "4–5 of 5" in client.get(url, {"page": 2}).content.decode()


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_checklists(world, client_for, django_assert_num_queries):
    client = client_for("orcid_admin")
    url = reverse("onboarding:checklist_list")
    two = _queries(client, url)
    for n in range(6):
        factories.consortium(f"Gamma {n}", f"gamma-{n}", world.apac)
    add_onboarding_members(world.alpha, 10)
    assert Checklist.objects.count() > 15
    with django_assert_num_queries(two):
        client.get(url)
