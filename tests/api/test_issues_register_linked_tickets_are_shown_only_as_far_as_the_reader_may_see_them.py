"""An issue's linked tickets are listed through the reader's ticket scope, on the page and in the
API: a link to ORCID's side of an escalation (made before such links were refused) never shows its
subject to the consortium's team."""

from consortia.support import services


def test_a_link_to_orcids_side_is_not_shown_to_the_consortium(world, client_for, api_for):
    ticket = services.open_ticket(world.alpha_member, world.alpha.desk, subject="Member asks", body="Help")
    escalation = services.escalate(world.alpha_staff, ticket, "Secret ORCID-side summary")
    issue = services.save_registered_issue(
        world.alpha_admin,
        world.alpha,
        title="Sandbox bug",
        description="It fails.",
        category="bug",
        tickets=[ticket],
    )
    issue.tickets.add(escalation.orcid_ticket)  # an old link, as the data may hold it

    page = client_for("alpha_admin").get(f"/consortia/alpha/issues-register/{issue.pk}/").content.decode()
    body = api_for("alpha_admin").get(f"/issues-register/{issue.pk}").json()

    assert escalation.orcid_ticket.subject not in page
    assert [t["id"] for t in body["tickets"]] == [ticket.pk]
    orcid_view = api_for("orcid_admin").get(f"/issues-register/{issue.pk}").json()
    assert {t["id"] for t in orcid_view["tickets"]} == {ticket.pk, escalation.orcid_ticket.pk}
