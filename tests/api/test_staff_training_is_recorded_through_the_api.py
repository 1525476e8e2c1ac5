"""Training through the API: ORCID records webinars and check-ins and reviews homework; the
consortium's team submits homework; GET /staff/{id}/training shows it all with what is missing."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from consortia.staffing.models import HomeworkSubmission
from tests import factories
from tests.api.conftest import API


@pytest.fixture
def staff(world):
    today = timezone.localdate()
    start = today - timedelta(days=70)
    return factories.support_staff(
        world.alpha,
        "0.5",
        starts_on=start,
        shadowing_starts_on=start,
        shadowing_ends_on=start + timedelta(days=45),
    )


def test_a_new_staff_member_is_not_yet_trained(api_for, staff):
    response = api_for("alpha_staff").get(f"/staff/{staff.pk}/training")

    assert response.status_code == 200
    body = response.json()
    assert body["staff_id"] == staff.pk and body["person"]["id"] == staff.person_id
    assert [(w["webinar"], w["attended_on"]) for w in body["webinars"]] == [
        ("overview", None),
        ("technical", None),
    ]
    assert body["homework"] == [] and body["homework_status"] == "not submitted"
    assert body["readiness"]["is_ready"] is False
    assert body["training_deadline"] > staff.starts_on.isoformat()


def test_the_whole_training_path_makes_the_staff_member_ready(api_for, staff):
    regional, team = api_for("regional"), api_for("alpha_admin")
    attended = staff.starts_on + timedelta(days=7)

    for webinar in ("overview", "technical"):
        recorded = regional.post(
            f"/staff/{staff.pk}/webinars", {"webinar": webinar, "attended_on": attended.isoformat()}
        )
        assert recorded.status_code == 201, recorded.content
    submitted = team.post(
        f"/staff/{staff.pk}/homework", {"note": "Slides", "link": "https://alpha.example/hw"}
    )
    assert submitted.status_code == 201, submitted.content
    assert submitted.json()["status"] == "submitted"
    assert submitted.json()["submitted_by"] == "admin@alpha.example"
    reviewed = regional.post(
        f"/staff/homework/{submitted.json()['id']}/review",
        {"accept": True, "feedback": "Clear and complete."},
    )
    assert reviewed.status_code == 200, reviewed.content
    assert (reviewed.json()["status"], reviewed.json()["reviewed_by"]) == (
        "accepted",
        "regional@orcid.example",
    )
    check_in = regional.post(
        f"/staff/{staff.pk}/check-ins", {"held_on": attended.isoformat(), "notes": "First week went well"}
    )
    assert check_in.status_code == 201, check_in.content
    assert check_in.json()["recorded_by"] == "regional@orcid.example"

    body = team.get(f"/staff/{staff.pk}/training").json()

    assert [w["attended_on"] for w in body["webinars"]] == [attended.isoformat()] * 2
    assert body["homework_status"] == "accepted" and body["homework_feedback"] == "Clear and complete."
    assert [c["notes"] for c in body["check_ins"]] == ["First week went well"]
    assert body["shadowing"]["check_ins"] == 1 and body["shadowing"]["weeks_with_check_in"] == 1
    assert body["readiness"] == {"is_ready": True, "missing": [], "summary": "Trained"}


def test_homework_sent_back_can_be_submitted_again(api_for, staff):
    team, regional = api_for("alpha_staff"), api_for("regional")
    first = team.post(f"/staff/{staff.pk}/homework", {"link": "https://alpha.example/hw1"}).json()
    regional.post(f"/staff/homework/{first['id']}/review", {"accept": False, "feedback": "Add the API part."})

    second = team.post(f"/staff/{staff.pk}/homework", {"link": "https://alpha.example/hw2"})

    assert second.status_code == 201
    statuses = [h["status"] for h in team.get(f"/staff/{staff.pk}/training").json()["homework"]]
    assert statuses == ["sent_back", "submitted"]


def test_homework_can_be_a_file(api_for, staff, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = api_for("alpha_staff")
    upload = SimpleUploadedFile("homework.pdf", b"%PDF-1.4 homework", content_type="application/pdf")

    response = client.client.post(
        f"{API}/staff/{staff.pk}/homework-with-file", {"note": "Attached", "file": upload}, **client.headers
    )

    assert response.status_code == 201, response.content
    assert response.json()["has_file"] is True
    assert HomeworkSubmission.objects.get().file.read() == b"%PDF-1.4 homework"


def test_homework_without_a_link_is_400(api_for, staff):
    response = api_for("alpha_staff").post(f"/staff/{staff.pk}/homework", {"note": "Done, trust me"})

    assert response.status_code == 400
    assert "file or give a link" in response.json()["detail"]


def test_a_review_needs_feedback(api_for, staff):
    submission = api_for("alpha_staff").post(f"/staff/{staff.pk}/homework", {"link": "https://a.example/h"})

    response = api_for("regional").post(
        f"/staff/homework/{submission.json()['id']}/review", {"accept": True, "feedback": " "}
    )

    assert response.status_code == 400
    assert "feedback" in response.json()["fields"]


def test_an_unknown_webinar_and_a_future_check_in_are_400(api_for, staff):
    regional = api_for("regional")
    tomorrow = timezone.localdate() + timedelta(days=1)

    webinar = regional.post(
        f"/staff/{staff.pk}/webinars", {"webinar": "advanced", "attended_on": "2024-01-01"}
    )
    check_in = regional.post(f"/staff/{staff.pk}/check-ins", {"held_on": tomorrow.isoformat(), "notes": "x"})

    assert webinar.status_code == check_in.status_code == 400
    assert "webinar" in webinar.json()["fields"] and "held_on" in check_in.json()["fields"]


def test_consortium_staff_cannot_review_homework(api_for, staff):
    submission = api_for("alpha_staff").post(f"/staff/{staff.pk}/homework", {"link": "https://a.example/h"})

    response = api_for("alpha_admin").post(
        f"/staff/homework/{submission.json()['id']}/review", {"accept": True, "feedback": "Great"}
    )

    assert response.status_code == 403
    assert HomeworkSubmission.objects.get().status == "submitted"


@pytest.mark.parametrize("name", ["alpha_admin", "alpha_staff"])
def test_the_consortium_team_cannot_record_webinars_or_check_ins(api_for, staff, name):
    client = api_for(name)

    webinar = client.post(f"/staff/{staff.pk}/webinars", {"webinar": "overview", "attended_on": "2024-01-01"})
    check_in = client.post(
        f"/staff/{staff.pk}/check-ins", {"held_on": timezone.localdate().isoformat(), "notes": "We met"}
    )

    assert webinar.status_code == check_in.status_code == 403
    assert not staff.webinars.exists() and not staff.check_ins.exists()


def test_a_homework_file_over_the_limit_is_400(api_for, staff, monkeypatch, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr("consortia.staffing.forms.HOMEWORK_MAX_UPLOAD_BYTES", 10)
    client = api_for("alpha_staff")
    upload = SimpleUploadedFile("homework.pdf", b"%PDF-1.4 far too long", content_type="application/pdf")

    response = client.client.post(
        f"{API}/staff/{staff.pk}/homework-with-file", {"file": upload}, **client.headers
    )

    assert response.status_code == 400
    assert "file" in response.json()["fields"]
    assert not HomeworkSubmission.objects.exists()
