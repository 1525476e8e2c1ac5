from consortia.billing import services
from consortia.billing.models import Invoice
from tests import factories


def test_a_member_contact_sees_and_opens_only_their_organizations_invoices(client_for, world):
    neighbour = factories.membership(world.alpha)
    services.issue_run(world.orcid_admin, factories.fee_schedule(world.alpha, 2026, local_flat_fee="0"))
    own = Invoice.objects.get(membership=world.alpha_membership)
    other = Invoice.objects.get(membership=neighbour)
    client = client_for("alpha_member")

    listing = client.get("/invoices/").content.decode()
    assert own.reference in listing
    assert other.reference not in listing
    page = client.get(f"/invoices/{own.pk}/")
    assert page.status_code == 200
    assert "Record a payment" not in page.content.decode()
    assert "Issue a credit note" not in page.content.decode()
    assert client.get(f"/invoices/{other.pk}/").status_code == 404
    assert client.get(f"/members/{neighbour.pk}/ledger/").status_code == 404
    # Read-only: the actions are refused.
    assert client.post(f"/invoices/{own.pk}/payments/", {"amount": "1.00"}).status_code == 403
    assert client.post(f"/invoices/{own.pk}/credit-note/", {"reason": "x"}).status_code == 403
    # A member contact has no consortium billing pages at all.
    assert client.get("/consortia/alpha/billing/").status_code == 404
