"""Through the API, the consortium's review records a verdict per requirement (a screenshot as
multipart), a fail needs a finding and sends the integration back with it; a passed consortium
review lets ORCID's final review award the badges, which the member then sees."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from consortia.integrations import services
from consortia.integrations.models import ReviewRequirement


@pytest.fixture
def integration(world):
    integration = services.save_integration(
        world.alpha_admin, world.alpha_membership, name="Portal", system_type="cris"
    )
    services.move_stage(world.alpha_member, integration, "sandbox_requested")
    services.issue_credential(
        world.orcid_admin, integration, environment="sandbox", client_id="APP-0000000000000200", name="x"
    )
    services.move_stage(world.alpha_member, integration, "in_development")
    services.move_stage(world.alpha_member, integration, "consortium_review")
    return integration


def put_result(client, review_id, requirement_id, body):
    import json

    return client.client.put(
        f"/api/v1/reviews/{review_id}/results/{requirement_id}",
        json.dumps(body),
        content_type="application/json",
        **client.headers,
    )


def review_all(client, integration, kind, fail_first=False):
    started = client.post(f"/integrations/{integration.pk}/reviews", {"kind": kind, "badge": "authenticate"})
    assert started.status_code == 201, started.json()
    review = started.json()
    for n, result in enumerate(review["results"]):
        verdict = "fail" if fail_first and n == 0 else "pass"
        finding = "Asks for the iD in a text box" if verdict == "fail" else ""
        response = put_result(
            client, review["id"], result["requirement"], {"verdict": verdict, "finding": finding}
        )
        assert response.status_code == 200, response.json()
    return review


def test_a_failed_review_goes_back_with_findings_and_a_passed_one_awards_badges(api_for, world, integration):
    consortium = api_for("alpha_staff")
    review = review_all(consortium, integration, "consortium", fail_first=True)
    assert {r["badge"] for r in review["results"]} == {"authenticate"}

    failed = consortium.post(f"/reviews/{review['id']}/completion", {})
    assert failed.status_code == 200
    assert failed.json()["outcome"] == "failed" and "text box" in failed.json()["summary"]
    member_view = api_for("alpha_member").get(f"/integrations/{integration.pk}").json()
    assert member_view["stage"] == "in_development"
    assert member_view["reviews"][0]["failed_count"] == 1 and member_view["badges"] == []

    services.move_stage(world.alpha_member, integration, "consortium_review")
    again = review_all(consortium, integration, "consortium")
    assert (
        consortium.post(f"/reviews/{again['id']}/completion", {"summary": "Good"}).json()["outcome"]
        == "passed"
    )

    final = review_all(api_for("regional"), integration, "orcid")
    passed = api_for("regional").post(f"/reviews/{final['id']}/completion", {})
    assert passed.json()["outcome"] == "passed"

    detail = api_for("alpha_member").get(f"/integrations/{integration.pk}").json()
    assert detail["badges"] == ["authenticate"]
    assert [a["badge"] for a in detail["badge_awards"]] == ["authenticate"]
    listed = api_for("alpha_member").get("/reviews", {"outcome": "passed", "kind": "orcid"}).json()
    assert [r["id"] for r in listed["results"]] == [final["id"]]


def test_a_fail_without_a_finding_and_an_unknown_verdict_are_400(api_for, world, integration):
    client = api_for("alpha_admin")
    review = client.post(
        f"/integrations/{integration.pk}/reviews", {"kind": "consortium", "badge": "authenticate"}
    )
    requirement = review.json()["results"][0]["requirement"]

    no_finding = put_result(client, review.json()["id"], requirement, {"verdict": "fail"})
    assert no_finding.status_code == 400 and "finding" in no_finding.json()["fields"]
    unknown = put_result(client, review.json()["id"], requirement, {"verdict": "maybe"})
    assert unknown.status_code == 400 and "verdict" in unknown.json()["fields"]
    other = ReviewRequirement.objects.filter(badge="synchronize").first()
    assert put_result(client, review.json()["id"], other.pk, {"verdict": "pass"}).status_code == 404
    early = client.post(f"/reviews/{review.json()['id']}/completion", {})
    assert early.status_code == 400 and "no verdict" in early.json()["detail"]


def test_a_screenshot_is_uploaded_as_multipart_and_downloaded_in_scope(api_for, world, integration):
    client = api_for("alpha_admin")
    review = client.post(
        f"/integrations/{integration.pk}/reviews", {"kind": "consortium", "badge": "authenticate"}
    )
    review_id, requirement = review.json()["id"], review.json()["results"][0]["requirement"]
    image = SimpleUploadedFile("button.png", b"\x89PNG fake image", content_type="image/png")

    uploaded = client.client.post(
        f"/api/v1/reviews/{review_id}/results/{requirement}/with-file",
        {"verdict": "fail", "finding": "The button is not the official one", "screenshot": image},
        **client.headers,
    )

    assert uploaded.status_code == 200, uploaded.json()
    url = uploaded.json()["screenshot_url"]
    assert url == f"/api/v1/reviews/{review_id}/results/{requirement}/screenshot"
    download = api_for("alpha_member").client.get(url, **api_for("alpha_member").headers)
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"\x89PNG fake image"
    assert api_for("beta_admin").client.get(url, **api_for("beta_admin").headers).status_code == 404

    not_an_image = SimpleUploadedFile("notes.exe", b"MZ", content_type="application/octet-stream")
    refused = client.client.post(
        f"/api/v1/reviews/{review_id}/results/{requirement}/with-file",
        {"verdict": "pass", "screenshot": not_an_image},
        **client.headers,
    )
    assert refused.status_code == 400 and "screenshot" in refused.json()["fields"]
