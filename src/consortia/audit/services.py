"""Recording audit entries. Services call ``record`` inside their own transaction."""

from django.db import models

from consortia.audit.models import AuditEntry


def field_changes(instance: models.Model, before: dict, fields) -> dict:
    """``{field: [old, new]}`` for the fields whose value differs from ``before``."""
    changes = {}
    for name in fields:
        old, new = before.get(name), getattr(instance, name)
        if old != new:
            changes[name] = [_plain(old), _plain(new)]
    return changes


def snapshot(instance: models.Model, fields) -> dict:
    return {name: getattr(instance, name) for name in fields}


def _plain(value):
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, models.Model):
        return str(value)
    return str(value)


def record(
    actor,
    action: str,
    obj: models.Model,
    summary: str,
    *,
    changes: dict | None = None,
    consortium=None,
    membership=None,
    needs_orcid_review: bool = False,
) -> AuditEntry:
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        summary=summary[:500],
        object_type=obj._meta.model_name,
        object_id=str(obj.pk),
        changes=changes or {},
        consortium=consortium,
        membership=membership,
        needs_orcid_review=needs_orcid_review,
    )
