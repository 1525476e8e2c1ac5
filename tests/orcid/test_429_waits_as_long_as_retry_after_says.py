from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

from consortia.orcid.client import OrcidPublicApi

JOSIAH = "0000-0002-1825-0097"


def test_retry_after_seconds_is_the_wait_before_the_next_try(fake_orcid):
    fake_orcid.add_record(JOSIAH, "Josiah", "Carberry")
    fake_orcid.script(429, headers={"Retry-After": "1"})
    waits = []
    with OrcidPublicApi(retries=3, backoff_base=0.01, sleep=waits.append) as api:
        assert api.fetch_public_name(JOSIAH) == "Josiah Carberry"
    assert waits == [1.0]


def test_the_client_really_waits_for_retry_after(fake_orcid):
    fake_orcid.add_record(JOSIAH, "Josiah", "Carberry")
    fake_orcid.script(429, headers={"Retry-After": "1"})
    with OrcidPublicApi(retries=1, backoff_base=0.01) as api:
        api.fetch_public_name(JOSIAH)
    first, second = fake_orcid.api_requests()
    assert second.at - first.at >= 1.0


def test_retry_after_as_an_http_date_is_understood(fake_orcid):
    fake_orcid.add_record(JOSIAH, "Josiah", "Carberry")
    in_five_seconds = format_datetime(datetime.now(UTC) + timedelta(seconds=5), usegmt=True)
    fake_orcid.script(429, headers={"Retry-After": in_five_seconds})
    waits = []
    with OrcidPublicApi(retries=1, backoff_base=0.01, sleep=waits.append) as api:
        api.fetch_public_name(JOSIAH)
    assert 3 < waits[0] <= 5


def test_a_long_retry_after_is_capped(fake_orcid):
    fake_orcid.add_record(JOSIAH, "Josiah", "Carberry")
    fake_orcid.script(429, headers={"Retry-After": "3600"})
    waits = []
    with OrcidPublicApi(retries=1, max_wait=2.0, sleep=waits.append) as api:
        api.fetch_public_name(JOSIAH)
    assert waits == [2.0]


def test_429_without_retry_after_backs_off_exponentially(fake_orcid):
    fake_orcid.add_record(JOSIAH, "Josiah", "Carberry")
    fake_orcid.script(429, times=3)
    waits = []
    with OrcidPublicApi(retries=3, backoff_base=0.1, sleep=waits.append) as api:
        api.fetch_public_name(JOSIAH)
    assert waits == [0.1, 0.2, 0.4]
