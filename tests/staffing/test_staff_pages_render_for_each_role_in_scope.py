"""The staff list and a staff member's page open for every staff role in the consortium's scope;
member contacts do not see support staff at all."""

import pytest
from django.urls import reverse

from tests import factories

IN_SCOPE_OF_ALPHA = ("orcid_admin", "regional", "alpha_admin", "alpha_staff")


@pytest.mark.parametrize("name", IN_SCOPE_OF_ALPHA)
def test_staff_roles_in_scope_see_the_list_and_the_detail(world, client_for, name):
    person = factories.person("Aroha", "Ngata", email="aroha@alpha.example", orcid_id="0000-0002-1825-0097")
    staff = factories.support_staff(world.alpha, "0.6", weekdays=(0, 1, 2), person_=person)
    client = client_for(name)

    listing = client.get(reverse("staffing:staff_list", args=["alpha"]))
    assert listing.status_code == 200
    text = listing.content.decode()
    for expected in (
        "Aroha Ngata",
        "aroha@alpha.example",
        "0000-0002-1825-0097",
        "Community manager",
        "0.60",
    ):
        assert expected in text
    assert "Required for 1 member: 0.50 FTE" in text

    detail = client.get(reverse("staffing:staff_detail", args=[staff.pk]))
    assert detail.status_code == 200
    page = detail.content.decode()
    assert "Training readiness" in page and "Aroha Ngata" in page
    assert "Thursday" in page and "not covered" in page


def test_member_contacts_get_404_on_their_own_consortiums_staff_pages(world, client_for):
    staff = factories.support_staff(world.alpha)
    client = client_for("alpha_member")
    assert client.get(reverse("staffing:staff_list", args=["alpha"])).status_code == 404
    assert client.get(reverse("staffing:staff_detail", args=[staff.pk])).status_code == 404
    assert client.get(reverse("staffing:staff_add", args=["alpha"])).status_code == 404


def test_signed_out_visitors_are_sent_to_sign_in(world, client):
    response = client.get(reverse("staffing:staff_list", args=["alpha"]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
