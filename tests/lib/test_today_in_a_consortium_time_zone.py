"""A consortium's "today" is its own: Auckland's day starts 13 hours before UTC's in summer."""

from datetime import UTC, date, datetime
from unittest import mock

from consortia.lib.dates import today_in

# 20:00 UTC on 24 November is 09:00 on 25 November in Auckland (NZDT, UTC+13).
EVENING_IN_UTC = datetime(2026, 11, 24, 20, 0, tzinfo=UTC)


def test_auckland_is_already_tomorrow():
    with mock.patch("django.utils.timezone.now", return_value=EVENING_IN_UTC):
        assert today_in("Pacific/Auckland") == date(2026, 11, 25)
        assert today_in("Europe/Berlin") == date(2026, 11, 24)


def test_an_unknown_zone_falls_back_to_the_server_date():
    with mock.patch("django.utils.timezone.now", return_value=EVENING_IN_UTC):
        assert today_in("Mars/Olympus_Mons") == date(2026, 11, 24)
