"""GET /tickets filters by desk, status (``open`` = every open status), priority, category, tier,
assignee (me, none, an id), breach, creation dates and text; sorts; paginates."""

from datetime import timedelta

import pytest
from django.utils import timezone

from consortia.support import services
from consortia.support.models import Ticket


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [t["id"] for t in response.json()["results"]]


@pytest.fixture
def tickets(world):
    def open_one(subject, **fields):
        return services.open_ticket(
            world.alpha_member, world.alpha.desk, subject=subject, body="Help.", **fields
        )

    made = {
        "login": open_one("Login loop", category="account", priority="urgent"),
        "api": open_one("API token expired", category="integration", priority="low"),
        "done": open_one("Old question"),
    }
    services.update_ticket(world.alpha_staff, made["api"], assignee=world.alpha_staff)
    services.add_reply(world.alpha_staff, made["done"], "Answered.", status="resolved")
    Ticket.objects.filter(pk=made["done"].pk).update(
        created_at=timezone.now() - timedelta(days=40), is_breached=True
    )
    services.open_ticket(world.beta_member, world.beta.desk, subject="Beta's login loop", body="Hilfe.")
    return {name: t.pk for name, t in made.items()}


def test_status_open_means_every_open_status_and_a_list_is_any_of_them(api_for, tickets):
    agent = api_for("alpha_staff")

    assert set(ids(agent.get("/tickets", {"status": "open"}))) == {tickets["login"], tickets["api"]}
    assert ids(agent.get("/tickets", {"status": "resolved,closed"})) == [tickets["done"]]
    assert set(ids(agent.get("/tickets", {"status": "new,resolved"}))) == set(tickets.values())


def test_field_filters(api_for, world, tickets):
    agent = api_for("alpha_staff")

    assert ids(agent.get("/tickets", {"priority": "urgent"})) == [tickets["login"]]
    assert ids(agent.get("/tickets", {"category": "integration"})) == [tickets["api"]]
    assert ids(agent.get("/tickets", {"assignee": "me"})) == [tickets["api"]]
    assert ids(agent.get("/tickets", {"assignee": str(world.alpha_staff.pk)})) == [tickets["api"]]
    assert set(ids(agent.get("/tickets", {"assignee": "none"}))) == {tickets["login"], tickets["done"]}
    assert ids(agent.get("/tickets", {"breached": "true"})) == [tickets["done"]]
    assert len(ids(agent.get("/tickets", {"tier": "1", "desk": "alpha"}))) == 3
    assert ids(agent.get("/tickets", {"tier": "2"})) == []


def test_creation_dates_and_search(api_for, tickets):
    agent = api_for("alpha_staff")
    today = timezone.now().date()

    recent = ids(agent.get("/tickets", {"created_from": (today - timedelta(days=7)).isoformat()}))
    old = ids(agent.get("/tickets", {"created_to": (today - timedelta(days=30)).isoformat()}))

    assert set(recent) == {tickets["login"], tickets["api"]}
    assert old == [tickets["done"]]
    assert ids(agent.get("/tickets", {"q": "login"})) == [tickets["login"]]
    assert ids(agent.get("/tickets", {"q": f"#{tickets['api']}"})) == [tickets["api"]]


def test_sorts_and_pages(api_for, tickets):
    agent = api_for("alpha_staff")

    assert ids(agent.get("/tickets", {"sort": "priority"}))[0] == tickets["login"]
    assert ids(agent.get("/tickets", {"sort": "-priority"}))[0] == tickets["api"]
    assert ids(agent.get("/tickets", {"sort": "created"}))[0] == tickets["done"]
    page = agent.get("/tickets", {"page_size": 2, "page": 2}).json()
    assert (page["count"], len(page["results"])) == (3, 1)


def test_orcid_sees_the_desks_in_its_region_only(api_for, tickets):
    assert len(ids(api_for("regional").get("/tickets"))) == 3
    assert len(ids(api_for("orcid_admin").get("/tickets"))) == 4
    assert ids(api_for("regional").get("/tickets", {"desk": "beta"})) == []
