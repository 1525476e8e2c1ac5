"""GET /compliance explains why a consortium is not eligible, in the program's own numbers."""

from tests import factories


def test_31_members_with_0_6_fte_needs_1_03(api_for, world):
    for _ in range(30):  # the world's Alpha University is the 31st
        factories.membership(world.alpha)
    factories.support_staff(world.alpha, "0.6")

    response = api_for("orcid_admin").get("/compliance", {"q": "alpha"})

    assert response.status_code == 200, response.content
    [row] = response.json()["results"]
    assert row["consortium"] == "alpha" and row["members"] == 31
    assert (row["required_fte"], row["total_fte"]) == ("1.03", "0.60")
    assert "0.6 FTE for 31 members; needs 1.03" in row["reasons"]
    assert (row["eligibility"], row["eligibility_label"]) == ("none", "Not eligible")
    assert row["risk_level"] == "high"


def test_every_row_has_the_scorecard_fields(api_for, world):
    factories.support_staff(world.alpha, "0.5", weekdays=(0, 1, 2))

    [row] = api_for("alpha_admin").get("/compliance").json()["results"]

    assert row["name"] == "Alpha Consortium"
    assert row["region"] == {"slug": "apac", "name": "Asia Pacific"}
    assert row["uncovered_weekdays"] == ["Thursday", "Friday"]
    assert "Thursday and Friday not covered" in row["reasons"]
    assert "No consortium agreement signed yet" in row["reasons"]
    assert row["recommended_fte"] == ["0.50", "0.50"]
    assert isinstance(row["risk"], int) and isinstance(row["advice"], list)
    assert row["onboarding"]["has_checklist"] is True
    assert row["onboarding"]["pre_agreement_open"] > 0
    assert row["as_of"]
