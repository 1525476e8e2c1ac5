"""One person can serve several consortia. Each consortium sees that its staff member "also serves
N other consortia", as a count only: never which consortium, never the other tenant's terms."""

from django.urls import reverse

from tests import factories


def test_a_shared_role_shows_how_many_other_consortia_without_naming_them(world, client_for):
    gamma = factories.consortium("Gamma Consortium", "gamma", world.emea)
    person = factories.person("Kiri", "Shared", email="kiri@shared.example")
    alpha_row = factories.support_staff(world.alpha, "0.4", person_=person, employment_model="shared_role")
    factories.support_staff(world.beta, "0.3", person_=person, employer="Beta Secret Employer")
    factories.support_staff(gamma, "0.3", person_=person)
    client = client_for("alpha_admin")

    for url in (
        reverse("staffing:staff_list", args=["alpha"]),
        reverse("staffing:staff_detail", args=[alpha_row.pk]),
    ):
        page = client.get(url).content.decode()
        assert "also serves 2 other consortia" in page, url
        for secret in ("Beta Consortium", "Gamma Consortium", "Beta Secret Employer", "0.30"):
            assert secret not in page, (url, secret)


def test_past_roles_elsewhere_do_not_count(world, client_for):
    from datetime import date

    person = factories.person("Kiri")
    factories.support_staff(world.alpha, "0.5", person_=person)
    factories.support_staff(world.beta, "0.5", person_=person, ends_on=date(2021, 1, 1))
    page = client_for("alpha_admin").get(reverse("staffing:staff_list", args=["alpha"])).content.decode()
    assert "also serves" not in page
