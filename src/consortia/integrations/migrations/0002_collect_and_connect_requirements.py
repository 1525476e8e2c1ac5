"""The Collect & Connect requirements the reviews start from, per badge (cumulative: a review for
Display covers Authenticate and Collect too). ORCID admins edit them in the app afterwards; a
requirement is retired rather than deleted, so past reviews keep theirs."""

from django.db import migrations

REQUIREMENTS = {
    "authenticate": [
        "Authenticates ORCID iDs through ORCID's OAuth sign-in, never by typing or pasting an iD",
        "Uses the ORCID sign-in button and iD icon as the brand guidelines show",
        "Tells people why their iD is asked for and what the system will do with it",
        "Stores the full token response (iD, access token, refresh token, scope, expiry) with the person",
        "Handles a denied or cancelled authorization without losing the person's work",
    ],
    "collect": [
        "Asks only for the scopes it needs (/read-limited, /activities/update, /person/update)",
        "Keeps authenticated iDs and tokens securely, with the person's record",
        "Reads data from the ORCID record only with the person's permission",
    ],
    "display": [
        "Displays authenticated iDs as full https://orcid.org/ URIs with the iD icon",
        "Displays the iD wherever the person's name appears in public pages",
        "Includes authenticated iDs in the metadata it exports (e.g. DOI metadata, feeds)",
    ],
    "connect": [
        "Writes affiliations, works or funding to ORCID records with the person's permission",
        "Uses persistent identifiers (DOI, ROR ID, grant ID) in what it writes",
        "Keeps the put-code of each item written, so it can update it later",
    ],
    "synchronize": [
        "Updates items on the ORCID record when they change in the system",
        "Keeps local data current from the record (webhooks or regular reads)",
        "Removes an item from the record when it is removed in the system",
    ],
}


def ship(apps, schema_editor):
    ReviewRequirement = apps.get_model("integrations", "ReviewRequirement")
    if ReviewRequirement.objects.exists():
        return
    ReviewRequirement.objects.bulk_create(
        ReviewRequirement(badge=badge, text=text, position=position)
        for badge, texts in REQUIREMENTS.items()
        for position, text in enumerate(texts, start=1)
    )


class Migration(migrations.Migration):
    dependencies = [("integrations", "0001_initial")]

    operations = [migrations.RunPython(ship, migrations.RunPython.noop)]
