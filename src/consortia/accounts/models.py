"""Users with one role each, scoped to the tenant the role names, and their API tokens."""

import hashlib
import secrets

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models import Q
from django.utils import timezone


class Role(models.TextChoices):
    ORCID_ADMIN = "orcid_admin", "ORCID admin"
    ORCID_REGIONAL = "orcid_regional", "ORCID regional staff"
    CONSORTIUM_ADMIN = "consortium_admin", "Consortium admin"
    CONSORTIUM_STAFF = "consortium_staff", "Consortium staff"
    MEMBER_CONTACT = "member_contact", "Member contact"


STAFF_ROLES = (Role.ORCID_ADMIN, Role.ORCID_REGIONAL, Role.CONSORTIUM_ADMIN, Role.CONSORTIUM_STAFF)
ORCID_ROLES = (Role.ORCID_ADMIN, Role.ORCID_REGIONAL)
CONSORTIUM_ROLES = (Role.CONSORTIUM_ADMIN, Role.CONSORTIUM_STAFF)


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **fields):
        if not email:
            raise ValueError("A user needs an e-mail address")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **fields):
        fields.setdefault("role", Role.ORCID_ADMIN)
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)


class User(AbstractUser):
    """A person who signs in. The role and its scope decide everything they may see.

    ``region`` goes with ORCID regional staff, ``consortium`` with consortium admins and staff,
    ``organization`` with member contacts; the database refuses any other combination.
    """

    username = None
    email = models.EmailField(unique=True)
    role = models.CharField(max_length=20, choices=Role.choices)
    region = models.ForeignKey("directory.Region", on_delete=models.PROTECT, null=True, blank=True)
    consortium = models.ForeignKey("directory.Consortium", on_delete=models.PROTECT, null=True, blank=True)
    organization = models.ForeignKey(
        "directory.Organization", on_delete=models.PROTECT, null=True, blank=True
    )
    person = models.OneToOneField(
        "directory.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="user"
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []
    objects = UserManager()

    class Meta:
        ordering = ["email"]
        constraints = [
            models.CheckConstraint(
                name="role_has_its_scope",
                condition=(
                    Q(
                        role="orcid_admin",
                        region__isnull=True,
                        consortium__isnull=True,
                        organization__isnull=True,
                    )
                    | Q(
                        role="orcid_regional",
                        region__isnull=False,
                        consortium__isnull=True,
                        organization__isnull=True,
                    )
                    | Q(
                        role__in=["consortium_admin", "consortium_staff"],
                        region__isnull=True,
                        consortium__isnull=False,
                        organization__isnull=True,
                    )
                    | Q(
                        role="member_contact",
                        region__isnull=True,
                        consortium__isnull=True,
                        organization__isnull=False,
                    )
                ),
            ),
        ]

    def __str__(self):
        return self.email

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.email

    @property
    def is_orcid(self) -> bool:
        return self.role in ORCID_ROLES

    @property
    def is_consortium_team(self) -> bool:
        return self.role in CONSORTIUM_ROLES

    @property
    def is_member_contact(self) -> bool:
        return self.role == Role.MEMBER_CONTACT

    @property
    def is_staff_role(self) -> bool:
        return self.role in STAFF_ROLES

    @property
    def tenant_label(self) -> str:
        return str(self.region or self.consortium or self.organization or "All consortia")


def hash_token(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class TokenPurpose(models.TextChoices):
    """What a token opens. An API token acts as its user on /api/v1; a calendar token only reads
    one consortium's deadline feed, so its address can sit with a calendar provider."""

    API = "api", "API"
    CALENDAR = "calendar", "Calendar feed"


class ApiToken(models.Model):
    """A bearer token for the API, or a calendar feed address's token. Only its SHA-256 is
    stored; the key is shown once."""

    PREFIX = "cst_"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    purpose = models.CharField(max_length=10, choices=TokenPurpose.choices, default=TokenPurpose.API)
    consortium = models.ForeignKey(
        "directory.Consortium",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text="The one consortium whose deadline feed a calendar token reads",
    )
    name = models.CharField(max_length=100)
    key_hash = models.CharField(max_length=64, unique=True)
    key_start = models.CharField(max_length=12, help_text="The first characters, to tell tokens apart")
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                name="calendar_token_names_its_consortium",
                condition=Q(purpose="api", consortium__isnull=True)
                | Q(purpose="calendar", consortium__isnull=False),
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.key_start}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    @classmethod
    def new_key(cls) -> str:
        return cls.PREFIX + secrets.token_urlsafe(32)
