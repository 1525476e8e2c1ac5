"""GET /compliance/staffing-calculator?members=N: the FTE rule and ORCID's advice for N members."""

import pytest


def test_31_members_need_1_03_fte(api_for, world):
    response = api_for("alpha_staff").get("/compliance/staffing-calculator", {"members": "31"})

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["members"] == 31
    assert body["required_fte"] == "1.03"
    assert (body["recommended_fte_low"], body["recommended_fte_high"]) == ("1.03", "1.03")
    assert (body["outreach_fte"], body["technical_fte"]) == ("0.77", "0.26")
    assert body["rule"] == "At least 1 FTE per 30 organizations"


def test_small_consortia_have_the_half_fte_floor(api_for, world):
    body = api_for("orcid_admin").get("/compliance/staffing-calculator", {"members": "0"}).json()

    assert body["required_fte"] == "0.50"
    assert body["rule"] == "At least 0.5 FTE below 20 members"


@pytest.mark.parametrize("bad", ["-1", "many", "2.5", ""])
def test_a_member_count_that_is_not_a_whole_number_from_0_is_400(api_for, world, bad):
    response = api_for("orcid_admin").get("/compliance/staffing-calculator", {"members": bad})

    assert response.status_code == 400
    assert response.json()["fields"] == {"members": [f"members must be a whole number from 0, not {bad!r}."]}
