"""The fixture set every test can use: ORCID, and two consortia in two regions.

``alpha`` (region APAC) and ``beta`` (region EMEA) each have an admin, a staff member and a
member contact of one member organization; ``regional`` is ORCID regional staff for APAC, so
beta is outside their scope. Every test can ask "and the other tenant?".
"""

from types import SimpleNamespace

import pytest
from django.test import Client

from consortia.accounts.models import Role
from tests import factories

pytest_plugins = ["tests.fakes.orcid_server"]


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # PBKDF2's deliberate slowness is for attackers, not for test fixtures.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def files_stored_in_a_temporary_folder(settings, tmp_path):
    """Uploaded evidence, homework and ticket attachments go to the test's own folder, never the
    site's media folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


def _ensure_shipped_checklist_templates():
    """The templates migration onboarding/0002 ships. A transactional test (browser, worker) ends
    with a flush that removes migration data too, so the tests after it write them again."""
    import importlib

    from django.apps import apps

    from consortia.onboarding.models import ChecklistTemplate

    if not ChecklistTemplate.objects.exists():
        shipped = importlib.import_module("consortia.onboarding.migrations.0002_shipped_templates")
        shipped.ship_templates(apps, None)


@pytest.fixture
def world(db):
    _ensure_shipped_checklist_templates()
    apac = factories.region("Asia Pacific", "apac")
    emea = factories.region("Europe, Middle East and Africa", "emea")
    alpha = factories.consortium("Alpha Consortium", "alpha", apac, country="NZ", currency="NZD")
    beta = factories.consortium(
        "Beta Consortium", "beta", emea, country="DE", currency="EUR", time_zone="Europe/Berlin"
    )
    alpha_membership = factories.membership(alpha, factories.organization("Alpha University", "NZ"))
    beta_membership = factories.membership(beta, factories.organization("Beta Institut", "DE"))
    w = SimpleNamespace(
        apac=apac,
        emea=emea,
        alpha=alpha,
        beta=beta,
        alpha_membership=alpha_membership,
        beta_membership=beta_membership,
        orcid_admin=factories.orcid_admin(),
        regional=factories.user("regional@orcid.example", Role.ORCID_REGIONAL, region=apac),
        alpha_admin=factories.user("admin@alpha.example", Role.CONSORTIUM_ADMIN, consortium=alpha),
        alpha_staff=factories.user("staff@alpha.example", Role.CONSORTIUM_STAFF, consortium=alpha),
        alpha_member=factories.user(
            "contact@alpha-university.example",
            Role.MEMBER_CONTACT,
            organization=alpha_membership.organization,
        ),
        beta_admin=factories.user("admin@beta.example", Role.CONSORTIUM_ADMIN, consortium=beta),
        beta_staff=factories.user("staff@beta.example", Role.CONSORTIUM_STAFF, consortium=beta),
        beta_member=factories.user(
            "contact@beta-institut.example", Role.MEMBER_CONTACT, organization=beta_membership.organization
        ),
    )
    return w


# Each role that must never see beta's data, for tenancy tests.
OUTSIDERS_OF_BETA = ("regional", "alpha_admin", "alpha_staff", "alpha_member")


@pytest.fixture
def client_for(world):
    """``client_for("alpha_admin")``: a test client signed in as that user of the world."""

    def make(name: str) -> Client:
        client = Client()
        client.force_login(getattr(world, name))
        return client

    return make
