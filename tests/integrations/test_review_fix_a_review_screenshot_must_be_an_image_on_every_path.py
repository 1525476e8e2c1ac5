"""A review result's screenshot is an image on every path: the review page refuses an HTML or other
file as the API does (the service checks), and stores nothing."""

from django.core.files.uploadedfile import SimpleUploadedFile

from consortia.integrations import services
from consortia.integrations.models import ReviewResult


def _review(world):
    integration = services.save_integration(
        world.alpha_admin, world.alpha_membership, name="Portal", system_type="cris"
    )
    services.move_stage(world.alpha_admin, integration, "sandbox_requested")
    services.issue_credential(
        world.regional, integration, environment="sandbox", client_id="APP-ABCDEFGHIJKLMNOP", name="Portal"
    )
    services.move_stage(world.alpha_admin, integration, "in_development")
    return services.start_review(world.alpha_admin, integration, "consortium", "authenticate")


def test_the_review_page_refuses_a_screenshot_that_is_not_an_image(world, client_for):
    review = _review(world)
    result = review.results.first()
    page = SimpleUploadedFile("evil.html", b"<script>alert(1)</script>", content_type="text/html")
    response = client_for("alpha_admin").post(
        f"/reviews/{review.pk}/results/{result.pk}/",
        {f"r{result.pk}-verdict": "pass", f"r{result.pk}-screenshot": page},
    )
    assert response.status_code == 200
    assert "is not an image" in response.content.decode()
    result = ReviewResult.objects.get(pk=result.pk)
    assert not result.screenshot and result.verdict == ""


def test_the_review_page_takes_a_png_screenshot(world, client_for):
    review = _review(world)
    result = review.results.first()
    image = SimpleUploadedFile("login.png", b"\x89PNG\r\n\x1a\n", content_type="image/png")
    response = client_for("alpha_admin").post(
        f"/reviews/{review.pk}/results/{result.pk}/",
        {f"r{result.pk}-verdict": "pass", f"r{result.pk}-screenshot": image},
    )
    assert response.status_code == 302
    assert ReviewResult.objects.get(pk=result.pk).screenshot.name.endswith(".png")
