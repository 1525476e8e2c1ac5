"""Program compliance and fee-discount eligibility of consortia, on any date, with reasons.

One pass over a handful of queries whatever the number of consortia: member counts, support
staff with their coverage and training, and the onboarding figures. The rules themselves are
in ``consortia.program``; this module applies them and says why.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from consortia import program
from consortia.directory.models import Consortium, Membership
from consortia.lib.dates import add_months
from consortia.onboarding.queries import OnboardingFigures, onboarding_figures
from consortia.staffing.models import (
    WEEKDAY_NAMES,
    CoverageSlot,
    HomeworkSubmission,
    ShadowingCheckIn,
    StaffTerms,
    SupportStaff,
    WebinarAttendance,
)
from consortia.staffing.training import HomeworkRow, Readiness, TrainingRecord, readiness, training_deadline


class Eligibility:
    FULL = "full"
    SMALLER = "smaller"
    NONE = "none"
    LABELS = {
        FULL: "Full consortium discount",
        SMALLER: "Smaller discount (ORCID-hired support)",
        NONE: "Not eligible",
    }


@dataclass
class StaffStanding:
    staff: SupportStaff
    readiness: Readiness
    training_overdue: bool


@dataclass
class Compliance:
    consortium: Consortium
    on: date
    members: int
    required_fte: Decimal
    recommended_fte: tuple[Decimal, Decimal] | None
    total_fte: Decimal
    staff: list[StaffStanding]
    uncovered_weekdays: list[str]
    onboarding: OnboardingFigures
    eligibility: str
    reasons: list[str] = field(default_factory=list)
    advice: list[str] = field(default_factory=list)
    # The consortium's support model is ORCID-hired, or every staff member in post is ORCID's.
    orcid_hired_support: bool = False

    @property
    def eligibility_label(self) -> str:
        return Eligibility.LABELS[self.eligibility]

    @property
    def is_eligible(self) -> bool:
        return self.eligibility != Eligibility.NONE

    @property
    def fte_shortfall(self) -> Decimal:
        return max(self.required_fte - self.total_fte, Decimal(0))

    @property
    def risk(self) -> int:
        """Higher is worse: an ineligible consortium first, then by how much is wrong."""
        score = (
            len(self.reasons) * 10 + self.onboarding.post_agreement_overdue + self.onboarding.orcid_overdue
        )
        if not self.is_eligible:
            score += 100
        if self.required_fte:
            score += int(self.fte_shortfall / self.required_fte * 50)
        return score

    @property
    def risk_level(self) -> str:
        if not self.is_eligible:
            return "high"
        return "medium" if self.advice or self.onboarding.orcid_overdue else "low"

    @property
    def consortium_overdue(self) -> int:
        """The consortium's own onboarding items past due (pre-agreement, fees and post-agreement)."""
        return len(self.onboarding.overdue_titles)

    @property
    def is_orcid_hired(self) -> bool:
        return self.orcid_hired_support


def member_counts(consortium_ids, on: date) -> dict[int, int]:
    """Organizations that were members (onboarding or active) on ``on``.

    Today that is the current status; on a past date, a membership counts if it had joined by
    then (or was created by then, when no joined date is known) and had not yet ended.
    """
    memberships = Membership.objects.filter(consortium_id__in=consortium_ids)
    if on >= timezone.localdate():
        memberships = memberships.filter(status__in=[Membership.Status.ONBOARDING, Membership.Status.ACTIVE])
    else:
        joined = Q(joined_date__lte=on) | Q(joined_date__isnull=True, created_at__date__lte=on)
        not_ended = Q(ended_date__isnull=True) | Q(ended_date__gt=on)
        was_member = Q(status__in=[Membership.Status.ONBOARDING, Membership.Status.ACTIVE]) | Q(
            status__in=[Membership.Status.LAPSED, Membership.Status.LEFT], ended_date__isnull=False
        )
        memberships = memberships.filter(joined & not_ended & was_member)
    rows = memberships.values("consortium_id").annotate(n=Count("pk")).values_list("consortium_id", "n")
    return dict(rows)


@dataclass(frozen=True)
class Slot:
    weekday: int
    starts_at: time
    ends_at: time

    @property
    def weekday_name(self) -> str:
        return WEEKDAY_NAMES[self.weekday]


def staff_in_post(consortium_ids, on: date) -> list[SupportStaff]:
    """Staff in post on ``on``, each with ``coverage_slots`` and ``training_record`` attached.

    Five queries whatever the number of staff. Coverage and training come as plain values, not
    model instances: the scorecard reads thousands of them (bench/README.md).
    """
    in_post = Q(starts_on__lte=on) & (Q(ends_on__isnull=True) | Q(ends_on__gte=on))
    staff = list(
        SupportStaff.objects.filter(in_post, consortium_id__in=consortium_ids)
        .select_related("person")
        .order_by("consortium_id", "-fte", "person__family_name", "pk")
    )
    ids = [s.pk for s in staff]
    coverage, webinars, homework, check_ins = (
        defaultdict(list),
        defaultdict(dict),
        defaultdict(list),
        defaultdict(list),
    )
    if ids:
        rows = CoverageSlot.objects.filter(staff_id__in=ids).order_by("weekday")
        for staff_id, *slot in rows.values_list("staff_id", "weekday", "starts_at", "ends_at"):
            coverage[staff_id].append(Slot(*slot))
        rows = WebinarAttendance.objects.filter(staff_id__in=ids)
        for staff_id, webinar, attended_on in rows.values_list("staff_id", "webinar", "attended_on"):
            webinars[staff_id][webinar] = attended_on
        rows = HomeworkSubmission.objects.filter(staff_id__in=ids).values_list(
            "staff_id", "pk", "submitted_at", "status", "reviewed_at", "feedback"
        )
        for staff_id, *row in rows:
            homework[staff_id].append(HomeworkRow(*row))
        rows = ShadowingCheckIn.objects.filter(staff_id__in=ids)
        for staff_id, held_on in rows.values_list("staff_id", "held_on"):
            check_ins[staff_id].append(held_on)
    for s in staff:
        s.coverage_slots = coverage[s.pk]
        s.training_record = TrainingRecord(webinars[s.pk], homework[s.pk], check_ins[s.pk])
    if ids and on < timezone.localdate():
        _apply_terms_of(on, staff)
    return staff


def _apply_terms_of(on: date, staff: list[SupportStaff]) -> None:
    """Put the terms each staff row had on ``on`` in place of today's (in memory only).

    Rows without recorded terms (written before terms were kept) keep their current terms.
    """
    by_pk = {s.pk: s for s in staff}
    rows = (
        StaffTerms.objects.filter(staff_id__in=by_pk, valid_from__lte=on)
        .order_by("staff_id", "valid_from")
        .values_list("staff_id", "role", "fte", "employment_model", "coverage")
    )
    for staff_id, role, fte, employment_model, slots in rows:
        s = by_pk[staff_id]
        s.role, s.fte, s.employment_model = role, fte, employment_model
        s.coverage_slots = [
            Slot(weekday, time.fromisoformat(starts_at), time.fromisoformat(ends_at))
            for weekday, starts_at, ends_at in sorted(slots)
        ]


def _join_days(days: list[str]) -> str:
    return days[0] if len(days) == 1 else f"{', '.join(days[:-1])} and {days[-1]}"


def _assess(consortium: Consortium, on: date, members: int, staff: list[SupportStaff], figures) -> Compliance:
    required = program.required_fte(members)
    orcid_hired = [s for s in staff if s.employment_model == SupportStaff.EmploymentModel.ORCID_HIRED]
    orcid_hired_support = consortium.support_model == Consortium.SupportModel.ORCID_HIRED or bool(
        staff and len(orcid_hired) == len(staff)
    )
    # Staff ORCID hires are ORCID's support, not the consortium's own: they earn the smaller
    # discount, so they never count towards the full one.
    own_staff = staff if orcid_hired_support else [s for s in staff if s not in orcid_hired]
    total = sum((s.fte for s in own_staff), Decimal("0.00"))
    in_first_years = consortium.agreement_date is not None and on < add_months(
        consortium.agreement_date, 12 * program.RECOMMENDATION_YEARS
    )
    recommended = (
        program.recommended_fte_range(members) if in_first_years or not consortium.agreement_date else None
    )
    covered = {slot.weekday for s in own_staff for slot in s.coverage_slots}
    uncovered = [WEEKDAY_NAMES[day] for day in program.WEEKDAYS_TO_COVER if day not in covered]
    standings = []
    for s in staff:
        ready = readiness(s, on)
        standings.append(StaffStanding(s, ready, not ready.is_ready and training_deadline(s) < on))

    result = Compliance(
        consortium,
        on,
        members,
        required,
        recommended,
        total,
        standings,
        uncovered,
        figures,
        Eligibility.NONE,
        orcid_hired_support=orcid_hired_support,
    )
    reasons = result.reasons
    if consortium.agreement_date is None or consortium.agreement_date > on:
        reasons.append("No consortium agreement signed yet")
    if figures.pre_agreement_open:
        n = figures.pre_agreement_open
        reasons.append(f"{n} pre-agreement item{'s' if n != 1 else ''} not complete")
    if figures.fees_overdue_since:
        reasons.append(f"Fees overdue since {figures.fees_overdue_since:%-d %b %Y}")
    if figures.post_agreement_overdue:
        n = figures.post_agreement_overdue
        reasons.append(f"{n} post-agreement item{'s' if n != 1 else ''} overdue")

    if result.is_orcid_hired:
        # ORCID hires and oversees the staff: the staffing rules are ORCID's to meet.
        result.eligibility = Eligibility.NONE if reasons else Eligibility.SMALLER
        return result

    if orcid_hired and own_staff is not staff:
        fte = sum((s.fte for s in orcid_hired), Decimal(0))
        result.advice.append(
            f"{fte} FTE of ORCID-hired staff is ORCID's support and does not count as the consortium's own"
        )
    if not any(s.is_community_manager for s in own_staff):
        reasons.append("No community manager in post")
    if total < required:
        reasons.append(f"{total.normalize():f} FTE for {members} members; needs {required}")
    if uncovered:
        reasons.append(f"{_join_days(uncovered)} not covered")
    for standing in standings:
        if standing.training_overdue:
            reasons.append(
                f"{standing.staff.person}: ORCID training not complete ({standing.readiness.summary})"
            )
    # Below the per-30 rule the recommendation can ask for more than the 0.5 FTE floor.
    if recommended and required <= total < recommended[1]:
        result.advice.append(
            f"ORCID recommends {recommended[0]}–{recommended[1]} FTE (1 per "
            f"{program.RECOMMENDED_MEMBERS_PER_FTE_LOW}–{program.RECOMMENDED_MEMBERS_PER_FTE_HIGH} members) "
            f"in the first {program.RECOMMENDATION_YEARS} years"
        )
    technical = sum((s.fte for s in staff if s.role == SupportStaff.Role.TECHNICAL_SUPPORT), Decimal(0))
    if staff and not technical and total >= 1:
        technical_fte = program.role_split(total)[1]
        result.advice.append(
            f"About a quarter of the role is technical: plan for {technical_fte} of the {total} FTE "
            "on technical issues"
        )
    result.eligibility = Eligibility.NONE if reasons else Eligibility.FULL
    return result


def assess(consortia, on: date | None = None) -> list[Compliance]:
    """Compliance of each consortium given (a queryset or list), in the order given."""
    on = on or timezone.localdate()
    consortia = list(consortia)
    ids = [c.pk for c in consortia]
    counts = member_counts(ids, on)
    staff_by_consortium = defaultdict(list)
    for s in staff_in_post(ids, on):
        staff_by_consortium[s.consortium_id].append(s)
    figures = onboarding_figures(ids, on)
    return [
        _assess(c, on, counts.get(c.pk, 0), staff_by_consortium[c.pk], figures.get(c.pk, OnboardingFigures()))
        for c in consortia
    ]


def assess_one(consortium: Consortium, on: date | None = None) -> Compliance:
    return assess([consortium], on)[0]


SCORECARD_SORTS = {
    "risk": lambda c: (-c.risk, c.consortium.name.lower()),
    "name": lambda c: c.consortium.name.lower(),
    "members": lambda c: (-c.members, c.consortium.name.lower()),
    "fte": lambda c: (c.total_fte - c.required_fte, c.consortium.name.lower()),
    "overdue": lambda c: (
        -(c.consortium_overdue + c.onboarding.orcid_overdue),
        c.consortium.name.lower(),
    ),
    "region": lambda c: (c.consortium.region.name, c.consortium.name.lower()),
}


def scorecard(
    consortia: QuerySet[Consortium], on: date | None = None, sort: str = "risk"
) -> list[Compliance]:
    """Every consortium given, assessed and sorted (by risk unless told otherwise)."""
    key = SCORECARD_SORTS.get(sort.lstrip("-"), SCORECARD_SORTS["risk"])
    rows = assess(consortia.select_related("region"), on)
    return sorted(rows, key=key, reverse=sort.startswith("-"))


def staffing_calculator(members: int) -> dict:
    """What a consortium of ``members`` organizations needs: the rule, the advice, the split."""
    required = program.required_fte(members)
    low, high = program.recommended_fte_range(members)
    outreach, technical = program.role_split(high)
    return {
        "members": members,
        "required_fte": required,
        "recommended_fte_low": low,
        "recommended_fte_high": high,
        "outreach_fte": outreach,
        "technical_fte": technical,
        "rule": (
            f"At least {program.SMALL_CONSORTIUM_MIN_FTE} FTE "
            f"below {program.SMALL_CONSORTIUM_MEMBER_LIMIT} members"
            if members < program.SMALL_CONSORTIUM_MEMBER_LIMIT
            else f"At least 1 FTE per {program.ORGANIZATIONS_PER_REQUIRED_FTE} organizations"
        ),
    }
