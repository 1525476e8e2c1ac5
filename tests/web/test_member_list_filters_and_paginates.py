"""The member list: search, filters, sort, pagination, and a constant number of queries."""

from django.urls import reverse

from tests import factories


def test_search_matches_name_and_ror_id(world, client_for):
    org = factories.organization("Te Whare Wānanga o Tāmaki", city="Auckland")
    factories.membership(world.alpha, org)
    client = client_for("alpha_staff")
    url = reverse("directory:member_list", args=["alpha"])
    assert "Wānanga" in client.get(url, {"q": "wānanga"}).content.decode()
    by_ror = client.get(url, {"q": org.ror_id}).content.decode()
    assert "Wānanga" in by_ror and "Alpha University" not in by_ror


def test_filters_by_status_tier_type_and_country(world, client_for):
    factories.membership(
        world.alpha, factories.organization("Small Lapsed College", tier="small"), status="lapsed"
    )
    factories.membership(
        world.alpha, factories.organization("Aussie Institute", country="AU"), member_type="premium"
    )
    client = client_for("alpha_staff")
    url = reverse("directory:member_list", args=["alpha"])
    assert "Small Lapsed College" in client.get(url, {"status": "lapsed"}).content.decode()
    assert "Small Lapsed College" not in client.get(url, {"status": "current"}).content.decode()
    assert "Small Lapsed College" in client.get(url, {"tier": "small"}).content.decode()
    page = client.get(url, {"country": "au", "member_type": "premium"}).content.decode()
    assert "Aussie Institute" in page and "Alpha University" not in page


def test_sort_by_name_descending(world, client_for):
    factories.membership(world.alpha, factories.organization("Zealand Polytechnic"))
    page = client_for("alpha_staff").get(reverse("directory:member_list", args=["alpha"]), {"sort": "-name"})
    text = page.content.decode()
    assert text.index("Zealand Polytechnic") < text.index("Alpha University")


def test_paginates_25_a_page(world, client_for):
    for n in range(30):
        factories.membership(
            world.alpha,
            factories.organization(f"Member {n:02d}"),
            with_lead_contacts=False,
            status="onboarding",
        )
    client = client_for("alpha_staff")
    url = reverse("directory:member_list", args=["alpha"])
    first = client.get(url).content.decode()
    assert "1–25 of 31" in first
    assert "26–31 of 31" in client.get(url, {"page": 2}).content.decode()


def _count_queries(client, url, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_members(world, client_for):
    client = client_for("alpha_staff")
    url = reverse("directory:member_list", args=["alpha"])
    few = _count_queries(client, url, None)
    for _ in range(20):
        factories.membership(world.alpha)
    assert _count_queries(client, url, None) == few
