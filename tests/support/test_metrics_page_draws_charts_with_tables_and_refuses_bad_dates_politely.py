"""The metrics page draws its charts as inline SVG (no script), each with a title, a description
and a table of its figures; a bad date is a message on the page, not an error."""

from consortia.support import services


def test_charts_are_inline_svg_with_text_alternatives(world, client_for):
    services.open_ticket(world.alpha_member, world.alpha.desk, subject="Help", body="Please.")
    body = client_for("alpha_staff").get(f"/support/desks/{world.alpha.desk.slug}/metrics/").content.decode()
    assert body.count("<svg") == 3
    assert body.count('role="img"') == 3 and body.count("<desc") == 3
    assert "<script" not in body
    assert "Tickets per month" in body and "Tickets by category" in body
    assert "Median first response per month" in body
    assert "Table of tickets per month" in body and "Table of tickets by category" in body


def test_a_bad_date_is_a_message_and_the_default_period_is_shown(world, client_for):
    response = client_for("alpha_admin").get(
        f"/support/desks/{world.alpha.desk.slug}/metrics/?from=2025-02-30&to=yesterday"
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "from must be a date written YYYY-MM-DD" in body
    assert "to must be a date written YYYY-MM-DD" in body
    assert "Showing the last 12 months instead." in body


def test_a_period_ending_before_it_starts_is_refused(world, client_for):
    response = client_for("alpha_admin").get(
        f"/support/desks/{world.alpha.desk.slug}/metrics/?from=2025-05-01&to=2025-04-01"
    )
    assert "to must be on or after from." in response.content.decode()


def test_a_short_period_is_charted_by_week(world, client_for):
    response = client_for("alpha_admin").get(
        f"/support/desks/{world.alpha.desk.slug}/metrics/?from=2025-05-01&to=2025-05-31"
    )
    assert "Tickets per week" in response.content.decode()
