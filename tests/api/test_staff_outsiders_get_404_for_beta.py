"""Beta's support staff, their training and homework answer 404 to every outsider."""

import pytest

from consortia.staffing.models import HomeworkSubmission
from tests import factories
from tests.conftest import OUTSIDERS_OF_BETA


@pytest.fixture
def beta_staff(world):
    staff = factories.support_staff(world.beta, "0.5")
    submission = HomeworkSubmission.objects.create(staff=staff, link="https://beta.example/hw")
    return staff, submission


@pytest.mark.parametrize("outsider", OUTSIDERS_OF_BETA)
def test_every_call_on_betas_staff_is_404(api_for, beta_staff, outsider):
    staff, submission = beta_staff
    client = api_for(outsider)

    answers = [
        client.get(f"/staff/{staff.pk}"),
        client.patch(f"/staff/{staff.pk}", {"fte": "1.0"}),
        client.post(f"/staff/{staff.pk}/end", {}),
        client.get(f"/staff/{staff.pk}/training"),
        client.post(f"/staff/{staff.pk}/webinars", {"webinar": "overview", "attended_on": "2024-01-01"}),
        client.post(f"/staff/{staff.pk}/homework", {"link": "https://taken.example"}),
        client.post(f"/staff/homework/{submission.pk}/review", {"accept": True, "feedback": "Taken"}),
        client.post(f"/staff/{staff.pk}/check-ins", {"held_on": "2024-01-01", "notes": "Taken"}),
    ]

    for answer in answers:
        assert answer.status_code == 404, (outsider, answer.content)
        assert answer.json() == {"detail": "Not found."}
    staff.refresh_from_db()
    submission.refresh_from_db()
    assert str(staff.fte) == "0.50" and staff.ends_on is None
    assert submission.status == "submitted" and staff.homework.count() == 1
    assert not staff.webinars.exists()


@pytest.mark.parametrize("outsider", OUTSIDERS_OF_BETA)
def test_betas_staff_are_absent_from_the_list(api_for, beta_staff, outsider):
    client = api_for(outsider)

    listed = client.get("/staff", {"page_size": 200}).json()

    assert beta_staff[0].pk not in {row["id"] for row in listed["results"]}
    assert client.get("/staff", {"consortium": "beta"}).json()["count"] == 0
