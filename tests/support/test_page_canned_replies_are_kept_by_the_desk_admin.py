"""A desk's admin keeps its canned replies; ORCID admins also keep replies for every desk. Agents
find them beside the reply box, with a no-script list to copy from."""

from consortia.support import services
from consortia.support.models import CannedReply


def test_desk_admin_adds_edits_and_deletes(world, client_for):
    client = client_for("alpha_admin")
    response = client.post(
        "/support/desks/alpha/canned-replies/new/",
        {"title": "Reset", "body": "Use the reset link.", "every_desk": "on"},
    )
    assert response.status_code == 302
    reply = CannedReply.objects.get()
    assert reply.desk == world.alpha.desk  # "every desk" is not theirs to choose
    client.post(
        f"/support/desks/alpha/canned-replies/{reply.pk}/", {"title": "Reset password", "body": "Link."}
    )
    reply.refresh_from_db()
    assert reply.title == "Reset password"
    assert (
        client_for("beta_admin").post(f"/support/desks/beta/canned-replies/{reply.pk}/delete/").status_code
        == 404
    )
    client.post(f"/support/desks/alpha/canned-replies/{reply.pk}/delete/")
    assert not CannedReply.objects.exists()


def test_orcid_admins_add_replies_for_every_desk_that_desk_admins_cannot_change(world, client_for):
    client_for("orcid_admin").post(
        "/support/desks/alpha/canned-replies/new/",
        {"title": "Welcome", "body": "Hello from ORCID", "every_desk": "on"},
    )
    shared = CannedReply.objects.get()
    assert shared.desk is None
    assert "Welcome" in client_for("beta_staff").get("/support/desks/beta/canned-replies/").content.decode()
    response = client_for("beta_admin").post(f"/support/desks/beta/canned-replies/{shared.pk}/delete/")
    assert response.status_code == 403
    assert CannedReply.objects.exists()


def test_agents_find_them_on_the_ticket_page(world, client_for):
    CannedReply.objects.create(desk=world.alpha.desk, title="Reset", body="Use the reset link.")
    CannedReply.objects.create(desk=world.beta.desk, title="Beta only", body="Nope")
    ticket = services.open_ticket(world.alpha_member, world.alpha.desk, subject="Q", body="Hello")
    page = client_for("alpha_staff").get(f"/support/tickets/{ticket.pk}/").content.decode()
    assert "Use the reset link." in page and "Beta only" not in page
    assert (
        "Use the reset link."
        not in client_for("alpha_member").get(f"/support/tickets/{ticket.pk}/").content.decode()
    )
