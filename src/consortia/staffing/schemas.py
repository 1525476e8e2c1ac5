"""What the staff, training and compliance API reads and writes, field by field.

FTE figures are decimal strings to the hundredth (``"0.60"``, ``"1.03"``), never JSON numbers, so
no client rounds them through a float; an FTE sent in a request may be a string or a number.
Weekdays are numbered as in Python, 0 for Monday to 6 for Sunday; times are the consortium's
local time (``"09:00"``). Dates are ISO 8601.
"""

from datetime import date, datetime, time
from decimal import Decimal

from django.utils import timezone
from ninja import Schema
from pydantic import Field, field_validator

from consortia import program
from consortia.directory.schemas import ListParams, PersonIn, PersonPatch, RegionOut
from consortia.staffing.models import WEEKDAY_NAMES
from consortia.staffing.training import readiness

FTE_TEXT = 'FTE as a decimal string to the hundredth, e.g. "0.60"'


def fte_text(value: Decimal) -> str:
    return str(value.quantize(program.FTE_PLACES))


# --- query parameters ---------------------------------------------------------------------


class StaffFilters(ListParams):
    q: str = Field("", description="Part of the person's name, or their e-mail address")
    consortium: str = Field("", description="Consortium slug")
    current: str = Field("", description="true: in post today; false: ended or not started; blank: all")
    role: str = Field("", description="community_manager or technical_support")


class ComplianceFilters(ListParams):
    date: str = Field("", description="Assess on this day (YYYY-MM-DD, not in the future); today if blank")
    sort: str = Field("risk", description="risk, name, members, fte, overdue or region; prefix - to reverse")
    eligibility: str = Field("", description="full, smaller or none")
    region: str = Field("", description="Region slug, e.g. emea")


class CompliancePoint(Schema):
    date: str = Field("", description="Assess on this day (YYYY-MM-DD, not in the future); today if blank")


class CalculatorParams(Schema):
    members: str = Field(description="Number of member organizations, from 0")


# --- read shapes ------------------------------------------------------------------------------


class StaffPersonOut(Schema):
    id: int
    name: str
    email: str | None
    orcid_id: str | None

    @staticmethod
    def resolve_name(obj) -> str:
        return obj.full_name


class CoverageOut(Schema):
    weekday: int = Field(description="0 is Monday, 6 Sunday")
    weekday_name: str
    starts_at: time
    ends_at: time


class ReadinessOut(Schema):
    is_ready: bool = Field(description="Both webinars attended, homework accepted and shadowing over")
    missing: list[str] = Field(description="What is still to do, in words")
    summary: str


class StaffOut(Schema):
    id: int
    consortium: str = Field(description="Consortium slug")
    person: StaffPersonOut
    role: str
    fte: str = Field(description=FTE_TEXT)
    employment_model: str = Field(description="direct_hire, contracted, shared_role or orcid_hired")
    employer: str = Field(description="The contracted organization, or the consortia the role is shared with")
    starts_on: date
    ends_on: date | None
    is_current: bool = Field(description="In post today")
    coverage: list[CoverageOut]
    shadowing_starts_on: date | None
    shadowing_ends_on: date | None
    readiness: ReadinessOut = Field(description="ORCID training, as of today")

    @staticmethod
    def resolve_consortium(obj) -> str:
        return obj.consortium.slug

    @staticmethod
    def resolve_fte(obj) -> str:
        return fte_text(obj.fte)

    @staticmethod
    def resolve_is_current(obj) -> bool:
        return obj.is_in_post()

    @staticmethod
    def resolve_coverage(obj):
        return list(obj.coverage.all())

    @staticmethod
    def resolve_readiness(obj):
        return readiness(obj, timezone.localdate())


class StaffTermsOut(Schema):
    valid_from: date
    valid_until: date | None = Field(description="The day before the next terms, or the end of the role")
    is_in_force: bool = Field(description="These are the terms of today")
    role: str
    fte: str = Field(description=FTE_TEXT)
    employment_model: str
    coverage: list[CoverageOut]
    recorded_at: datetime

    @staticmethod
    def resolve_valid_from(obj) -> date:
        return obj.terms.valid_from

    @staticmethod
    def resolve_is_in_force(obj) -> bool:
        return obj.is_in_force(timezone.localdate())

    @staticmethod
    def resolve_role(obj) -> str:
        return obj.terms.role

    @staticmethod
    def resolve_fte(obj) -> str:
        return fte_text(obj.terms.fte)

    @staticmethod
    def resolve_employment_model(obj) -> str:
        return obj.terms.employment_model

    @staticmethod
    def resolve_coverage(obj):
        return [
            {
                "weekday": h.weekday,
                "weekday_name": WEEKDAY_NAMES[h.weekday],
                "starts_at": h.starts_at,
                "ends_at": h.ends_at,
            }
            for h in obj.coverage
        ]

    @staticmethod
    def resolve_recorded_at(obj) -> datetime:
        return obj.terms.recorded_at


class StaffTermsHistoryOut(Schema):
    staff_id: int
    person: StaffPersonOut
    terms: list[StaffTermsOut] = Field(description="Oldest first; each holds until the next one starts")


class WebinarOut(Schema):
    webinar: str
    title: str
    attended_on: date | None = Field(description="Null while not attended")


class WebinarAttendanceOut(Schema):
    id: int
    staff_id: int
    webinar: str
    title: str
    attended_on: date

    @staticmethod
    def resolve_title(obj) -> str:
        return obj.get_webinar_display()


class HomeworkOut(Schema):
    id: int
    staff_id: int
    submitted_at: datetime
    submitted_by: str | None = Field(description="E-mail address of the user who submitted it")
    note: str
    link: str
    has_file: bool
    status: str = Field(description="submitted (awaiting review), accepted or sent_back")
    reviewed_by: str | None = Field(description="E-mail address of the ORCID reviewer")
    reviewed_at: datetime | None
    feedback: str

    @staticmethod
    def resolve_submitted_by(obj) -> str | None:
        return obj.submitted_by.email if obj.submitted_by else None

    @staticmethod
    def resolve_reviewed_by(obj) -> str | None:
        return obj.reviewed_by.email if obj.reviewed_by else None

    @staticmethod
    def resolve_has_file(obj) -> bool:
        return bool(obj.file)


class CheckInOut(Schema):
    id: int
    staff_id: int
    held_on: date
    notes: str
    recorded_by: str | None = Field(description="E-mail address of the ORCID staff member")
    recorded_at: datetime

    @staticmethod
    def resolve_recorded_by(obj) -> str | None:
        return obj.recorded_by.email if obj.recorded_by else None


class ShadowingOut(Schema):
    starts_on: date | None
    ends_on: date | None
    check_ins: int
    weeks: int = Field(description="Weeks of the shadowing period so far")
    weeks_with_check_in: int
    missed_weeks: int


class TrainingOut(Schema):
    staff_id: int
    person: StaffPersonOut
    as_of: date
    training_deadline: date = Field(
        description="Staff in post past this day without finishing training count against compliance"
    )
    webinars: list[WebinarOut]
    homework_status: str
    homework_feedback: str = Field(description="The feedback on the latest reviewed submission")
    homework: list[HomeworkOut] = Field(description="Every submission, oldest first")
    shadowing: ShadowingOut
    check_ins: list[CheckInOut]
    readiness: ReadinessOut


class OnboardingFiguresOut(Schema):
    has_checklist: bool
    pre_agreement_open: int = Field(description="The consortium's pre-agreement items not complete")
    fees_overdue_since: date | None
    post_agreement_overdue: int
    orcid_overdue: int = Field(description="ORCID's own items overdue")
    overdue_titles: list[str]


class ComplianceOut(Schema):
    consortium: str = Field(description="Consortium slug")
    name: str
    region: RegionOut
    as_of: date
    members: int = Field(description="Onboarding and active members on that day")
    required_fte: str = Field(description=FTE_TEXT)
    recommended_fte: list[str] | None = Field(
        description="[low, high] FTE ORCID recommends in the first years, or null after them"
    )
    total_fte: str = Field(description="FTE of the staff in post; " + FTE_TEXT)
    uncovered_weekdays: list[str]
    eligibility: str = Field(description="full, smaller or none")
    eligibility_label: str
    reasons: list[str] = Field(description="Why the consortium is not eligible; empty when it is")
    advice: list[str]
    risk: int = Field(description="Higher is worse")
    risk_level: str = Field(description="low, medium or high")
    onboarding: OnboardingFiguresOut = Field(description="The consortium's own onboarding checklist")

    @staticmethod
    def resolve_consortium(obj) -> str:
        return obj.consortium.slug

    @staticmethod
    def resolve_name(obj) -> str:
        return obj.consortium.name

    @staticmethod
    def resolve_region(obj):
        return obj.consortium.region

    @staticmethod
    def resolve_as_of(obj) -> date:
        return obj.on

    @staticmethod
    def resolve_required_fte(obj) -> str:
        return fte_text(obj.required_fte)

    @staticmethod
    def resolve_recommended_fte(obj) -> list[str] | None:
        return [fte_text(fte) for fte in obj.recommended_fte] if obj.recommended_fte else None

    @staticmethod
    def resolve_total_fte(obj) -> str:
        return fte_text(obj.total_fte)


class StaffStandingOut(Schema):
    staff_id: int
    person: StaffPersonOut
    role: str
    fte: str = Field(description=FTE_TEXT)
    readiness: ReadinessOut
    training_overdue: bool = Field(description="Past the training deadline without finishing training")

    @staticmethod
    def resolve_staff_id(obj) -> int:
        return obj.staff.pk

    @staticmethod
    def resolve_person(obj):
        return obj.staff.person

    @staticmethod
    def resolve_role(obj) -> str:
        return obj.staff.role

    @staticmethod
    def resolve_fte(obj) -> str:
        return fte_text(obj.staff.fte)


class ComplianceDetailOut(ComplianceOut):
    staff: list[StaffStandingOut] = Field(description="Staff in post on that day")


class StaffingCalculatorOut(Schema):
    members: int
    required_fte: str = Field(description=FTE_TEXT)
    recommended_fte_low: str
    recommended_fte_high: str
    outreach_fte: str = Field(description="About three quarters of the recommended FTE")
    technical_fte: str = Field(description="About a quarter of the recommended FTE")
    rule: str


# --- write shapes -----------------------------------------------------------------------------


class FteIn(Schema):
    @field_validator("fte", mode="before", check_fields=False)
    @classmethod
    def fte_as_text(cls, value):
        # A JSON number is read back as written ("0.6"), then checked by the staffing rules.
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)
        return value


class CoverageIn(Schema):
    weekday: int = Field(description="0 is Monday, 6 Sunday")
    starts_at: time = Field(description="e.g. 09:00")
    ends_at: time = Field(description="e.g. 17:00")


class StaffIn(FteIn):
    consortium: str = Field(description="Consortium slug")
    person: PersonIn = Field(description="Found by e-mail or ORCID iD, or added to the directory")
    fte: str = Field(description='More than 0, at most 1, to the hundredth ("0.6")')
    starts_on: date
    coverage: list[CoverageIn] = Field([], description="The weekdays and hours covered")
    role: str = "community_manager"
    employment_model: str = "direct_hire"
    employer: str = ""
    ends_on: date | None = None
    shadowing_starts_on: date | None = None
    shadowing_ends_on: date | None = None


class StaffPatch(FteIn):
    person: PersonPatch | None = Field(
        None,
        description="Corrects the person (only the fields sent change). Edited in place when no other "
        "consortium lists them; otherwise, or when the e-mail address or ORCID iD is another known "
        "person's, the role is given to the found or created person and the shared record is left alone.",
    )
    fte: str | None = None
    role: str | None = None
    employment_model: str | None = None
    employer: str | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    shadowing_starts_on: date | None = None
    shadowing_ends_on: date | None = None
    coverage: list[CoverageIn] | None = Field(None, description="Replaces every slot when given")
    effective_on: date | None = Field(
        None,
        description="When a change of role, FTE, employment model or coverage takes effect (default: "
        "today in the consortium's time zone); compliance before it keeps the old terms. Give the start "
        "date to correct a mistake from the outset.",
    )


class StaffEndIn(Schema):
    ends_on: date | None = Field(None, description="The last day in post; today if not given")


class WebinarIn(Schema):
    webinar: str = Field(description=", ".join(key for key, _ in program.TRAINING_WEBINARS))
    attended_on: date


class HomeworkIn(Schema):
    note: str = ""
    link: str = Field("", description="Where the homework is; required unless a file is sent")


class HomeworkReviewIn(Schema):
    accept: bool
    feedback: str


class CheckInIn(Schema):
    held_on: date
    notes: str
