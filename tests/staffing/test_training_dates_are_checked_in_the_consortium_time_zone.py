"""ORCID records a webinar or check-in held "today" where the consortium is, even while the
server's day (UTC) is still yesterday."""

from datetime import UTC, date, datetime
from unittest import mock

import pytest
from django.core.exceptions import ValidationError

from consortia.staffing import services
from tests import factories

# 20:00 UTC on 24 November is already 25 November in Auckland (alpha's time zone).
EVENING_IN_UTC = datetime(2026, 11, 24, 20, 0, tzinfo=UTC)
AUCKLAND_TODAY = date(2026, 11, 25)


def test_a_webinar_on_the_consortiums_today_is_accepted(world):
    staff = factories.support_staff(world.alpha, "1.0", starts_on=date(2026, 11, 1))

    with mock.patch("django.utils.timezone.now", return_value=EVENING_IN_UTC):
        attendance = services.record_webinar(
            world.regional, staff, webinar="overview", attended_on=AUCKLAND_TODAY
        )

    assert attendance.attended_on == AUCKLAND_TODAY


def test_the_day_after_the_consortiums_today_is_still_the_future(world):
    staff = factories.support_staff(world.alpha, "1.0", starts_on=date(2026, 11, 1))

    with mock.patch("django.utils.timezone.now", return_value=EVENING_IN_UTC), pytest.raises(ValidationError):
        services.record_webinar(world.regional, staff, webinar="overview", attended_on=date(2026, 11, 26))
