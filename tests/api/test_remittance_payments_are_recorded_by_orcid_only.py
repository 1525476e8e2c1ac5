"""ORCID (admins, and regional staff of the region) records what a lead paid against its
statement, in the statement's currency; the consortium's own team gets 403; outsiders 404."""

import pytest

from consortia.billing.models import RemittancePayment
from tests import factories

PAYMENT = {"amount": "1000.00", "paid_on": "2026-04-01", "reference": "SWIFT-1"}


@pytest.fixture
def schedule(world):
    return factories.fee_schedule(world.alpha, consortium_lead_fee="2500.00")


@pytest.mark.parametrize("name", ["orcid_admin", "regional"])
def test_orcid_records_a_remittance_and_the_balance_falls(api_for, schedule, name):
    client = api_for(name)

    response = client.post("/remittance-statements/alpha/2026/payments", PAYMENT)

    assert response.status_code == 201, response.content
    assert response.json() | {"id": 0, "recorded_by": None} == {
        "id": 0,
        "consortium": "alpha",
        "year": 2026,
        "currency": "USD",
        "amount": "1000.00",
        "paid_on": "2026-04-01",
        "reference": "SWIFT-1",
        "recorded_by": None,
    }
    statement = client.get("/remittance-statements/alpha/2026").json()
    assert (statement["paid"], statement["balance"]) == ("1000.00", "2500.00")


@pytest.mark.parametrize("name", ["alpha_admin", "alpha_staff"])
def test_the_consortiums_team_cannot_record_it(api_for, schedule, name):
    response = api_for(name).post("/remittance-statements/alpha/2026/payments", PAYMENT)

    assert response.status_code == 403
    assert not RemittancePayment.objects.exists()


@pytest.mark.parametrize("name", ["beta_admin", "beta_staff", "beta_member", "alpha_member"])
def test_outsiders_and_member_contacts_get_404(api_for, schedule, name):
    response = api_for(name).post("/remittance-statements/alpha/2026/payments", PAYMENT)

    assert response.status_code == 404


def test_a_json_number_or_a_year_without_a_schedule_is_refused(api_for, schedule):
    client = api_for("orcid_admin")

    number = client.post("/remittance-statements/alpha/2026/payments", PAYMENT | {"amount": 1000})

    assert number.status_code == 400 and "amount" in number.json()["fields"]
    assert client.post("/remittance-statements/alpha/2019/payments", PAYMENT).status_code == 404
