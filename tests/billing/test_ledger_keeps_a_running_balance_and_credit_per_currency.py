from decimal import Decimal

from consortia.billing import queries, services
from consortia.billing.models import Invoice
from consortia.lib.dates import today_in
from tests import factories


def test_the_ledger_runs_a_balance_per_currency_and_keeps_overpayment_as_credit(client_for, world):
    services.issue_run(world.orcid_admin, factories.fee_schedule(world.alpha, 2026, proration="none"))
    today = today_in(world.alpha.time_zone)
    usd = Invoice.objects.get(membership=world.alpha_membership, currency="USD")
    nzd = Invoice.objects.get(membership=world.alpha_membership, currency="NZD")
    services.record_payment(
        world.orcid_admin, usd, amount="1200.00", received_on=today, method="bank transfer"
    )
    services.issue_credit_note(world.orcid_admin, nzd, reason="Funded by the ministry")

    ledgers = {ledger.currency: ledger for ledger in queries.member_ledger(world.alpha_membership)}
    assert [e.balance for e in ledgers["USD"].entries] == [Decimal("1000"), Decimal("-200")]
    assert ledgers["USD"].credit_kept == Decimal("200")
    assert [e.kind for e in ledgers["NZD"].entries] == ["invoice", "credit_note"]
    assert ledgers["NZD"].balance == 0

    page = client_for("alpha_member").get(f"/members/{world.alpha_membership.pk}/ledger/")
    html = page.content.decode()
    assert "Credit kept: USD 200.00" in html
    assert "kept as credit" in html
    assert "Settled" in html


def test_the_ledger_runs_in_constant_queries(django_assert_num_queries, world):
    services.issue_run(world.orcid_admin, factories.fee_schedule(world.alpha, 2026))
    invoice = Invoice.objects.filter(membership=world.alpha_membership).first()
    today = today_in(world.alpha.time_zone)
    with django_assert_num_queries(2):
        queries.member_ledger(world.alpha_membership)
    for _ in range(3):
        services.record_payment(world.orcid_admin, invoice, amount="10.00", received_on=today)
    with django_assert_num_queries(2):
        queries.member_ledger(world.alpha_membership)
