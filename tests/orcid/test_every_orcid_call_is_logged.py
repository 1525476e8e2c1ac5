import logging

import pytest

from consortia.orcid.client import OrcidIdNotFound, OrcidPublicApi

JOSIAH = "0000-0002-1825-0097"


def test_each_try_is_logged_with_url_status_and_elapsed_time(fake_orcid, caplog):
    fake_orcid.add_record(JOSIAH, "Josiah", "Carberry")
    fake_orcid.script(503)
    with (
        caplog.at_level(logging.INFO, logger="consortia.orcid.client"),
        OrcidPublicApi(retries=1, sleep=lambda seconds: None) as api,
    ):
        api.fetch_public_name(JOSIAH)
    url = f"{fake_orcid.api_url}/{JOSIAH}/person"
    answered = [r.getMessage() for r in caplog.records if r.levelno == logging.INFO]
    assert len(answered) == 2
    assert answered[0].startswith(f"ORCID GET {url} -> 503 in ") and answered[0].endswith(" ms")
    assert answered[1].startswith(f"ORCID GET {url} -> 200 in ")
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert f"ORCID GET {url} failed (503 Service Unavailable)" in warnings[0]
    assert warnings[0].endswith("try 1 of 2")


def test_a_404_is_logged_too(fake_orcid, caplog):
    with (
        caplog.at_level(logging.INFO, logger="consortia.orcid.client"),
        OrcidPublicApi() as api,
        pytest.raises(OrcidIdNotFound),
    ):
        api.fetch_public_name(JOSIAH)
    assert any(" -> 404 in " in r.getMessage() for r in caplog.records)
