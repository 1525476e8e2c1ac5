"""A member contact sees only their organization's invoices (another member's is 404); consortium
and regional staff read but cannot credit (403); other tenants get 404."""

import pytest

from consortia.billing import services
from consortia.billing.models import Invoice
from tests import factories
from tests.conftest import OUTSIDERS_OF_BETA


def issue(world, consortium):
    services.issue_run(world.orcid_admin, factories.fee_schedule(consortium, local_currency="USD"))


def test_a_member_contact_sees_only_their_own_invoices(api_for, world):
    neighbour = factories.membership(world.alpha)
    issue(world, world.alpha)
    client = api_for("alpha_member")
    theirs = Invoice.objects.get(membership=neighbour)
    own = Invoice.objects.get(membership=world.alpha_membership)

    listed = client.get("/invoices").json()

    assert [row["id"] for row in listed["results"]] == [own.pk]
    assert client.get(f"/invoices/{own.pk}").status_code == 200
    assert client.get(f"/invoices/{theirs.pk}").status_code == 404
    assert client.post(f"/invoices/{own.pk}/credit-notes", {"reason": "Please"}).status_code == 403


@pytest.mark.parametrize("name", ["alpha_staff", "regional"])
def test_read_only_roles_read_but_cannot_credit(api_for, world, name):
    issue(world, world.alpha)
    invoice = Invoice.objects.get()
    client = api_for(name)

    assert client.get(f"/invoices/{invoice.pk}").status_code == 200
    assert client.post(f"/invoices/{invoice.pk}/credit-notes", {"reason": "Oops"}).status_code == 403
    assert not Invoice.objects.filter(kind="credit_note").exists()


@pytest.mark.parametrize("name", OUTSIDERS_OF_BETA)
def test_outsiders_of_beta_get_404_for_its_invoices(api_for, world, name):
    issue(world, world.beta)
    invoice = Invoice.objects.get()
    client = api_for(name)

    assert client.get(f"/invoices/{invoice.pk}").status_code == 404
    assert client.post(f"/invoices/{invoice.pk}/credit-notes", {"reason": "x"}).status_code == 404
    assert client.get("/invoices", {"consortium": "beta"}).json()["count"] == 0
