"""Whether a support staff member has finished ORCID's training, on any date.

Works on a ``TrainingRecord`` of plain values: pages build it from prefetched ``webinars``,
``homework`` and ``check_ins``; the scorecard builds it from ``values_list`` rows, because
turning thousands of training rows into model instances was most of its time (bench/README.md).
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import timezone

from consortia import program
from consortia.lib.dates import add_months
from consortia.staffing.models import HomeworkSubmission, SupportStaff


@dataclass
class ShadowingProgress:
    starts_on: date | None
    ends_on: date | None
    check_ins: int = 0
    weeks: int = 0
    weeks_with_check_in: int = 0

    @property
    def is_planned(self) -> bool:
        return self.starts_on is not None

    @property
    def missed_weeks(self) -> int:
        return self.weeks - self.weeks_with_check_in


@dataclass
class Readiness:
    webinars: list[tuple[str, str, date | None]]
    homework_status: str
    homework_feedback: str
    shadowing: ShadowingProgress
    missing: list[str] = field(default_factory=list)

    @property
    def is_ready(self) -> bool:
        return not self.missing

    @property
    def summary(self) -> str:
        return "Trained" if self.is_ready else "; ".join(self.missing)


HOMEWORK_STATUS_LABELS = dict(HomeworkSubmission.Status.choices)


@dataclass(frozen=True)
class HomeworkRow:
    pk: int
    submitted_at: datetime
    status: str
    reviewed_at: datetime | None
    feedback: str


@dataclass
class TrainingRecord:
    webinars: dict[str, date]
    homework: list[HomeworkRow]
    check_ins: list[date]

    @classmethod
    def of(cls, staff: SupportStaff) -> "TrainingRecord":
        """From a staff row's (prefetched) training rows."""
        return cls(
            {w.webinar: w.attended_on for w in staff.webinars.all()},
            [
                HomeworkRow(h.pk, h.submitted_at, h.status, h.reviewed_at, h.feedback)
                for h in staff.homework.all()
            ],
            [c.held_on for c in staff.check_ins.all()],
        )


def _shadowing(staff: SupportStaff, record: TrainingRecord, on: date) -> ShadowingProgress:
    progress = ShadowingProgress(staff.shadowing_starts_on, staff.shadowing_ends_on)
    if not progress.is_planned:
        return progress
    last_day = min(staff.shadowing_ends_on, on)
    held = sorted(held_on for held_on in record.check_ins if held_on <= on)
    progress.check_ins = len(held)
    if last_day < staff.shadowing_starts_on:
        return progress
    interval = program.SHADOWING_CHECK_IN_INTERVAL_DAYS
    progress.weeks = (last_day - staff.shadowing_starts_on).days // interval + 1
    week_numbers = {
        (held_on - staff.shadowing_starts_on).days // interval
        for held_on in held
        if staff.shadowing_starts_on <= held_on <= last_day
    }
    progress.weeks_with_check_in = len(week_numbers)
    return progress


def readiness(staff: SupportStaff, on: date, record: TrainingRecord | None = None) -> Readiness:
    """``record`` defaults to the one the scorecard attached, else the staff row's prefetched rows."""
    record = record or getattr(staff, "training_record", None) or TrainingRecord.of(staff)
    attended = {key: when for key, when in record.webinars.items() if when <= on}
    webinars = [(key, label, attended.get(key)) for key, label in program.TRAINING_WEBINARS]
    missing = []
    not_attended = [label for key, label, when in webinars if when is None]
    if not_attended:
        missing.append(
            f"webinar{'s' if len(not_attended) > 1 else ''} not attended: {', '.join(not_attended)}"
        )

    submissions = [h for h in record.homework if timezone.localdate(h.submitted_at) <= on]
    status, feedback = "not submitted", ""
    if submissions:
        latest = max(submissions, key=lambda h: (h.submitted_at, h.pk))
        reviewed = latest.reviewed_at is not None and timezone.localdate(latest.reviewed_at) <= on
        status = HOMEWORK_STATUS_LABELS[latest.status].lower() if reviewed else "awaiting review"
        feedback = latest.feedback if reviewed else ""
        accepted = reviewed and latest.status == HomeworkSubmission.Status.ACCEPTED
    else:
        accepted = False
    if not accepted:
        missing.append(f"homework {status}")

    shadowing = _shadowing(staff, record, on)
    if not shadowing.is_planned:
        missing.append("shadowing period not planned")
    elif shadowing.ends_on >= on:
        missing.append(f"shadowing until {shadowing.ends_on:%-d %b %Y}")
    return Readiness(webinars, status, feedback, shadowing, missing)


def training_deadline(staff: SupportStaff) -> date:
    """New staff have as long as the post-agreement criteria allow to finish training."""
    return add_months(staff.starts_on, program.TRAINING_DEADLINE_MONTHS)
