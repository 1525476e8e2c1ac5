"""A consortium admin completes an onboarding checklist item with evidence in the browser; the
ORCID item beside it offers no button to them."""

import re

import pytest

from consortia.onboarding.models import ChecklistItem
from tests import factories

pytestmark = pytest.mark.browser

LAUNCH_EVENT = "Launch event"
ORCID_ITEM = "Answer consortium questions"


def test_consortium_admin_completes_an_item_with_a_note(
    transactional_db, world, live_server, browser_page
):
    page = browser_page
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("E-mail").fill("admin@alpha.example")
    page.get_by_label("Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url("**/consortia/alpha/")

    page.get_by_role("link", name="Onboarding", exact=True).click()
    assert page.get_by_role("heading", name="Onboarding checklist").is_visible()
    assert page.get_by_role("link", name=f"Complete: {ORCID_ITEM}").count() == 0
    page.get_by_role("link", name=f"Complete: {LAUNCH_EVENT}").click()
    page.get_by_label("Note").fill("Launch webinar held with ORCID; 120 attendees.")
    page.get_by_role("button", name="Mark as done").click()

    page.wait_for_url(re.compile(r".*/consortia/alpha/onboarding/#item-\d+$"))
    row = page.get_by_role("row").filter(has_text=LAUNCH_EVENT)
    assert "Done" in row.inner_text()
    assert "120 attendees" in row.inner_text()
    item = ChecklistItem.objects.get(checklist__consortium=world.alpha, title=LAUNCH_EVENT)
    assert item.completed_by == world.alpha_admin
    assert item.evidence_note == "Launch webinar held with ORCID; 120 attendees."
