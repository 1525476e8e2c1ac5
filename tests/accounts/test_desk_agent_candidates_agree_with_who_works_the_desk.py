"""The assignee choices of a desk (policy.desk_agent_candidates) are exactly the active users who
may work it (policy.can_work_desk), for a consortium desk, a regional desk and the global desk."""

from consortia.accounts import policy
from consortia.accounts.models import User
from consortia.support import services


def test_candidates_are_exactly_those_who_work_each_desk(world):
    desks = [world.alpha.desk, world.beta.desk, services.regional_desk(world.apac), services.global_desk()]
    users = list(User.objects.filter(is_active=True))

    for desk in desks:
        expected = {u.pk for u in users if policy.can_work_desk(u, desk)}
        assert set(policy.desk_agent_candidates(desk).values_list("pk", flat=True)) == expected, desk.name
