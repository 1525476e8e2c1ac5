"""?page= and ?page_size= on every list: whole numbers from 1, page size capped, bad input 400."""

import pytest
from django.conf import settings

LISTS = ["/consortia", "/organizations", "/memberships", "/membership-requests", "/people", "/contacts"]


@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize("bad", ["abc", "0", "-2", "1.5"])
def test_bad_page_is_400_with_a_message(api_for, path, bad):
    response = api_for("orcid_admin").get(path, {"page": bad})

    assert response.status_code == 400
    assert "page must be a whole number from 1" in response.json()["detail"]


@pytest.mark.parametrize("path", LISTS)
def test_bad_page_size_is_400_with_a_message(api_for, path):
    response = api_for("orcid_admin").get(path, {"page_size": "lots"})

    assert response.status_code == 400
    assert response.json()["fields"] == {
        "page_size": ["page_size must be a whole number from 1, not 'lots'."]
    }


@pytest.mark.parametrize("path", LISTS)
def test_page_size_is_capped_at_the_maximum(api_for, path):
    body = api_for("orcid_admin").get(path, {"page_size": settings.MAX_PAGE_SIZE * 10}).json()

    assert body["page_size"] == settings.MAX_PAGE_SIZE


def test_default_page_size_comes_from_settings(api_for):
    body = api_for("orcid_admin").get("/memberships").json()

    assert (body["page"], body["page_size"]) == (1, settings.PAGE_SIZE)
