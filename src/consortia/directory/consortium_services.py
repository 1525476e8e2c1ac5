"""Write paths for consortia themselves: ORCID creates one, its lead keeps its profile current.

Like ``directory.services``, each verb runs in one transaction, checks its input with messages a
person can act on, and leaves an audit entry.
"""

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import transaction

from consortia.audit import services as audit
from consortia.directory.models import Consortium, Organization, Region

# What a consortium's lead keeps up to date about itself (the program's "consortium profile").
CONSORTIUM_PROFILE_FIELDS = (
    "support_email",
    "website",
    "time_zone",
    "agreement_date",
    "implementation_approach",
    "funding",
    "support_model",
    "cost_recovery_model",
    "governance_policy",
)

_CHOICE_FIELDS = {
    "status": Consortium.Status,
    "implementation_approach": Consortium.ImplementationApproach,
    "support_model": Consortium.SupportModel,
    "cost_recovery_model": Consortium.CostRecoveryModel,
}


def _clean_consortium_fields(fields: dict) -> dict:
    cleaned = dict(fields)
    errors = {}
    for field in ("name", "funding", "governance_policy", "support_email", "website"):
        if field in cleaned:
            cleaned[field] = (cleaned[field] or "").strip()
    if "name" in cleaned and not cleaned["name"]:
        errors["name"] = "A consortium needs a name."
    if "country" in cleaned:
        cleaned["country"] = (cleaned["country"] or "").strip().upper()
        if len(cleaned["country"]) != 2 or not cleaned["country"].isalpha():
            errors["country"] = "Country must be a two-letter ISO code, like NZ or DE."
    if "currency" in cleaned:
        cleaned["currency"] = (cleaned["currency"] or "").strip().upper()
        if len(cleaned["currency"]) != 3 or not cleaned["currency"].isalpha():
            errors["currency"] = "Currency must be a three-letter ISO 4217 code, like NZD or EUR."
    if "time_zone" in cleaned:
        cleaned["time_zone"] = (cleaned["time_zone"] or "").strip()
        try:
            ZoneInfo(cleaned["time_zone"])
        except (ZoneInfoNotFoundError, ValueError):
            errors["time_zone"] = f"{cleaned['time_zone']!r} is not a time zone name, like Pacific/Auckland."
    for field, choices in _CHOICE_FIELDS.items():
        if field in cleaned and cleaned[field] not in choices.values:
            errors[field] = f"{cleaned[field]!r} is not one of: {', '.join(choices.values)}."
    if errors:
        raise ValidationError(errors)
    return cleaned


def _validate_model(consortium: Consortium, exclude: list[str]) -> None:
    """The model's own field checks (e-mail, URL, lengths), after ours."""
    consortium.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)


@transaction.atomic
def create_consortium(
    actor,
    *,
    slug: str,
    name: str,
    region: Region,
    lead_organization: Organization,
    country: str,
    currency: str,
    status: str = Consortium.Status.ONBOARDING,
    **profile,
) -> Consortium:
    """A new consortium in ORCID's program, led by an organization already in the directory."""
    unknown = set(profile) - set(CONSORTIUM_PROFILE_FIELDS)
    if unknown:
        raise ValidationError(f"Unknown consortium fields: {', '.join(sorted(unknown))}.")
    slug = (slug or "").strip().lower()
    errors = {}
    try:
        validate_slug(slug)
    except ValidationError:
        errors["slug"] = "A slug is lower-case letters, digits, hyphens and underscores, like nz-orcid."
    else:
        if Consortium.objects.filter(slug=slug).exists():
            errors["slug"] = f"A consortium with the slug {slug!r} already exists."
    try:
        cleaned = _clean_consortium_fields(
            {"name": name, "country": country, "currency": currency, "status": status, **profile}
        )
    except ValidationError as exc:
        errors.update(exc.message_dict)
        cleaned = {}
    if errors:
        raise ValidationError(errors)
    consortium = Consortium(slug=slug, region=region, lead_organization=lead_organization, **cleaned)
    _validate_model(consortium, exclude=["region", "lead_organization", "main_contact"])
    consortium.save()
    audit.record(
        actor,
        "consortium.created",
        consortium,
        f"Created consortium {consortium.name} ({region.name}), led by {lead_organization.name}",
        consortium=consortium,
    )
    return consortium


@transaction.atomic
def update_consortium(actor, consortium: Consortium, **fields) -> Consortium:
    """Change the consortium's profile; fields outside the profile are refused, not ignored."""
    unknown = set(fields) - set(CONSORTIUM_PROFILE_FIELDS)
    if unknown:
        raise ValidationError(
            f"These consortium fields cannot be changed here: {', '.join(sorted(unknown))}."
        )
    consortium = Consortium.objects.select_for_update().get(pk=consortium.pk)
    cleaned = _clean_consortium_fields(fields)
    before = audit.snapshot(consortium, cleaned)
    for key, value in cleaned.items():
        setattr(consortium, key, value)
    _validate_model(consortium, exclude=["region", "lead_organization", "main_contact"])
    changes = audit.field_changes(consortium, before, cleaned)
    if not changes:
        return consortium
    consortium.save(update_fields=list(changes))
    audit.record(
        actor,
        "consortium.updated",
        consortium,
        f"Updated {consortium.name}: {', '.join(changes)}",
        changes=changes,
        consortium=consortium,
    )
    return consortium
