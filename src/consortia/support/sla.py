"""SLA figures of a ticket, derived from its status log and its thread on the desk's calendar.

The clock counts working time only, and stops while the ticket waits on the requester and while
it is resolved or closed (a reopened ticket's clock runs on from where it stopped). Waiting on
ORCID does not stop it: the consortium still owes its member the answer.

- First response: the first public reply by the desk after the ticket was opened.
- Next response: each message from the requester after that is due an answer within the next-
  response target; any late answer is a breach.
- Resolution: from opening to the final resolution.

``compute`` is pure (given the log, the thread, the calendar and the targets) so it can be tested
and used in bulk; ``refresh`` reads one ticket's log and stores the figures on it.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone

from consortia import program
from consortia.lib.business_calendar import BusinessCalendar

STOPPED = ("waiting_on_requester", "resolved", "closed")
DONE = ("resolved", "closed")
WARNING = timedelta(hours=program.SUPPORT_BREACH_WARNING_HOURS)


@dataclass(frozen=True)
class Targets:
    first_response: int  # working seconds
    next_response: int
    resolution: int

    @classmethod
    def of(cls, policy) -> "Targets":
        return cls(
            policy.first_response_minutes * 60,
            policy.next_response_minutes * 60,
            policy.resolution_minutes * 60,
        )


@dataclass
class Figures:
    first_response_at: datetime | None = None
    first_response_seconds: int | None = None
    first_response_due: datetime | None = None
    next_response_due: datetime | None = None
    resolved_at: datetime | None = None
    resolution_seconds: int | None = None
    resolution_due: datetime | None = None
    first_response_breached: bool = False
    next_response_breached: bool = False
    resolution_breached: bool = False
    sla_due: datetime | None = None

    @property
    def is_breached(self) -> bool:
        return self.first_response_breached or self.next_response_breached or self.resolution_breached

    FIELDS = (
        "first_response_at",
        "first_response_seconds",
        "first_response_due",
        "next_response_due",
        "resolved_at",
        "resolution_seconds",
        "resolution_due",
        "first_response_breached",
        "next_response_breached",
        "resolution_breached",
        "sla_due",
    )


class Clock:
    """Working time of one ticket: the calendar's, less the periods its clock was stopped."""

    def __init__(self, calendar: BusinessCalendar, statuses: list[tuple[datetime, str]]):
        self.calendar = calendar
        self.stopped: list[tuple[datetime, datetime | None]] = []  # None: still stopped
        started = None
        for at, status in sorted(statuses, key=lambda pair: pair[0]):
            if status in STOPPED and started is None:
                started = at
            elif status not in STOPPED and started is not None:
                self.stopped.append((started, at))
                started = None
        if started is not None:
            self.stopped.append((started, None))

    @property
    def is_stopped(self) -> bool:
        return bool(self.stopped) and self.stopped[-1][1] is None

    def seconds(self, start: datetime, end: datetime) -> int:
        """Working seconds the clock ran between two instants."""
        if end <= start:
            return 0
        total = self.calendar.working_seconds(start, end)
        for stop_start, stop_end in self.stopped:
            clip_start, clip_end = max(stop_start, start), min(stop_end or end, end)
            if clip_end > clip_start:
                total -= self.calendar.working_seconds(clip_start, clip_end)
        return max(total, 0)

    def due(self, start: datetime, target: int) -> datetime | None:
        """When ``target`` working seconds will have run since ``start``; None while the clock is
        stopped short of it (the due time is unknown until it runs again)."""
        left, cursor = target, start
        for stop_start, stop_end in self.stopped:
            if stop_end is not None and stop_end <= cursor:
                continue
            if stop_start > cursor:
                run = self.calendar.working_seconds(cursor, stop_start)
                if run >= left:
                    return self.calendar.add_working_time(cursor, left)
                left -= run
            if stop_end is None:
                return None
            cursor = max(cursor, stop_end)
        return self.calendar.add_working_time(cursor, left)


def compute(
    calendar: BusinessCalendar,
    targets: Targets,
    opened: datetime,
    statuses: Iterable[tuple[datetime, str]],
    replies: Iterable[tuple[datetime, bool]],
    now: datetime | None = None,
) -> Figures:
    """``statuses``: (time, status it changed to) from the log; ``replies``: (time, by the desk?)
    of the thread's public messages (the opening message included)."""
    now = now or timezone.now()
    statuses = sorted(statuses, key=lambda pair: pair[0])
    replies = sorted(replies, key=lambda pair: pair[0])
    clock = Clock(calendar, statuses)
    current = statuses[-1][1] if statuses else "new"
    is_done = current in DONE
    figures = Figures()

    agent_replies = [at for at, by_desk in replies if by_desk and at >= opened]
    if agent_replies:
        figures.first_response_at = agent_replies[0]
        figures.first_response_seconds = clock.seconds(opened, agent_replies[0])
        figures.first_response_breached = figures.first_response_seconds > targets.first_response
    else:
        figures.first_response_breached = clock.seconds(opened, now) > targets.first_response
        if not is_done:
            figures.first_response_due = clock.due(opened, targets.first_response)

    # Follow-ups from the requester after the first response, each due an answer.
    if figures.first_response_at is not None:
        waiting_since = None
        for at, by_desk in replies:
            if at <= figures.first_response_at:
                continue
            if not by_desk and waiting_since is None:
                waiting_since = at
            elif by_desk and waiting_since is not None:
                if clock.seconds(waiting_since, at) > targets.next_response:
                    figures.next_response_breached = True
                waiting_since = None
        if waiting_since is not None and not is_done:
            if clock.seconds(waiting_since, now) > targets.next_response:
                figures.next_response_breached = True
            figures.next_response_due = clock.due(waiting_since, targets.next_response)

    if is_done:
        figures.resolved_at = _final_resolution(statuses)
        figures.resolution_seconds = clock.seconds(opened, figures.resolved_at)
        figures.resolution_breached = figures.resolution_seconds > targets.resolution
    else:
        figures.resolution_breached = clock.seconds(opened, now) > targets.resolution
        figures.resolution_due = clock.due(opened, targets.resolution)

    open_dues = [
        d for d in (figures.first_response_due, figures.next_response_due, figures.resolution_due) if d
    ]
    figures.sla_due = min(open_dues) if open_dues else None
    return figures


def _final_resolution(statuses: list[tuple[datetime, str]]) -> datetime:
    """The last change into resolved or closed from an open status (closing a resolved ticket
    does not move its resolution)."""
    resolved_at = None
    previous = "new"
    for at, status in statuses:
        if status in DONE and previous not in DONE:
            resolved_at = at
        previous = status
    return resolved_at


def is_about_to_breach(ticket, now: datetime | None = None) -> bool:
    """Open, not yet breached, and a target falls due within the warning window."""
    now = now or timezone.now()
    return (
        ticket.status not in DONE
        and not ticket.is_breached
        and ticket.sla_due is not None
        and ticket.sla_due <= now + WARNING
    )
