"""Take screenshots of the demo for the README: `python scripts/screenshots.py http://127.0.0.1:8000`.

Signs in as each demo role in Debian's Chromium (Playwright, no browser download) and saves a
PNG of their main pages under docs/screenshots/.
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
PASSWORD = "consortia-demo"


def sign_in(page, base, email):
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_load_state()


def shoot(page, name, full_page=True):
    OUT.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(OUT / f"{name}.png"), full_page=full_page)
    print(OUT / f"{name}.png")


def main(base: str) -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1360, "height": 900})
        page.goto(f"{base}/accounts/login/")
        shoot(page, "sign-in", full_page=False)

        sign_in(page, base, "orcid-admin@demo.example")
        shoot(page, "orcid-consortia-overview")
        page.goto(f"{base}/requests/")
        shoot(page, "orcid-requests")
        page.get_by_role("link", name="Compliance", exact=True).click()
        shoot(page, "orcid-compliance-scorecard")
        page.goto(f"{base}/consortia/demo-nordic-baltic/compliance/")
        shoot(page, "consortium-compliance-short")
        page.goto(f"{base}/consortia/demo-brasil/onboarding/")
        shoot(page, "onboarding-checklist-overdue")
        page.goto(f"{base}/compliance/calculator/?members=31")
        shoot(page, "staffing-calculator")
        page.goto(f"{base}/checklist-templates/")
        page.locator("table.data tbody a").first.click()
        shoot(page, "checklist-template")
        page.goto(f"{base}/billing/statements/")
        shoot(page, "orcid-remittance-statements")
        page.goto(f"{base}/support/")
        shoot(page, "support-desks")
        page.context.clear_cookies()

        sign_in(page, base, "consortium-admin@demo.example")
        shoot(page, "consortium-overview")
        page.get_by_role("link", name="Members", exact=True).click()
        shoot(page, "member-list")
        page.locator("table.data tbody a").first.click()
        shoot(page, "member-detail")
        page.get_by_role("link", name="Add contact").click()
        page.get_by_label("Role").select_option("voting")
        page.get_by_label("Given names").fill("Second")
        page.get_by_label("E-mail").fill("second.voter@example.org")
        page.get_by_role("button", name="Add contact").click()
        shoot(page, "contact-rule-broken", full_page=False)
        page.goto(f"{base}/consortia/demo-aotearoa/lead-contacts/")
        shoot(page, "lead-contacts")
        page.goto(f"{base}/consortia/demo-aotearoa/import/")
        shoot(page, "import")
        page.get_by_role("link", name="Onboarding", exact=True).click()
        shoot(page, "onboarding-checklist")
        page.get_by_role("link", name="Staff", exact=True).click()
        shoot(page, "support-staff")
        page.locator("table.data tbody a").first.click()
        shoot(page, "staff-training")
        page.get_by_role("link", name="Compliance", exact=True).click()
        shoot(page, "consortium-compliance")
        page.get_by_role("link", name="Billing", exact=True).click()
        shoot(page, "billing-overview")
        page.goto(f"{base}/consortia/demo-aotearoa/billing/receivables/")
        shoot(page, "billing-receivables")
        page.goto(f"{base}/consortia/demo-aotearoa/billing/invoices/")
        shoot(page, "billing-invoices")
        page.locator("table.data tbody a").first.click()
        shoot(page, "billing-invoice")
        page.get_by_role("link", name="Support", exact=True).click()
        shoot(page, "support-queue")
        if page.locator("table.data.queue tbody a").count():
            page.locator("table.data.queue tbody a").first.click()
            shoot(page, "support-ticket")
        page.goto(f"{base}/support/desks/demo-aotearoa/metrics/")
        shoot(page, "support-metrics")
        page.get_by_role("link", name="Issues", exact=True).click()
        shoot(page, "issues-register")
        page.goto(f"{base}/consortia/demo-aotearoa/integrations/board/")
        shoot(page, "integrations-board")
        page.goto(f"{base}/consortia/demo-aotearoa/integrations/")
        shoot(page, "integrations-list")
        if page.locator("table.data tbody a").count():
            page.locator("table.data tbody a").first.click()
            shoot(page, "integration-detail")
        page.context.clear_cookies()

        sign_in(page, base, "member@demo.example")
        shoot(page, "member-self-service")
        page.get_by_role("link", name="Invoices", exact=True).click()
        shoot(page, "member-invoices")
        page.get_by_role("link", name="My tickets", exact=True).click()
        shoot(page, "member-tickets")
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000")
