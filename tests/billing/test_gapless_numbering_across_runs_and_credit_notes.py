"""Invoice numbers run 1, 2, 3... per consortium and year with no gap and no repeat, across the
annual run and supplementary runs; credit notes are numbered in a series of their own, so neither
series has a gap; each consortium and year has its own sequences (works on any database; the
concurrent case is in test_gapless_numbering_under_concurrent_runs)."""

from django.apps import apps

from consortia.billing import services
from consortia.billing.models import Invoice, InvoiceSequence
from tests import factories

INVOICE, CREDIT_NOTE = Invoice.Kind.INVOICE, Invoice.Kind.CREDIT_NOTE


def numbers(consortium, year, kind=INVOICE):
    return sorted(
        Invoice.objects.filter(consortium=consortium, year=year, kind=kind).values_list("number", flat=True)
    )


def test_runs_number_invoices_and_credit_notes_each_in_a_gapless_series(world):
    for _ in range(4):
        factories.membership(world.alpha)
    schedule = factories.fee_schedule(world.alpha)
    services.issue_run(world.alpha_admin, schedule)  # 5 members × USD, NZD
    services.issue_credit_note(world.alpha_admin, Invoice.objects.get(number=3, year=2026), reason="Error")
    factories.membership(world.alpha)
    # Supplementary: the new member's 2, and the credited invoice issued again (a correction).
    services.issue_run(world.alpha_admin, schedule)
    services.issue_run(world.alpha_admin, schedule)  # nothing
    services.issue_credit_note(world.alpha_admin, Invoice.objects.get(number=4, year=2026), reason="Error")

    assert numbers(world.alpha, 2026) == list(range(1, 14))
    assert numbers(world.alpha, 2026, CREDIT_NOTE) == [1, 2]
    references = Invoice.objects.filter(kind=CREDIT_NOTE).order_by("number")
    assert [note.reference for note in references] == ["CN-2026-00001", "CN-2026-00002"]


def test_splitting_one_shared_series_continues_each_kind_from_its_highest_number(world):
    """The data migration that gave credit notes their own series (billing 0003)."""
    migration = __import__(
        "consortia.billing.migrations.0003_own_bands_and_credit_note_series", fromlist=["split_sequences"]
    )
    schedule = factories.fee_schedule(world.alpha)
    services.issue_run(world.alpha_admin, schedule)  # invoices 1 and 2
    services.issue_credit_note(world.alpha_admin, Invoice.objects.get(number=1), reason="Error")
    # As the shared series left them: the credit note took number 3.
    Invoice.objects.filter(kind=CREDIT_NOTE).update(number=3)
    InvoiceSequence.objects.all().delete()
    InvoiceSequence.objects.create(consortium=world.alpha, year=2026, last_number=3)

    migration.split_sequences(apps, None)

    assert set(InvoiceSequence.objects.values_list("kind", "last_number")) == {(INVOICE, 2), (CREDIT_NOTE, 3)}
    services.issue_credit_note(world.alpha_admin, Invoice.objects.get(number=2, kind=INVOICE), reason="Error")
    assert numbers(world.alpha, 2026, CREDIT_NOTE) == [3, 4]


def test_each_consortium_and_year_numbers_from_one(world):
    alpha_2026 = factories.fee_schedule(world.alpha)
    alpha_2027 = factories.fee_schedule(world.alpha, year=2027)
    beta_2026 = factories.fee_schedule(world.beta)

    for schedule in (alpha_2026, alpha_2027, beta_2026):
        services.issue_run(world.orcid_admin, schedule)

    assert numbers(world.alpha, 2026) == numbers(world.alpha, 2027) == numbers(world.beta, 2026) == [1, 2]
    references = set(Invoice.objects.filter(consortium=world.alpha).values_list("year", "number"))
    assert references == {(2026, 1), (2026, 2), (2027, 1), (2027, 2)}
