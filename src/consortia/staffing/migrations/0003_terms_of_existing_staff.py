"""Staff recorded before terms were kept get one terms row: their current terms from their start."""

from django.db import migrations


def record_current_terms(apps, schema_editor):
    SupportStaff = apps.get_model("staffing", "SupportStaff")
    StaffTerms = apps.get_model("staffing", "StaffTerms")
    rows = []
    for staff in SupportStaff.objects.prefetch_related("coverage"):
        rows.append(
            StaffTerms(
                staff=staff,
                valid_from=staff.starts_on,
                role=staff.role,
                fte=staff.fte,
                employment_model=staff.employment_model,
                coverage=[
                    [slot.weekday, slot.starts_at.strftime("%H:%M"), slot.ends_at.strftime("%H:%M")]
                    for slot in staff.coverage.all()
                ],
            )
        )
    StaffTerms.objects.bulk_create(rows)


class Migration(migrations.Migration):
    dependencies = [("staffing", "0002_staff_terms")]

    operations = [migrations.RunPython(record_current_terms, migrations.RunPython.noop)]
