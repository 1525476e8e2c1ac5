"""Desks for the consortia and regions that existed before the support desk: each consortium a
Tier 1 desk on a Monday–Friday 09:00–17:00 calendar in its time zone with its country's holidays,
and each region an ORCID regional desk; every desk the default SLA targets (as support.services
makes them for new ones). ORCID's global desk is made on first need (services.global_desk)."""

from datetime import time

from django.db import migrations

from consortia import program


def create_desks(apps, schema_editor):
    Consortium = apps.get_model("directory", "Consortium")
    Region = apps.get_model("directory", "Region")
    Desk = apps.get_model("support", "Desk")
    Calendar = apps.get_model("support", "Calendar")
    CalendarHours = apps.get_model("support", "CalendarHours")
    SlaPolicy = apps.get_model("support", "SlaPolicy")
    starts, ends = program.SUPPORT_DAY_HOURS
    day = (ends - starts) * 60

    def desk(name, calendar_name, time_zone, country, **fields):
        calendar = Calendar.objects.create(name=calendar_name, time_zone=time_zone, country=country)
        CalendarHours.objects.bulk_create(
            CalendarHours(calendar=calendar, weekday=weekday, starts_at=time(starts), ends_at=time(ends))
            for weekday in program.SUPPORT_WEEKDAYS
        )
        created = Desk.objects.create(name=name, calendar=calendar, **fields)
        SlaPolicy.objects.create(
            desk=created,
            first_response_minutes=program.SUPPORT_FIRST_RESPONSE_WORKING_DAYS * day,
            next_response_minutes=program.SUPPORT_NEXT_RESPONSE_WORKING_DAYS * day,
            resolution_minutes=program.SUPPORT_RESOLUTION_WORKING_DAYS * day,
        )

    for consortium in Consortium.objects.filter(desk__isnull=True):
        desk(
            f"{consortium.name} support",
            f"{consortium.name} working days",
            consortium.time_zone,
            consortium.country,
            slug=consortium.slug,
            kind="consortium",
            consortium=consortium,
        )
    for region in Region.objects.exclude(desks__kind="orcid_regional"):
        desk(
            f"ORCID {region.name} desk",
            f"ORCID {region.name} working days",
            "UTC",
            "",
            slug=f"orcid-{region.slug}",
            kind="orcid_regional",
            region=region,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("support", "0001_initial"),
        ("directory", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_desks, migrations.RunPython.noop)]
