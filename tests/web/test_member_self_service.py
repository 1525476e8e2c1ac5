"""A member contact keeps its own organization's details and contacts up to date."""

from django.urls import reverse

from consortia.audit.models import AuditEntry


def _org_form(org, **changes):
    data = {
        field: getattr(org, field)
        for field in (
            "name",
            "ror_id",
            "country",
            "city",
            "organization_type",
            "tier",
            "community_type",
            "website",
            "billing_address",
        )
    }
    data.update(changes)
    return {key: value or "" for key, value in data.items()}


def test_member_contact_edits_its_organization_and_orcid_is_told(world, client_for):
    org = world.alpha_membership.organization
    response = client_for("alpha_member").post(
        reverse("directory:organization_edit", args=[world.alpha_membership.pk]),
        _org_form(org, name="Alpha Uni"),
    )
    assert response.status_code == 302
    org.refresh_from_db()
    assert org.name == "Alpha Uni"
    assert AuditEntry.objects.get(action="organization.updated").needs_orcid_review
    requests_page = client_for("regional").get(reverse("directory:request_list")).content.decode()
    assert "Updated Alpha Uni: name" in requests_page


def test_member_contact_adds_a_technical_contact(world, client_for):
    response = client_for("alpha_member").post(
        reverse("directory:contact_add", args=[world.alpha_membership.pk]),
        {"role": "technical", "given_names": "Rangi", "family_name": "Dev", "email": "rangi@example.org"},
    )
    assert response.status_code == 302
    assert world.alpha_membership.contacts.filter(
        role="technical", person__email="rangi@example.org"
    ).exists()


def test_a_bad_ror_id_is_explained(world, client_for):
    org = world.alpha_membership.organization
    response = client_for("alpha_member").post(
        reverse("directory:organization_edit", args=[world.alpha_membership.pk]),
        _org_form(org, ror_id="05gq02988"),
    )
    assert response.status_code == 200
    assert "check digits do not match" in response.content.decode()
