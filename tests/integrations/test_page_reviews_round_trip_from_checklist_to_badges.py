"""Reviews through the pages: the consortium starts its review, records a verdict, finding and
screenshot per requirement (grouped by badge) and completes it; a failed review's findings show
on the member's integration page; ORCID's passed final review shows its badges with dates."""

from django.core.files.uploadedfile import SimpleUploadedFile

from consortia.integrations import services
from consortia.integrations.models import Integration, Review, Stage


def _in_consortium_review(world):
    integration = services.save_integration(
        world.alpha_member, world.alpha_membership, name="Research portal", system_type="cris"
    )
    Integration.objects.filter(pk=integration.pk).update(stage=Stage.CONSORTIUM_REVIEW)
    return integration


def _record_all(client, review, verdict="pass", failing=None):
    for result in review.results.all():
        failed = result.pk == failing
        client.post(
            f"/reviews/{review.pk}/results/{result.pk}/",
            {
                f"r{result.pk}-verdict": "fail" if failed else verdict,
                f"r{result.pk}-finding": "Asks people to type their iD" if failed else "",
            },
        )


def test_a_failed_consortium_review_sends_the_findings_to_the_member(world, client_for):
    integration = _in_consortium_review(world)
    client = client_for("alpha_staff")
    response = client.post(
        f"/integrations/{integration.pk}/reviews/", {"kind": "consortium", "badge": "collect"}
    )
    review = Review.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/reviews/{review.pk}/"
    page = client.get(f"/reviews/{review.pk}/").content.decode()
    assert page.index(">Authenticate</h2>") < page.index(">Collect</h2>")
    first = review.results.order_by("pk").first()

    # A fail without a finding is refused on the form; with one and a screenshot it is kept.
    response = client.post(f"/reviews/{review.pk}/results/{first.pk}/", {f"r{first.pk}-verdict": "fail"})
    assert "Say what fails" in response.content.decode()
    shot = SimpleUploadedFile("typed.png", b"\x89PNG fake", content_type="image/png")
    client.post(
        f"/reviews/{review.pk}/results/{first.pk}/",
        {
            f"r{first.pk}-verdict": "fail",
            f"r{first.pk}-finding": "Asks people to type their iD",
            f"r{first.pk}-screenshot": shot,
        },
    )
    first.refresh_from_db()
    assert first.screenshot
    assert client.get(f"/reviews/{review.pk}/results/{first.pk}/screenshot/").status_code == 200
    _record_all(client, review, failing=first.pk)

    client.post(f"/reviews/{review.pk}/complete/", {"summary": ""})
    review.refresh_from_db()
    assert review.outcome == Review.Outcome.FAILED
    assert Integration.objects.get(pk=integration.pk).stage == Stage.IN_DEVELOPMENT
    member_page = client_for("alpha_member").get(f"/integrations/{integration.pk}/").content.decode()
    assert "The last review failed" in member_page
    assert "Asks people to type their iD" in member_page


def test_completing_with_undecided_requirements_is_refused_on_the_page(world, client_for):
    integration = _in_consortium_review(world)
    review = services.start_review(world.alpha_admin, integration, "consortium", "authenticate")
    response = client_for("alpha_admin").post(f"/reviews/{review.pk}/complete/", {"summary": ""})
    assert response.status_code == 200
    assert "have no verdict yet" in response.content.decode()


def test_passed_reviews_lead_to_badges_with_dates_on_the_integration_page(world, client_for):
    integration = _in_consortium_review(world)
    team = client_for("alpha_admin")
    team.post(f"/integrations/{integration.pk}/reviews/", {"kind": "consortium", "badge": "display"})
    _record_all(team, Review.objects.get())
    team.post(f"/reviews/{Review.objects.get().pk}/complete/", {"summary": "Good"})
    assert Integration.objects.get(pk=integration.pk).stage == Stage.ORCID_TESTING

    orcid = client_for("regional")
    orcid.post(f"/integrations/{integration.pk}/reviews/", {"kind": "orcid", "badge": "display"})
    final = Review.objects.get(kind="orcid")
    _record_all(orcid, final)
    orcid.post(f"/reviews/{final.pk}/complete/", {"summary": ""})
    page = client_for("alpha_member").get(f"/integrations/{integration.pk}/").content.decode()
    assert integration.badges.count() == 3
    for label in ("Authenticate", "Collect", "Display"):
        assert f'cc-badge cc-{label.lower()}">{label}' in page
    assert "awarded " in page


def test_the_consortium_team_is_not_offered_orcids_final_review(world, client_for):
    integration = _in_consortium_review(world)
    page = client_for("alpha_admin").get(f"/integrations/{integration.pk}/").content.decode()
    assert "Consortium&#x27;s initial review" in page or "Consortium's initial review" in page
    assert "ORCID&#x27;s final review" not in page and "ORCID's final review" not in page
    response = client_for("alpha_admin").post(
        f"/integrations/{integration.pk}/reviews/", {"kind": "orcid", "badge": "authenticate"}
    )
    assert response.status_code == 200  # not a choice the form offers
    assert not Review.objects.exists()
