"""Notices to integrations' technical contacts (e.g. an API version upgrade): to those of one
platform's integrations, or of every integration on the member API, in the sender's scope.

The recipients are the technical contacts with an e-mail address of the integrations that are not
retired, among ``policy.integrations_for(sender)`` (and the consortium's, when one is given; ORCID
may address every consortium in its scope), one message per address however many of its
integrations are concerned. ``recipients`` is the preview; ``send_notice`` records the notice and
its recipients and, once committed, e-mails them in the background (``integrations.tasks``), which
logs the time sent or the error per recipient.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from consortia.accounts import policy
from consortia.accounts.models import Role
from consortia.integrations.models import Announcement, AnnouncementRecipient, Integration, Platform, Stage

SUBJECT_MAX = 200


@dataclass
class Recipient:
    email: str
    name: str
    integration_id: int  # the first of theirs concerned (the log keeps one)
    integrations: list[str] = field(default_factory=list)
    members: list[str] = field(default_factory=list)


def _check_audience(audience: str, platform: Platform | None) -> None:
    if audience not in Announcement.Audience.values:
        raise ValidationError({"audience": f"“{audience}” is not platform or member_api."})
    if audience == Announcement.Audience.PLATFORM and platform is None:
        raise ValidationError({"platform": "Choose the platform whose integrations hear about it."})


def _require_sender(actor, consortium) -> None:
    if not policy.can_send_integration_notices(actor, consortium):
        raise PermissionDenied("You cannot send notices to these technical contacts.")


def concerned(actor, *, audience: str, platform: Platform | None = None, consortium=None) -> QuerySet:
    """The integrations a notice is about, in the sender's scope, retired ones left out."""
    integrations = policy.integrations_for(actor).exclude(stage=Stage.RETIRED)
    if consortium is not None:
        integrations = integrations.filter(membership__consortium=consortium)
    if audience == Announcement.Audience.PLATFORM:
        integrations = integrations.filter(platform=platform)
    else:
        integrations = integrations.filter(api=Integration.Api.MEMBER)
    return integrations


def recipients(actor, *, audience: str, platform: Platform | None = None, consortium=None) -> list[Recipient]:
    """Who would receive the notice: one entry per address (compared without case), by address."""
    _require_sender(actor, consortium)
    _check_audience(audience, platform)
    rows = (
        concerned(actor, audience=audience, platform=platform, consortium=consortium)
        .filter(technical_contact__isnull=False)
        .exclude(technical_contact__email__isnull=True)
        .exclude(technical_contact__email="")
        .order_by("technical_contact__email", "pk")
        .values_list(
            "pk",
            "name",
            "membership__organization__name",
            "technical_contact__email",
            "technical_contact__given_names",
            "technical_contact__family_name",
        )
    )
    found: dict[str, Recipient] = {}
    for pk, name, member, email, given, family in rows:
        key = email.strip().lower()
        recipient = found.get(key)
        if recipient is None:
            full_name = " ".join(part for part in (given, family) if part)
            recipient = found[key] = Recipient(email.strip(), full_name, pk)
        recipient.integrations.append(name)
        if member not in recipient.members:
            recipient.members.append(member)
    return sorted(found.values(), key=lambda r: r.email.lower())


@transaction.atomic
def send_notice(
    actor, *, subject: str, body: str, audience: str, platform: Platform | None = None, consortium=None
) -> Announcement:
    """Record the notice and its recipients; they are e-mailed once the transaction commits."""
    subject = " ".join((subject or "").split())  # one line: it becomes a mail header
    body = (body or "").strip()
    errors = {}
    if not subject:
        errors["subject"] = "Give the notice a subject."
    elif len(subject) > SUBJECT_MAX:
        errors["subject"] = f"Keep the subject to {SUBJECT_MAX} characters."
    if not body:
        errors["body"] = "Write the notice."
    if errors:
        raise ValidationError(errors)
    if audience != Announcement.Audience.PLATFORM:
        platform = None
    found = recipients(actor, audience=audience, platform=platform, consortium=consortium)
    if not found:
        raise ValidationError("No technical contact with an e-mail address is concerned: nothing to send.")
    announcement = Announcement.objects.create(
        subject=subject,
        body=body,
        audience=audience,
        platform=platform,
        consortium=consortium,
        sent_by=actor,
        sent_at=timezone.now(),
    )
    AnnouncementRecipient.objects.bulk_create(
        AnnouncementRecipient(
            announcement=announcement, integration_id=r.integration_id, email=r.email, name=r.name[:200]
        )
        for r in found
    )
    announcement_id = announcement.pk

    def later():
        from consortia.integrations import tasks

        tasks.send_announcement.enqueue(announcement_id)

    transaction.on_commit(later)
    return announcement


def announcements_for(user) -> QuerySet:
    """Notices a user may read: ORCID's in scope (theirs to every consortium in scope too), a
    consortium team's own consortium's; none for member contacts."""
    announcements = Announcement.objects.all()
    if not (user is not None and user.is_authenticated and user.is_active):
        return announcements.none()
    if user.role == Role.ORCID_ADMIN:
        return announcements
    if user.role == Role.ORCID_REGIONAL:
        return announcements.filter(
            Q(consortium__region_id=user.region_id)
            | Q(consortium__isnull=True, sent_by__role=Role.ORCID_REGIONAL, sent_by__region_id=user.region_id)
        )
    if user.role == Role.MEMBER_CONTACT:
        return announcements.none()
    return announcements.filter(consortium_id=user.consortium_id)


def with_tallies(announcements: QuerySet) -> QuerySet:
    """Each notice with its recipients counted: sent, failed, waiting."""
    return announcements.annotate(
        recipient_count=Count("recipients"),
        sent_count=Count("recipients", filter=Q(recipients__sent_at__isnull=False)),
        failed_count=Count(
            "recipients", filter=Q(recipients__sent_at__isnull=True) & ~Q(recipients__error="")
        ),
    )
