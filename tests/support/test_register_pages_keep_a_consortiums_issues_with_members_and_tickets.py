"""The consortium team adds and edits issues in its register on the pages: members affected are
its own memberships, linked tickets are its own tickets by reference ("#12, #15"); a ticket it
cannot see, or another consortium's, is refused on the form."""

from consortia.support import services
from consortia.support.models import RegisteredIssue


def new_issue(client, slug, **fields):
    data = {"title": "Sandbox redirect URIs", "description": "Refused.", "category": "bug", "status": "open"}
    data.update(fields)
    return client.post(f"/consortia/{slug}/issues-register/new/", data)


def test_team_adds_an_issue_with_members_and_tickets(world, client_for):
    ticket = services.open_ticket(world.alpha_member, world.alpha.desk, subject="URI", body="Refused.")
    other = services.open_ticket(world.alpha_member, world.alpha.desk, subject="URI 2", body="Also.")
    response = new_issue(
        client_for("alpha_staff"),
        "alpha",
        members_affected=[world.alpha_membership.pk],
        tickets=f"#{ticket.pk}, {other.pk}",
    )
    issue = RegisteredIssue.objects.get()
    assert response.status_code == 302
    assert response.url == f"/consortia/alpha/issues-register/{issue.pk}/"
    assert list(issue.members_affected.all()) == [world.alpha_membership]
    assert set(issue.tickets.all()) == {ticket, other}
    page = client_for("alpha_admin").get(response.url).content.decode()
    assert "Alpha University" in page and f"#{ticket.pk}" in page


def test_another_consortiums_ticket_or_member_is_refused(world, client_for):
    beta_ticket = services.open_ticket(world.beta_member, world.beta.desk, subject="X", body="Y")
    body = new_issue(client_for("alpha_admin"), "alpha", tickets=f"#{beta_ticket.pk}").content.decode()
    assert f"There is no ticket #{beta_ticket.pk} that you can see." in body
    body = new_issue(client_for("alpha_admin"), "alpha", tickets="twelve").content.decode()
    assert "is not a ticket reference like #12" in body
    body = new_issue(
        client_for("alpha_admin"), "alpha", members_affected=[world.beta_membership.pk]
    ).content.decode()
    assert "Select a valid choice" in body
    # ORCID admins see every ticket: the service refuses another consortium's.
    body = new_issue(client_for("orcid_admin"), "alpha", tickets=f"#{beta_ticket.pk}").content.decode()
    assert "Only the consortium&#x27;s own tickets can be linked." in body
    assert not RegisteredIssue.objects.exists()


def test_team_edits_an_issue_and_the_links_are_replaced(world, client_for):
    ticket = services.open_ticket(world.alpha_member, world.alpha.desk, subject="URI", body="Refused.")
    issue = services.save_registered_issue(
        world.alpha_admin, world.alpha, title="Old", description="D", category="bug", tickets=[ticket]
    )
    client = client_for("alpha_staff")
    form = client.get(f"/consortia/alpha/issues-register/{issue.pk}/edit/").content.decode()
    assert f"#{ticket.pk}" in form
    response = client.post(
        f"/consortia/alpha/issues-register/{issue.pk}/edit/",
        {"title": "New", "description": "D", "category": "feature", "status": "raised", "tickets": ""},
    )
    issue.refresh_from_db()
    assert response.status_code == 302
    assert (issue.title, issue.category, issue.status, issue.tickets.count()) == (
        "New",
        "feature",
        "raised",
        0,
    )


def test_the_list_filters_by_status_category_and_search(world, client_for):
    for title, category, status in [("Login loop", "bug", "open"), ("Docs typo", "documentation", "raised")]:
        services.save_registered_issue(
            world.alpha_admin, world.alpha, title=title, description="D", category=category, status=status
        )
    client = client_for("alpha_admin")
    page = lambda query: client.get(f"/consortia/alpha/issues-register/?{query}").content.decode()  # noqa: E731
    assert "Login loop" in page("") and "Docs typo" in page("")
    assert "Docs typo" not in page("status=open")
    assert "Login loop" not in page("category=documentation")
    assert "Login loop" in page("q=loop") and "Docs typo" not in page("q=loop")
