"""The staffing REST endpoints: support staff, their ORCID training, and program compliance.

Staff rows are read through ``policy.scope_by_consortium``, so another tenant's staff member is
404 (member contacts see no staff); writes go through ``staffing.services`` after a ``policy.can_*``
question (403), and the services' ``ValidationError`` is a 400 with the rule's message. Compliance
is computed by ``staffing.compliance`` on today or a past date; FTE figures are decimal strings.
"""

from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from ninja import File, Form, Query, Router, Status
from ninja.files import UploadedFile

from consortia.accounts import policy
from consortia.api_helpers import (
    ERRORS,
    check_choice,
    get_in_scope_or_404,
    get_referenced_or_400,
    paginate,
    yes_no,
)
from consortia.directory.schemas import Page
from consortia.directory.services import PersonDetails
from consortia.staffing import compliance, services
from consortia.staffing.forms import HomeworkForm
from consortia.staffing.models import HomeworkSubmission, ShadowingCheckIn, SupportStaff
from consortia.staffing.schemas import (
    CalculatorParams,
    CheckInIn,
    CheckInOut,
    ComplianceDetailOut,
    ComplianceFilters,
    ComplianceOut,
    CompliancePoint,
    HomeworkIn,
    HomeworkOut,
    HomeworkReviewIn,
    StaffEndIn,
    StaffFilters,
    StaffIn,
    StaffingCalculatorOut,
    StaffOut,
    StaffPatch,
    StaffTermsHistoryOut,
    TrainingOut,
    WebinarAttendanceOut,
    WebinarIn,
    fte_text,
)
from consortia.staffing.training import readiness, training_deadline

router = Router()

STAFF_ARE_MANAGED = "Only the consortium admin or ORCID manage support staff."
TRAINING_IS_ORCIDS = "Only ORCID staff record webinars, review homework and record check-ins."
HOMEWORK_IS_THE_TEAMS = "Only the consortium's team submits its staff's homework."
NO_COMPLIANCE = "Compliance is for ORCID and the consortium's team."


# --- staff ----------------------------------------------------------------------------------


def _staff(user) -> QuerySet[SupportStaff]:
    return (
        policy.scope_by_consortium(user, SupportStaff.objects.all())
        .select_related("consortium", "person")
        .prefetch_related("coverage", "webinars", "homework", "check_ins")
        .order_by("consortium__name", "-fte", "person__family_name", "pk")
    )


def _staff_to_act_on(user, staff_id: int, may, refusal: str) -> SupportStaff:
    """A staff row in scope (404 otherwise) that ``may(user, consortium)`` allows acting on (403)."""
    staff = get_in_scope_or_404(_staff(user), pk=staff_id)
    policy.require(may(user, staff.consortium), refusal)
    return staff


def _in_post(on: date) -> Q:
    return Q(starts_on__lte=on) & (Q(ends_on__isnull=True) | Q(ends_on__gte=on))


def _hours(coverage) -> list[services.Hours]:
    return [services.Hours(slot.weekday, slot.starts_at, slot.ends_at) for slot in coverage]


@router.get("/staff", response={200: Page[StaffOut], **ERRORS}, tags=["staff"])
def list_staff(request, filters: Query[StaffFilters]):
    """Support staff of the consortia in scope, with their coverage and training as of today."""
    staff = _staff(request.auth)
    if filters.consortium:
        staff = staff.filter(consortium__slug=filters.consortium)
    current = yes_no("current", filters.current)
    if current is not None:
        in_post = _in_post(timezone.localdate())
        staff = staff.filter(in_post) if current else staff.exclude(in_post)
    if check_choice("role", filters.role, SupportStaff.Role.values):
        staff = staff.filter(role=filters.role)
    q = filters.q.strip()
    if q:
        by_name = Q()
        for word in q.split():
            by_name &= Q(person__given_names__icontains=word) | Q(person__family_name__icontains=word)
        staff = staff.filter(by_name | Q(person__email__iexact=q))
    return paginate(staff, filters)


@router.get("/staff/{int:staff_id}", response={200: StaffOut, **ERRORS}, tags=["staff"])
def get_staff(request, staff_id: int):
    return get_in_scope_or_404(_staff(request.auth), pk=staff_id)


@router.post("/staff", response={201: StaffOut, **ERRORS}, tags=["staff"])
def add_staff(request, payload: StaffIn):
    """A support staff member (found by e-mail or ORCID iD, or added to the directory), their terms
    and the weekday hours they cover. The consortium admin, or ORCID in its region."""
    user = request.auth
    consortium = get_referenced_or_400(
        policy.consortia_for(user), "consortium", "consortium", payload.consortium, slug=payload.consortium
    )
    policy.require(policy.can_manage_staff(user, consortium), STAFF_ARE_MANAGED)
    terms = payload.dict(exclude={"consortium", "person", "coverage"})
    staff = services.add_staff(
        user,
        consortium,
        PersonDetails(**payload.person.dict()),
        coverage=_hours(payload.coverage),
        **terms,
    )
    return Status(201, get_in_scope_or_404(_staff(user), pk=staff.pk))


@router.patch("/staff/{int:staff_id}", response={200: StaffOut, **ERRORS}, tags=["staff"])
def update_staff(request, staff_id: int, payload: StaffPatch):
    """Change the terms; ``coverage``, when sent, replaces every slot; ``effective_on`` dates the
    change. ``person`` corrects the staff member's name, e-mail address or ORCID iD: a person no
    other consortium lists is edited in place; a person another consortium also lists is left as
    they are and the role is given to the person found by (or created with) the new e-mail
    address or iD. The consortium admin, or ORCID in its region."""
    user = request.auth
    staff = _staff_to_act_on(user, staff_id, policy.can_manage_staff, STAFF_ARE_MANAGED)
    fields = payload.dict(exclude_unset=True, exclude={"coverage", "effective_on", "person"})
    coverage = _hours(payload.coverage) if payload.coverage is not None else None
    person = None
    if payload.person is not None:
        person = services.person_details(staff.person, **payload.person.dict(exclude_unset=True))
    services.update_staff(
        user, staff, coverage=coverage, effective_on=payload.effective_on, person=person, **fields
    )
    return get_in_scope_or_404(_staff(user), pk=staff_id)


@router.get("/staff/{int:staff_id}/terms", response={200: StaffTermsHistoryOut, **ERRORS}, tags=["staff"])
def get_staff_terms(request, staff_id: int):
    """The dated terms of the role (role, FTE, employment model, coverage), oldest first: what
    compliance on a past date reads."""
    staff = get_in_scope_or_404(
        policy.scope_by_consortium(request.auth, SupportStaff.objects.all())
        .select_related("person")
        .prefetch_related("terms"),
        pk=staff_id,
    )
    return {"staff_id": staff.pk, "person": staff.person, "terms": services.terms_history(staff)}


@router.post("/staff/{int:staff_id}/end", response={200: StaffOut, **ERRORS}, tags=["staff"])
def end_staff(request, staff_id: int, payload: StaffEndIn):
    """The role ends (today unless ``ends_on`` is given); the row stays, so past compliance holds."""
    user = request.auth
    staff = _staff_to_act_on(user, staff_id, policy.can_manage_staff, STAFF_ARE_MANAGED)
    services.end_staff(user, staff, ends_on=payload.ends_on)
    return get_in_scope_or_404(_staff(user), pk=staff_id)


# --- training -------------------------------------------------------------------------------


def _training_staff(user) -> QuerySet[SupportStaff]:
    return (
        policy.scope_by_consortium(user, SupportStaff.objects.all())
        .select_related("consortium", "person")
        .prefetch_related(
            "webinars",
            Prefetch(
                "homework",
                queryset=HomeworkSubmission.objects.select_related("submitted_by", "reviewed_by").order_by(
                    "submitted_at", "pk"
                ),
            ),
            Prefetch("check_ins", queryset=ShadowingCheckIn.objects.select_related("recorded_by")),
        )
    )


@router.get("/staff/{int:staff_id}/training", response={200: TrainingOut, **ERRORS}, tags=["training"])
def get_training(request, staff_id: int):
    """The two webinars, the homework and its reviews, the shadowing check-ins, and what is missing."""
    staff = get_in_scope_or_404(_training_staff(request.auth), pk=staff_id)
    today = timezone.localdate()
    ready = readiness(staff, today)
    return {
        "staff_id": staff.pk,
        "person": staff.person,
        "as_of": today,
        "training_deadline": training_deadline(staff),
        "webinars": [
            {"webinar": key, "title": title, "attended_on": when} for key, title, when in ready.webinars
        ],
        "homework_status": ready.homework_status,
        "homework_feedback": ready.homework_feedback,
        "homework": list(staff.homework.all()),
        "shadowing": ready.shadowing,
        "check_ins": list(staff.check_ins.all()),
        "readiness": ready,
    }


@router.post(
    "/staff/{int:staff_id}/webinars", response={201: WebinarAttendanceOut, **ERRORS}, tags=["training"]
)
def record_webinar(request, staff_id: int, payload: WebinarIn):
    """ORCID records that the staff member attended a training webinar (again: the date moves)."""
    user = request.auth
    staff = _staff_to_act_on(user, staff_id, policy.can_record_training, TRAINING_IS_ORCIDS)
    attendance = services.record_webinar(
        user, staff, webinar=payload.webinar, attended_on=payload.attended_on
    )
    return Status(201, attendance)


@router.post("/staff/{int:staff_id}/homework", response={201: HomeworkOut, **ERRORS}, tags=["training"])
def submit_homework(request, staff_id: int, payload: HomeworkIn):
    """The consortium's team hands in the staff member's homework as a link. To attach a file,
    use ``/homework-with-file``."""
    user = request.auth
    staff = _staff_to_act_on(user, staff_id, policy.can_submit_homework, HOMEWORK_IS_THE_TEAMS)
    return Status(201, services.submit_homework(user, staff, note=payload.note, link=payload.link))


@router.post(
    "/staff/{int:staff_id}/homework-with-file", response={201: HomeworkOut, **ERRORS}, tags=["training"]
)
def submit_homework_with_file(request, staff_id: int, homework: Form[HomeworkIn], file: File[UploadedFile]):
    """The same as ``/homework``, as ``multipart/form-data`` with the homework in ``file``."""
    user = request.auth
    staff = _staff_to_act_on(user, staff_id, policy.can_submit_homework, HOMEWORK_IS_THE_TEAMS)
    # The page's form, so a file is held to the same size limit as on the page.
    form = HomeworkForm({"note": homework.note, "link": homework.link}, {"file": file})
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    return Status(201, services.submit_homework(user, staff, **form.cleaned_data))


def _homework(user) -> QuerySet[HomeworkSubmission]:
    return policy.scope_by_consortium(
        user,
        HomeworkSubmission.objects.select_related("staff__consortium", "staff__person", "submitted_by"),
        "staff__consortium__",
    )


@router.post(
    "/staff/homework/{int:submission_id}/review", response={200: HomeworkOut, **ERRORS}, tags=["training"]
)
def review_homework(request, submission_id: int, payload: HomeworkReviewIn):
    """ORCID accepts the homework or sends it back, with feedback either way."""
    user = request.auth
    submission = get_in_scope_or_404(_homework(user), pk=submission_id)
    policy.require(policy.can_record_training(user, submission.staff.consortium), TRAINING_IS_ORCIDS)
    services.review_homework(user, submission, accept=payload.accept, feedback=payload.feedback)
    return get_in_scope_or_404(_homework(user).select_related("reviewed_by"), pk=submission_id)


@router.post("/staff/{int:staff_id}/check-ins", response={201: CheckInOut, **ERRORS}, tags=["training"])
def record_check_in(request, staff_id: int, payload: CheckInIn):
    """A weekly check-in of the shadowing period, recorded by regional ORCID staff."""
    user = request.auth
    staff = _staff_to_act_on(user, staff_id, policy.can_record_training, TRAINING_IS_ORCIDS)
    return Status(201, services.record_check_in(user, staff, held_on=payload.held_on, notes=payload.notes))


# --- compliance -----------------------------------------------------------------------------


def _as_of(value: str) -> date:
    """The day to assess: today, or a past day (the future cannot be known yet)."""
    value = value.strip()
    today = timezone.localdate()
    if not value:
        return today
    try:
        on = datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError:
        raise ValidationError({"date": f"date must be a day as YYYY-MM-DD, not {value!r}."}) from None
    if on > today:
        raise ValidationError({"date": f"date cannot be in the future (today is {today.isoformat()})."})
    return on


@router.get("/compliance", response={200: Page[ComplianceOut], **ERRORS}, tags=["compliance"])
def list_compliance(request, filters: Query[ComplianceFilters]):
    """The program scorecard: every consortium in scope for ORCID, a consortium's own for its team.

    Riskiest first unless ``sort`` says otherwise; each row says why it is (not) eligible.
    """
    user = request.auth
    on = _as_of(filters.date)
    sort = filters.sort.strip() or "risk"
    check_choice("sort", sort.removeprefix("-"), list(compliance.SCORECARD_SORTS))
    eligibility = check_choice("eligibility", filters.eligibility, list(compliance.Eligibility.LABELS))
    consortia = policy.consortia_for(user)
    if not policy.can_view_scorecard(user):
        visible = [c.pk for c in consortia if policy.can_view_compliance(user, c)]
        policy.require(bool(visible), NO_COMPLIANCE)
        consortia = consortia.filter(pk__in=visible)
    if filters.region:
        consortia = consortia.filter(region__slug=filters.region)
    q = filters.q.strip()
    if q:
        consortia = consortia.filter(Q(name__icontains=q) | Q(slug__icontains=q))
    rows = compliance.scorecard(consortia, on, sort)
    if eligibility:
        rows = [row for row in rows if row.eligibility == eligibility]
    return paginate(rows, filters)


# Before /compliance/{slug}, which would otherwise take "staffing-calculator" for a slug.
@router.get(
    "/compliance/staffing-calculator", response={200: StaffingCalculatorOut, **ERRORS}, tags=["compliance"]
)
def staffing_calculator(request, params: Query[CalculatorParams]):
    """What a consortium of ``members`` organizations must engage, and what ORCID recommends."""
    value = params.members.strip()
    if not value.isdigit():
        raise ValidationError({"members": f"members must be a whole number from 0, not {value!r}."})
    figures = compliance.staffing_calculator(int(value))
    return {name: fte_text(v) if isinstance(v, Decimal) else v for name, v in figures.items()}


@router.get("/compliance/{slug}", response={200: ComplianceDetailOut, **ERRORS}, tags=["compliance"])
def get_compliance(request, slug: str, params: Query[CompliancePoint]):
    """One consortium's compliance with its staff's standing."""
    user = request.auth
    consortium = get_in_scope_or_404(policy.consortia_for(user).select_related("region"), slug=slug)
    policy.require(policy.can_view_compliance(user, consortium), NO_COMPLIANCE)
    return compliance.assess_one(consortium, _as_of(params.date))
