"""A consortium's checklist deadlines as an iCalendar feed, for calendar apps to subscribe to.

The feed holds the *open* items with a due date, of the consortium's onboarding checklist and
of its members' checklists, each as an all-day event on its due date. Completed items are left
out: a calendar shows what is still to do, and an item that is reopened comes back with the
same UID, so calendar apps update the event rather than duplicate it. Items without a due date
(no agreement or joined date yet) have no day to sit on and are left out too.
"""

from datetime import timedelta

from django.db.models import QuerySet
from django.utils import timezone
from icalendar import Calendar, Event

from consortia.directory.models import Consortium
from consortia.onboarding.models import ChecklistItem, ChecklistKind

PRODID = "-//Consortia//Onboarding deadlines//EN"


def deadline_items(consortium: Consortium) -> QuerySet[ChecklistItem]:
    """Open items with a due date on the consortium's checklists, soonest first (one query)."""
    return (
        ChecklistItem.objects.filter(
            checklist__consortium=consortium, completed_at__isnull=True, due_date__isnull=False
        )
        .select_related("checklist__consortium", "checklist__membership__organization")
        .order_by("due_date", "checklist__kind", "checklist_id", "position")
    )


def due_rule_text(item, anchor_label: str) -> str:
    """The item's offsets in words, like “Due within 3 months of the agreement date”."""
    if not (item.due_months or item.due_days):
        return f"Due on the {anchor_label}"
    return f"Due {item.due_rule_label} of the {anchor_label}"


def event_uid(item: ChecklistItem, host: str) -> str:
    # Stable per item, so a calendar app updates the event when the due date moves.
    return f"checklist-item-{item.pk}@{host}"


def event_summary(item: ChecklistItem) -> str:
    summary = f"[{item.get_owner_display()}] {item.title}"
    if item.checklist.kind == ChecklistKind.MEMBERSHIP:
        summary = f"[{item.get_owner_display()}] {item.checklist.membership.organization.name}: {item.title}"
    return summary


def deadlines_calendar(consortium: Consortium, items, *, host: str, checklist_url) -> bytes:
    """The feed's bytes. ``checklist_url(checklist)`` gives the absolute address of a checklist page."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"{consortium.name}: onboarding deadlines")
    calendar.add("x-wr-caldesc", f"Open onboarding checklist items of {consortium.name}, on their due dates.")
    stamp = timezone.now()
    for item in items:
        checklist = item.checklist
        anchor_label = "joined date" if checklist.kind == ChecklistKind.MEMBERSHIP else "agreement date"
        where = (
            f"Member onboarding checklist of {checklist.membership.organization.name}"
            if checklist.kind == ChecklistKind.MEMBERSHIP
            else f"Consortium onboarding checklist of {consortium.name}"
        )
        url = checklist_url(checklist)
        lines = [
            f"{where}, {item.get_phase_display().lower()}.",
            f"Owner: {item.get_owner_display()}. {due_rule_text(item, anchor_label)}.",
        ]
        if item.guidance:
            lines.append(item.guidance)
        lines.append(f"Open the checklist: {url}")
        event = Event()
        event.add("uid", event_uid(item, host))
        event.add("dtstamp", stamp)
        event.add("dtstart", item.due_date)
        event.add("dtend", item.due_date + timedelta(days=1))
        event.add("summary", event_summary(item))
        event.add("description", "\n".join(lines))
        event.add("categories", [item.get_phase_display()])
        event.add("url", url)
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical()
