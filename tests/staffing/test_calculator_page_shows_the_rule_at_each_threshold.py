"""The staffing calculator shows the FTE required at the seed's thresholds, the rule applied,
the recommendation for the first three years and the about-75%/25% split; a table of example
sizes sits beside it."""

from decimal import Decimal

import pytest


@pytest.mark.parametrize(
    ("members", "required", "rule"),
    [
        (19, "0.50", "At least 0.5 FTE below 20 members"),
        (20, "0.67", "At least 1 FTE per 30 organizations"),
        (30, "1.00", "At least 1 FTE per 30 organizations"),
        (31, "1.03", "At least 1 FTE per 30 organizations"),
        (60, "2.00", "At least 1 FTE per 30 organizations"),
    ],
)
def test_required_fte_and_rule_at_the_thresholds(world, client_for, members, required, rule):
    response = client_for("alpha_staff").get("/compliance/calculator/", {"members": members})

    assert response.status_code == 200
    assert response.context["result"]["required_fte"] == Decimal(required)
    html = response.content.decode()
    assert f"{required} FTE</span> required" in html
    assert f"{rule}." in html


def test_recommendation_and_split(world, client_for):
    html = client_for("orcid_admin").get("/compliance/calculator/", {"members": 60}).content.decode()

    assert "Recommended in the first 3 years" in html
    assert "about 75%: 1.50 FTE of 2.00" in html
    assert "about 25%: 0.50 FTE of 2.00" in html


def test_example_sizes_are_listed(world, client_for):
    response = client_for("regional").get("/compliance/calculator/")

    examples = {row["members"]: row["required_fte"] for row in response.context["examples"]}
    assert list(examples) == [10, 19, 20, 30, 31, 40, 60, 100]
    assert examples[19] == Decimal("0.50") and examples[31] == Decimal("1.03")
    assert response.context["result"] is None
    assert "<caption>" in response.content.decode()


@pytest.mark.parametrize("name", ["orcid_admin", "regional", "alpha_admin", "alpha_staff"])
def test_every_staff_role_may_use_it(world, client_for, name):
    assert client_for(name).get("/compliance/calculator/", {"members": 5}).status_code == 200


def test_member_contacts_may_not(world, client_for):
    assert client_for("alpha_member").get("/compliance/calculator/").status_code == 403
