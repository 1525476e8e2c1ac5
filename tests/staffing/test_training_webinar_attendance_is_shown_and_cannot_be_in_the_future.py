"""A recorded webinar shows its date on the staff page; a future date is refused at the field of
that webinar's form, and nothing is recorded."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from consortia.staffing.models import WebinarAttendance
from tests import factories


def test_a_future_attendance_date_is_refused_at_the_field(world, client_for):
    staff = factories.support_staff(world.alpha)
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client_for("regional").post(
        reverse("staffing:webinar_record", args=[staff.pk]),
        {"webinar": "overview", "attended_on": tomorrow.isoformat()},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Attendance cannot be recorded for a future date." in page
    assert 'id="id_webinar_overview_attended_on"' in page
    assert not WebinarAttendance.objects.exists()


def test_a_recorded_webinar_shows_its_date_and_leaves_the_other_to_do(world, client_for):
    staff = factories.support_staff(world.alpha)
    client = client_for("orcid_admin")
    client.post(
        reverse("staffing:webinar_record", args=[staff.pk]),
        {"webinar": "overview", "attended_on": "2024-02-05"},
    )
    page = client.get(reverse("staffing:staff_detail", args=[staff.pk])).content.decode()
    assert "attended 5 Feb 2024" in page
    assert "Webinar not attended: Technical overview of ORCID&#x27;s APIs and tools" in page
