"""The calculator takes a non-negative whole number of members; anything else gets a clear
message in the page and no result."""

import pytest


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("many", "Enter the number of member organizations as a whole number, such as 31."),
        ("2.5", "Enter the number of member organizations as a whole number, such as 31."),
        ("-3", "The number of member organizations cannot be negative."),
        ("", "Enter the number of member organizations."),
        ("10000000000000000000000000000000", "That is more member organizations than the calculator takes."),
    ],
)
def test_bad_member_counts_are_explained(world, client_for, value, message):
    response = client_for("alpha_admin").get("/compliance/calculator/", {"members": value})

    assert response.status_code == 200
    assert response.context["result"] is None
    assert message in response.content.decode()


def test_zero_members_is_a_valid_answer(world, client_for):
    response = client_for("alpha_admin").get("/compliance/calculator/", {"members": "0"})

    assert str(response.context["result"]["required_fte"]) == "0.50"
