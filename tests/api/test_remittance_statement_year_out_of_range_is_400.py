"""A year far outside billing's range is a 400 with a reason on the API and today's year on the page."""

from django.urls import reverse


def test_the_api_refuses_a_year_out_of_range(api_for, world):
    response = api_for("orcid_admin").get("/remittance-statements?year=10000")

    assert response.status_code == 400
    assert "year" in response.json()["fields"]


def test_the_page_falls_back_to_this_year(client_for, world):
    response = client_for("orcid_admin").get(reverse("billing:statement_list") + "?year=99999")

    assert response.status_code == 200
