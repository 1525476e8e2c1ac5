"""`consortia compliance`: every consortium's compliance, riskiest first, as text or as the API's
JSON; one consortium with --consortium; bad input exits 2 with one line."""

import json
from datetime import date, timedelta

from django.utils import timezone

from consortia.cli import main
from consortia.directory.models import Consortium
from consortia.staffing.compliance import scorecard
from tests import factories


def staff_alpha(world):
    world.alpha.agreement_date = date(2020, 1, 1)
    world.alpha.save()
    factories.support_staff(world.alpha, fte="1.0")


def test_text_lists_every_consortium_riskiest_first_with_reasons(world, capsys):
    staff_alpha(world)

    assert main(["compliance"]) == 0

    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"Program compliance on {timezone.localdate().isoformat()}: 2 consortia")
    rows = [line for line in lines[1:] if not line.startswith(" ")]
    expected = [c.consortium.slug for c in scorecard(Consortium.objects.all())]
    assert [row.split()[0] for row in rows] == expected
    beta = next(row for row in rows if row.startswith("beta"))
    assert "1 member" in beta and "0/0.50 FTE" in beta and "Not eligible" in beta
    beta_reasons = lines[lines.index(beta) + 1 :]
    assert "    - No consortium agreement signed yet" in beta_reasons
    alpha = next(row for row in rows if row.startswith("alpha"))
    assert "1/0.50 FTE" in alpha


def test_json_has_the_api_fields_with_decimals_as_strings(world, capsys):
    staff_alpha(world)

    assert main(["compliance", "--json"]) == 0

    rows = json.loads(capsys.readouterr().out)
    assert [row["consortium"] for row in rows] == [
        c.consortium.slug for c in scorecard(Consortium.objects.all())
    ]
    alpha = next(row for row in rows if row["consortium"] == "alpha")
    assert alpha["required_fte"] == "0.50" and alpha["total_fte"] == "1.00"
    assert alpha["region"] == {"slug": "apac", "name": "Asia Pacific"}
    assert alpha["as_of"] == timezone.localdate().isoformat()
    assert alpha["members"] == 1
    assert alpha["eligibility"] in {"full", "smaller", "none"}
    assert isinstance(alpha["reasons"], list) and isinstance(alpha["onboarding"]["overdue_titles"], list)
    assert alpha["onboarding"]["fees_overdue_since"] == "2020-03-01"


def test_one_consortium_and_a_past_date(world, capsys):
    staff_alpha(world)

    assert main(["compliance", "--consortium", "beta", "--json", "--date", "2024-05-01"]) == 0

    (row,) = json.loads(capsys.readouterr().out)
    assert row["consortium"] == "beta" and row["as_of"] == "2024-05-01"


def test_unknown_slug_exits_2_with_one_line(world, capsys):
    assert main(["compliance", "--consortium", "gamma"]) == 2

    captured = capsys.readouterr()
    assert captured.err == "consortia: no consortium with slug gamma\n"
    assert captured.out == ""


def test_bad_or_future_date_exits_2_with_one_line(world, capsys):
    assert main(["compliance", "--date", "yesterday"]) == 2
    assert capsys.readouterr().err == "consortia: --date must be a date as YYYY-MM-DD, not 'yesterday'\n"

    tomorrow = timezone.localdate() + timedelta(days=1)
    assert main(["compliance", "--date", tomorrow.isoformat()]) == 2
    assert capsys.readouterr().err == f"consortia: --date {tomorrow.isoformat()} is in the future\n"
