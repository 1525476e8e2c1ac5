"""The scorecard assesses any past date (?date=YYYY-MM-DD): staff who started later are not
counted then. A date that is not one, or one in the future, is refused with a message and
today is shown instead."""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from tests import factories


def alpha_row(response):
    return next(row for row in response.context["page_obj"] if row.consortium.slug == "alpha")


def test_staff_who_started_later_are_not_counted_on_an_earlier_date(world, client_for):
    factories.support_staff(world.alpha, "0.8", starts_on=date(2024, 6, 1))
    client = client_for("orcid_admin")

    then = client.get("/compliance/", {"date": "2024-05-31"})
    now = client.get("/compliance/")

    assert then.context["on"] == date(2024, 5, 31)
    assert alpha_row(then).total_fte == Decimal("0")
    assert "No community manager in post" in alpha_row(then).reasons
    assert "as of 31 May 2024" in then.content.decode()
    assert alpha_row(now).total_fte == Decimal("0.80")
    assert "No community manager in post" not in alpha_row(now).reasons


def test_staff_who_had_left_are_not_counted(world, client_for):
    factories.support_staff(world.alpha, "1.0", starts_on=date(2022, 1, 1), ends_on=date(2023, 1, 1))

    response = client_for("orcid_admin").get("/compliance/", {"date": "2022-06-01"})

    assert alpha_row(response).total_fte == Decimal("1.00")
    assert alpha_row(client_for("orcid_admin").get("/compliance/")).total_fte == Decimal("0")


def test_a_bad_date_gives_a_message_and_today(world, client_for):
    response = client_for("orcid_admin").get("/compliance/", {"date": "2024-13-45"})

    assert response.status_code == 200
    assert response.context["on"] == timezone.localdate()
    assert "“2024-13-45” is not a date in the form YYYY-MM-DD" in response.content.decode()


def test_a_future_date_is_refused_with_a_message(world, client_for):
    tomorrow = timezone.localdate() + timedelta(days=1)

    response = client_for("orcid_admin").get("/compliance/", {"date": tomorrow.isoformat()})

    assert response.context["on"] == timezone.localdate()
    assert "cannot be assessed for a future date" in response.content.decode()
