import socket

import pytest

from consortia.orcid.client import OrcidPublicApi, OrcidUnavailable, fetch_public_name

JOSIAH = "0000-0002-1825-0097"


def no_sleep(seconds):
    pass


def test_503_on_every_try_raises_orcid_unavailable_with_a_readable_message(fake_orcid):
    fake_orcid.add_record(JOSIAH, "Josiah", "Carberry")
    fake_orcid.script(503, times=10)
    with (
        OrcidPublicApi(retries=2, sleep=no_sleep) as api,
        pytest.raises(
            OrcidUnavailable, match=r"^ORCID's API did not answer after 3 tries \(503 Service Unavailable\)$"
        ),
    ):
        api.fetch_public_name(JOSIAH)
    assert len(fake_orcid.api_requests()) == 3


def test_the_number_of_retries_comes_from_settings(fake_orcid, settings):
    settings.ORCID_API_RETRIES = 1
    fake_orcid.add_record(JOSIAH, "Josiah", "Carberry")
    fake_orcid.script(429, times=10)
    with pytest.raises(OrcidUnavailable, match=r"after 2 tries \(429 Too Many Requests\)") as raised:
        fetch_public_name(JOSIAH, sleep=no_sleep)
    assert raised.value.attempts == 2
    assert len(fake_orcid.api_requests()) == 2


def test_no_retries_means_one_try(fake_orcid):
    fake_orcid.script(503, times=10)
    with pytest.raises(OrcidUnavailable, match="after 1 try "):
        fetch_public_name(JOSIAH, retries=0, sleep=no_sleep)
    assert len(fake_orcid.api_requests()) == 1


def test_a_refused_connection_is_retried_then_reported(settings):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed_port = sock.getsockname()[1]
    settings.ORCID_PUBLIC_API_URL = f"http://127.0.0.1:{closed_port}/v3.0"
    waits = []
    with pytest.raises(OrcidUnavailable, match=r"after 3 tries \(could not connect"):
        fetch_public_name(JOSIAH, retries=2, backoff_base=0.01, sleep=waits.append)
    assert waits == [0.01, 0.02]


def test_orcid_unavailable_is_an_orcid_api_error():
    from consortia.orcid.client import OrcidApiError, OrcidIdNotFound

    assert issubclass(OrcidUnavailable, OrcidApiError)
    assert issubclass(OrcidIdNotFound, OrcidApiError)
