"""Every consortium has a Tier 1 desk and every region an ORCID regional desk, from the moment
they exist (the directory app sits below support and does not know about desks)."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from consortia.directory.models import Consortium, Region
from consortia.support import services


@receiver(post_save, sender=Consortium, dispatch_uid="support_consortium_saved")
def consortium_saved(sender, instance: Consortium, created: bool, raw: bool = False, **kwargs):
    if created and not raw:
        services.desk_for_consortium(instance)


@receiver(post_save, sender=Region, dispatch_uid="support_region_saved")
def region_saved(sender, instance: Region, created: bool, raw: bool = False, **kwargs):
    if created and not raw:
        services.regional_desk(instance)
