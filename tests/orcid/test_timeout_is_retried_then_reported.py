import pytest

from consortia.orcid.client import OrcidPublicApi, OrcidUnavailable

JOSIAH = "0000-0002-1825-0097"


def test_a_slow_answer_is_abandoned_and_asked_again(fake_orcid):
    fake_orcid.add_record(JOSIAH, "Josiah", "Carberry")
    fake_orcid.script(200, delay=2.0)
    with OrcidPublicApi(timeout=0.3, retries=2, backoff_base=0.01) as api:
        assert api.fetch_public_name(JOSIAH) == "Josiah Carberry"
    assert len(fake_orcid.api_requests()) == 2


def test_timeouts_on_every_try_raise_orcid_unavailable(fake_orcid):
    fake_orcid.add_record(JOSIAH, "Josiah", "Carberry")
    fake_orcid.script(200, delay=2.0, times=3)
    with (
        OrcidPublicApi(timeout=0.3, retries=2, backoff_base=0.01) as api,
        pytest.raises(OrcidUnavailable, match=r"did not answer after 3 tries \(no answer within 0.3 s\)"),
    ):
        api.fetch_public_name(JOSIAH)
    assert len(fake_orcid.api_requests()) == 3


def test_the_timeout_comes_from_settings(fake_orcid, settings):
    settings.ORCID_API_TIMEOUT = 7
    assert OrcidPublicApi().timeout == 7
