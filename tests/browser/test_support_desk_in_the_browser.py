"""The support desk end to end in the browser: a member opens a ticket; the consortium's agent
replies and escalates it to ORCID; ORCID resolves the escalation; the agent sees the resolution."""

import re

import pytest

from consortia.support.models import Escalation, Ticket
from tests import factories

pytestmark = pytest.mark.browser


def _sign_in(page, base, email):
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_load_state()


def test_member_agent_and_orcid_work_one_ticket(transactional_db, world, live_server, browser_page):
    page, base = browser_page, live_server.url

    _sign_in(page, base, "contact@alpha-university.example")
    page.get_by_role("link", name="My tickets", exact=True).click()
    page.get_by_role("link", name="New ticket").click()
    page.get_by_label("Subject").fill("Sandbox redirect URI refused")
    page.get_by_label("Category").select_option("integration")
    page.get_by_label("Message").fill("Our redirect URI is refused by the sandbox.")
    page.get_by_role("button", name="Open ticket").click()
    page.wait_for_url(re.compile(r".*/support/tickets/\d+/$"))
    ticket = Ticket.objects.get()
    assert ticket.organization == world.alpha_member.organization

    _sign_in(page, base, "staff@alpha.example")
    page.get_by_role("link", name="Support", exact=True).click()
    page.wait_for_url("**/support/desks/alpha/")
    page.get_by_role("link", name="Sandbox redirect URI refused").click()
    page.get_by_label("Reply", exact=True).fill("Thanks, we are checking with ORCID.")
    page.get_by_role("button", name="Send reply").click()
    page.wait_for_load_state()
    page.get_by_label("Summary for ORCID").fill("Member's sandbox client refuses a valid redirect URI.")
    page.get_by_role("button", name="Escalate to ORCID").click()
    page.wait_for_load_state()
    assert "Waiting on ORCID" in page.locator("main").inner_text()
    escalation = Escalation.objects.get(ticket=ticket)

    _sign_in(page, base, "regional@orcid.example")
    page.get_by_role("link", name="Support", exact=True).click()
    page.get_by_role("link", name="ORCID Asia Pacific desk").click()
    page.get_by_role("link", name=re.compile("Sandbox redirect URI refused")).click()
    assert "Escalated by Alpha Consortium" in page.locator("main").inner_text()
    page.get_by_label("Resolution for the consortium").fill("Fixed on ORCID's side; please try again.")
    page.get_by_role("button", name="Resolve escalation").click()
    page.wait_for_load_state()
    escalation.refresh_from_db()
    assert escalation.state == Escalation.State.RESOLVED

    _sign_in(page, base, "staff@alpha.example")
    page.goto(f"{base}/support/tickets/{ticket.pk}/")
    panel = page.locator("#escalations")
    assert "Resolved by ORCID" in panel.inner_text()
    assert "Fixed on ORCID's side; please try again." in panel.inner_text()
    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.OPEN
