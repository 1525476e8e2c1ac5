import pytest

from consortia.lib.orcid_id import InvalidOrcidId
from consortia.orcid.client import fetch_public_name


def test_bad_check_character_is_rejected_without_asking_orcid(fake_orcid):
    with pytest.raises(InvalidOrcidId, match="check character should be 7"):
        fetch_public_name("0000-0002-1825-0098")
    assert fake_orcid.requests == []


def test_malformed_id_is_rejected_without_asking_orcid(fake_orcid):
    with pytest.raises(InvalidOrcidId, match="is not an ORCID iD"):
        fetch_public_name("0000-0002-1825")
    assert fake_orcid.requests == []


def test_pasted_url_and_lower_case_x_are_normalized_before_the_request(fake_orcid):
    fake_orcid.add_record("0000-0002-1694-233X", "Sofia", "Garcia")
    assert fetch_public_name("https://sandbox.orcid.org/0000-0002-1694-233x") == "Sofia Garcia"
    assert [r.path for r in fake_orcid.requests] == ["/v3.0/0000-0002-1694-233X/person"]


def test_requests_ask_for_orcid_json(fake_orcid):
    fake_orcid.add_record("0000-0002-1825-0097", "Josiah", "Carberry")
    fetch_public_name("0000-0002-1825-0097")
    assert fake_orcid.requests[0].headers["Accept"] == "application/vnd.orcid+json"
