"""Demo data for integrations: the platform catalogue, and for each demo consortium integrations
in every stage, with credentials, consortium and ORCID reviews passed and failed, badges awarded,
and a notice sent to technical contacts. ``seed_integrations_demo()`` runs after
``consortia.directory.demo.seed_demo()`` and does nothing when it has run before.

Everything is written through ``integrations.services`` (and ``notices``) as the demo users: the
consortium's team (or ORCID) for the member's steps and the initial review, ORCID (the region's
staff, else the admin) for credentials and final testing. The history is then backdated with
queryset ``update()``s, stage by stage over the last two years, so the board's time in each stage,
its stuck integrations and the badges per month show something. Choices use a fixed seed.
"""

import random
from datetime import timedelta
from unittest import mock

from django.db import transaction
from django.utils import timezone

from consortia.accounts.models import Role, User
from consortia.directory.demo import DEMO_CONSORTIUM_SLUGS, ORCID_ADMIN_EMAIL
from consortia.directory.models import Consortium, Contact, Membership
from consortia.integrations import notices, services
from consortia.integrations.models import (
    AnnouncementRecipient,
    Badge,
    BadgeAward,
    Credential,
    Integration,
    Platform,
    Review,
    ReviewResult,
    Stage,
    StageChange,
    SystemType,
)

SEED = 20260601
PLATFORMS = [
    ("DSpace", "LYRASIS (open source)", SystemType.REPOSITORY, "https://dspace.org",
     "DSpace 7 and later authenticate iDs and push works through the ORCID plugin (Collect & Connect "
     "Authenticate, Collect, Display).", "https://wiki.lyrasis.org/display/DSDOC7x/ORCID+Integration"),
    ("Pure", "Elsevier", SystemType.RESEARCH_INFORMATION, "https://www.elsevier.com/products/pure",
     "Pure's ORCID module connects iDs, pushes research outputs and reads works back.",
     "https://info.orcid.org/documentation/integration-guide/"),
    ("Symplectic Elements", "Digital Science", SystemType.RESEARCH_INFORMATION, "https://www.symplectic.co.uk",
     "Elements claims, pulls and pushes works, employment and education.",
     "https://info.orcid.org/collect-connect/"),
    ("Converis", "Clarivate", SystemType.RESEARCH_INFORMATION, "https://clarivate.com/products/converis/",
     "Converis authenticates iDs and writes publications.", ""),
    ("OJS", "Public Knowledge Project", SystemType.PUBLISHING, "https://pkp.sfu.ca/software/ojs/",
     "The ORCID Profile plugin (OJS 3.x) authenticates authors' iDs and writes published articles "
     "to their records on the member API.", "https://docs.pkp.sfu.ca/orcid/en/"),
    ("Figshare", "Digital Science", SystemType.REPOSITORY, "https://figshare.com",
     "Figshare for Institutions authenticates iDs and pushes items (Collect & Connect badges).", ""),
    ("Janeway", "Birkbeck, University of London", SystemType.PUBLISHING, "https://janeway.systems",
     "Janeway authenticates authors' iDs at submission.", "https://janeway.readthedocs.io"),
    ("Dataverse", "IQSS, Harvard University", SystemType.REPOSITORY, "https://dataverse.org",
     "Dataverse authenticates iDs through the ORCID sign-in.", "https://guides.dataverse.org"),
]  # fmt: skip
# Target stages per consortium, in order: every stage appears in each.
TARGETS = [
    Stage.PLANNED, Stage.SANDBOX_REQUESTED, Stage.SANDBOX_ISSUED, Stage.IN_DEVELOPMENT,
    Stage.CONSORTIUM_REVIEW, Stage.ORCID_TESTING, Stage.PRODUCTION_ISSUED, Stage.LIVE, Stage.LIVE,
    Stage.LIVE, Stage.RETIRED,
]  # fmt: skip
FINDING = "The iD is shown as plain text, not as the ORCID iD icon and link."
NAMES = {
    SystemType.REPOSITORY: "institutional repository",
    SystemType.RESEARCH_INFORMATION: "research information system",
    SystemType.PUBLISHING: "journal platform",
}


class _Seeder:
    def __init__(self):
        self.rng = random.Random(SEED)
        self.orcid_admin = User.objects.get(email=ORCID_ADMIN_EMAIL)
        self.client_number = 0
        self.now = timezone.now()

    def client_id(self) -> str:
        self.client_number += 1
        return f"APP-DEMO{self.client_number:012d}"

    def platforms(self) -> list[Platform]:
        found = []
        for name, vendor, system_type, website, status, resources in PLATFORMS:
            platform = Platform.objects.filter(name=name).first()
            if platform is None:
                platform = services.save_platform(
                    self.orcid_admin, name=name, vendor=vendor, system_type=system_type, website=website,
                    integration_status=status, resources=resources,
                )  # fmt: skip
            found.append(platform)
        return found

    def orcid_for(self, consortium: Consortium) -> User:
        regional = User.objects.filter(role=Role.ORCID_REGIONAL, region=consortium.region).first()
        return regional or self.orcid_admin

    def team_for(self, consortium: Consortium) -> User:
        team = User.objects.filter(consortium=consortium, role=Role.CONSORTIUM_ADMIN).order_by("pk").first()
        return team or self.orcid_for(consortium)

    def review(self, actor, integration, kind, badge, fail=False):
        review = services.start_review(actor, integration, kind, badge)
        results = list(review.results.select_related("requirement"))
        for index, result in enumerate(results):
            failing = fail and index == len(results) - 1
            services.record_result(
                actor, review, result.requirement_id,
                verdict=ReviewResult.Verdict.FAIL if failing else ReviewResult.Verdict.PASS,
                finding=FINDING if failing else "",
            )  # fmt: skip
        return services.complete_review(actor, review)

    def walk(self, integration, target, team, orcid, member_actor, failed_review: bool):
        """Move ``integration`` to ``target`` the way it happens: requests, credentials, reviews."""
        badge = self.rng.choice([Badge.AUTHENTICATE, Badge.COLLECT, Badge.DISPLAY, Badge.CONNECT])
        order = Stage.values
        goal = order.index(Stage.LIVE if target == Stage.RETIRED else target)
        uri = [f"https://{integration.pk}.integrations.demo.example/orcid/callback"]
        if goal >= 1:
            services.move_stage(member_actor, integration, Stage.SANDBOX_REQUESTED)
        if goal >= 2:
            services.issue_credential(
                orcid, integration, environment=Credential.Environment.SANDBOX, client_id=self.client_id(),
                name=f"{integration.name} (sandbox)", redirect_uris=uri,
                scopes=["/authenticate", "/read-limited"],
            )  # fmt: skip
        if goal >= 3:
            services.move_stage(member_actor, integration, Stage.IN_DEVELOPMENT)
        if failed_review and goal >= 3:
            services.move_stage(member_actor, integration, Stage.CONSORTIUM_REVIEW)
            self.review(team, integration, Review.Kind.CONSORTIUM, badge, fail=True)  # back to development
        if goal >= 4:
            services.move_stage(member_actor, integration, Stage.CONSORTIUM_REVIEW)
        if goal >= 5:
            self.review(team, integration, Review.Kind.CONSORTIUM, badge)  # on to ORCID's final testing
        if goal >= 6:
            self.review(orcid, integration, Review.Kind.ORCID, badge)  # badges awarded
            services.issue_credential(
                orcid, integration, environment=Credential.Environment.PRODUCTION, client_id=self.client_id(),
                name=integration.name, redirect_uris=uri, scopes=["/authenticate", "/activities/update"],
            )  # fmt: skip
        if goal >= 7:
            services.move_stage(member_actor, integration, Stage.LIVE)
        if target == Stage.RETIRED:
            services.move_stage(team, integration, Stage.RETIRED, reason="Replaced by the new repository")

    def backdate(self, integration, stuck: bool):
        """Spread the log over the past: a stay of days to months per stage, the last change long
        ago for a stuck one."""
        changes = list(StageChange.objects.filter(integration=integration).order_by("-at", "-pk"))
        moment = self.now - timedelta(
            days=self.rng.choice([100, 130, 160]) if stuck else self.rng.randrange(1, 25)
        )
        times = {}
        for change in changes:
            times[change.pk] = moment
            moment -= timedelta(
                days=self.rng.choice([3, 7, 10, 14, 21, 30, 45, 60]), hours=self.rng.randrange(24)
            )
        # Newest first: each stay ends where the next (newer) change begins.
        for newer, change in zip([None, *changes], changes, strict=False):
            stay = (times[newer.pk] - times[change.pk]).days if newer is not None else None
            StageChange.objects.filter(pk=change.pk).update(at=times[change.pk], days_in_stage=stay)
        last, first = times[changes[0].pk], times[changes[-1].pk]
        Integration.objects.filter(pk=integration.pk).update(
            stage_changed_at=last, created_at=first, updated_at=last
        )
        # Reviews, badges and credentials move with the history: to when testing ended.
        testing = [times[c.pk] for c in changes if c.from_stage == Stage.ORCID_TESTING]
        done = testing[0] if testing else last
        Review.objects.filter(integration=integration).update(
            started_at=done - timedelta(days=5), completed_at=done
        )
        BadgeAward.objects.filter(integration=integration).update(awarded_on=done.date())
        Credential.objects.filter(integration=integration).update(issued_at=done)

    def consortium(self, consortium: Consortium, platforms: list[Platform], offset: int) -> None:
        team, orcid = self.team_for(consortium), self.orcid_for(consortium)
        # Active members first; an onboarding consortium's members are still joining.
        memberships = sorted(
            Membership.objects.filter(consortium=consortium)
            .exclude(status=Membership.Status.LEFT)
            .select_related("organization"),
            key=lambda m: (m.status != Membership.Status.ACTIVE, m.pk),
        )
        if not memberships:
            return
        contacts = {}
        for contact in Contact.objects.filter(
            membership__in=memberships, person__email__isnull=False
        ).select_related("person"):
            contacts.setdefault(contact.membership_id, contact.person)
        for index, target in enumerate(TARGETS):
            membership = memberships[(index + offset) % len(memberships)]
            platform = platforms[(index + offset) % len(platforms)]
            integration = services.save_integration(
                team, membership,
                name=f"{membership.organization.name} {NAMES.get(platform.system_type, 'system')}"
                + (f" ({index})" if index >= len(memberships) else ""),
                system_type=platform.system_type, platform=platform,
                api=Integration.Api.PUBLIC if index % 5 == 4 else Integration.Api.MEMBER,
                environment="Hosted by the vendor" if index % 2 else "The member's own servers",
                technical_contact=contacts.get(membership.pk),
                target_live_on=None if target == Stage.LIVE else (self.now + timedelta(days=60)).date(),
            )  # fmt: skip
            failed = target in (Stage.IN_DEVELOPMENT, Stage.LIVE) and index % 2 == 0
            self.walk(integration, target, team, orcid, team, failed_review=failed)
            self.backdate(integration, stuck=target in (Stage.SANDBOX_REQUESTED, Stage.IN_DEVELOPMENT))

    def notice(self, consortium: Consortium, platforms: list[Platform]) -> None:
        team = self.team_for(consortium)
        for platform in platforms:
            if notices.recipients(team, audience="platform", platform=platform, consortium=consortium):
                break
        else:
            return
        announcement = notices.send_notice(
            team, subject=f"{platform.name}: ORCID API 3.0 upgrade before 1 March",
            body=f"ORCID retires API 2.1 next year. Please check that your {platform.name} integration "
            "uses API 3.0 (the vendor's current release does) and tell us if you need help testing "
            "in the sandbox.",
            audience="platform", platform=platform, consortium=consortium,
        )  # fmt: skip
        sent = self.now - timedelta(days=12)
        type(announcement).objects.filter(pk=announcement.pk).update(sent_at=sent)
        AnnouncementRecipient.objects.filter(announcement=announcement).update(sent_at=sent)


def seed_integrations_demo() -> bool:
    """Seed the integrations demo once; False when it had been seeded already (or there is no demo)."""
    consortia = list(Consortium.objects.filter(slug__in=DEMO_CONSORTIUM_SLUGS).order_by("pk"))
    if not consortia or Integration.objects.filter(membership__consortium__in=consortia).exists():
        return False
    # No e-mail: the demo's notice is recorded as sent, not sent to the demo's addresses.
    with transaction.atomic(), mock.patch.object(notices.transaction, "on_commit", lambda *a, **k: None):
        seeder = _Seeder()
        platforms = seeder.platforms()
        for offset, consortium in enumerate(consortia):
            seeder.consortium(consortium, platforms, offset)
        seeder.notice(consortia[0], platforms)
    return True
