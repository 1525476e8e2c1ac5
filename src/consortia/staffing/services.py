"""The only write paths for support staff and their training."""

from dataclasses import dataclass
from datetime import date, time, timedelta
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone

from consortia import program
from consortia.accounts import policy
from consortia.audit import services as audit
from consortia.directory import services as directory
from consortia.directory.models import Consortium, Contact, Person
from consortia.lib.dates import add_months, today_in
from consortia.lib.files import removed_if_the_write_fails
from consortia.staffing.models import (
    WEEKDAY_NAMES,
    CoverageSlot,
    HomeworkSubmission,
    ShadowingCheckIn,
    StaffTerms,
    SupportStaff,
    WebinarAttendance,
)

STAFF_FIELDS = (
    "role",
    "fte",
    "employment_model",
    "employer",
    "starts_on",
    "ends_on",
    "shadowing_starts_on",
    "shadowing_ends_on",
)


@dataclass(frozen=True)
class Hours:
    """The hours of one weekday a staff member covers."""

    weekday: int
    starts_at: time
    ends_at: time


def clean_fte(value) -> Decimal:
    try:
        fte = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise ValidationError({"fte": f"“{value}” is not a number; give the FTE as e.g. 0.5."}) from None
    if not fte.is_finite() or fte <= 0 or fte > 1:
        raise ValidationError({"fte": "FTE is more than 0 and at most 1 for one person in one consortium."})
    if fte != fte.quantize(program.FTE_PLACES):
        raise ValidationError({"fte": "Give the FTE to the hundredth at most (e.g. 0.25)."})
    return fte.quantize(program.FTE_PLACES)


def _clean_coverage(coverage) -> list[Hours]:
    errors = []
    seen = set()
    for hours in coverage:
        day = WEEKDAY_NAMES[hours.weekday] if 0 <= hours.weekday <= 6 else str(hours.weekday)
        if not 0 <= hours.weekday <= 6:
            errors.append(f"{day} is not a weekday number (0 is Monday, 6 Sunday).")
        elif hours.weekday in seen:
            errors.append(f"{day} is given twice.")
        elif hours.ends_at <= hours.starts_at:
            errors.append(f"On {day} the hours end before they start.")
        seen.add(hours.weekday)
    if errors:
        raise ValidationError({"coverage": errors})
    return sorted(coverage, key=lambda hours: hours.weekday)


def _check_terms(staff: SupportStaff) -> None:
    errors = {}
    if staff.ends_on and staff.ends_on < staff.starts_on:
        errors["ends_on"] = "The end date is before the start date."
    if bool(staff.shadowing_starts_on) != bool(staff.shadowing_ends_on):
        errors["shadowing_ends_on"] = "Give both the start and the end of the shadowing period."
    elif staff.shadowing_starts_on:
        earliest = add_months(staff.shadowing_starts_on, program.SHADOWING_MIN_MONTHS)
        latest = add_months(staff.shadowing_starts_on, program.SHADOWING_MAX_MONTHS)
        if not earliest <= staff.shadowing_ends_on <= latest:
            errors["shadowing_ends_on"] = (
                f"Shadowing lasts {program.SHADOWING_MIN_MONTHS}–{program.SHADOWING_MAX_MONTHS} months: "
                f"end it between {earliest:%-d %b %Y} and {latest:%-d %b %Y}."
            )
    if staff.employment_model in (SupportStaff.EmploymentModel.CONTRACTED,) and not staff.employer.strip():
        errors["employer"] = "Name the contracted organization."
    if errors:
        raise ValidationError(errors)
    # One person cannot give more than their whole time across the consortia they serve.
    overlapping = SupportStaff.objects.filter(
        person=staff.person, starts_on__lte=staff.ends_on or date.max
    ).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=staff.starts_on))
    if staff.pk:
        overlapping = overlapping.exclude(pk=staff.pk)
    # SQLite sums decimals with float precision ("0.800000000000000"): back to hundredths.
    elsewhere = (overlapping.aggregate(total=Sum("fte"))["total"] or Decimal(0)).quantize(program.FTE_PLACES)
    if elsewhere + staff.fte > 1:
        raise ValidationError(
            {
                "fte": f"{staff.person} already gives {elsewhere} FTE in the same period; "
                f"{staff.fte} more would be over 1 FTE."
            }
        )


def _require(allowed: bool, reason: str) -> None:
    if not allowed:
        raise PermissionDenied(reason)


def _save_coverage(staff: SupportStaff, coverage: list[Hours]) -> None:
    staff.coverage.all().delete()
    CoverageSlot.objects.bulk_create(
        CoverageSlot(staff=staff, weekday=h.weekday, starts_at=h.starts_at, ends_at=h.ends_at)
        for h in coverage
    )


TERMS_FIELDS = ("role", "fte", "employment_model")


def _record_terms(staff: SupportStaff, coverage, valid_from: date) -> None:
    """Keep the staff row's terms from ``valid_from``; later recorded terms are superseded."""
    staff.terms.filter(valid_from__gt=valid_from).delete()
    StaffTerms.objects.update_or_create(
        staff=staff,
        valid_from=valid_from,
        defaults={
            "role": staff.role,
            "fte": staff.fte,
            "employment_model": staff.employment_model,
            "coverage": [[h.weekday, f"{h.starts_at:%H:%M}", f"{h.ends_at:%H:%M}"] for h in coverage],
            "recorded_at": timezone.now(),
        },
    )


def _coverage_label(coverage) -> str:
    return ", ".join(
        f"{WEEKDAY_NAMES[h.weekday][:3]} {h.starts_at:%H:%M}–{h.ends_at:%H:%M}" for h in coverage
    )


@transaction.atomic
def add_staff(
    actor,
    consortium: Consortium,
    person_details: directory.PersonDetails,
    *,
    fte,
    starts_on: date,
    coverage=(),
    role: str = SupportStaff.Role.COMMUNITY_MANAGER,
    employment_model: str = SupportStaff.EmploymentModel.DIRECT_HIRE,
    employer: str = "",
    ends_on: date | None = None,
    shadowing_starts_on: date | None = None,
    shadowing_ends_on: date | None = None,
) -> SupportStaff:
    _require(
        policy.can_manage_staff(actor, consortium), "Only the consortium admin or ORCID manage support staff."
    )
    coverage = _clean_coverage(coverage)
    person = directory.find_or_create_person(actor, person_details)
    staff = SupportStaff(
        consortium=consortium,
        person=person,
        role=role,
        fte=clean_fte(fte),
        employment_model=employment_model,
        employer=(employer or "").strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        shadowing_starts_on=shadowing_starts_on,
        shadowing_ends_on=shadowing_ends_on,
    )
    # The table's constraints (FTE range, end after start) are checked by clean_fte and _check_terms,
    # whose messages name the field; full_clean's would say only "Constraint … is violated".
    staff.full_clean(exclude=["consortium", "person"], validate_constraints=False)
    _check_terms(staff)
    staff.save()
    _save_coverage(staff, coverage)
    _record_terms(staff, coverage, staff.starts_on)
    audit.record(
        actor,
        "staff.added",
        staff,
        f"Added {person} as {staff.get_role_display().lower()}, {staff.fte} FTE from {starts_on:%-d %b %Y}",
        changes={"coverage": _coverage_label(coverage), "fte": str(staff.fte)},
        consortium=consortium,
    )
    return staff


def person_details(person: Person, **changes) -> directory.PersonDetails:
    """The person's details with ``changes`` laid over them (a form or PATCH sends only some)."""
    current = {field: getattr(person, field) for field in directory.PERSON_FIELDS}
    return directory.PersonDetails(**{**current, **changes})


def _person_with(details: directory.PersonDetails) -> Person | None:
    """The existing person with these details' e-mail address, else their ORCID iD."""
    by_email = Person.objects.filter(email=details.email).first() if details.email else None
    by_orcid = Person.objects.filter(orcid_id=details.orcid_id).first() if details.orcid_id else None
    if by_email and by_orcid and by_email.pk != by_orcid.pk:
        raise ValidationError(
            {
                "orcid_id": f"ORCID iD {details.orcid_id} belongs to {by_orcid.full_name}, "
                f"not to {details.email}."
            }
        )
    return by_email or by_orcid


def is_listed_elsewhere(person: Person, consortium: Consortium) -> bool:
    """Whether another consortium lists the person: as a member's contact, as its main contact,
    or as its support staff (a shared role)."""
    return (
        Contact.objects.filter(person=person).exclude(membership__consortium=consortium).exists()
        or Consortium.objects.filter(main_contact=person).exclude(pk=consortium.pk).exists()
        or SupportStaff.objects.filter(person=person).exclude(consortium=consortium).exists()
    )


@transaction.atomic
def correct_staff_person(actor, staff: SupportStaff, details: directory.PersonDetails) -> SupportStaff:
    """Correct who a staff row's person is: given names, family name, e-mail, ORCID iD.

    ``details`` are the person's complete details (see ``person_details``). People are shared
    across tenants (DESIGN-NOTES, step 1), so:

    * the e-mail address or ORCID iD of *another* existing person re-points this row to that
      person (their record is completed, never overwritten);
    * a person no other consortium lists (no contact role or main contact elsewhere, no support
      role in another consortium) is edited in place through ``directory.update_person``;
    * a person another consortium also lists is never edited from here: a new e-mail address or
      iD (or a person with neither) re-points this row to the found-or-created person, and any
      other change to that shared record is refused with the reason.
    """
    _require(
        policy.can_manage_staff(actor, staff.consortium),
        "Only the consortium admin or ORCID manage support staff.",
    )
    cleaned = details.cleaned()
    current = staff.person
    if all(getattr(cleaned, field) == getattr(current, field) for field in directory.PERSON_FIELDS):
        return staff
    match = _person_with(cleaned)
    if match is None or match.pk == current.pk:
        if not is_listed_elsewhere(current, staff.consortium):
            before = audit.snapshot(current, directory.PERSON_FIELDS)
            directory.update_person(actor, current, cleaned)
            # update_person's own entry names no consortium: this one puts it in the consortium's history.
            audit.record(
                actor,
                "staff.person_corrected",
                staff,
                f"Corrected the details of support staff member {current.full_name}",
                changes=audit.field_changes(current, before, directory.PERSON_FIELDS),
                consortium=staff.consortium,
            )
            return staff
        if match is not None:
            raise ValidationError(
                f"{current.full_name} is also listed by another consortium, so their details cannot be "
                "changed from here. To put someone else in this role, give that person's own e-mail "
                "address or ORCID iD; to correct this person's record, ask ORCID."
            )
    new_person = directory.find_or_create_person(actor, cleaned)
    staff.person = new_person
    staff.updated_at = timezone.now()
    _check_terms(staff)
    staff.save(update_fields=["person", "updated_at"])
    audit.record(
        actor,
        "staff.person_changed",
        staff,
        f"Support role of {current.full_name} now held by {new_person.full_name}",
        changes={"person": [current.full_name, new_person.full_name]},
        consortium=staff.consortium,
    )
    return staff


@transaction.atomic
def update_staff(
    actor,
    staff: SupportStaff,
    *,
    coverage=None,
    effective_on: date | None = None,
    person: directory.PersonDetails | None = None,
    **fields,
) -> SupportStaff:
    """Change a staff row. A change of role, FTE, employment model or coverage takes effect on
    ``effective_on`` (default: today where the consortium is); the terms before it stay as they
    were for compliance on past dates. Give the start date to correct a mistake from the outset.
    ``person`` (complete details) corrects the person first, see ``correct_staff_person``.
    """
    _require(
        policy.can_manage_staff(actor, staff.consortium),
        "Only the consortium admin or ORCID manage support staff.",
    )
    if person is not None:
        correct_staff_person(actor, staff, person)
    unknown = set(fields) - set(STAFF_FIELDS)
    if unknown:
        raise ValidationError(f"Unknown field(s): {', '.join(sorted(unknown))}.")
    if "fte" in fields:
        fields["fte"] = clean_fte(fields["fte"])
    if "employer" in fields:
        fields["employer"] = (fields["employer"] or "").strip()
    before = audit.snapshot(staff, fields)
    for name, value in fields.items():
        setattr(staff, name, value)
    staff.updated_at = timezone.now()
    # The table's constraints (FTE range, end after start) are checked by clean_fte and _check_terms,
    # whose messages name the field; full_clean's would say only "Constraint … is violated".
    staff.full_clean(exclude=["consortium", "person"], validate_constraints=False)
    _check_terms(staff)
    staff.save(update_fields=[*fields, "updated_at"])
    changes = audit.field_changes(staff, before, fields)
    current_coverage = [Hours(c.weekday, c.starts_at, c.ends_at) for c in staff.coverage.all()]
    if coverage is not None:
        coverage = _clean_coverage(coverage)
        old = _coverage_label(current_coverage)
        _save_coverage(staff, coverage)
        new = _coverage_label(coverage)
        if old != new:
            changes["coverage"] = {"from": old, "to": new}
    if "coverage" in changes or any(name in changes for name in TERMS_FIELDS):
        effective_on = effective_on or today_in(staff.consortium.time_zone)
        if effective_on < staff.starts_on or (staff.ends_on and effective_on > staff.ends_on):
            raise ValidationError(
                {"effective_on": "The change must take effect while the person is in post."}
            )
        _record_terms(
            staff, coverage if coverage is not None else current_coverage, max(effective_on, staff.starts_on)
        )
        changes["effective_on"] = effective_on.isoformat()
    audit.record(
        actor,
        "staff.updated",
        staff,
        f"Updated {staff.person}'s support role",
        changes=changes,
        consortium=staff.consortium,
    )
    return staff


@transaction.atomic
def end_staff(actor, staff: SupportStaff, *, ends_on: date | None = None) -> SupportStaff:
    ends_on = ends_on or timezone.localdate()
    if staff.ends_on is not None and staff.ends_on <= ends_on:
        raise ValidationError(
            {"ends_on": f"{staff.person}'s role already ends on {staff.ends_on:%-d %b %Y}."}
        )
    return update_staff(actor, staff, ends_on=ends_on)


# --- reading the dated terms ----------------------------------------------------------------


@dataclass(frozen=True)
class TermsPeriod:
    """One ``StaffTerms`` row with the day its successor takes over (None: still in force)."""

    terms: StaffTerms
    valid_until: date | None
    coverage: list[Hours]

    @property
    def coverage_label(self) -> str:
        return _coverage_label(self.coverage)

    def is_in_force(self, on: date) -> bool:
        return self.terms.valid_from <= on and (self.valid_until is None or on <= self.valid_until)


def terms_history(staff: SupportStaff) -> list[TermsPeriod]:
    """The staff row's dated terms, oldest first, from ``staff.terms.all()`` (prefetch it)."""
    rows = sorted(staff.terms.all(), key=lambda terms: terms.valid_from)
    periods = []
    for index, terms in enumerate(rows):
        following = rows[index + 1].valid_from if index + 1 < len(rows) else None
        until = following - timedelta(days=1) if following else staff.ends_on
        coverage = [
            Hours(int(day), time.fromisoformat(starts), time.fromisoformat(ends))
            for day, starts, ends in terms.coverage
        ]
        periods.append(TermsPeriod(terms, until, sorted(coverage, key=lambda hours: hours.weekday)))
    return periods


# --- training ------------------------------------------------------------------------------

WEBINAR_KEYS = dict(program.TRAINING_WEBINARS)


@transaction.atomic
def record_webinar(actor, staff: SupportStaff, *, webinar: str, attended_on: date) -> WebinarAttendance:
    _require(
        policy.can_record_training(actor, staff.consortium), "Only ORCID staff record webinar attendance."
    )
    if webinar not in WEBINAR_KEYS:
        raise ValidationError({"webinar": f"Choose one of: {', '.join(WEBINAR_KEYS)}."})
    if attended_on > today_in(staff.consortium.time_zone):
        raise ValidationError({"attended_on": "Attendance cannot be recorded for a future date."})
    attendance, _ = WebinarAttendance.objects.update_or_create(
        staff=staff, webinar=webinar, defaults={"attended_on": attended_on, "recorded_by": actor}
    )
    audit.record(
        actor,
        "training.webinar",
        attendance,
        f"{staff.person} attended “{WEBINAR_KEYS[webinar]}” on {attended_on:%-d %b %Y}",
        consortium=staff.consortium,
    )
    return attendance


@transaction.atomic
def submit_homework(
    actor, staff: SupportStaff, *, note: str = "", link: str = "", file=None
) -> HomeworkSubmission:
    _require(
        policy.can_submit_homework(actor, staff.consortium),
        "Only the consortium's team submits its staff's homework.",
    )
    note, link = (note or "").strip(), (link or "").strip()
    if not (link or file):
        raise ValidationError("Attach the homework as a file or give a link to it.")
    if staff.homework.filter(status=HomeworkSubmission.Status.SUBMITTED).exists():
        raise ValidationError("The last submission is still awaiting ORCID's review.")
    submission = HomeworkSubmission(staff=staff, submitted_by=actor, note=note, link=link)
    if file is not None:
        submission.file = file
    submission.full_clean(exclude=["staff", "submitted_by"])
    submission.save()
    with removed_if_the_write_fails(submission.file):
        audit.record(
            actor,
            "training.homework_submitted",
            submission,
            f"Submitted homework for {staff.person}",
            consortium=staff.consortium,
        )
    return submission


@transaction.atomic
def review_homework(
    actor, submission: HomeworkSubmission, *, accept: bool, feedback: str
) -> HomeworkSubmission:
    staff = submission.staff
    _require(policy.can_record_training(actor, staff.consortium), "Only ORCID staff review homework.")
    submission = HomeworkSubmission.objects.select_for_update().get(pk=submission.pk)
    if submission.status != HomeworkSubmission.Status.SUBMITTED:
        raise ValidationError("This submission has already been reviewed.")
    feedback = (feedback or "").strip()
    if not feedback:
        raise ValidationError({"feedback": "Give the feedback ORCID owes on homework."})
    submission.status = HomeworkSubmission.Status.ACCEPTED if accept else HomeworkSubmission.Status.SENT_BACK
    submission.reviewed_by, submission.reviewed_at, submission.feedback = actor, timezone.now(), feedback
    submission.save(update_fields=["status", "reviewed_by", "reviewed_at", "feedback"])
    audit.record(
        actor,
        "training.homework_reviewed",
        submission,
        f"{submission.get_status_display()} {staff.person}'s homework",
        changes={"feedback": feedback},
        consortium=staff.consortium,
    )
    return submission


@transaction.atomic
def record_check_in(actor, staff: SupportStaff, *, held_on: date, notes: str) -> ShadowingCheckIn:
    _require(
        policy.can_record_training(actor, staff.consortium), "Check-ins are recorded by regional ORCID staff."
    )
    notes = (notes or "").strip()
    if not notes:
        raise ValidationError({"notes": "Write down what the check-in covered."})
    if held_on > today_in(staff.consortium.time_zone):
        raise ValidationError({"held_on": "A check-in cannot be recorded before it is held."})
    if not staff.shadowing_starts_on:
        raise ValidationError("Set the shadowing period first.")
    if not staff.shadowing_starts_on <= held_on <= staff.shadowing_ends_on:
        raise ValidationError(
            {
                "held_on": f"The shadowing period runs from {staff.shadowing_starts_on:%-d %b %Y} "
                f"to {staff.shadowing_ends_on:%-d %b %Y}."
            }
        )
    if staff.check_ins.filter(held_on=held_on).exists():
        raise ValidationError({"held_on": "A check-in is already recorded for that day."})
    check_in = ShadowingCheckIn.objects.create(staff=staff, held_on=held_on, notes=notes, recorded_by=actor)
    audit.record(
        actor,
        "training.check_in",
        check_in,
        f"Shadowing check-in with {staff.person} on {held_on:%-d %b %Y}",
        consortium=staff.consortium,
    )
    return check_in
