"""A credit note of any unpaid invoice brings its balance to exactly zero and voids it; a credit
of the open balance of a partly paid invoice brings that to zero too (hypothesis). Numbers of
credit notes are a series of their own (test_gapless_numbering_across_runs_and_credit_notes)."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consortia.billing import services
from consortia.billing.models import Invoice
from consortia.directory.models import Membership
from consortia.lib.money import minor_units
from tests import factories

HUNDRED = Decimal(100)
db_settings = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def minor(currency: str, low: int, high: int):
    places = minor_units(currency)
    return st.integers(min_value=low, max_value=high).map(lambda n: f"{Decimal(n).scaleb(-places):f}")


@st.composite
def schedules(draw):
    orcid_currency = draw(st.sampled_from(["USD", "JPY", "BHD"]))
    local_currency = draw(st.sampled_from(["NZD", "JPY", "KWD"]))
    return {
        "fields": {
            "member_fee": draw(minor(orcid_currency, 100, 10**8)),
            "orcid_currency": orcid_currency,
            "local_currency": local_currency,
            "local_flat_fee": draw(minor(local_currency, 100, 10**7)),
            "tax_rate": str(Decimal(draw(st.integers(min_value=0, max_value=2500))) / HUNDRED),
        },
        "joined_month": draw(st.integers(min_value=1, max_value=12)),
        "discount": Decimal(draw(st.integers(min_value=0, max_value=9000))) / HUNDRED,
        "paid_share": draw(st.fractions(min_value=0, max_value=1)),
    }


def issue(world, drawn) -> list[Invoice]:
    Membership.objects.filter(pk=world.alpha_membership.pk).update(
        joined_date=date(2026, drawn["joined_month"], 1)
    )
    schedule = factories.fee_schedule(world.alpha, **drawn["fields"])
    if drawn["discount"]:
        services.set_fee_adjustment(
            world.orcid_admin,
            schedule,
            world.alpha_membership,
            kind="discount",
            percent=drawn["discount"],
            reason="A negative line on the invoice",
        )
    services.issue_run(world.orcid_admin, schedule)
    return list(Invoice.objects.filter(schedule=schedule))


@db_settings
@given(schedules())
def test_a_credit_note_of_any_unpaid_invoice_brings_its_balance_to_exactly_zero(world, drawn):
    with transaction.atomic():
        for invoice in issue(world, drawn):
            note = services.issue_credit_note(world.orcid_admin, invoice, reason="Billed in error")

            invoice.refresh_from_db()
            assert note.total == -invoice.total
            assert sum(line.total for line in note.lines.all()) == note.total
            assert invoice.balance == Decimal(0)
            assert invoice.status == Invoice.Status.VOID
            assert invoice.state() == "void"
        transaction.set_rollback(True)


@db_settings
@given(schedules())
def test_a_credit_of_the_open_balance_of_a_partly_paid_invoice_brings_it_to_zero_and_voids_it(world, drawn):
    with transaction.atomic():
        for invoice in issue(world, drawn):
            unit = Decimal(1).scaleb(-minor_units(invoice.currency))
            units = int(invoice.total / unit)
            if units < 2:
                continue  # one minor unit cannot be partly paid
            paid_units = max(1, min(units - 1, int(units * drawn["paid_share"])))
            services.record_payment(
                world.orcid_admin, invoice, amount=paid_units * unit, received_on=date(2026, 1, 1)
            )

            note = services.issue_credit_note(world.orcid_admin, invoice, reason="Rest waived")

            invoice.refresh_from_db()
            assert note.total == -(invoice.total - paid_units * unit)
            assert sum(line.total for line in note.lines.all()) == note.total
            assert invoice.balance == Decimal(0)
            # Nothing is left to pay on it: void.
            assert invoice.state() == "void"
        transaction.set_rollback(True)


@pytest.fixture
def invoice(world):
    schedule = factories.fee_schedule(world.alpha, local_currency="USD", tax_rate="15")
    services.issue_run(world.orcid_admin, schedule)
    return Invoice.objects.get(membership=world.alpha_membership)


def test_a_credited_invoice_cannot_be_credited_again(world, invoice):
    services.issue_credit_note(world.orcid_admin, invoice, reason="Billed in error")

    with pytest.raises(ValidationError):
        services.issue_credit_note(world.orcid_admin, invoice, reason="Twice")


def test_a_paid_invoice_has_nothing_left_to_credit(world, invoice):
    services.record_payment(world.orcid_admin, invoice, amount=invoice.total, received_on=date(2026, 1, 5))

    with pytest.raises(ValidationError, match="nothing left to credit"):
        services.issue_credit_note(world.orcid_admin, invoice, reason="Too late")


def test_a_credit_note_itself_cannot_be_credited_or_paid(world, invoice):
    note = services.issue_credit_note(world.orcid_admin, invoice, reason="Billed in error")

    with pytest.raises(ValidationError):
        services.issue_credit_note(world.orcid_admin, note, reason="Credit of a credit")
    with pytest.raises(ValidationError):
        services.record_payment(world.orcid_admin, note, amount="1.00", received_on=date(2026, 1, 5))


def test_a_credit_note_needs_a_reason_and_a_billing_manager(world, invoice):
    with pytest.raises(ValidationError):
        services.issue_credit_note(world.orcid_admin, invoice, reason="  ")
    for name in ("alpha_staff", "alpha_member", "beta_admin"):
        with pytest.raises(PermissionDenied):
            services.issue_credit_note(getattr(world, name), invoice, reason="Not mine to credit")
    invoice.refresh_from_db()
    assert invoice.balance == invoice.total


def test_a_credit_note_refers_to_its_invoice(world, invoice):
    note = services.issue_credit_note(world.alpha_admin, invoice, reason="Billed in error")

    assert note.reference == "CN-2026-00001"
    assert note.credit_for == invoice
    assert note.kind == Invoice.Kind.CREDIT_NOTE
    assert note.balance == 0
