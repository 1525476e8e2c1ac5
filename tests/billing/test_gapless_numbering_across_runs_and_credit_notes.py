"""Invoice numbers run 1, 2, 3... per consortium and year with no gap and no repeat, across the
annual run, supplementary runs and credit notes; each consortium and year has its own sequence
(works on any database; the concurrent case is in test_gapless_numbering_under_concurrent_runs)."""

from consortia.billing import services
from consortia.billing.models import Invoice
from tests import factories


def numbers(consortium, year):
    return sorted(Invoice.objects.filter(consortium=consortium, year=year).values_list("number", flat=True))


def test_runs_and_credit_notes_share_one_gapless_sequence_per_consortium_and_year(world):
    for _ in range(4):
        factories.membership(world.alpha)
    schedule = factories.fee_schedule(world.alpha)
    services.issue_run(world.alpha_admin, schedule)  # 5 members × USD, NZD
    services.issue_credit_note(world.alpha_admin, Invoice.objects.get(number=3, year=2026), reason="Error")
    factories.membership(world.alpha)
    # Supplementary: the new member's 2, and the credited invoice issued again (a correction).
    services.issue_run(world.alpha_admin, schedule)
    services.issue_run(world.alpha_admin, schedule)  # nothing

    assert numbers(world.alpha, 2026) == list(range(1, 15))
    assert Invoice.objects.get(number=11).kind == Invoice.Kind.CREDIT_NOTE


def test_each_consortium_and_year_numbers_from_one(world):
    alpha_2026 = factories.fee_schedule(world.alpha)
    alpha_2027 = factories.fee_schedule(world.alpha, year=2027)
    beta_2026 = factories.fee_schedule(world.beta)

    for schedule in (alpha_2026, alpha_2027, beta_2026):
        services.issue_run(world.orcid_admin, schedule)

    assert numbers(world.alpha, 2026) == numbers(world.alpha, 2027) == numbers(world.beta, 2026) == [1, 2]
    references = set(Invoice.objects.filter(consortium=world.alpha).values_list("year", "number"))
    assert references == {(2026, 1), (2026, 2), (2027, 1), (2027, 2)}
