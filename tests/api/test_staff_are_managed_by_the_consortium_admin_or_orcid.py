"""Consortium staff read the staff list but may not add, change or end staff: 403."""

from consortia.staffing.models import SupportStaff
from tests import factories


def test_consortium_staff_cannot_add_staff(api_for, world):
    response = api_for("alpha_staff").post(
        "/staff",
        {"consortium": "alpha", "person": {"given_names": "Me"}, "fte": "0.5", "starts_on": "2024-03-01"},
    )

    assert response.status_code == 403
    assert response.json() == {"detail": "Only the consortium admin or ORCID manage support staff."}
    assert not SupportStaff.objects.exists()


def test_consortium_staff_cannot_change_or_end_staff(api_for, world):
    staff = factories.support_staff(world.alpha, "0.5")
    client = api_for("alpha_staff")

    changed = client.patch(f"/staff/{staff.pk}", {"fte": "1.0"})
    ended = client.post(f"/staff/{staff.pk}/end", {})

    assert changed.status_code == ended.status_code == 403
    staff.refresh_from_db()
    assert str(staff.fte) == "0.50" and staff.ends_on is None


def test_member_contacts_cannot_add_staff_to_their_consortium(api_for, world):
    response = api_for("alpha_member").post(
        "/staff",
        {"consortium": "alpha", "person": {"given_names": "Me"}, "fte": "0.5", "starts_on": "2024-03-01"},
    )

    assert response.status_code == 403
