"""ORCID shadows new staff for 1–2 months: a shadowing end outside that window is refused with
the service's message at the shadowing end field; an empty end takes the 2-month suggestion."""

from datetime import date

from django.urls import reverse

from consortia import program
from consortia.lib.dates import add_months
from consortia.staffing.models import SupportStaff


def staff_form(**fields):
    data = {
        "given_names": "Mere",
        "family_name": "Support",
        "email": "mere@alpha.example",
        "role": "community_manager",
        "fte": "0.5",
        "employment_model": "direct_hire",
        "starts_on": "2024-01-01",
        "shadowing_starts_on": "2024-01-01",
    }
    data.update(fields)
    return data


def test_a_shadowing_end_after_two_months_is_refused_with_the_message(world, client_for):
    response = client_for("alpha_admin").post(
        reverse("staffing:staff_add", args=["alpha"]), staff_form(shadowing_ends_on="2024-05-01")
    )
    assert response.status_code == 200
    message = "Shadowing lasts 1–2 months: end it between 1 Feb 2024 and 1 Mar 2024."
    assert response.context["form"].errors["shadowing_ends_on"] == [message]
    assert message in response.content.decode()
    assert not SupportStaff.objects.exists()


def test_a_shadowing_end_before_one_month_is_refused(world, client_for):
    response = client_for("alpha_admin").post(
        reverse("staffing:staff_add", args=["alpha"]), staff_form(shadowing_ends_on="2024-01-15")
    )
    assert "Shadowing lasts 1–2 months" in response.context["form"].errors["shadowing_ends_on"][0]
    assert not SupportStaff.objects.exists()


def test_an_empty_shadowing_end_takes_the_longest_shadowing_period(world, client_for):
    response = client_for("alpha_admin").post(reverse("staffing:staff_add", args=["alpha"]), staff_form())
    assert response.status_code == 302
    staff = SupportStaff.objects.get()
    assert staff.shadowing_ends_on == add_months(date(2024, 1, 1), program.SHADOWING_MAX_MONTHS)


def test_the_add_form_suggests_a_shadowing_period_from_today(world, client_for):
    form = client_for("alpha_admin").get(reverse("staffing:staff_add", args=["alpha"])).context["form"]
    start = form.initial["shadowing_starts_on"]
    assert form.initial["shadowing_ends_on"] == add_months(start, program.SHADOWING_MAX_MONTHS)
