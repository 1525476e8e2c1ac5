from consortia.orcid.client import OrcidPublicApi

JOSIAH = "0000-0002-1825-0097"


def test_two_503s_then_an_answer_gives_the_name(fake_orcid):
    fake_orcid.add_record(JOSIAH, "Josiah", "Carberry")
    fake_orcid.script(503, times=2)
    waits = []
    with OrcidPublicApi(retries=3, backoff_base=0.25, sleep=waits.append) as api:
        assert api.fetch_public_name(JOSIAH) == "Josiah Carberry"
    assert len(fake_orcid.api_requests()) == 3
    # Exponential backoff: each wait doubles the one before.
    assert waits == [0.25, 0.5]


def test_a_gateway_timeout_is_retried_like_a_503(fake_orcid):
    fake_orcid.add_record(JOSIAH, "Josiah", "Carberry")
    fake_orcid.script(504)
    with OrcidPublicApi(retries=1, backoff_base=0, sleep=lambda seconds: None) as api:
        assert api.fetch_public_name(JOSIAH) == "Josiah Carberry"
    assert len(fake_orcid.api_requests()) == 2


def test_backoff_waits_really_pass_between_tries(fake_orcid):
    fake_orcid.add_record(JOSIAH, "Josiah", "Carberry")
    fake_orcid.script(503)
    with OrcidPublicApi(retries=1, backoff_base=0.2) as api:
        api.fetch_public_name(JOSIAH)
    first, second = fake_orcid.api_requests()
    assert second.at - first.at >= 0.2
