from datetime import timedelta
from decimal import Decimal

from consortia.billing import queries, services
from consortia.billing.models import Invoice
from consortia.lib.dates import today_in
from tests import factories


def _age(invoice, days_overdue, today):
    # update() bypasses Invoice.save() on purpose, in tests only: a due date in the past.
    Invoice.objects.filter(pk=invoice.pk).update(due_on=today - timedelta(days=days_overdue))


def test_open_balances_fall_into_0_30_31_60_61_90_and_over_90_day_buckets_per_currency(client_for, world):
    for _ in range(4):
        factories.membership(world.alpha)
    services.issue_run(world.orcid_admin, factories.fee_schedule(world.alpha, 2026, proration="none"))
    today = today_in(world.alpha.time_zone)
    usd = list(Invoice.objects.filter(consortium=world.alpha, currency="USD").order_by("number"))
    nzd = list(Invoice.objects.filter(consortium=world.alpha, currency="NZD").order_by("number"))
    for invoice, days in zip(usd, [0, 1, 30, 31, 95], strict=True):
        if days:
            _age(invoice, days, today)
    _age(nzd[0], 61, today)
    _age(nzd[1], 90, today)
    services.record_payment(world.orcid_admin, usd[4], amount="400.00", received_on=today)
    services.issue_credit_note(world.orcid_admin, nzd[2], reason="Waived after the fact")

    ageing = queries.receivables(world.alpha, today)
    rows = {row.currency: row for row in ageing.rows}
    assert rows["USD"].not_due == Decimal("1000")
    assert rows["USD"].days_0_30 == Decimal("2000")
    assert rows["USD"].days_31_60 == Decimal("1000")
    assert rows["USD"].days_61_90 == 0
    assert rows["USD"].days_90_plus == Decimal("600")
    assert rows["USD"].total == Decimal("4600")
    # Five local invoices of 500: two 61 and 90 days overdue, one credited (void), two not yet due.
    assert rows["NZD"].days_61_90 == Decimal("1000")
    assert rows["NZD"].not_due == Decimal("1000")
    assert (rows["NZD"].count, rows["NZD"].overdue_count) == (4, 2)

    page = client_for("alpha_staff").get("/consortia/alpha/billing/receivables/")
    html = page.content.decode()
    assert "31–60 days" in html and "Days overdue" in html
    assert "4,600.00" in html
    assert usd[4].reference in html
    assert nzd[2].reference not in html  # void: nothing is owed on it
