"""Indexes for people search on PostgreSQL: trigram indexes for substring matches on names, and
expression indexes for the case-insensitive e-mail and ORCID iD lookups.

Django writes ``icontains`` as ``UPPER("col"::text) LIKE UPPER(%s)``; the indexes are on that same
expression so the planner can use them. SQLite has no equivalent and skips this migration.
"""

from django.db import migrations

INDEXES = [
    ("person_family_name_trgm", 'USING gin ((UPPER("family_name"::text)) gin_trgm_ops)'),
    ("person_given_names_trgm", 'USING gin ((UPPER("given_names"::text)) gin_trgm_ops)'),
    ("person_email_upper", '((UPPER("email"::text)))'),
    ("person_orcid_id_upper", '((UPPER("orcid_id"::text)))'),
    ("organization_name_trgm", 'USING gin ((UPPER("name"::text)) gin_trgm_ops)'),
]
TABLES = {"person": "directory_person", "organization": "directory_organization"}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, definition in INDEXES:
        table = TABLES[name.split("_")[0]]
        schema_editor.execute(f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" {definition}')


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _ in INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]
    operations = [migrations.RunPython(create_indexes, drop_indexes)]
