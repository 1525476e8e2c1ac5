"""Demo data for onboarding checklists, support staffing and training: one story per demo consortium.

* Aotearoa (national, since 2016) is compliant: every checklist item done with evidence, a
  full-time community manager and a half-time technical support person covering every weekday,
  both trained.
* Nordic–Baltic (regional, since 2019) has done its checklist but is short of support: one
  community manager at 0.4 FTE on a role shared with another consortium, Monday to Thursday.
  Its members need 0.5 FTE, and nobody covers Fridays.
* Brasil signed about four months ago and is still onboarding: most pre-agreement items and the
  fees are done, three of its three-month items are overdue, and the community manager ORCID
  hired for it is being shadowed, with homework sent back.

``seed_program_demo()`` runs after ``directory.demo.seed_demo()`` and writes through the
onboarding and staffing services as the demo users (the consortium admins of Nordic–Baltic and
Brasil sign in with ORCID in the demo, but act here as themselves). It runs in one transaction
and does nothing if the directory demo is missing or its support staff are already there.

Dates are relative to ``timezone.localdate()`` where the story is recent (Brasil), and fixed
where it is history (the agreements of 2016 and 2019, as in the directory demo).
"""

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from consortia.accounts.models import Role, User
from consortia.directory import consortium_services
from consortia.directory.demo import (
    CONSORTIUM_ADMIN_EMAIL,
    CONSORTIUM_STAFF_EMAIL,
    DEMO_CONSORTIUM_SLUGS,
    NATIONAL_SLUG,
    ONBOARDING_SLUG,
    ORCID_ADMIN_EMAIL,
    REGIONAL_SLUG,
    REGIONAL_STAFF_EMAIL,
)
from consortia.directory.models import Consortium, Membership
from consortia.directory.services import PersonDetails
from consortia.lib.dates import add_months
from consortia.onboarding import services as onboarding
from consortia.onboarding.models import ChecklistItem, ChecklistItemEvent, ChecklistKind, Owner, Phase
from consortia.staffing import services as staffing
from consortia.staffing.models import HomeworkSubmission, SupportStaff

# How long ago the onboarding consortium signed: long enough for its three-month items to be overdue.
BRASIL_AGREEMENT_MONTHS_AGO = 4

# Evidence the consortia gave for their onboarding items; anything not named gets a plain note.
EVIDENCE = {
    "Identify consortium lead organization and main contact": "Lead organization and main contact "
    "confirmed in the founding meeting's minutes.",
    "Determine how the consortium will be funded": "Funding plan approved by the founding members.",
    "Identify support model and cost recovery model for consortium staff": "Support and cost recovery "
    "models agreed; see the consortium profile.",
    "Draft policy for consortium, outlining goals of the consortium, membership criteria, governance "
    "principles, and how progress will be monitored": "Consortium policy v1.0 adopted.",
    "Put out a call for participation in the consortium": "Call for participation sent to research "
    "offices and libraries.",
    "At a minimum, finalize job description and put out a hiring call for support staff": "Job "
    "description for the community manager published.",
    "Launch event": "Launch webinar held with ORCID; recording shared with members.",
    "Fees for the consortium are due within 60 days of signing the agreement": "Invoice paid in full.",
    "Hire and onboard support staff": "Community manager in post; see the support staff list.",
    "Relevant Lead staff participate in ORCID training": "Lead staff attended ORCID's overview webinar.",
    "Support staff complete ORCID training and homework": "Webinars attended and homework accepted.",
    "Entry of consortium member organization details in the ORCID member database": "Member details "
    "entered through the member self-management pages.",
}
ORCID_EVIDENCE = "Done by ORCID's regional team; notes in ORCID's records."
MEMBER_EVIDENCE = {
    "Enquiry answered": "Answered by e-mail with the consortium's membership pack.",
    "Membership agreement signed": "Signed agreement filed.",
    "Welcome resources sent": "Welcome pack and ORCID's integration guides sent.",
    "Contacts registered, each with an ORCID iD": "Main and voting contacts registered with their iDs.",
    "Integration plan agreed": "Integration plan agreed on a call.",
    "First integration working in the ORCID sandbox": "Sandbox integration tested with the member.",
}

MON_TO_FRI, MON_TO_THU = range(5), range(4)


def seed_program_demo() -> None:
    """Seed the program demo once, on top of the directory demo."""
    with transaction.atomic():
        consortia = {c.slug: c for c in Consortium.objects.filter(slug__in=DEMO_CONSORTIUM_SLUGS)}
        if len(consortia) != len(DEMO_CONSORTIUM_SLUGS):
            return
        if SupportStaff.objects.filter(consortium__in=consortia.values()).exists():
            return
        _ProgramDemo(consortia).build()


def _at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _hours(weekdays, starts: str, ends: str) -> list[staffing.Hours]:
    return [staffing.Hours(day, time.fromisoformat(starts), time.fromisoformat(ends)) for day in weekdays]


class _ProgramDemo:
    def __init__(self, consortia: dict[str, Consortium]):
        self.today = timezone.localdate()
        self.aotearoa = consortia[NATIONAL_SLUG]
        self.nordic = consortia[REGIONAL_SLUG]
        self.brasil = consortia[ONBOARDING_SLUG]
        users = User.objects.all()
        self.orcid_admin = users.get(email=ORCID_ADMIN_EMAIL)
        self.regional = users.get(email=REGIONAL_STAFF_EMAIL)  # Asia Pacific: Aotearoa's region
        self.aotearoa_admin = users.get(email=CONSORTIUM_ADMIN_EMAIL)
        self.aotearoa_staff = users.get(email=CONSORTIUM_STAFF_EMAIL)
        admins = users.filter(role=Role.CONSORTIUM_ADMIN).order_by("pk")
        self.nordic_admin = admins.filter(consortium=self.nordic).first()
        self.brasil_admin = admins.filter(consortium=self.brasil).first()

    def build(self) -> None:
        self.compliant_aotearoa()
        self.understaffed_nordic()
        self.onboarding_brasil()

    # --- checklists ---------------------------------------------------------------------------

    def complete(self, actor, item: ChecklistItem, day: date, note: str = "", link: str = "") -> None:
        onboarding.complete_item(actor, item, note=note or EVIDENCE.get(item.title, "Done."), link=link)
        # The services stamp the moment of the call; the demo tells a story of past years, so the
        # completion and its event are moved to the day it happened (the audit trail keeps the
        # real moment the demo wrote them).
        at = _at(min(day, self.today))
        ChecklistItem.objects.filter(pk=item.pk).update(completed_at=at)
        ChecklistItemEvent.objects.filter(item_id=item.pk).update(at=at)

    def consortium_items(self, consortium: Consortium) -> list[ChecklistItem]:
        return list(
            ChecklistItem.objects.filter(
                checklist__consortium=consortium, checklist__kind=ChecklistKind.CONSORTIUM
            )
            .select_related("checklist__consortium")
            .order_by("position")
        )

    def complete_on_time(self, item: ChecklistItem, team, orcid, *, days_early: int = 10) -> None:
        """Done a little before it was due, by whoever owns it."""
        actor = orcid if item.owner == Owner.ORCID else team
        note = ORCID_EVIDENCE if item.owner == Owner.ORCID else ""
        self.complete(actor, item, item.due_date - timedelta(days=days_early), note=note)

    def member_checklists_done(self, consortium: Consortium, actor, *, in_progress: int = 0) -> None:
        """Members onboarded in the past finished their checklist; the newest ``in_progress`` did not."""
        memberships = list(
            consortium.memberships.filter(
                status__in=[Membership.Status.ACTIVE, Membership.Status.LAPSED, Membership.Status.LEFT],
                joined_date__isnull=False,
                checklists__kind=ChecklistKind.MEMBERSHIP,
            ).order_by("-joined_date", "pk")
        )
        for n, membership in enumerate(memberships):
            items = ChecklistItem.objects.filter(checklist__membership=membership).select_related(
                "checklist__consortium", "checklist__membership__organization"
            )
            for item in items.order_by("position"):
                if n < in_progress and item.position > 3:
                    break
                done_on = max(item.due_date - timedelta(days=3), membership.joined_date)
                self.complete(actor, item, done_on, note=MEMBER_EVIDENCE.get(item.title, "Done."))

    # --- staff and training -------------------------------------------------------------------

    def train(self, staff: SupportStaff, *, team, orcid, check_in_notes) -> None:
        """Both webinars, accepted homework and weekly check-ins over the shadowing period."""
        start = staff.shadowing_starts_on
        staffing.record_webinar(orcid, staff, webinar="overview", attended_on=start + timedelta(days=7))
        staffing.record_webinar(orcid, staff, webinar="technical", attended_on=start + timedelta(days=14))
        homework = staffing.submit_homework(
            team,
            staff,
            link="https://orcid.example/training/homework",
            note="Outreach plan and API exercises.",
        )
        staffing.review_homework(
            orcid, homework, accept=True, feedback="A clear outreach plan; the API exercises are all correct."
        )
        # Stamped today by the services; moved to when it happened, as for checklist items.
        HomeworkSubmission.objects.filter(pk=homework.pk).update(
            submitted_at=_at(start + timedelta(days=24)), reviewed_at=_at(start + timedelta(days=28))
        )
        for week, notes in enumerate(check_in_notes):
            held_on = start + timedelta(days=7 * week + 1)
            if held_on <= min(staff.shadowing_ends_on, self.today):
                staffing.record_check_in(orcid, staff, held_on=held_on, notes=notes)

    # --- the three stories --------------------------------------------------------------------

    def compliant_aotearoa(self) -> None:
        for item in self.consortium_items(self.aotearoa):
            team = self.aotearoa_admin if item.phase != Phase.POST_AGREEMENT else self.aotearoa_staff
            self.complete_on_time(item, team, self.regional)
        self.member_checklists_done(self.aotearoa, self.aotearoa_staff, in_progress=1)

        manager = staffing.add_staff(
            self.aotearoa_admin,
            self.aotearoa,
            PersonDetails(
                "Hine", "Parata", "hine.parata@rangahau.example", job_title="ORCID Community Manager"
            ),
            fte="1.0",
            starts_on=date(2016, 5, 2),
            coverage=_hours(MON_TO_FRI, "09:00", "17:00"),
            shadowing_starts_on=date(2016, 5, 2),
            shadowing_ends_on=date(2016, 6, 27),
        )
        self.train(
            manager, team=self.aotearoa_admin, orcid=self.regional, check_in_notes=NEW_MANAGER_CHECK_INS
        )
        technical = staffing.add_staff(
            self.aotearoa_admin,
            self.aotearoa,
            PersonDetails("Wei", "Chen", "wei.chen@rangahau.example", job_title="Research Systems Developer"),
            fte="0.5",
            role=SupportStaff.Role.TECHNICAL_SUPPORT,
            starts_on=date(2019, 2, 4),
            coverage=_hours(MON_TO_FRI, "09:00", "13:00"),
            shadowing_starts_on=date(2019, 2, 4),
            shadowing_ends_on=date(2019, 3, 29),
        )
        self.train(
            technical, team=self.aotearoa_staff, orcid=self.regional, check_in_notes=TECHNICAL_CHECK_INS
        )

    def understaffed_nordic(self) -> None:
        for item in self.consortium_items(self.nordic):
            self.complete_on_time(item, self.nordic_admin, self.orcid_admin)
        self.member_checklists_done(self.nordic, self.nordic_admin)

        manager = staffing.add_staff(
            self.nordic_admin,
            self.nordic,
            PersonDetails("Kadri", "Tamm", "kadri.tamm@nric.example", job_title="Community Manager"),
            fte="0.4",
            employment_model=SupportStaff.EmploymentModel.SHARED_ROLE,
            employer="Shared with the Baltic Open Science Consortium",
            starts_on=date(2019, 10, 1),
            coverage=_hours(MON_TO_THU, "09:00", "13:00"),
            shadowing_starts_on=date(2019, 10, 1),
            shadowing_ends_on=date(2019, 11, 29),
        )
        self.train(
            manager, team=self.nordic_admin, orcid=self.orcid_admin, check_in_notes=NEW_MANAGER_CHECK_INS
        )

    def onboarding_brasil(self) -> None:
        agreement = add_months(self.today, -BRASIL_AGREEMENT_MONTHS_AGO)
        if self.brasil.agreement_date is None or self.brasil.agreement_date > agreement:
            self.brasil = consortium_services.update_consortium(
                self.orcid_admin, self.brasil, agreement_date=agreement
            )
        team, orcid = self.brasil_admin, self.orcid_admin
        # The community manager ORCID hired started five weeks ago, well into the three months.
        starts = self.today - timedelta(days=35)
        for item in self.consortium_items(self.brasil):
            if item.phase == Phase.PRE_AGREEMENT and item.title != "Launch event":
                self.complete_on_time(item, team, orcid, days_early=20 if item.owner == Owner.ORCID else 12)
            elif item.phase == Phase.FEES:
                self.complete(team, item, agreement + timedelta(days=45), note="Paid by the federal grant.")
            elif item.title in (
                "Hire and onboard support staff",
                "Relevant Lead staff participate in ORCID training",
            ):
                self.complete(team, item, starts)
            elif (
                item.title == "Initial contact with consortium members to introduce ORCID staff and resources"
            ):
                self.complete(
                    orcid, item, starts + timedelta(days=3), note="Introductory call with both members."
                )
        # The launch event waits for the first members; three of the three-month items are overdue,
        # and ORCID's training of the new community manager is under way.

        manager = staffing.add_staff(
            orcid,
            self.brasil,
            PersonDetails(
                "Camila", "Araújo", "camila.araujo@orcid-brasil.example", job_title="Community Manager"
            ),
            fte="0.5",
            employment_model=SupportStaff.EmploymentModel.ORCID_HIRED,
            employer="ORCID",
            starts_on=starts,
            coverage=_hours(MON_TO_FRI, "09:00", "13:00"),
            shadowing_starts_on=starts,
            shadowing_ends_on=add_months(starts, 2),
        )
        staffing.record_webinar(orcid, manager, webinar="overview", attended_on=starts + timedelta(days=7))
        staffing.record_webinar(orcid, manager, webinar="technical", attended_on=starts + timedelta(days=21))
        homework = staffing.submit_homework(
            team, manager, link="https://www.incia.example/orcid/treinamento", note="Plano de divulgação."
        )
        staffing.review_homework(
            orcid,
            homework,
            accept=False,
            feedback="The outreach plan is good; redo the API exercise with the member API, "
            "not the public one.",
        )
        HomeworkSubmission.objects.filter(pk=homework.pk).update(
            submitted_at=_at(self.today - timedelta(days=9)), reviewed_at=_at(self.today - timedelta(days=6))
        )
        # Weekly check-ins, except the third week (the regional team was at a conference).
        for week, notes in enumerate(NEW_MANAGER_CHECK_INS[:5]):
            held_on = starts + timedelta(days=7 * week + 1)
            if week != 2 and held_on <= self.today:
                staffing.record_check_in(orcid, manager, held_on=held_on, notes=notes)

        # Two members being onboarded: their first steps are done.
        for membership in self.brasil.memberships.filter(status=Membership.Status.ONBOARDING).order_by("pk"):
            items = ChecklistItem.objects.filter(checklist__membership=membership, phase=Phase.PRE_AGREEMENT)
            for n, item in enumerate(items.select_related("checklist__consortium").order_by("position")):
                self.complete(
                    team, item, self.today - timedelta(days=30 - 10 * n), note=MEMBER_EVIDENCE[item.title]
                )


NEW_MANAGER_CHECK_INS = (
    "Introductions; the consortium's members and their integration plans.",
    "Planning the first consortium webinar.",
    "Walked through the member self-management pages.",
    "First draft of the consortium FAQ.",
    "Reviewed the webinar; questions from members on the member API.",
    "FAQ published; support inbox and escalation to ORCID's Tier 2.",
    "Outreach materials translated; next steps for the quieter members.",
    "Shadowing wrap-up; monthly regional meetings from now on.",
)
TECHNICAL_CHECK_INS = (
    "Introductions; the members' systems and their integrations.",
    "Sandbox credentials and the member API.",
    "Reviewed two members' integration plans.",
    "Troubleshooting common OAuth errors.",
    "Affiliation and works write-back in the sandbox.",
    "Production credentials process and final integration testing.",
    "Shadowing wrap-up.",
)
