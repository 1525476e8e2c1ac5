"""The desk queue shows open tickets by default, filters by assignee, priority, category, tier and
SLA state, finds tickets by subject, requester or reference "#123", and sorts them."""

from datetime import timedelta

from django.utils import timezone

from consortia.support import services
from consortia.support.models import Ticket


def _open(world, subject, **fields):
    ticket = services.open_ticket(world.alpha_member, world.alpha.desk, subject=subject, body="Hello")
    if fields:
        Ticket.objects.filter(pk=ticket.pk).update(**fields)
    return ticket


def _subjects(client, query=""):
    response = client.get(f"/support/desks/alpha/?{query}")
    assert response.status_code == 200
    return [t.subject for t in response.context["page_obj"]]


def test_filters(world, client_for):
    now = timezone.now()
    _open(world, "Mine urgent", assignee=world.alpha_staff, priority="urgent")
    _open(world, "Done", status="resolved")
    _open(world, "Late", is_breached=True, sla_due=now - timedelta(hours=1))
    _open(world, "Soon", sla_due=now + timedelta(minutes=30), category="record")
    client = client_for("alpha_staff")

    assert set(_subjects(client)) == {"Mine urgent", "Late", "Soon"}
    assert "Done" in _subjects(client, "status=any")
    assert _subjects(client, "status=resolved") == ["Done"]
    assert _subjects(client, "assignee=me") == ["Mine urgent"]
    assert set(_subjects(client, "assignee=unassigned")) == {"Late", "Soon"}
    assert _subjects(client, "priority=urgent") == ["Mine urgent"]
    assert _subjects(client, "category=record") == ["Soon"]
    assert _subjects(client, "sla=breached") == ["Late"]
    assert _subjects(client, "sla=due_soon") == ["Soon"]
    assert _subjects(client, "tier=2") == []


def test_search_by_subject_requester_and_reference(world, client_for):
    ticket = _open(world, "ORCID record merge")
    _open(world, "Something else", requester_email="someone@else.example")
    client = client_for("alpha_staff")
    assert _subjects(client, "q=merge") == ["ORCID record merge"]
    assert _subjects(client, "q=someone%40else") == ["Something else"]
    assert _subjects(client, f"q=%23{ticket.pk}") == ["ORCID record merge"]
    assert _subjects(client, "q=Alpha+University") != []


def test_sorts_and_badges(world, client_for):
    now = timezone.now()
    _open(world, "Later", sla_due=now + timedelta(days=3), priority="low")
    _open(world, "Sooner", sla_due=now + timedelta(minutes=20), priority="urgent")
    _open(world, "Waiting", status="waiting_on_requester", sla_due=None)
    client = client_for("alpha_staff")
    assert _subjects(client) == ["Sooner", "Later", "Waiting"]
    assert _subjects(client, "sort=newest") == ["Waiting", "Sooner", "Later"]
    assert _subjects(client, "sort=priority")[0] == "Sooner"
    page = client.get("/support/desks/alpha/").content.decode()
    assert 'badge-due-soon">Due soon' in page and "badge-paused" in page
    # Due times are shown in the desk's zone (Pacific/Auckland: NZST or NZDT).
    assert "NZST" in page or "NZDT" in page
