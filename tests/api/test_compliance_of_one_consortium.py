"""GET /compliance/{slug}: one consortium with its staff's standing; 404 outside scope."""

from datetime import date

import pytest

from tests import factories
from tests.conftest import OUTSIDERS_OF_BETA


def test_the_consortium_team_reads_its_compliance_with_staff_standings(api_for, world):
    staff = factories.support_staff(world.alpha, "0.6", person_=factories.person("Aroha", "Ngata"))

    response = api_for("alpha_staff").get("/compliance/alpha")

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["consortium"] == "alpha" and body["total_fte"] == "0.60"
    [standing] = body["staff"]
    assert standing["staff_id"] == staff.pk and standing["person"]["name"] == "Aroha Ngata"
    assert (standing["role"], standing["fte"]) == ("community_manager", "0.60")
    assert standing["readiness"]["is_ready"] is False
    # In post since 2020 without training: past the deadline, and a reason against eligibility.
    assert standing["training_overdue"] is True
    assert any(reason.startswith("Aroha Ngata: ORCID training not complete") for reason in body["reasons"])


@pytest.mark.parametrize("outsider", OUTSIDERS_OF_BETA)
def test_outsiders_get_404_for_beta(api_for, world, outsider):
    response = api_for(outsider).get("/compliance/beta")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_a_member_contact_gets_403_for_their_own_consortium(api_for, world):
    assert api_for("alpha_member").get("/compliance/alpha").status_code == 403


def test_an_unknown_slug_is_404(api_for, world):
    assert (
        api_for("orcid_admin").get("/compliance/gamma", {"date": date(2024, 1, 1).isoformat()}).status_code
        == 404
    )
