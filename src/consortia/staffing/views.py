"""Support staff and training pages. Each view: sign-in → fetch through the policy scope → check
the action → call a service → redirect or render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from consortia import program
from consortia.accounts import policy
from consortia.lib.dates import add_months
from consortia.staffing import services
from consortia.staffing.compliance import assess_one
from consortia.staffing.forms import (
    CheckInForm,
    EditStaffForm,
    EndStaffForm,
    HomeworkForm,
    HomeworkReviewForm,
    NewStaffForm,
    WebinarForm,
)
from consortia.staffing.models import (
    WEEKDAY_NAMES,
    HomeworkSubmission,
    ShadowingCheckIn,
    SupportStaff,
    WebinarAttendance,
)
from consortia.staffing.training import readiness, training_deadline
from consortia.web import attachment, consortium_page, errors_shown_on, paginate

STAFF_STATUSES = (("current", "Current"), ("past", "Past"), ("all", "Current and past"))
WEEKEND = (5, 6)
STAFF_ARE_MANAGED = "Only the consortium admin or ORCID manage support staff."


# --- reading --------------------------------------------------------------------------------


def _in_post_on(day) -> Q:
    return Q(starts_on__lte=day) & (Q(ends_on__isnull=True) | Q(ends_on__gte=day))


def _other_consortia_served(day):
    """How many other consortia the same person serves today: a count, never which ones."""
    elsewhere = (
        SupportStaff.objects.filter(_in_post_on(day), person_id=OuterRef("person_id"))
        .exclude(consortium_id=OuterRef("consortium_id"))
        .order_by()
        .values("person_id")
        .annotate(n=Count("consortium_id", distinct=True))
        .values("n")
    )
    return Coalesce(Subquery(elsewhere, output_field=IntegerField()), 0)


def _with_training(queryset: QuerySet[SupportStaff], day) -> QuerySet[SupportStaff]:
    """Everything the list and detail pages show, in a fixed number of queries."""
    return (
        queryset.select_related("person", "consortium")
        .prefetch_related(
            "coverage",
            Prefetch("webinars", queryset=WebinarAttendance.objects.select_related("recorded_by")),
            Prefetch(
                "homework", queryset=HomeworkSubmission.objects.select_related("submitted_by", "reviewed_by")
            ),
            Prefetch("check_ins", queryset=ShadowingCheckIn.objects.select_related("recorded_by")),
        )
        .annotate(other_consortia=_other_consortia_served(day))
    )


def _staff(request, pk, *, detail=False) -> SupportStaff:
    """A staff row the user may see (another tenant's, or any for a member contact, is 404)."""
    queryset = policy.scope_by_consortium(request.user, SupportStaff.objects.all())
    if detail:
        queryset = _with_training(queryset, timezone.localdate()).prefetch_related("terms")
    else:
        queryset = queryset.select_related("person", "consortium")
    return get_object_or_404(queryset, pk=pk)


def _submission(request, pk) -> HomeworkSubmission:
    queryset = policy.scope_by_consortium(
        request.user, HomeworkSubmission.objects.all(), prefix="staff__consortium__"
    )
    return get_object_or_404(queryset.select_related("staff__person", "staff__consortium"), pk=pk)


def _decorate(staff: SupportStaff, today) -> SupportStaff:
    """Attach the weekday grid and the training readiness the templates show."""
    slots = {slot.weekday: slot for slot in staff.coverage.all()}
    staff.weekday_cells = [(WEEKDAY_NAMES[day], slots.get(day)) for day in program.WEEKDAYS_TO_COVER]
    staff.weekend_slots = [slots[day] for day in WEEKEND if day in slots]
    staff.readiness = ready = readiness(staff, today)
    # The list has room for a short to-do; the webinar titles are on the staff member's page.
    unattended = [label for _, label, when in ready.webinars if when is None]
    staff.training_todo = [m for m in ready.missing if not m.startswith("webinar")]
    if unattended:
        staff.training_todo.insert(0, f"{len(unattended)} of {len(ready.webinars)} webinars to attend")
    if staff.ends_on and staff.ends_on < today:
        staff.post_status = "ended"
    elif staff.starts_on > today:
        staff.post_status = "future"
    else:
        staff.post_status = "in_post"
    return staff


@login_required
def staff_list(request, slug):
    consortium = consortium_page(request.user, slug)
    today = timezone.localdate()
    status = request.GET.get("status", "current")
    if status not in dict(STAFF_STATUSES):
        status = "current"
    q = request.GET.get("q", "").strip()
    staff = policy.scope_by_consortium(request.user, SupportStaff.objects.filter(consortium=consortium))
    if status == "current":
        staff = staff.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
    elif status == "past":
        staff = staff.filter(ends_on__lt=today)
    if q:
        staff = staff.filter(
            Q(person__given_names__icontains=q)
            | Q(person__family_name__icontains=q)
            | Q(person__email__icontains=q)
            | Q(person__orcid_id__icontains=q)
            | Q(employer__icontains=q)
        )
    staff = _with_training(staff, today).order_by("-fte", "person__family_name", "person__given_names", "pk")
    context = {"consortium": consortium, "status": status, "statuses": STAFF_STATUSES, "q": q}
    context.update(paginate(request, staff))
    for row in context["page_obj"].object_list:
        _decorate(row, today)
    compliance = assess_one(consortium, today)
    context.update(
        {
            "compliance": compliance,
            "weekday_totals": [
                (WEEKDAY_NAMES[day], WEEKDAY_NAMES[day] not in compliance.uncovered_weekdays)
                for day in program.WEEKDAYS_TO_COVER
            ],
            "can_manage_staff": policy.can_manage_staff(request.user, consortium),
        }
    )
    return render(request, "staffing/staff_list.html", context)


def _detail_context(request, staff: SupportStaff, bound: dict) -> dict:
    user, consortium, today = request.user, staff.consortium, timezone.localdate()
    _decorate(staff, today)
    can_record = policy.can_record_training(user, consortium)
    can_submit = policy.can_submit_homework(user, consortium)

    attendance = {w.webinar: w for w in staff.webinars.all()}
    webinars = []
    for key, label, attended_on in staff.readiness.webinars:
        form = None
        if can_record and attended_on is None:
            form = bound.get(("webinar", key)) or WebinarForm.for_webinar(key, initial={"attended_on": today})
        webinars.append(
            {
                "key": key,
                "label": label,
                "attended_on": attended_on,
                "record": attendance.get(key),
                "form": form,
            }
        )

    submissions = sorted(staff.homework.all(), key=lambda h: (h.submitted_at, h.pk), reverse=True)
    awaiting = next((h for h in submissions if h.status == HomeworkSubmission.Status.SUBMITTED), None)
    # Nothing to submit while a submission awaits review, or once the latest one is accepted.
    open_for_homework = not submissions or submissions[0].status == HomeworkSubmission.Status.SENT_BACK
    review_form = None
    if can_record and awaiting:
        review_form = bound.get("review") or HomeworkReviewForm(submission=awaiting)

    shadowing = staff.readiness.shadowing
    period_weeks = 0
    check_in_form = None
    if shadowing.is_planned:
        period_weeks = (
            shadowing.ends_on - shadowing.starts_on
        ).days // program.SHADOWING_CHECK_IN_INTERVAL_DAYS + 1
        if can_record:
            check_in_form = bound.get("check_in") or CheckInForm(
                initial={"held_on": min(today, shadowing.ends_on)}
            )

    return {
        "staff": staff,
        "person": staff.person,
        "consortium": consortium,
        "today": today,
        "training_deadline": training_deadline(staff),
        "webinars": webinars,
        "submissions": submissions,
        "awaiting": awaiting,
        "review_form": review_form,
        "homework_form": bound.get("homework")
        or (HomeworkForm() if can_submit and open_for_homework else None),
        "shadowing": shadowing,
        "period_weeks": period_weeks,
        "check_ins": list(staff.check_ins.all()),
        "check_in_form": check_in_form,
        "terms_history": [
            (period, period.is_in_force(today)) for period in reversed(services.terms_history(staff))
        ],
        "can_manage_staff": policy.can_manage_staff(user, consortium),
        "can_record_training": can_record,
        "can_submit_homework": can_submit,
    }


def _render_detail(request, staff: SupportStaff, bound: dict | None = None):
    """The detail page, with the one small form that failed shown bound to its errors."""
    return render(request, "staffing/staff_detail.html", _detail_context(request, staff, bound or {}))


@login_required
def staff_detail(request, pk):
    return _render_detail(request, _staff(request, pk, detail=True))


# --- staff ----------------------------------------------------------------------------------


def _staff_to_act_on(request, pk, may, refusal: str) -> SupportStaff:
    """A staff row in scope (404 otherwise) that ``may(user, consortium)`` allows acting on (403)."""
    staff = _staff(request, pk)
    policy.require(may(request.user, staff.consortium), refusal)
    return staff


def _back_to_detail(request, staff: SupportStaff, message: str):
    messages.success(request, message)
    return redirect("staffing:staff_detail", pk=staff.pk)


@login_required
def staff_add(request, slug):
    consortium = consortium_page(request.user, slug)
    policy.require(policy.can_manage_staff(request.user, consortium), STAFF_ARE_MANAGED)
    today = timezone.localdate()
    initial = {
        "starts_on": today,
        "shadowing_starts_on": today,
        "shadowing_ends_on": add_months(today, program.SHADOWING_MAX_MONTHS),
    }
    form = NewStaffForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        with errors_shown_on(form):
            staff = services.add_staff(
                request.user, consortium, form.person_details(), coverage=form.coverage(), **form.terms()
            )
            role = staff.get_role_display().lower()
            return _back_to_detail(request, staff, f"{staff.person.full_name} was added as {role}.")
    return render(
        request, "staffing/staff_form.html", {"consortium": consortium, "form": form, "staff": None}
    )


@login_required
def staff_edit(request, pk):
    staff = _staff_to_act_on(request, pk, policy.can_manage_staff, STAFF_ARE_MANAGED)
    form = EditStaffForm.for_staff(staff, request.POST or None)
    if request.method == "POST" and form.is_valid():
        with errors_shown_on(form):
            services.update_staff(
                request.user,
                staff,
                coverage=form.coverage(),
                effective_on=form.cleaned_data["effective_on"],
                person=form.person_details(staff.person),
                **form.terms(),
            )
            return _back_to_detail(request, staff, f"{staff.person.full_name}'s support role was saved.")
        # The refused change was rolled back: show the row (and person) as they are stored.
        staff = _staff(request, pk)
    return render(
        request, "staffing/staff_form.html", {"consortium": staff.consortium, "form": form, "staff": staff}
    )


@login_required
def staff_end(request, pk):
    staff = _staff_to_act_on(request, pk, policy.can_manage_staff, STAFF_ARE_MANAGED)
    form = EndStaffForm(request.POST or None, initial={"ends_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        ends_on = form.cleaned_data["ends_on"]
        with errors_shown_on(form):
            services.end_staff(request.user, staff, ends_on=ends_on)
            return _back_to_detail(
                request, staff, f"{staff.person.full_name}'s role ends on {ends_on:%-d %b %Y}."
            )
    return render(request, "staffing/staff_end.html", {"staff": staff, "form": form})


# --- training -------------------------------------------------------------------------------
# Small forms of the staff member's page: after a refusal, the page again with that form bound.


@login_required
@require_POST
def webinar_record(request, pk):
    staff = _staff_to_act_on(
        request, pk, policy.can_record_training, "Only ORCID staff record webinar attendance."
    )
    key = request.POST.get("webinar", "")
    if key not in dict(program.TRAINING_WEBINARS):
        messages.error(request, "Choose one of the training webinars.")
        return redirect("staffing:staff_detail", pk=staff.pk)
    form = WebinarForm.for_webinar(key, request.POST)
    if form.is_valid():
        with errors_shown_on(form):
            attendance = services.record_webinar(request.user, staff, **form.cleaned_data)
            title = attendance.get_webinar_display()
            return _back_to_detail(request, staff, f"Recorded: {staff.person.full_name} attended “{title}”.")
    return _render_detail(request, _staff(request, pk, detail=True), {("webinar", key): form})


@login_required
@require_POST
def homework_submit(request, pk):
    staff = _staff_to_act_on(
        request, pk, policy.can_submit_homework, "Only the consortium's team submits its staff's homework."
    )
    form = HomeworkForm(request.POST, request.FILES)
    if form.is_valid():
        with errors_shown_on(form):
            services.submit_homework(request.user, staff, **form.cleaned_data)
            return _back_to_detail(
                request, staff, "Homework submitted. ORCID's regional team will review it."
            )
    return _render_detail(request, _staff(request, pk, detail=True), {"homework": form})


@login_required
@require_POST
def homework_review(request, pk):
    submission = _submission(request, pk)
    staff = submission.staff
    policy.require(
        policy.can_record_training(request.user, staff.consortium), "Only ORCID staff review homework."
    )
    form = HomeworkReviewForm(request.POST, submission=submission)
    if form.is_valid():
        with errors_shown_on(form):
            services.review_homework(
                request.user, submission, accept=form.accept, feedback=form.cleaned_data["feedback"]
            )
            outcome = "accepted" if form.accept else "sent back with feedback"
            return _back_to_detail(request, staff, f"{staff.person.full_name}'s homework was {outcome}.")
    return _render_detail(request, _staff(request, staff.pk, detail=True), {"review": form})


@login_required
def homework_file(request, pk):
    return attachment(_submission(request, pk).file)


@login_required
@require_POST
def check_in_record(request, pk):
    staff = _staff_to_act_on(
        request, pk, policy.can_record_training, "Check-ins are recorded by regional ORCID staff."
    )
    form = CheckInForm(request.POST)
    if form.is_valid():
        with errors_shown_on(form):
            check_in = services.record_check_in(request.user, staff, **form.cleaned_data)
            return _back_to_detail(request, staff, f"Check-in of {check_in.held_on:%-d %b %Y} recorded.")
    return _render_detail(request, _staff(request, pk, detail=True), {"check_in": form})
