# ruff: noqa: F811 (the corpus's pytest fixtures are imported by name)
"""A desk's agents review its held and failed mail: open a ticket from a message (the row is kept,
accepted, with the ticket) or discard it (kept, discarded), each recorded with who and when.
Other tenants get 404; ORCID staff who only oversee the desk get 403."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from consortia.support import mail
from consortia.support.models import InboundMail, Ticket
from tests.support.mail_corpus import desk, load, media  # noqa: F401 (pytest fixtures)


@pytest.fixture
def held(world, desk):
    return mail.ingest(desk, load("unknown_sender.eml")).inbound


def page(desk, name="held_mail", *args):
    return reverse(f"support:{name}", args=[desk.slug, *args])


@pytest.mark.parametrize("agent", ["alpha_admin", "alpha_staff", "orcid_admin"])
def test_the_desks_agents_see_held_and_failed_mail(world, client_for, desk, held, agent):
    failed = mail.ingest(desk, load("missing_from.eml")).inbound

    response = client_for(agent).get(page(desk))

    assert response.status_code == 200
    assert list(response.context["page_obj"]) == [failed, held]
    assert "How do we join the consortium?" in response.text
    detail = client_for(agent).get(page(desk, "held_mail_detail", held.pk))
    assert "We would like to become a member." in detail.text


@pytest.mark.parametrize("outsider", ["beta_admin", "beta_staff", "alpha_member", "beta_member"])
def test_other_tenants_get_404(world, client_for, desk, held, outsider):
    client = client_for(outsider)

    assert client.get(page(desk)).status_code == 404
    assert client.get(page(desk, "held_mail_detail", held.pk)).status_code == 404
    assert client.post(page(desk, "held_mail_release", held.pk)).status_code == 404
    assert client.post(page(desk, "held_mail_discard", held.pk)).status_code == 404
    held.refresh_from_db()
    assert held.state == InboundMail.State.HELD


def test_orcid_regional_staff_overseeing_a_consortium_desk_may_not_review_it(world, client_for, desk, held):
    assert client_for("regional").get(page(desk)).status_code == 403
    with pytest.raises(PermissionDenied):
        mail.release_held(world.regional, held)


def test_another_desks_held_mail_is_not_found_through_this_desk(world, client_for, desk):
    beta_held = mail.ingest(world.beta.desk, load("unknown_sender.eml")).inbound

    response = client_for("alpha_staff").post(page(desk, "held_mail_release", beta_held.pk))

    assert response.status_code == 404


def test_opening_a_ticket_from_held_mail_keeps_the_row_accepted(world, client_for, desk, held, media):
    response = client_for("alpha_staff").post(page(desk, "held_mail_release", held.pk))

    assert response.status_code == 302
    held.refresh_from_db()
    ticket = Ticket.objects.get()
    assert (held.state, held.ticket, held.reviewed_by) == ("accepted", ticket, world.alpha_staff)
    assert held.reviewed_at is not None
    assert (ticket.requester_email, ticket.origin) == ("someone@new-member.example", "email")
    assert ticket.messages.get().message_id == "<unknown.0014@new-member.example>"
    # Reviewed once: a second release is refused, and the same message delivered again is a duplicate.
    again = client_for("alpha_admin").post(page(desk, "held_mail_release", held.pk), follow=True)
    assert "reviewed already: accepted after review." in again.text
    assert mail.ingest(desk, load("unknown_sender.eml")).outcome == "duplicate"


def test_an_automatic_reply_can_be_opened_as_a_ticket_on_review(world, desk, media):
    held = mail.ingest(desk, load("auto_reply.eml")).inbound

    result = mail.release_held(world.alpha_staff, held)

    assert result.outcome == "opened"


def test_a_message_that_still_cannot_be_read_stays_to_review(world, client_for, desk):
    failed = mail.ingest(desk, load("missing_from.eml")).inbound

    response = client_for("alpha_staff").post(page(desk, "held_mail_release", failed.pk), follow=True)

    assert "It still cannot become a ticket: No sender" in response.text
    failed.refresh_from_db()
    assert failed.state == InboundMail.State.FAILED


def test_discarding_keeps_the_row_marked_discarded(world, client_for, desk, held):
    response = client_for("alpha_admin").post(page(desk, "held_mail_discard", held.pk))

    assert response.status_code == 302
    held.refresh_from_db()
    assert (held.state, held.reviewed_by) == ("discarded", world.alpha_admin)
    assert bytes(held.raw) == load("unknown_sender.eml")
    listed = client_for("alpha_admin").get(page(desk), {"state": "discarded"})
    assert list(listed.context["page_obj"]) == [held]
    assert not Ticket.objects.exists()


def test_actions_are_post_only(world, client_for, desk, held):
    client = client_for("alpha_staff")

    assert client.get(page(desk, "held_mail_release", held.pk)).status_code == 405
    assert client.get(page(desk, "held_mail_discard", held.pk)).status_code == 405


def test_the_list_is_searchable(world, client_for, desk, held):
    mail.ingest(desk, load("missing_from.eml"))

    response = client_for("alpha_staff").get(page(desk), {"q": "new-member"})

    assert list(response.context["page_obj"]) == [held]


def test_the_list_runs_the_same_queries_whatever_the_number_of_messages(
    world, client_for, desk, django_assert_num_queries
):
    client = client_for("alpha_staff")

    def count_queries():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert client.get(page(desk)).status_code == 200
        return len(captured)

    raw = load("unknown_sender.eml")
    mail.ingest(desk, raw)
    few = count_queries()
    for n in range(12):
        mail.ingest(desk, raw.replace(b"<unknown.0014@", f"<unknown.{n}@".encode()))
    with django_assert_num_queries(few):
        client.get(page(desk))
