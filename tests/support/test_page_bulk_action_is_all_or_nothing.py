"""A bulk action on the queue changes every ticked ticket, or none of them with the reason shown."""

from consortia.support import services
from consortia.support.models import Ticket


def _tickets(world, count):
    return [
        services.open_ticket(world.alpha_member, world.alpha.desk, subject=f"Q{n}", body="Hello")
        for n in range(count)
    ]


def test_assign_to_me_and_set_priority_change_every_ticked_ticket(world, client_for):
    first, second, untouched = _tickets(world, 3)
    client = client_for("alpha_staff")
    response = client.post(
        "/support/desks/alpha/bulk/",
        {"ticket": [first.pk, second.pk], "action": "assign_me", "query": "sort=newest"},
    )
    assert response.status_code == 302 and response["Location"] == "/support/desks/alpha/?sort=newest"
    client.post("/support/desks/alpha/bulk/", {"ticket": [first.pk, second.pk], "action": "priority:urgent"})
    assert set(Ticket.objects.filter(assignee=world.alpha_staff).values_list("pk", flat=True)) == {
        first.pk,
        second.pk,
    }
    assert set(Ticket.objects.filter(priority="urgent").values_list("pk", flat=True)) == {first.pk, second.pk}
    untouched.refresh_from_db()
    assert untouched.assignee is None


def test_assigning_to_a_colleague_who_works_the_desk(world, client_for):
    (ticket,) = _tickets(world, 1)
    client_for("alpha_staff").post(
        "/support/desks/alpha/bulk/", {"ticket": [ticket.pk], "action": f"assign:{world.alpha_admin.pk}"}
    )
    ticket.refresh_from_db()
    assert ticket.assignee == world.alpha_admin
    client_for("alpha_staff").post(
        "/support/desks/alpha/bulk/", {"ticket": [ticket.pk], "action": f"assign:{world.beta_admin.pk}"}
    )
    ticket.refresh_from_db()
    assert ticket.assignee == world.alpha_admin


def test_one_refusal_changes_nothing_and_says_why(world, client_for):
    plain, escalated = _tickets(world, 2)
    services.escalate(world.alpha_staff, escalated, "Please look.")
    client = client_for("alpha_staff")
    # Only an escalated ticket may wait on ORCID; the plain one refuses, so neither changes.
    response = client.post(
        "/support/desks/alpha/bulk/",
        {"ticket": [plain.pk, escalated.pk], "action": "status:waiting_on_orcid"},
        follow=True,
    )
    page = response.content.decode()
    assert "Nothing was changed" in page and "waits on ORCID once it is escalated" in page
    plain.refresh_from_db()
    assert plain.status == "new"
    response = client.post(
        "/support/desks/alpha/bulk/",
        {"ticket": [plain.pk, escalated.pk], "action": "status:resolved"},
        follow=True,
    )
    plain.refresh_from_db()
    escalated.refresh_from_db()
    assert (plain.status, escalated.status) == ("resolved", "resolved")


def test_a_ticket_of_another_desk_in_the_batch_is_404_and_nothing_changes(world, client_for):
    (mine,) = _tickets(world, 1)
    theirs = services.open_ticket(world.beta_member, world.beta.desk, subject="B", body="Hello")
    response = client_for("alpha_staff").post(
        "/support/desks/alpha/bulk/", {"ticket": [mine.pk, theirs.pk], "action": "assign_me"}
    )
    assert response.status_code == 404
    mine.refresh_from_db()
    assert mine.assignee is None
