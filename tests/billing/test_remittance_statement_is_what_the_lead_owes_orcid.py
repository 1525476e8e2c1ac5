"""What the lead owes ORCID for a year: each billed member's fee plus the consortium lead fee, in
ORCID's currency, whatever the local model; the first year is due 60 days after the agreement
and flagged when late; payments ORCID records reduce the balance."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from consortia import program
from consortia.billing import services
from consortia.billing.statements import remittance_statement
from consortia.directory.models import Membership
from tests import factories


@pytest.fixture
def members(world):
    premium = factories.membership(world.alpha, member_type=Membership.MemberType.PREMIUM)
    factories.membership(world.alpha, status=Membership.Status.LAPSED)
    factories.membership(world.alpha, status=Membership.Status.LEFT)
    factories.membership(world.alpha, status=Membership.Status.ENQUIRY)
    return [world.alpha_membership, premium]


@pytest.mark.parametrize(
    "fields",
    [
        {"local_model": "flat", "local_flat_fee": "500.00"},
        {"local_model": "funded"},
        {"local_model": "lead_fee", "lead_organization_fee": "9000.00"},
        {"local_model": "flat", "invoice_member_fee": False},
    ],
)
def test_the_statement_is_member_fees_plus_the_lead_fee_whatever_the_local_model(world, members, fields):
    schedule = factories.fee_schedule(world.alpha, consortium_lead_fee="2500.00", **fields)

    statement = remittance_statement(schedule)

    assert statement.currency == "USD"
    assert sorted(line.amount for line in statement.lines) == [
        Decimal("1000.00"),
        Decimal("2000.00"),
        Decimal("2500.00"),
    ]
    assert {line.membership for line in statement.lines if line.membership} == set(members)
    assert statement.total == Decimal("5500.00")
    assert statement.problems == []


def test_the_first_years_fees_are_due_60_days_after_the_agreement_and_late_after(world, members):
    world.alpha.agreement_date = date(2026, 2, 1)
    world.alpha.save()
    schedule = factories.fee_schedule(world.alpha)

    statement = remittance_statement(schedule)

    due = date(2026, 2, 1) + timedelta(days=program.FEES_DUE_DAYS_AFTER_AGREEMENT)
    assert statement.due_on == due == date(2026, 4, 2)
    assert not statement.is_late(due)
    assert statement.is_late(due + timedelta(days=1))


def test_a_later_years_fees_are_due_by_the_payment_terms_from_1_january(world, members):
    world.alpha.agreement_date = date(2024, 5, 1)
    world.alpha.save()
    schedule = factories.fee_schedule(world.alpha, payment_terms_days=45)

    assert remittance_statement(schedule).due_on == date(2026, 2, 15)


def test_payments_recorded_by_orcid_reduce_the_balance_until_it_is_paid(world, members):
    world.alpha.agreement_date = date(2026, 2, 1)
    world.alpha.save()
    schedule = factories.fee_schedule(world.alpha)  # 1000 + 2000, no lead fee

    services.record_remittance(
        world.orcid_admin, world.alpha, 2026, amount="1000.00", currency="usd", paid_on=date(2026, 3, 1)
    )
    partly = remittance_statement(schedule)
    services.record_remittance(
        world.orcid_admin, world.alpha, 2026, amount="2000.00", currency="USD", paid_on=date(2026, 3, 20)
    )
    paid = remittance_statement(schedule)

    assert (partly.paid, partly.balance, partly.is_paid) == (Decimal("1000.00"), Decimal("2000.00"), False)
    assert partly.is_late(date(2026, 5, 1))
    assert (paid.balance, paid.is_paid) == (Decimal("0.00"), True)
    assert not paid.is_late(date(2026, 5, 1))


def test_a_payment_of_another_year_does_not_count(world, members):
    # A payment in another currency is refused outright: see
    # test_remittance_needs_a_schedule_its_currency_and_a_past_date.py.
    schedule = factories.fee_schedule(world.alpha)
    factories.fee_schedule(world.alpha, 2025)
    services.record_remittance(
        world.orcid_admin, world.alpha, 2025, amount="3000.00", currency="USD", paid_on=date(2025, 3, 1)
    )

    assert remittance_statement(schedule).paid == 0


def test_only_orcid_records_what_a_lead_paid_it(world):
    for name in ("alpha_admin", "alpha_staff", "beta_admin"):
        with pytest.raises(PermissionDenied):
            services.record_remittance(
                getattr(world, name), world.alpha, 2026, amount="1", currency="USD", paid_on=date(2026, 1, 1)
            )
