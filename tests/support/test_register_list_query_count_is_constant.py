"""The consortium's register and ORCID's view of every register run the same number of queries
whatever the number of issues, members affected, tickets and merges."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from consortia.support import services


def add_issues(world, count):
    ticket = services.open_ticket(world.alpha_member, world.alpha.desk, subject="T", body="B")
    made = []
    for n in range(count):
        made.append(
            services.save_registered_issue(
                world.alpha_admin,
                world.alpha,
                title=f"Issue {n}",
                description="D",
                category="bug",
                members_affected=[world.alpha_membership],
                tickets=[ticket],
            )
        )
        made.append(
            services.save_registered_issue(
                world.beta_admin, world.beta, title=f"Beta issue {n}", description="D", category="feature"
            )
        )
    services.merge_registered_issues(world.orcid_admin, made[-1], made[0])


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_register_lists_query_counts_do_not_grow(world, client_for):
    team, orcid = client_for("alpha_admin"), client_for("orcid_admin")
    add_issues(world, 2)
    small = (queries(team, "/consortia/alpha/issues-register/"), queries(orcid, "/support/issues-register/"))
    add_issues(world, 12)
    large = (queries(team, "/consortia/alpha/issues-register/"), queries(orcid, "/support/issues-register/"))
    assert small == large
