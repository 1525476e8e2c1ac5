"""Keep checklists in step with the directory without the directory knowing about them.

The directory app sits below onboarding (DESIGN.md §3), so it cannot call onboarding's
services; it saves consortia and memberships, and these receivers follow.
"""

from django.db.models.signals import post_save
from django.dispatch import receiver

from consortia.directory.models import Consortium, Membership
from consortia.onboarding import services
from consortia.onboarding.models import Checklist, ChecklistKind

# New memberships at these stages are still being onboarded; an existing member imported as
# active or lapsed does not get a checklist.
ONBOARDING_STATUSES = (Membership.Status.ENQUIRY, Membership.Status.APPLYING, Membership.Status.ONBOARDING)


@receiver(post_save, sender=Consortium, dispatch_uid="onboarding_consortium_saved")
def consortium_saved(sender, instance: Consortium, created: bool, raw: bool = False, **kwargs):
    if raw:
        return
    if created:
        template = services.default_template(ChecklistKind.CONSORTIUM)
        if template is not None:
            services.start_checklist(None, template, consortium=instance)
        return
    checklists = list(
        Checklist.objects.filter(consortium=instance, kind=ChecklistKind.CONSORTIUM).prefetch_related("items")
    )
    for checklist in checklists:
        checklist.consortium = instance
    services.refresh_due_dates(checklists)


@receiver(post_save, sender=Membership, dispatch_uid="onboarding_membership_saved")
def membership_saved(sender, instance: Membership, created: bool, raw: bool = False, **kwargs):
    if raw:
        return
    if created:
        template = services.default_template(ChecklistKind.MEMBERSHIP)
        if template is not None and instance.status in ONBOARDING_STATUSES:
            services.start_checklist(None, template, membership=instance)
        return
    checklists = list(Checklist.objects.filter(membership=instance).prefetch_related("items"))
    for checklist in checklists:
        checklist.membership = instance
    services.refresh_due_dates(checklists)
