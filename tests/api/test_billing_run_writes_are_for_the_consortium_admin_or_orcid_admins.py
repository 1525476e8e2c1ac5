"""The consortium's staff and regional ORCID staff may preview a run but not issue it (403);
member contacts may do neither (403, their consortium is visible to them); another tenant's
consortium named in the body is unknown (400 naming it); runs of other tenants are not listed."""

import pytest

from consortia.billing import services
from consortia.billing.models import Invoice
from tests import factories
from tests.conftest import OUTSIDERS_OF_BETA

RUN = {"consortium": "alpha", "year": 2026}


@pytest.mark.parametrize("name", ["alpha_staff", "regional"])
def test_read_only_roles_preview_but_cannot_issue(api_for, world, name):
    factories.fee_schedule(world.alpha)
    client = api_for(name)

    assert client.post("/billing-runs/preview", RUN).status_code == 200
    assert client.post("/billing-runs", RUN).status_code == 403
    assert not Invoice.objects.exists()


def test_orcid_admins_issue_any_consortiums_run(api_for, world):
    factories.fee_schedule(world.beta)

    response = api_for("orcid_admin").post("/billing-runs", {"consortium": "beta", "year": 2026})

    assert response.status_code == 201 and response.json()["invoices_issued"] == 2


def test_member_contacts_cannot_preview_issue_or_list_runs(api_for, world):
    schedule = factories.fee_schedule(world.alpha)
    services.issue_run(world.orcid_admin, schedule)
    client = api_for("alpha_member")

    assert client.post("/billing-runs/preview", RUN).status_code == 403
    assert client.post("/billing-runs", RUN).status_code == 403
    assert client.get("/billing-runs").json()["count"] == 0


@pytest.mark.parametrize("name", OUTSIDERS_OF_BETA)
def test_outsiders_of_beta_cannot_name_it_or_see_its_runs(api_for, world, name):
    schedule = factories.fee_schedule(world.beta)
    services.issue_run(world.orcid_admin, schedule)
    client = api_for(name)
    beta = {"consortium": "beta", "year": 2026}

    for path in ("/billing-runs/preview", "/billing-runs"):
        response = client.post(path, beta)
        assert response.status_code == 400
        assert response.json()["fields"]["consortium"] == ["There is no consortium 'beta' that you can see."]
    assert client.get("/billing-runs", {"consortium": "beta"}).json()["count"] == 0
