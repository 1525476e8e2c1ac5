"""The integrations lists and the platform catalogue take the same number of queries for 2 rows
as for 12."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from consortia.integrations import services
from consortia.integrations.models import BadgeAward, Integration, Review, Stage

URLS = [
    ("alpha_admin", "/consortia/alpha/integrations/"),
    ("orcid_admin", "/integrations/"),
    ("alpha_member", "/my-integrations/"),
    ("alpha_member", "/platforms/"),
    ("orcid_admin", "/platforms/"),
]


def _add(world, n):
    for _i in range(n):
        platform = services.save_platform(world.orcid_admin, name=f"Platform {Integration.objects.count()}")
        for membership, actor in (
            (world.alpha_membership, world.alpha_admin),
            (world.beta_membership, world.beta_admin),
        ):
            integration = services.save_integration(
                actor,
                membership,
                name=f"Integration {Integration.objects.count()}",
                system_type="cris",
                platform=platform,
            )
            Integration.objects.filter(pk=integration.pk).update(stage=Stage.LIVE)
            review = Review.objects.create(
                integration=integration, kind="orcid", badge="collect", outcome="passed"
            )
            for badge in ("authenticate", "collect"):
                BadgeAward.objects.create(
                    integration=integration, badge=badge, awarded_on="2026-01-05", review=review
                )


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("name,url", URLS)
def test_list_query_count_does_not_grow_with_rows(world, client_for, name, url):
    client = client_for(name)
    _add(world, 1)
    few = _count(client, url)
    _add(world, 6)
    assert _count(client, url) == few


def test_platform_detail_query_count_does_not_grow(world, client_for):
    _add(world, 1)
    platform = Integration.objects.first().platform
    client = client_for("orcid_admin")
    few = _count(client, f"/platforms/{platform.pk}/")
    for membership, actor in (
        (world.alpha_membership, world.alpha_admin),
        (world.beta_membership, world.beta_admin),
    ):
        for i in range(4):
            services.save_integration(
                actor, membership, name=f"More {i}", system_type="cris", platform=platform
            )
    assert _count(client, f"/platforms/{platform.pk}/") == few
