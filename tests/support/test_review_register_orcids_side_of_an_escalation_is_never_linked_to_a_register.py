"""A consortium's issues register is read by its team, who never see ORCID's side of an
escalation. That ticket carries the consortium, but even an ORCID admin cannot link it to the
register (the consortium's own ticket, which the team sees, is linked instead)."""

import pytest
from django.core.exceptions import ValidationError

from consortia.support import services


@pytest.fixture
def escalation(world):
    ticket = services.open_ticket(world.alpha_member, world.alpha.desk, subject="Sandbox", body="Refused.")
    return services.escalate(world.alpha_staff, ticket, "Please look.")


def _save(world, tickets):
    return services.save_registered_issue(
        world.orcid_admin,
        world.alpha,
        title="Sandbox redirect URIs refused",
        description="Several members report it.",
        category="bug",
        tickets=tickets,
    )


def test_orcids_side_of_an_escalation_cannot_be_linked(world, escalation):
    with pytest.raises(ValidationError) as refused:
        _save(world, [escalation.orcid_ticket])

    assert "tickets" in refused.value.message_dict


def test_the_consortiums_own_ticket_is_linked_and_its_team_sees_it(world, escalation, client_for):
    issue = _save(world, [escalation.ticket])

    page = client_for("alpha_staff").get(f"/consortia/alpha/issues-register/{issue.pk}/")

    assert page.status_code == 200
    assert f"/support/tickets/{escalation.ticket.pk}/" in page.content.decode()
