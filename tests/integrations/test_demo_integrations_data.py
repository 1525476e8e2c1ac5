"""The integrations demo, seeded after the directory demo: the platform catalogue, integrations in
every stage in each demo consortium, a failed review, badges awarded over past months, stuck
integrations on the board, and a notice sent; seeding again does nothing."""

from consortia.accounts.models import User
from consortia.directory.demo import DEMO_CONSORTIUM_SLUGS, ORCID_ADMIN_EMAIL, seed_demo
from consortia.integrations import pipeline
from consortia.integrations.demo import seed_integrations_demo
from consortia.integrations.models import Announcement, BadgeAward, Integration, Platform, Review, Stage


def test_demo_integrations_cover_every_stage_reviews_and_badges(db):
    seed_demo()
    assert seed_integrations_demo() is True
    assert Platform.objects.filter(name__in=["DSpace", "Pure", "OJS", "Dataverse"]).count() == 4
    for slug in DEMO_CONSORTIUM_SLUGS:
        stages = set(
            Integration.objects.filter(membership__consortium__slug=slug).values_list("stage", flat=True)
        )
        assert stages == set(Stage.values), slug
    assert Review.objects.filter(outcome=Review.Outcome.FAILED).exists()
    assert Review.objects.filter(kind=Review.Kind.ORCID, outcome=Review.Outcome.PASSED).exists()
    assert BadgeAward.objects.count() > 0
    announcement = Announcement.objects.get()
    assert announcement.recipients.filter(sent_at__isnull=False).exists()

    figures = pipeline.pipeline(pipeline.scoped(User.objects.get(email=ORCID_ADMIN_EMAIL)))
    assert figures.stuck_count > 0
    assert figures.badges_awarded > 0
    assert any(t.median_days for t in figures.stage_times)
    assert seed_integrations_demo() is False
