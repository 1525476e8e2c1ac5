"""?date=, ?sort=, ?eligibility= and ?page= of /compliance: bad input is a 400 naming the problem."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests import factories


@pytest.mark.parametrize("bad", ["yesterday", "2024-13-01", "01/02/2024", "2024-02-30"])
def test_a_date_that_is_not_a_day_is_400(api_for, world, bad):
    response = api_for("orcid_admin").get("/compliance", {"date": bad})

    assert response.status_code == 400
    assert response.json()["fields"] == {"date": [f"date must be a day as YYYY-MM-DD, not {bad!r}."]}


def test_a_future_date_is_400(api_for, world):
    tomorrow = timezone.localdate() + timedelta(days=1)

    for path in ("/compliance", "/compliance/alpha"):
        response = api_for("orcid_admin").get(path, {"date": tomorrow.isoformat()})

        assert response.status_code == 400
        assert "date cannot be in the future" in response.json()["detail"]


def test_a_past_date_is_assessed_as_of_that_day(api_for, world):
    factories.support_staff(world.alpha, "1.0", starts_on=timezone.localdate() - timedelta(days=10))
    before = (timezone.localdate() - timedelta(days=30)).isoformat()

    then = api_for("orcid_admin").get("/compliance/alpha", {"date": before}).json()
    now = api_for("orcid_admin").get("/compliance/alpha").json()

    assert then["as_of"] == before and then["total_fte"] == "0.00" and then["staff"] == []
    assert now["total_fte"] == "1.00" and len(now["staff"]) == 1


@pytest.mark.parametrize("param, value", [("sort", "size"), ("sort", "-size"), ("eligibility", "partial")])
def test_an_unknown_sort_or_eligibility_is_400(api_for, world, param, value):
    response = api_for("orcid_admin").get("/compliance", {param: value})

    assert response.status_code == 400
    assert param in response.json()["fields"]


def test_a_bad_page_is_400(api_for, world):
    response = api_for("orcid_admin").get("/compliance", {"page": "0"})

    assert response.status_code == 400
    assert "page must be a whole number from 1" in response.json()["detail"]
