"""A consortium admin signs in with a password and adds a technical contact in the browser."""

import pytest

from tests import factories

pytestmark = pytest.mark.browser


def test_consortium_admin_signs_in_and_adds_a_contact(transactional_db, world, live_server, browser_page):
    page = browser_page
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("E-mail").fill("admin@alpha.example")
    page.get_by_label("Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url("**/consortia/alpha/")
    assert page.get_by_role("heading", name="Alpha Consortium").is_visible()

    page.get_by_role("link", name="Members", exact=True).click()
    page.get_by_role("link", name="Alpha University").click()
    page.get_by_role("link", name="Add contact").click()
    page.get_by_label("Role").select_option("technical")
    page.get_by_label("Given names").fill("Aroha")
    page.get_by_label("Family name").fill("Ngata")
    page.get_by_label("E-mail").fill("aroha.ngata@alpha-university.example")
    page.get_by_label("ORCID iD").fill("https://orcid.org/0000-0002-1825-0097")
    page.get_by_role("button", name="Add contact").click()

    page.wait_for_url(f"**/members/{world.alpha_membership.pk}/")
    assert page.get_by_text("Aroha Ngata added as technical contact.").is_visible()
    row = page.get_by_role("row").filter(has_text="Aroha Ngata")
    assert "0000-0002-1825-0097" in row.inner_text()
    assert world.alpha_membership.contacts.filter(
        role="technical", person__email="aroha.ngata@alpha-university.example"
    ).exists()
