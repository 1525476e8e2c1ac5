"""A consortium's support staff, what they cover, and their ORCID training.

One person may serve several consortia (a shared role): each consortium has its own
``SupportStaff`` row for them, with its share of their time. The row holds the current terms
(role, FTE, employment model, coverage); every change of terms is also kept as a dated
``StaffTerms`` row, so compliance on a past date reads the terms of that date.
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from consortia import program
from consortia.directory.models import Consortium, Person

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class SupportStaff(models.Model):
    class Role(models.TextChoices):
        COMMUNITY_MANAGER = "community_manager", "Community manager"
        TECHNICAL_SUPPORT = "technical_support", "Technical support"

    class EmploymentModel(models.TextChoices):
        DIRECT_HIRE = "direct_hire", "Direct hire"
        CONTRACTED = "contracted", "Contracted organization"
        SHARED_ROLE = "shared_role", "Role shared with other consortia"
        ORCID_HIRED = "orcid_hired", "ORCID-hired"

    consortium = models.ForeignKey(Consortium, on_delete=models.CASCADE, related_name="support_staff")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="support_roles")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.COMMUNITY_MANAGER)
    fte = models.DecimalField("FTE", max_digits=3, decimal_places=2)
    employment_model = models.CharField(
        max_length=12, choices=EmploymentModel.choices, default=EmploymentModel.DIRECT_HIRE
    )
    # The contracted organization, or the consortia the role is shared with.
    employer = models.CharField(max_length=200, blank=True)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    shadowing_starts_on = models.DateField(null=True, blank=True)
    shadowing_ends_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["consortium", "-fte", "person__family_name"]
        verbose_name_plural = "support staff"
        constraints = [
            models.CheckConstraint(condition=Q(fte__gt=0, fte__lte=1), name="support_fte_between_0_and_1"),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="support_staff_ends_after_start",
            ),
        ]
        indexes = [models.Index(fields=["consortium", "starts_on", "ends_on"], name="support_staff_period")]

    def __str__(self):
        return f"{self.person} ({self.get_role_display()}, {self.fte} FTE)"

    def is_in_post(self, on: date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.starts_on <= on and (self.ends_on is None or self.ends_on >= on)

    @property
    def is_community_manager(self) -> bool:
        return self.role == self.Role.COMMUNITY_MANAGER


class CoverageSlot(models.Model):
    """A weekday and the hours of it one staff member covers (local time of the consortium)."""

    staff = models.ForeignKey(SupportStaff, on_delete=models.CASCADE, related_name="coverage")
    weekday = models.PositiveSmallIntegerField(choices=list(enumerate(WEEKDAY_NAMES)))
    starts_at = models.TimeField()
    ends_at = models.TimeField()

    class Meta:
        ordering = ["staff", "weekday"]
        constraints = [
            models.UniqueConstraint(fields=["staff", "weekday"], name="one_slot_per_weekday"),
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="slot_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(weekday__lte=6), name="slot_weekday_valid"),
        ]

    def __str__(self):
        return f"{WEEKDAY_NAMES[self.weekday]} {self.starts_at:%H:%M}–{self.ends_at:%H:%M}"

    @property
    def weekday_name(self) -> str:
        return WEEKDAY_NAMES[self.weekday]


class StaffTerms(models.Model):
    """The terms a staff row had from ``valid_from`` until the next change."""

    staff = models.ForeignKey(SupportStaff, on_delete=models.CASCADE, related_name="terms")
    valid_from = models.DateField()
    role = models.CharField(max_length=20, choices=SupportStaff.Role.choices)
    fte = models.DecimalField("FTE", max_digits=3, decimal_places=2)
    employment_model = models.CharField(max_length=12, choices=SupportStaff.EmploymentModel.choices)
    # [[weekday, "HH:MM", "HH:MM"], ...]
    coverage = models.JSONField(default=list)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["staff", "valid_from"]
        verbose_name_plural = "staff terms"
        constraints = [
            models.UniqueConstraint(fields=["staff", "valid_from"], name="one_terms_per_staff_and_day")
        ]

    def __str__(self):
        return f"{self.fte} FTE from {self.valid_from}"


class WebinarAttendance(models.Model):
    staff = models.ForeignKey(SupportStaff, on_delete=models.CASCADE, related_name="webinars")
    webinar = models.CharField(max_length=20, choices=program.TRAINING_WEBINARS)
    attended_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["staff", "attended_on"]
        constraints = [
            models.UniqueConstraint(fields=["staff", "webinar"], name="one_attendance_per_webinar")
        ]

    def __str__(self):
        return f"{self.get_webinar_display()} on {self.attended_on}"


class HomeworkSubmission(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", "Awaiting review"
        ACCEPTED = "accepted", "Accepted"
        SENT_BACK = "sent_back", "Sent back"

    staff = models.ForeignKey(SupportStaff, on_delete=models.CASCADE, related_name="homework")
    submitted_at = models.DateTimeField(default=timezone.now)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.TextField(blank=True)
    link = models.URLField(max_length=500, blank=True)
    file = models.FileField(upload_to="homework/%Y/%m/", blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    feedback = models.TextField(blank=True)

    class Meta:
        ordering = ["staff", "submitted_at", "pk"]

    def __str__(self):
        return f"Homework of {self.submitted_at:%Y-%m-%d} ({self.get_status_display()})"


class ShadowingCheckIn(models.Model):
    """A weekly check-in of the shadowing period, recorded by the regional ORCID staff member."""

    staff = models.ForeignKey(SupportStaff, on_delete=models.CASCADE, related_name="check_ins")
    held_on = models.DateField()
    notes = models.TextField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["staff", "held_on"]
        constraints = [models.UniqueConstraint(fields=["staff", "held_on"], name="one_check_in_per_day")]

    def __str__(self):
        return f"Check-in on {self.held_on}"
