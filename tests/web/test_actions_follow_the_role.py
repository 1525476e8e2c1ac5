"""Within their tenant, each role does only what the policy allows."""

from django.urls import reverse


def test_member_contact_cannot_change_membership_status_or_end_it(world, client_for):
    client = client_for("alpha_member")
    pk = world.alpha_membership.pk
    assert client.get(reverse("directory:member_edit", args=[pk])).status_code == 403
    assert client.post(reverse("directory:member_end", args=[pk]), {"reason": "x"}).status_code == 403


def test_member_contact_cannot_open_the_consortium_pages(world, client_for):
    client = client_for("alpha_member")
    assert client.get(reverse("directory:member_list", args=["alpha"])).status_code == 404
    assert client.get(reverse("directory:consortium_detail", args=["alpha"])).status_code == 404


def test_regional_staff_see_their_region_but_do_not_edit_members(world, client_for):
    client = client_for("regional")
    assert client.get(reverse("directory:member_list", args=["alpha"])).status_code == 200
    assert client.get(reverse("directory:member_add", args=["alpha"])).status_code == 403
    assert client.get(reverse("directory:contact_add", args=[world.alpha_membership.pk])).status_code == 403


def test_consortium_staff_manage_members(world, client_for):
    client = client_for("alpha_staff")
    assert client.get(reverse("directory:member_add", args=["alpha"])).status_code == 200
    assert client.get(reverse("directory:member_edit", args=[world.alpha_membership.pk])).status_code == 200


def test_only_orcid_admins_open_django_admin(world, client_for):
    assert client_for("orcid_admin").get("/admin/").status_code == 200
    for name in ("regional", "alpha_admin", "alpha_staff", "alpha_member"):
        assert client_for(name).get("/admin/").status_code == 302, name


def test_home_sends_each_role_to_its_start_page(world, client_for):
    assert client_for("orcid_admin").get("/")["Location"] == reverse("directory:consortium_list")
    assert client_for("alpha_admin").get("/")["Location"] == reverse(
        "directory:consortium_detail", args=["alpha"]
    )
    assert client_for("alpha_member").get("/")["Location"] == reverse("directory:my_organization")
    response = client_for("alpha_member").get(reverse("directory:my_organization"))
    assert response["Location"] == reverse("directory:member_detail", args=[world.alpha_membership.pk])
