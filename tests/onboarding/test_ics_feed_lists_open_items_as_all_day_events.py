"""The consortium's .ics feed: one all-day event per open item with a due date, on that date,
with a UID that stays the same for the item; completed items drop out."""

from datetime import date, timedelta

from django.urls import reverse
from icalendar import Calendar

from consortia import program
from consortia.directory.consortium_services import update_consortium
from consortia.lib.dates import add_months
from consortia.onboarding import services
from consortia.onboarding.models import Checklist, ChecklistKind

AGREEMENT = date(2031, 1, 31)


def feed(client, slug="alpha"):
    response = client.get(reverse("onboarding:deadlines_ics", args=[slug]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def events(calendar):
    return {str(event["uid"]): event for event in calendar.walk("VEVENT")}


def test_each_open_item_is_an_all_day_event_on_its_due_date(world, client_for):
    update_consortium(world.orcid_admin, world.alpha, agreement_date=AGREEMENT)
    checklist = Checklist.objects.get(consortium=world.alpha, kind=ChecklistKind.CONSORTIUM)
    done = services.complete_item(
        world.alpha_admin, checklist.items.filter(owner="consortium").first(), note="ok"
    )

    found = events(feed(client_for("alpha_admin")))
    open_items = list(checklist.items.exclude(pk=done.pk))
    assert len(found) == len(open_items)
    for item in open_items:
        event = next(e for uid, e in found.items() if uid.startswith(f"checklist-item-{item.pk}@"))
        start, end = event.decoded("dtstart"), event.decoded("dtend")
        assert start == item.due_date and end == item.due_date + timedelta(days=1)
        assert not hasattr(start, "hour")
        owner = "[ORCID]" if item.owner == "orcid" else "[Consortium]"
        assert str(event["summary"]) == f"{owner} {item.title}"
        assert "agreement date" in str(event["description"])
    assert not any(uid.startswith(f"checklist-item-{done.pk}@") for uid in found)

    by_phase = {item.phase: item for item in open_items}
    assert by_phase["pre_agreement"].due_date == AGREEMENT
    assert by_phase["fees"].due_date == AGREEMENT + timedelta(days=program.FEES_DUE_DAYS_AFTER_AGREEMENT)
    assert by_phase["post_agreement"].due_date == add_months(
        AGREEMENT, program.POST_AGREEMENT_CRITERIA_MONTHS
    )


def test_the_uid_of_an_item_stays_when_its_due_date_moves(world, client_for):
    update_consortium(world.orcid_admin, world.alpha, agreement_date=AGREEMENT)
    client = client_for("alpha_staff")
    before = events(feed(client))
    update_consortium(world.orcid_admin, world.alpha, agreement_date=AGREEMENT + timedelta(days=7))
    after = events(feed(client))
    assert set(before) == set(after)
    uid = next(iter(before))
    assert after[uid].decoded("dtstart") == before[uid].decoded("dtstart") + timedelta(days=7)


def test_items_without_a_due_date_are_left_out(world, client_for):
    calendar = feed(client_for("orcid_admin"))
    assert calendar.walk("VEVENT") == []
    assert "Alpha Consortium" in str(calendar["x-wr-calname"])


def test_member_checklists_of_the_consortium_are_in_the_feed(world, client_for):
    world.alpha_membership.joined_date = AGREEMENT
    world.alpha_membership.save(update_fields=["joined_date"])
    checklist = services.start_checklist(
        None, services.default_template(ChecklistKind.MEMBERSHIP), membership=world.alpha_membership
    )
    summaries = [str(e["summary"]) for e in feed(client_for("regional")).walk("VEVENT")]
    assert len(summaries) == checklist.items.count()
    assert all(summary.startswith("[Consortium] Alpha University: ") for summary in summaries)
