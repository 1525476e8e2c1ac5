"""A member that lapses or leaves mid-year is handled by the year's schedule: "full_year" keeps the
year's fees; "credit_unused_months" credits the whole months after the month it ended, each line in
proportion to the months it billed, tax at the line's rate. Crediting twice credits nothing more.
The consortium admin or ORCID act (ledger page button, API); staff are refused, outsiders see 404."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from consortia.accounts.tokens import create_token
from consortia.audit.models import AuditEntry
from consortia.billing import services
from consortia.billing.models import FeeSchedule, Invoice
from consortia.directory import services as directory
from consortia.directory.models import Membership
from tests import factories
from tests.api.conftest import ApiClient
from tests.conftest import OUTSIDERS_OF_BETA

CREDIT = FeeSchedule.EndingRule.CREDIT_UNUSED_MONTHS


@pytest.fixture
def api_for(world):
    def make(name: str) -> ApiClient:
        return ApiClient(create_token(world.orcid_admin, getattr(world, name))[1])

    return make


def billed(world, consortium, membership, ending_rule=CREDIT, joined=None):
    """1000 USD member fee and 500 local flat fee, 15% GST, issued for 2026."""
    if joined:
        Membership.objects.filter(pk=membership.pk).update(joined_date=joined)
    schedule = factories.fee_schedule(
        consortium, local_currency="NZD", tax_rate="15", tax_label="GST", ending_rule=ending_rule
    )
    services.issue_run(world.orcid_admin, schedule)
    return schedule


def end(world, membership, on, status=Membership.Status.LEFT):
    return directory.end_membership(
        world.orcid_admin, membership, status=status, ended_date=on, reason="Closed"
    )


def notes_of(membership):
    return Invoice.objects.filter(membership=membership, kind=Invoice.Kind.CREDIT_NOTE)


def figures(note):
    return (note.currency, note.subtotal, note.tax_total, note.total)


def test_a_full_year_schedule_credits_nothing(world):
    billed(world, world.alpha, world.alpha_membership, ending_rule=FeeSchedule.EndingRule.FULL_YEAR)
    membership = end(world, world.alpha_membership, date(2026, 3, 10))

    assert services.credit_ended_membership(world.alpha_admin, membership, membership.ended_date) == []
    assert not notes_of(membership).exists()


def test_ended_in_march_the_nine_months_after_are_credited_with_their_tax(world):
    billed(world, world.alpha, world.alpha_membership)
    membership = end(world, world.alpha_membership, date(2026, 3, 10))

    notes = services.credit_ended_membership(world.alpha_admin, membership, membership.ended_date)

    assert sorted(figures(n) for n in notes) == [
        ("NZD", Decimal("-375.00"), Decimal("-56.25"), Decimal("-431.25")),
        ("USD", Decimal("-750.00"), Decimal("-112.50"), Decimal("-862.50")),
    ]
    usd = Invoice.objects.get(membership=membership, kind=Invoice.Kind.INVOICE, currency="USD")
    assert usd.balance == Decimal("287.50")  # 3 of 12 months: 250.00 + 37.50 GST
    assert usd.status == Invoice.Status.ISSUED
    (line,) = next(n for n in notes if n.currency == "USD").lines.all()
    assert line.description.startswith("Credit of 9 of 12 months: ORCID basic membership")
    assert (line.net, line.tax_rate, line.tax) == (Decimal("-750.00"), Decimal("15.00"), Decimal("-112.50"))
    assert all(n.note.startswith("Membership ended on 10 March 2026") for n in notes)
    assert AuditEntry.objects.filter(
        action="billing.end_of_membership_credit", membership=membership
    ).exists()


def test_a_prorated_member_is_credited_its_months_after_of_the_months_billed(world):
    # Joined in February: 11 of 12 months billed (USD 916.67, NZD 458.33); ended in March: 9 of 11.
    billed(world, world.alpha, world.alpha_membership, joined=date(2026, 2, 1))
    membership = end(world, world.alpha_membership, date(2026, 3, 31), status=Membership.Status.LAPSED)

    notes = services.credit_ended_membership(world.alpha_admin, membership, membership.ended_date)

    assert sorted(figures(n) for n in notes) == [
        ("NZD", Decimal("-375.00"), Decimal("-56.25"), Decimal("-431.25")),  # 458.33 × 9/11 = 374.997
        ("USD", Decimal("-750.00"), Decimal("-112.50"), Decimal("-862.50")),  # 916.67 × 9/11 = 750.003
    ]


def test_a_paid_invoice_is_credited_too_and_the_member_keeps_the_credit(world):
    billed(world, world.alpha, world.alpha_membership)
    usd = Invoice.objects.get(membership=world.alpha_membership, currency="USD")
    services.record_payment(world.alpha_admin, usd, amount=usd.total, received_on=date(2026, 1, 5))
    membership = end(world, world.alpha_membership, date(2026, 3, 10))

    services.credit_ended_membership(world.alpha_admin, membership, membership.ended_date)

    usd.refresh_from_db()
    assert usd.balance == Decimal("-862.50")


def test_ended_in_december_there_is_no_whole_month_left_to_credit(world):
    billed(world, world.alpha, world.alpha_membership)
    membership = end(world, world.alpha_membership, date(2026, 12, 1))

    assert services.credit_ended_membership(world.alpha_admin, membership, membership.ended_date) == []
    assert not notes_of(membership).exists()


def test_crediting_twice_credits_nothing_more(world):
    billed(world, world.alpha, world.alpha_membership)
    membership = end(world, world.alpha_membership, date(2026, 3, 10))
    services.credit_ended_membership(world.alpha_admin, membership, membership.ended_date)

    assert services.credit_ended_membership(world.orcid_admin, membership, membership.ended_date) == []
    assert notes_of(membership).count() == 2


def test_only_an_ended_membership_is_credited_and_only_by_a_billing_manager(world):
    billed(world, world.alpha, world.alpha_membership)
    with pytest.raises(ValidationError):
        services.credit_ended_membership(world.alpha_admin, world.alpha_membership, date(2026, 3, 10))
    membership = end(world, world.alpha_membership, date(2026, 3, 10))
    for name in ("alpha_staff", "alpha_member", "regional", "beta_admin"):
        with pytest.raises(PermissionDenied):
            services.credit_ended_membership(getattr(world, name), membership, membership.ended_date)
    assert not notes_of(membership).exists()


# --- the ledger page ------------------------------------------------------------------------


def test_the_ledger_page_offers_the_credit_and_issues_it_once(world, client_for):
    billed(world, world.alpha, world.alpha_membership)
    membership = end(world, world.alpha_membership, date(2026, 3, 10))
    client = client_for("alpha_admin")
    ledger = f"/members/{membership.pk}/ledger/"
    action = f"/members/{membership.pk}/ledger/end-of-membership-credit/"

    assert action in client.get(ledger).content.decode()
    assert client.post(action).status_code == 302
    assert client.post(action).status_code == 302

    assert notes_of(membership).count() == 2
    assert action not in client.get(ledger).content.decode()


def test_the_ledger_page_offers_nothing_under_a_full_year_schedule(world, client_for):
    billed(world, world.alpha, world.alpha_membership, ending_rule=FeeSchedule.EndingRule.FULL_YEAR)
    membership = end(world, world.alpha_membership, date(2026, 3, 10))

    page = client_for("alpha_admin").get(f"/members/{membership.pk}/ledger/").content.decode()
    assert "end-of-membership-credit" not in page


def test_consortium_staff_and_member_contacts_are_refused_the_credit(world, client_for, api_for):
    billed(world, world.alpha, world.alpha_membership)
    membership = end(world, world.alpha_membership, date(2026, 3, 10))
    for name in ("alpha_staff", "alpha_member"):
        page = client_for(name).get(f"/members/{membership.pk}/ledger/").content.decode()
        assert "end-of-membership-credit" not in page
        assert (
            client_for(name).post(f"/members/{membership.pk}/ledger/end-of-membership-credit/").status_code
            == 403
        )
        api = api_for(name).post(f"/memberships/{membership.pk}/end-of-membership-credit")
        assert api.status_code == 403, name
    assert not notes_of(membership).exists()


@pytest.mark.parametrize("name", OUTSIDERS_OF_BETA)
def test_outsiders_of_beta_get_404_on_the_credit(world, client_for, api_for, name):
    billed(world, world.beta, world.beta_membership)
    membership = end(world, world.beta_membership, date(2026, 3, 10))

    page = client_for(name).post(f"/members/{membership.pk}/ledger/end-of-membership-credit/")
    api = api_for(name).post(f"/memberships/{membership.pk}/end-of-membership-credit")

    assert (page.status_code, api.status_code) == (404, 404)
    assert not notes_of(membership).exists()


# --- the API --------------------------------------------------------------------------------


def test_the_api_credits_once_and_answers_the_credit_notes(world, api_for):
    billed(world, world.alpha, world.alpha_membership)
    api = api_for("alpha_admin")
    path = f"/memberships/{world.alpha_membership.pk}/end-of-membership-credit"
    assert api.post(path).status_code == 400  # not ended yet
    end(world, world.alpha_membership, date(2026, 3, 10))

    first = api.post(path)
    second = api.post(path)

    assert first.status_code == 200, first.content
    assert sorted((n["currency"], n["total"], n["kind"]) for n in first.json()) == [
        ("NZD", "-431.25", "credit_note"),
        ("USD", "-862.50", "credit_note"),
    ]
    assert (second.status_code, second.json()) == (200, [])


def test_the_schedules_ending_rule_is_set_and_read_through_the_api(world, api_for):
    api = api_for("alpha_admin")
    created = api.post(
        "/fee-schedules",
        {"consortium": "alpha", "year": 2026, "local_currency": "NZD", "ending_rule": CREDIT},
    )
    assert created.status_code == 201, created.content
    assert created.json()["ending_rule"] == CREDIT
    refused = api.patch(f"/fee-schedules/{created.json()['id']}", {"ending_rule": "half_year"})
    assert refused.status_code == 400
    assert FeeSchedule.objects.get(pk=created.json()["id"]).ending_rule == CREDIT


def test_a_new_schedule_keeps_the_full_year_unless_told(world):
    schedule = factories.fee_schedule(world.alpha)
    assert schedule.ending_rule == FeeSchedule.EndingRule.FULL_YEAR


def test_the_schedule_page_sets_and_shows_the_ending_rule(world, client_for):
    form = {
        "year": "2026",
        "orcid_currency": "USD",
        "local_currency": "NZD",
        "local_model": "flat",
        "local_flat_fee": "500.00",
        "proration": "monthly",
        "payment_terms_days": "30",
        "rate_basic_any": "1000.00",
        "ending_rule": CREDIT,
    }
    client = client_for("alpha_admin")
    assert 'name="ending_rule"' in client.get("/consortia/alpha/billing/schedules/new/").content.decode()
    response = client.post("/consortia/alpha/billing/schedules/new/", form)

    assert response.status_code == 302
    assert FeeSchedule.objects.get(consortium=world.alpha, year=2026).ending_rule == CREDIT
    page = client.get("/consortia/alpha/billing/2026/").content.decode()
    assert "Credit the whole months after the membership ends" in page
