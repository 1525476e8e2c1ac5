"""The audit trail: one row for every write a service makes."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class AuditEntry(models.Model):
    """Who did what, when, and which fields changed (``{"field": [old, new]}``).

    ``consortium`` and ``membership`` are kept on the row so each tenant's history is read with
    one indexed query. ``needs_orcid_review`` marks changes ORCID must see (a member's
    self-service edit of its voting contact, say) until an ORCID user acknowledges them.
    """

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(max_length=60)
    summary = models.CharField(max_length=500)
    object_type = models.CharField(max_length=60)
    object_id = models.CharField(max_length=40)
    changes = models.JSONField(default=dict, blank=True)
    consortium = models.ForeignKey(
        "directory.Consortium", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    membership = models.ForeignKey(
        "directory.Membership", on_delete=models.SET_NULL, null=True, blank=True, related_name="audit_entries"
    )
    needs_orcid_review = models.BooleanField(default=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name_plural = "audit entries"
        indexes = [
            models.Index(fields=["membership", "-at"], name="audit_membership_at"),
            models.Index(fields=["consortium", "-at"], name="audit_consortium_at"),
        ]

    def __str__(self):
        return self.summary
