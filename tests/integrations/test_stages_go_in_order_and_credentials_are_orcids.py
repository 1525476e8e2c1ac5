"""An integration's stages go forward one at a time, never skipping; going back or retiring needs
a reason; the credential stages follow ORCID issuing credentials; final testing is ORCID's; a
member's own contacts take only their own steps; every move is logged with who and when."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from consortia.integrations import services
from consortia.integrations.models import Credential, Stage

SANDBOX, PRODUCTION = Credential.Environment.SANDBOX, Credential.Environment.PRODUCTION


@pytest.fixture
def integration(world):
    return services.save_integration(
        world.alpha_admin, world.alpha_membership, name="Pure", system_type="cris", api="member"
    )


def client_id(n: int) -> str:
    return f"APP-{n:016d}"


def to_testing(world, integration):
    services.move_stage(world.alpha_member, integration, Stage.SANDBOX_REQUESTED)
    services.issue_credential(
        world.regional, integration, environment=SANDBOX, client_id=client_id(1), name="Pure sandbox",
        redirect_uris=["https://pure.example.ac.nz/orcid"], scopes=["/authenticate"],
    )  # fmt: skip
    services.move_stage(world.alpha_member, integration, Stage.IN_DEVELOPMENT)
    services.move_stage(world.alpha_member, integration, Stage.CONSORTIUM_REVIEW)
    services.move_stage(world.alpha_staff, integration, Stage.ORCID_TESTING)


def test_the_whole_way_to_live_is_logged_with_who(world, integration):
    to_testing(world, integration)
    services.issue_credential(
        world.orcid_admin, integration, environment=PRODUCTION, client_id=client_id(2), name="Pure",
        redirect_uris=["https://pure.example.ac.nz/orcid"], scopes=["/authenticate", "/activities/update"],
    )  # fmt: skip
    services.move_stage(world.alpha_member, integration, Stage.LIVE)

    integration.refresh_from_db()
    assert integration.stage == Stage.LIVE
    log = list(integration.stage_changes.values_list("to_stage", "actor__email"))
    assert [stage for stage, _ in log] == Stage.values[:8]
    assert log[2] == (Stage.SANDBOX_ISSUED, world.regional.email)


def test_skipping_a_stage_is_refused(world, integration):
    with pytest.raises(ValidationError, match="Stages go in order"):
        services.move_stage(world.alpha_admin, integration, Stage.IN_DEVELOPMENT)


def test_credential_stages_follow_orcid_issuing_credentials(world, integration):
    services.move_stage(world.alpha_member, integration, Stage.SANDBOX_REQUESTED)
    with pytest.raises(ValidationError, match="when ORCID issues the credentials"):
        services.move_stage(world.orcid_admin, integration, Stage.SANDBOX_ISSUED)
    for name in ("alpha_admin", "alpha_staff", "alpha_member", "beta_admin"):
        with pytest.raises(PermissionDenied):
            services.issue_credential(
                getattr(world, name), integration, environment=SANDBOX, client_id=client_id(3), name="x"
            )
    with pytest.raises(ValidationError, match="after ORCID's final testing"):
        services.issue_credential(
            world.orcid_admin, integration, environment=PRODUCTION, client_id=client_id(4), name="x"
        )


def test_final_testing_is_orcids_to_pass(world, integration):
    to_testing(world, integration)
    for name in ("alpha_admin", "alpha_staff", "alpha_member"):
        with pytest.raises(PermissionDenied):
            services.move_stage(getattr(world, name), integration, Stage.IN_DEVELOPMENT, reason="Not ready")
    services.move_stage(world.regional, integration, Stage.IN_DEVELOPMENT, reason="Token handling fails")
    integration.refresh_from_db()
    assert integration.stage == Stage.IN_DEVELOPMENT


def test_going_back_or_retiring_needs_a_reason(world, integration):
    services.move_stage(world.alpha_member, integration, Stage.SANDBOX_REQUESTED)
    with pytest.raises(ValidationError, match="reason for moving an integration back"):
        services.move_stage(world.alpha_admin, integration, Stage.PLANNED)
    with pytest.raises(ValidationError, match="reason for retiring"):
        services.move_stage(world.alpha_admin, integration, Stage.RETIRED)
    services.move_stage(world.alpha_admin, integration, Stage.PLANNED, reason="Plans changed")
    assert integration.stage_changes.last().reason == "Plans changed"


def test_a_member_takes_only_its_own_steps_and_outsiders_none(world, integration):
    services.move_stage(world.alpha_member, integration, Stage.SANDBOX_REQUESTED)
    with pytest.raises(PermissionDenied):
        services.move_stage(world.alpha_member, integration, Stage.PLANNED, reason="mine")
    for name in ("beta_admin", "beta_member", "beta_staff"):
        with pytest.raises(PermissionDenied):
            services.move_stage(getattr(world, name), integration, Stage.PLANNED, reason="not mine")


def test_a_bad_client_id_scope_or_redirect_uri_is_refused(world, integration):
    services.move_stage(world.alpha_member, integration, Stage.SANDBOX_REQUESTED)
    for kwargs, field in (
        ({"client_id": "APP-123"}, "client ID"),
        ({"scopes": ["/everything"]}, "Unknown scope"),
        ({"redirect_uris": ["http://pure.example.ac.nz/cb"]}, "not an https address"),
    ):
        options = {"client_id": client_id(5), "name": "x", **kwargs}
        with pytest.raises(ValidationError, match=field):
            services.issue_credential(world.orcid_admin, integration, environment=SANDBOX, **options)
    services.issue_credential(
        world.orcid_admin, integration, environment=SANDBOX, client_id=client_id(6), name="x",
        redirect_uris=["http://localhost:8080/callback"],
    )  # fmt: skip


def test_editing_details_from_a_stale_copy_never_moves_the_stage_back(world, integration):
    stale = type(integration).objects.get(pk=integration.pk)
    services.move_stage(world.alpha_member, integration, Stage.SANDBOX_REQUESTED)

    services.save_integration(world.alpha_admin, world.alpha_membership, stale, notes="Vendor-hosted")

    stale.refresh_from_db()
    assert (stale.stage, stale.notes) == (Stage.SANDBOX_REQUESTED, "Vendor-hosted")
