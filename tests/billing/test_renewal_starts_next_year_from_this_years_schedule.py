"""A renewal starts next year's schedule from this one; its run bills the members current then,
leaving out those who lapsed or left."""

from django.urls import reverse

from consortia.billing import services
from consortia.billing.models import FeeSchedule, Invoice
from consortia.directory.models import Membership
from tests import factories


def test_the_page_starts_next_year_and_its_run_leaves_out_departed_members(world, client_for):
    schedule = factories.fee_schedule(world.alpha, local_currency="USD")
    gone = factories.membership(world.alpha)
    Membership.objects.filter(pk=gone.pk).update(status=Membership.Status.LEFT)

    response = client_for("alpha_admin").post(reverse("billing:schedule_renew", args=["alpha", 2026]))

    assert response.status_code == 302
    renewed = FeeSchedule.objects.get(consortium=world.alpha, year=2027)
    assert renewed.member_rates.count() == schedule.member_rates.count()
    services.issue_run(world.alpha_admin, renewed)
    assert set(Invoice.objects.filter(schedule=renewed).values_list("membership_id", flat=True)) == {
        world.alpha_membership.pk
    }


def test_consortium_staff_cannot_renew(world, client_for):
    factories.fee_schedule(world.alpha, local_currency="USD")

    response = client_for("alpha_staff").post(reverse("billing:schedule_renew", args=["alpha", 2026]))

    assert response.status_code == 403
    assert not FeeSchedule.objects.filter(year=2027).exists()
