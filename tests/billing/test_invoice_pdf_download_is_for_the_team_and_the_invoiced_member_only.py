"""The PDF download: the consortium's team and ORCID in scope, and the member contact of the
invoiced organization, get the file as an attachment named after the reference; every outsider
of each role gets 404, and a member contact never gets another member's invoice."""

import pytest
from django.urls import reverse

from consortia.billing import services
from tests import factories
from tests.conftest import OUTSIDERS_OF_BETA


def issue(world, consortium):
    schedule = factories.fee_schedule(consortium, local_currency="USD")
    return services.issue_run(world.orcid_admin, schedule)


@pytest.fixture
def beta_invoice(world):
    return issue(world, world.beta).invoices.get(membership=world.beta_membership)


def pdf_url(invoice):
    return reverse("billing:invoice_pdf", args=[invoice.pk])


@pytest.mark.parametrize("name", ["orcid_admin", "beta_admin", "beta_staff", "beta_member"])
def test_the_team_orcid_and_the_invoiced_member_download_the_pdf(client_for, beta_invoice, name):
    response = client_for(name).get(pdf_url(beta_invoice))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="INV-2026-00001.pdf"'
    assert response.content.startswith(b"%PDF")


def test_regional_staff_download_the_pdfs_of_their_region(world, client_for):
    invoice = issue(world, world.alpha).invoices.get()

    assert client_for("regional").get(pdf_url(invoice)).status_code == 200


@pytest.mark.parametrize("name", OUTSIDERS_OF_BETA)
def test_outsiders_of_each_role_get_404(client_for, beta_invoice, name):
    assert client_for(name).get(pdf_url(beta_invoice)).status_code == 404


def test_a_member_contact_gets_only_their_own_organizations_invoice(world, client_for):
    other = factories.membership(world.beta)
    run = issue(world, world.beta)
    own = run.invoices.get(membership=world.beta_membership)
    theirs = run.invoices.get(membership=other)
    client = client_for("beta_member")

    assert client.get(pdf_url(own)).status_code == 200
    assert client.get(pdf_url(theirs)).status_code == 404


def test_signed_out_visitors_are_sent_to_sign_in(client, beta_invoice):
    response = client.get(pdf_url(beta_invoice))

    assert response.status_code == 302
    assert "login" in response["Location"]
