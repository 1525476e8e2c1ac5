"""An export reads the consortium's members and contacts in a fixed number of queries."""

import pytest

from consortia.directory.exports import export_members
from tests import factories


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("members", [2, 20])
def test_export_runs_two_queries_whatever_the_number_of_members(
    world, django_assert_num_queries, fmt, members
):
    for _ in range(members - 1):
        factories.membership(world.alpha)
    with django_assert_num_queries(2):
        export_members(world.alpha_admin, world.alpha, fmt)


def test_export_lists_only_the_consortium_in_question(world):
    data = export_members(world.orcid_admin, world.alpha, "csv").decode("utf-8-sig")
    assert "Alpha University" in data
    assert "Beta Institut" not in data
