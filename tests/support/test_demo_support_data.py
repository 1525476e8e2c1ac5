"""The demo has a year of tickets on the three demo desks, with escalations resolved by ORCID,
breaches, ratings, tickets still open, members' direct tickets to ORCID, and issues registers
with one issue merged across consortia; seeding twice adds nothing."""

from datetime import timedelta

from django.db.models import Count, Min
from django.test import override_settings
from django.utils import timezone

from consortia.directory import demo
from consortia.support import demo as support_demo
from consortia.support.models import Desk, Escalation, RegisteredIssue, SatisfactionRating, Ticket

FAST_HASHER = "django.contrib.auth.hashers.MD5PasswordHasher"


@override_settings(PASSWORD_HASHERS=[FAST_HASHER])
def test_the_demo_has_a_year_of_tickets_with_escalations_breaches_and_ratings(db):
    demo.seed_demo()

    written = support_demo.seed_support_demo()

    desks = Desk.objects.filter(consortium__slug__in=demo.DEMO_CONSORTIUM_SLUGS)
    per_desk = dict(desks.annotate(n=Count("tickets")).values_list("consortium__slug", "n"))
    assert written > 250 and all(count >= 40 for count in per_desk.values())
    oldest = Ticket.objects.aggregate(oldest=Min("created_at"))["oldest"]
    assert oldest < timezone.now() - timedelta(days=300)
    assert Escalation.objects.filter(state=Escalation.State.RESOLVED).count() >= 10
    assert Ticket.objects.filter(is_breached=True).exists()
    assert Ticket.objects.filter(status__in=Ticket.OPEN_STATUSES, desk__in=desks).exists()
    assert SatisfactionRating.objects.count() > 100
    assert Ticket.objects.filter(desk__kind=Desk.Kind.ORCID_REGIONAL).exclude(origin="escalation").exists()
    merged = RegisteredIssue.objects.filter(merged_into__isnull=False).get()
    assert merged.orcid_answer == merged.merged_into.orcid_answer != ""

    assert support_demo.seed_support_demo() == 0
