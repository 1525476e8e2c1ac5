"""A member contact's pages: their own integrations only, self-service add and edit with the
technical contact chosen from their own contacts, and on a platform page only counts of others."""

from consortia.directory.models import Contact
from consortia.integrations import services
from consortia.integrations.models import Integration


def test_my_integrations_lists_only_the_members_own(world, client_for):
    platform = services.save_platform(world.orcid_admin, name="Pure")
    services.save_integration(
        world.alpha_member, world.alpha_membership, name="Alpha portal", system_type="cris", platform=platform
    )
    services.save_integration(
        world.beta_member, world.beta_membership, name="Beta portal", system_type="cris", platform=platform
    )
    page = client_for("alpha_member").get("/my-integrations/").content.decode()
    assert "Alpha portal" in page and "Beta portal" not in page
    detail = client_for("alpha_member").get(f"/platforms/{platform.pk}/").content.decode()
    assert "Alpha portal" in detail
    assert "Beta portal" not in detail and "Beta Institut" not in detail
    assert "1 more integration on Pure at other members" in detail
    orcid = client_for("orcid_admin").get(f"/platforms/{platform.pk}/").content.decode()
    assert "Beta Institut" in orcid and "Alpha University" in orcid


def test_a_member_adds_an_integration_with_one_of_their_own_contacts(world, client_for):
    client = client_for("alpha_member")
    form = client.get("/integrations/add/")
    assert form.status_code == 200
    own = Contact.objects.filter(membership=world.alpha_membership).first().person
    other = Contact.objects.filter(membership=world.beta_membership).first().person
    html = form.content.decode()
    assert own.full_name in html and other.full_name not in html
    response = client.post(
        f"/integrations/add/?membership={world.alpha_membership.pk}",
        {
            "name": "Theses repository",
            "system_type": "repository",
            "api": "member",
            "technical_contact": other.pk,
        },
    )
    assert response.status_code == 200 and not Integration.objects.exists()
    response = client.post(
        f"/integrations/add/?membership={world.alpha_membership.pk}",
        {
            "name": "Theses repository",
            "system_type": "repository",
            "api": "member",
            "technical_contact": own.pk,
        },
    )
    integration = Integration.objects.get()
    assert response["Location"] == f"/integrations/{integration.pk}/"
    assert integration.technical_contact == own and integration.membership == world.alpha_membership
    response = client.post(
        f"/integrations/{integration.pk}/edit/",
        {"name": "Theses repository (DSpace 8)", "system_type": "repository", "api": "public"},
    )
    integration.refresh_from_db()
    assert integration.name == "Theses repository (DSpace 8)" and integration.api == "public"


def test_the_consortium_team_chooses_the_member_first(world, client_for):
    client = client_for("alpha_admin")
    page = client.get("/integrations/add/?consortium=alpha").content.decode()
    assert "Alpha University" in page and "Beta Institut" not in page
    assert client.get(f"/integrations/add/?membership={world.alpha_membership.pk}").status_code == 200
