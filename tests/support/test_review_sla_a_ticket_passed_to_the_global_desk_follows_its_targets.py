"""A ticket ORCID passes from its regional desk to the global desk runs on the global desk's
calendar and SLA targets from then on: its due times change with the move, not at its next
change."""

from datetime import datetime

from consortia.support import services


def test_passing_a_ticket_to_the_global_desk_recomputes_its_due_times(world):
    ticket = services.open_ticket(
        world.alpha_member, world.alpha.desk, subject="Sandbox redirect", body="Refused."
    )
    orcid_ticket = services.escalate(world.alpha_staff, ticket, "Please look.").orcid_ticket
    regional_due = orcid_ticket.resolution_due
    global_desk = services.global_desk()
    services.save_sla_policy(
        world.orcid_admin,
        global_desk,
        first_response_minutes=60,
        next_response_minutes=60,
        resolution_minutes=120,
    )
    services.save_calendar(
        world.orcid_admin,
        global_desk,
        time_zone="UTC",
        country="",
        hours=[(day, datetime.min.time(), datetime.max.time().replace(microsecond=0)) for day in range(7)],
    )

    services.transfer(world.regional, orcid_ticket, to_global=True)

    orcid_ticket.refresh_from_db()
    assert orcid_ticket.desk == global_desk
    expected = global_desk.calendar.business_calendar().add_working_time(orcid_ticket.created_at, 120 * 60)
    assert orcid_ticket.resolution_due == expected != regional_due
