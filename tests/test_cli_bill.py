"""`consortia bill`: --preview (the default) prints each member's invoices with the references they
would get and the totals per currency, issuing nothing; --issue --user EMAIL issues them with a
progress bar and is idempotent; bad input exits 2 with one line."""

import pytest

from consortia.billing.models import BillingRun, Invoice
from consortia.cli import main
from tests import factories

ALPHA_2026 = ["bill", "--consortium", "alpha", "--year", "2026"]


@pytest.fixture
def schedule(world):
    factories.membership(world.alpha, factories.organization("Kiwi Polytechnic"))
    return factories.fee_schedule(world.alpha, local_currency="NZD")


def test_preview_prints_each_members_invoices_and_totals_and_issues_nothing(schedule, capsys):
    assert main([*ALPHA_2026, "--preview"]) == 0

    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Billing run preview for Alpha Consortium (alpha) 2026: nothing is issued"
    assert lines[1:7] == [
        "Alpha University",
        "  INV-2026-00001    USD       1000.00",
        "  INV-2026-00002    NZD        500.00",
        "Kiwi Polytechnic",
        "  INV-2026-00003    USD       1000.00",
        "  INV-2026-00004    NZD        500.00",
    ]
    assert lines[7:] == ["To issue: 4 invoices for 2 members", "  NZD       1000.00", "  USD       2000.00"]
    assert not Invoice.objects.exists() and not BillingRun.objects.exists()


def test_preview_is_the_default_and_lists_problems(world, capsys):
    factories.fee_schedule(world.alpha, local_model="tiered")

    assert main(ALPHA_2026) == 0

    out = capsys.readouterr().out
    assert "To issue: 0 invoices" in out
    assert "Problems (nothing can be issued until they are fixed):" in out and "Alpha University" in out


def test_issue_prints_how_many_with_a_progress_bar_then_is_idempotent(world, schedule, capsys):
    assert main([*ALPHA_2026, "--issue", "--user", "admin@alpha.example"]) == 0

    captured = capsys.readouterr()
    assert captured.out.splitlines() == [
        "Issued 4 new invoices for alpha 2026 (annual run)",
        "  NZD       1000.00",
        "  USD       2000.00",
    ]
    assert "Issuing" in captured.err and "4/4" in captured.err
    assert BillingRun.objects.get().started_by == world.alpha_admin

    assert main([*ALPHA_2026, "--issue", "--user", "admin@alpha.example"]) == 0

    assert capsys.readouterr().out == "0 new invoices: the run was already issued (alpha 2026)\n"
    assert Invoice.objects.count() == 4


def test_after_issuing_the_preview_shows_everything_already_invoiced(schedule, capsys):
    main([*ALPHA_2026, "--issue", "--user", "admin@orcid.example"])
    capsys.readouterr()

    assert main(ALPHA_2026) == 0

    out = capsys.readouterr().out
    assert out.count("already invoiced") == 4 and "To issue: 0 invoices for 2 members" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--consortium", "gamma", "--year", "2026"], "no consortium with slug gamma"),
        (["--consortium", "alpha", "--year", "26"], "--year must be a year as YYYY, not '26'"),
        (["--consortium", "alpha", "--year", "2031"], "alpha has no fee schedule for 2031"),
        (
            ["--consortium", "alpha", "--year", "2026", "--issue"],
            "--issue needs --user EMAIL, someone who manages alpha's billing",
        ),
        (
            ["--consortium", "alpha", "--year", "2026", "--issue", "--user", "staff@alpha.example"],
            "staff@alpha.example may not issue alpha's invoices",
        ),
        (
            ["--consortium", "alpha", "--year", "2026", "--issue", "--user", "admin@beta.example"],
            "admin@beta.example may not issue alpha's invoices",
        ),
        (
            ["--consortium", "alpha", "--year", "2026", "--user", "contact@alpha-university.example"],
            "contact@alpha-university.example may not see alpha's billing",
        ),
        (
            ["--consortium", "alpha", "--year", "2026", "--user", "nobody@example.org"],
            "no active user with e-mail nobody@example.org",
        ),
    ],
)
def test_bad_input_exits_2_with_one_line(schedule, capsys, argv, message):
    assert main(["bill", *argv]) == 2

    captured = capsys.readouterr()
    assert captured.err == f"consortia: {message}\n"
    assert captured.out == ""
    assert not Invoice.objects.exists()


def test_a_plan_with_problems_is_not_issued_and_exits_2(world, capsys):
    factories.fee_schedule(world.alpha, local_model="tiered")

    assert main([*ALPHA_2026, "--issue", "--user", "admin@alpha.example"]) == 2

    err = capsys.readouterr().err
    assert err.startswith("consortia: cannot issue alpha 2026: No local fee") and err.count("\n") == 1
    assert not Invoice.objects.exists()
