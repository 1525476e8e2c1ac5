"""An invoice's subtotal, tax and total are the sums of its rounded lines, for any lines: any
quantity, unit prices including negative ones, tax rates from 0 to 25 %, and currencies of 0, 2
and 3 decimals; every amount has the currency's precision (hypothesis)."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consortia.billing import services
from consortia.billing.models import Invoice
from consortia.billing.services import PlannedInvoice, PlannedLine
from consortia.directory.models import Membership
from consortia.lib.money import minor_units, round_money
from tests import factories

HUNDRED = Decimal(100)
CURRENCIES = ["JPY", "USD", "NZD", "BHD"]
db_settings = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def in_precision(amount: Decimal, currency: str) -> bool:
    return amount == round_money(amount, currency)


def minor(currency: str, low: int, high: int):
    """An amount of whole minor units of the currency, as a string, as a user types it."""
    places = minor_units(currency)
    return st.integers(min_value=low, max_value=high).map(lambda n: f"{Decimal(n).scaleb(-places):f}")


@st.composite
def lines(draw):
    currency = draw(st.sampled_from(CURRENCIES))
    planned = draw(
        st.lists(
            st.builds(
                PlannedLine,
                description=st.just("Line"),
                unit_price=st.decimals(
                    min_value=-(10**6), max_value=10**6, places=3, allow_nan=False, allow_infinity=False
                ),
                currency=st.just(currency),
                tax_rate=st.integers(min_value=0, max_value=2500).map(lambda n: Decimal(n) / HUNDRED),
                quantity=st.decimals(min_value=Decimal("0.0001"), max_value=1000, places=4, allow_nan=False),
            ),
            min_size=1,
            max_size=12,
        )
    )
    return currency, planned


@given(lines())
def test_a_planned_invoice_totals_are_the_sums_of_its_rounded_lines(drawn):
    currency, planned_lines = drawn
    invoice = PlannedInvoice(membership=None, currency=currency, lines=planned_lines)

    nets = [round_money(line.quantity * line.unit_price, currency) for line in planned_lines]
    taxes = [
        round_money(net * line.tax_rate / HUNDRED, currency)
        for net, line in zip(nets, planned_lines, strict=True)
    ]
    assert invoice.subtotal == sum(nets, Decimal(0))
    assert invoice.tax_total == sum(taxes, Decimal(0))
    assert invoice.total == invoice.subtotal + invoice.tax_total == sum(line.total for line in planned_lines)
    for amount in (invoice.subtotal, invoice.tax_total, invoice.total, *nets, *taxes):
        assert in_precision(amount, currency)


@st.composite
def schedules(draw):
    orcid_currency = draw(st.sampled_from(["USD", "JPY", "BHD"]))
    local_currency = draw(st.sampled_from(["NZD", "JPY", "KWD", "USD"]))
    discount = draw(st.one_of(st.none(), st.integers(min_value=1, max_value=9999)))
    return {
        "fields": {
            "member_fee": draw(minor(orcid_currency, 1, 10**8)),
            "orcid_currency": orcid_currency,
            "local_currency": local_currency,
            "local_flat_fee": draw(minor(local_currency, 0, 10**7)),
            "tax_rate": str(Decimal(draw(st.integers(min_value=0, max_value=2500))) / HUNDRED),
            "proration": draw(st.sampled_from(["monthly", "none"])),
        },
        "joined_month": draw(st.integers(min_value=1, max_value=12)),
        "discount": None if discount is None else Decimal(discount) / HUNDRED,
        "applies_to": draw(st.sampled_from(["all", "member_fee", "local_fee"])),
    }


@db_settings
@given(schedules())
def test_issued_invoices_store_totals_equal_to_the_sums_of_their_rounded_lines(world, drawn):
    with transaction.atomic():
        Membership.objects.filter(pk=world.alpha_membership.pk).update(
            joined_date=date(2026, drawn["joined_month"], 15)
        )
        schedule = factories.fee_schedule(world.alpha, **drawn["fields"])
        if drawn["discount"] is not None:
            services.set_fee_adjustment(
                world.orcid_admin,
                schedule,
                world.alpha_membership,
                kind="discount",
                percent=drawn["discount"],
                applies_to=drawn["applies_to"],
                reason="Hypothesis",
            )

        services.issue_run(world.orcid_admin, schedule)

        invoices = list(Invoice.objects.filter(schedule=schedule).prefetch_related("lines"))
        for invoice in invoices:
            lines = list(invoice.lines.all())
            currency = invoice.currency
            for line in lines:
                assert line.net == round_money(line.quantity * line.unit_price, currency)
                assert line.tax == round_money(line.net * line.tax_rate / HUNDRED, currency)
                assert line.total == line.net + line.tax
                assert all(in_precision(a, currency) for a in (line.unit_price, line.net, line.tax))
            assert invoice.subtotal == sum(line.net for line in lines)
            assert invoice.tax_total == sum(line.tax for line in lines)
            assert invoice.total == sum(line.total for line in lines) == invoice.subtotal + invoice.tax_total
            assert invoice.total > 0  # a run issues no invoice of nothing
            amounts = (invoice.subtotal, invoice.tax_total, invoice.total)
            assert all(in_precision(amount, currency) for amount in amounts)
        transaction.set_rollback(True)
