"""Collect & Connect: the consortium's initial review, then ORCID's final one; a passed ORCID
review awards the badges it covers (cumulative), dated, once each; a failed review awards nothing
and sends the integration back to development with its findings."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from consortia.integrations import services
from consortia.integrations.models import BadgeAward, Review, ReviewResult, Stage

PASS, FAIL = ReviewResult.Verdict.PASS, ReviewResult.Verdict.FAIL


@pytest.fixture
def integration(world):
    integration = services.save_integration(
        world.alpha_admin, world.alpha_membership, name="DSpace", system_type="repository"
    )
    services.move_stage(world.alpha_member, integration, Stage.SANDBOX_REQUESTED)
    services.issue_credential(
        world.regional, integration, environment="sandbox", client_id="APP-0000000000000001", name="x"
    )
    services.move_stage(world.alpha_member, integration, Stage.IN_DEVELOPMENT)
    services.move_stage(world.alpha_member, integration, Stage.CONSORTIUM_REVIEW)
    return integration


def review(actor, integration, kind, badge, verdict=PASS):
    started = services.start_review(actor, integration, kind, badge)
    for result in started.results.all():
        services.record_result(
            actor, started, result.requirement_id, verdict=verdict, finding="Typed iDs accepted"
        )
    return services.complete_review(actor, started)


def test_a_passed_orcid_review_awards_the_cumulative_badges_once(world, integration):
    review(world.alpha_staff, integration, "consortium", "display")
    integration.refresh_from_db()
    assert integration.stage == Stage.ORCID_TESTING
    assert not BadgeAward.objects.exists()  # the consortium's review awards nothing

    review(world.regional, integration, "orcid", "display")

    assert list(integration.badges.values_list("badge", flat=True)) == ["authenticate", "collect", "display"]


def test_a_failed_review_awards_nothing_and_goes_back_to_development(world, integration):
    failed = review(world.alpha_staff, integration, "consortium", "authenticate", verdict=FAIL)

    integration.refresh_from_db()
    assert failed.outcome == Review.Outcome.FAILED and "Typed iDs accepted" in failed.summary
    assert integration.stage == Stage.IN_DEVELOPMENT
    assert "Typed iDs accepted" in integration.stage_changes.last().reason
    with pytest.raises(ValidationError, match="follows a passed consortium review"):
        services.start_review(world.regional, integration, "orcid", "authenticate")
    assert not BadgeAward.objects.exists()


def test_a_failed_orcid_review_awards_nothing(world, integration):
    review(world.alpha_staff, integration, "consortium", "collect")
    review(world.regional, integration, "orcid", "collect", verdict=FAIL)

    assert not BadgeAward.objects.exists()


def test_a_fail_needs_a_finding_and_the_review_needs_every_verdict(world, integration):
    started = services.start_review(world.alpha_staff, integration, "consortium", "authenticate")
    first = started.results.first()
    with pytest.raises(ValidationError, match="Say what fails"):
        services.record_result(world.alpha_staff, started, first.requirement_id, verdict=FAIL)
    services.record_result(world.alpha_staff, started, first.requirement_id, verdict=PASS)
    with pytest.raises(ValidationError, match="no verdict yet"):
        services.complete_review(world.alpha_staff, started)


def test_only_orcid_does_the_final_review_and_only_the_team_the_initial_one(world, integration):
    with pytest.raises(PermissionDenied):
        services.start_review(world.alpha_admin, integration, "orcid", "authenticate")
    with pytest.raises(PermissionDenied):
        services.start_review(world.alpha_member, integration, "consortium", "authenticate")
    with pytest.raises(PermissionDenied):
        services.start_review(world.beta_admin, integration, "consortium", "authenticate")
