import pytest

from consortia.orcid.client import OrcidApiError, OrcidIdNotFound, fetch_public_name

UNKNOWN = "0000-0002-1825-0097"


def test_404_raises_orcid_id_not_found_naming_the_id(fake_orcid):
    with pytest.raises(OrcidIdNotFound, match=r"^ORCID has no record 0000-0002-1825-0097$") as raised:
        fetch_public_name(UNKNOWN)
    assert raised.value.orcid_id == UNKNOWN


def test_404_is_not_retried(fake_orcid):
    with pytest.raises(OrcidIdNotFound):
        fetch_public_name(UNKNOWN, retries=3, sleep=lambda seconds: None)
    assert len(fake_orcid.api_requests()) == 1


def test_another_refusal_is_reported_with_orcids_explanation_and_not_retried(fake_orcid):
    fake_orcid.script(409)
    with pytest.raises(
        OrcidApiError, match=r"ORCID's API answered 409 for 0000-0002-1825-0097: 409"
    ) as raised:
        fetch_public_name(UNKNOWN, retries=3, sleep=lambda seconds: None)
    assert not isinstance(raised.value, OrcidIdNotFound)
    assert len(fake_orcid.api_requests()) == 1
