"""A consortium's compliance page gives every reason it is not eligible, the staffing figures
with the rule applied, who covers each weekday (or "Not covered"), staff training and the
onboarding figures."""

from datetime import date, timedelta

from django.utils import timezone
from django.utils.html import escape

from consortia.directory.models import Person
from consortia.lib.dates import add_months
from tests import factories


def understaffed_alpha(world):
    for _ in range(30):
        factories.membership(world.alpha, with_lead_contacts=False)
    world.alpha.agreement_date = date(2024, 1, 15)
    world.alpha.save()
    kim = Person.objects.create(given_names="Kim", family_name="Tane", email="kim@alpha.example")
    return factories.support_staff(
        world.alpha, "0.6", weekdays=(0, 1, 2, 3), person_=kim, hours=("09:30", "13:00")
    )


def test_reasons_figures_and_rule(world, client_for):
    understaffed_alpha(world)

    response = client_for("alpha_admin").get("/consortia/alpha/compliance/")

    html = response.content.decode()
    assert response.context["result"].eligibility == "none"
    assert "0.6 FTE for 31 members; needs 1.03" in html
    assert "Friday not covered" in html
    assert "At least 1 FTE per 30 organizations" in html
    assert "Not eligible" in html
    # Every reason is listed, the training one included.
    for reason in response.context["result"].reasons:
        assert escape(reason) in html


def test_each_weekday_shows_who_covers_it_or_not_covered(world, client_for):
    understaffed_alpha(world)

    response = client_for("alpha_staff").get("/consortia/alpha/compliance/")

    coverage = dict(response.context["coverage"])
    assert list(coverage) == ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
    assert [str(staff.person) for staff, _ in coverage["Monday"]] == ["Kim Tane"]
    assert coverage["Friday"] == []
    html = response.content.decode()
    assert "09:30–13:00" in html
    assert html.count("Not covered") == 1


def test_training_and_onboarding_figures(world, client_for):
    understaffed_alpha(world)

    html = client_for("alpha_admin").get("/consortia/alpha/compliance/").content.decode()

    assert "Overdue" in html  # training: started in 2020, three months long past
    assert "homework not submitted" in html.lower()
    assert "Pre-agreement items open" in html
    assert "Fees" in html and "Overdue since" in html
    assert "Post-agreement items overdue" in html


def test_the_recommended_range_shows_in_the_first_three_years_only(world, client_for):
    understaffed_alpha(world)
    today = timezone.localdate()
    world.alpha.agreement_date = add_months(today, -12 * 4)
    world.alpha.save()
    client = client_for("alpha_admin")

    early = client.get("/consortia/alpha/compliance/", {"date": str(add_months(today, -12 * 3))})
    late = client.get("/consortia/alpha/compliance/")

    assert early.context["result"].recommended_fte is not None
    assert "recommended in the first 3 years" in early.content.decode()
    assert late.context["result"].recommended_fte is None
    assert "recommended in the first 3 years" not in late.content.decode()


def test_staff_who_started_later_are_not_shown_on_an_earlier_date(world, client_for):
    understaffed_alpha(world)
    later = factories.support_staff(world.alpha, "0.5", weekdays=(4,), starts_on=date(2024, 6, 1))

    response = client_for("alpha_admin").get("/consortia/alpha/compliance/", {"date": "2024-05-01"})

    assert later not in [standing.staff for standing in response.context["result"].staff]
    assert dict(response.context["coverage"])["Friday"] == []
    assert "as of 1 May 2024" in response.content.decode()


def test_a_bad_date_gives_a_message(world, client_for):
    response = client_for("alpha_admin").get("/consortia/alpha/compliance/", {"date": "yesterday"})

    assert response.context["on"] == timezone.localdate()
    assert "“yesterday” is not a date in the form YYYY-MM-DD" in response.content.decode()
    future = client_for("alpha_admin").get(
        "/consortia/alpha/compliance/", {"date": str(timezone.localdate() + timedelta(days=3))}
    )
    assert "cannot be assessed for a future date" in future.content.decode()
