"""The only write paths of the directory. Pages, the API, imports and the CLI all call these.

Each verb runs in one transaction, checks the rules that need several rows, and leaves an
audit entry. Rule breaks raise ``ValidationError`` with a message a person can act on.
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from consortia import program
from consortia.audit import services as audit
from consortia.directory.models import (
    Consortium,
    Contact,
    Membership,
    MembershipRequest,
    Organization,
    Person,
)
from consortia.lib.orcid_id import InvalidOrcidId, normalize_orcid_id
from consortia.lib.ror_id import InvalidRorId, normalize_ror_id

ORGANIZATION_FIELDS = (
    "name",
    "ror_id",
    "country",
    "city",
    "organization_type",
    "tier",
    "community_type",
    "website",
    "billing_address",
)
# A member may change these itself, but ORCID keeps its own records of them and must be told.
ORCID_REVIEWED_ORGANIZATION_FIELDS = ("name", "ror_id", "country", "tier")
ORCID_REVIEWED_CONTACT_ROLES = (*program.EXACTLY_ONE_CONTACT_ROLES, *program.AT_MOST_ONE_CONTACT_ROLES)
MEMBERSHIP_FIELDS = (
    "status",
    "member_type",
    "enquiry_date",
    "joined_date",
    "ended_date",
    "end_reason",
    "notes",
)
PERSON_FIELDS = ("given_names", "family_name", "email", "orcid_id", "phone", "job_title")


@dataclass
class PersonDetails:
    given_names: str
    family_name: str = ""
    email: str | None = None
    orcid_id: str | None = None
    phone: str = ""
    job_title: str = ""

    def cleaned(self) -> "PersonDetails":
        """Normalized copy; raises ValidationError naming the bad field."""
        errors = {}
        given = (self.given_names or "").strip()
        if not given:
            errors["given_names"] = "A contact needs at least a given name."
        email = (self.email or "").strip().lower() or None
        if email and ("@" not in email or " " in email):
            errors["email"] = f"{email!r} is not an e-mail address."
        orcid_id = (self.orcid_id or "").strip() or None
        if orcid_id:
            try:
                orcid_id = normalize_orcid_id(orcid_id)
            except InvalidOrcidId as exc:
                errors["orcid_id"] = str(exc)
        if errors:
            raise ValidationError(errors)
        return PersonDetails(
            given_names=given,
            family_name=(self.family_name or "").strip(),
            email=email,
            orcid_id=orcid_id,
            phone=(self.phone or "").strip(),
            job_title=(self.job_title or "").strip(),
        )


def clean_ror_id(value: str | None) -> str | None:
    if not value or not value.strip():
        return None
    try:
        return normalize_ror_id(value)
    except InvalidRorId as exc:
        raise ValidationError({"ror_id": str(exc)}) from None


def clean_organization_fields(fields: dict) -> dict:
    # Optional text fields are blank, never NULL.
    cleaned = {
        key: "" if value is None else value for key, value in fields.items() if key in ORGANIZATION_FIELDS
    }
    errors = {}
    if "ror_id" in cleaned:
        try:
            cleaned["ror_id"] = clean_ror_id(cleaned["ror_id"])
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if "name" in cleaned:
        cleaned["name"] = (cleaned["name"] or "").strip()
        if not cleaned["name"]:
            errors["name"] = "An organization needs a name."
    if "country" in cleaned:
        cleaned["country"] = (cleaned["country"] or "").strip().upper()
        if len(cleaned["country"]) != 2 or not cleaned["country"].isalpha():
            errors["country"] = "Country must be a two-letter ISO code, like NZ or DE."
    for field, choices in (
        ("tier", Organization.Tier),
        ("community_type", Organization.CommunityType),
        ("organization_type", Organization.OrganizationType),
    ):
        if field in cleaned and cleaned[field] not in choices.values:
            errors[field] = f"{cleaned[field]!r} is not one of: {', '.join(choices.values)}."
    if errors:
        raise ValidationError(errors)
    return cleaned


def _full_clean(instance, exclude=None):
    # Constraints that span rows are checked by the verbs themselves, with better messages.
    instance.full_clean(exclude=exclude, validate_unique=True, validate_constraints=False)


# --- organizations --------------------------------------------------------------------------


@transaction.atomic
def create_organization(actor, **fields) -> Organization:
    cleaned = clean_organization_fields(fields)
    if cleaned.get("ror_id") and Organization.objects.filter(ror_id=cleaned["ror_id"]).exists():
        raise ValidationError({"ror_id": f"An organization with ROR ID {cleaned['ror_id']} already exists."})
    organization = Organization(**cleaned)
    _full_clean(organization)
    organization.save()
    audit.record(actor, "organization.created", organization, f"Created organization {organization.name}")
    return organization


@transaction.atomic
def update_organization(actor, organization: Organization, *, membership: Membership | None = None, **fields):
    cleaned = clean_organization_fields(fields)
    if cleaned.get("ror_id") and (
        Organization.objects.filter(ror_id=cleaned["ror_id"]).exclude(pk=organization.pk).exists()
    ):
        raise ValidationError({"ror_id": f"Another organization already has ROR ID {cleaned['ror_id']}."})
    before = audit.snapshot(organization, cleaned)
    for key, value in cleaned.items():
        setattr(organization, key, value)
    _full_clean(organization)
    changes = audit.field_changes(organization, before, cleaned)
    if not changes:
        return organization
    organization.save(update_fields=list(changes))
    by_member = actor is not None and getattr(actor, "is_member_contact", False)
    audit.record(
        actor,
        "organization.updated",
        organization,
        f"Updated {organization.name}: {', '.join(changes)}",
        changes=changes,
        consortium=membership.consortium if membership else None,
        membership=membership,
        needs_orcid_review=by_member and any(f in changes for f in ORCID_REVIEWED_ORGANIZATION_FIELDS),
    )
    return organization


# --- memberships ----------------------------------------------------------------------------


def _check_lead_contacts(membership: Membership, *, removing: Contact | None = None) -> None:
    """An active membership has exactly one main relationship and one voting contact."""
    if not membership.needs_lead_contacts:
        return
    held = set(
        membership.contacts.exclude(pk=removing.pk if removing else None)
        .filter(role__in=program.EXACTLY_ONE_CONTACT_ROLES)
        .values_list("role", flat=True)
    )
    missing = [
        Contact.Role(role).label.lower() for role in program.EXACTLY_ONE_CONTACT_ROLES if role not in held
    ]
    if missing:
        raise ValidationError(
            f"An active membership needs exactly one main relationship contact and one voting contact; "
            f"{membership.organization.name} would have no {' and no '.join(missing)}."
        )


@transaction.atomic
def add_membership(
    actor,
    consortium: Consortium,
    organization: Organization,
    *,
    status: str = Membership.Status.ENQUIRY,
    member_type: str = Membership.MemberType.BASIC,
    enquiry_date: date | None = None,
    joined_date: date | None = None,
    notes: str = "",
    request_note: str = "",
) -> Membership:
    """Add an organization to a consortium and ask ORCID to confirm it."""
    if status not in Membership.CURRENT_STATUSES:
        raise ValidationError(
            {"status": "A new membership starts as an enquiry, applying, onboarding or active."}
        )
    if Membership.objects.filter(
        consortium=consortium, organization=organization, status__in=Membership.CURRENT_STATUSES
    ).exists():
        raise ValidationError(f"{organization.name} is already a member of {consortium.name}.")
    if status == Membership.Status.ACTIVE:
        raise ValidationError(
            {
                "status": "Add the member first, then its main relationship and voting contacts; "
                "then make it active."
            }
        )
    membership = Membership(
        consortium=consortium,
        organization=organization,
        status=status,
        member_type=member_type,
        enquiry_date=enquiry_date or timezone.localdate(),
        joined_date=joined_date,
        notes=notes,
    )
    _full_clean(membership, exclude=["consortium", "organization"])
    membership.save()
    MembershipRequest.objects.create(
        membership=membership, kind=MembershipRequest.Kind.ADD, note=request_note, requested_by=_user(actor)
    )
    audit.record(
        actor,
        "membership.added",
        membership,
        f"Added {organization.name} to {consortium.name} ({membership.get_status_display()}); "
        "ORCID asked to confirm",
        consortium=consortium,
        membership=membership,
    )
    return membership


@transaction.atomic
def add_member(actor, consortium: Consortium, organization_fields: dict, **membership_fields) -> Membership:
    """Add an organization to a consortium, from its details.

    An organization already in the directory under that ROR ID (perhaps a member of another
    consortium) is reused, not duplicated; otherwise it is created. Both writes or neither.
    """
    ror_id = clean_ror_id(organization_fields.get("ror_id"))
    organization = Organization.objects.filter(ror_id=ror_id).first() if ror_id else None
    if organization is None:
        organization = create_organization(actor, **organization_fields)
    return add_membership(actor, consortium, organization, **membership_fields)


@transaction.atomic
def update_membership(actor, membership: Membership, **fields) -> Membership:
    fields = {key: value for key, value in fields.items() if key in MEMBERSHIP_FIELDS}
    membership = (
        Membership.objects.select_for_update()
        .select_related("organization", "consortium")
        .get(pk=membership.pk)
    )
    new_status = fields.get("status", membership.status)
    if new_status not in Membership.Status.values:
        raise ValidationError({"status": f"{new_status!r} is not a membership status."})
    if new_status != membership.status:
        if new_status not in Membership.NEXT_STATUSES[membership.status]:
            raise ValidationError(
                {
                    "status": f"A membership cannot go from {membership.get_status_display().lower()} to "
                    f"{Membership.Status(new_status).label.lower()}."
                }
            )
        if new_status in (Membership.Status.LEFT,):
            raise ValidationError(
                {"status": "Use “End membership” so ORCID is asked to confirm the removal."}
            )
    before = audit.snapshot(membership, fields)
    for key, value in fields.items():
        setattr(membership, key, value)
    if new_status == Membership.Status.ACTIVE and not membership.joined_date:
        membership.joined_date = timezone.localdate()
        fields["joined_date"] = membership.joined_date
    _full_clean(membership, exclude=["consortium", "organization"])
    _check_lead_contacts(membership)
    changes = audit.field_changes(membership, before, fields)
    if not changes:
        return membership
    membership.updated_at = timezone.now()
    membership.save(update_fields=[*changes, "updated_at"])
    audit.record(
        actor,
        "membership.updated",
        membership,
        f"Updated membership of {membership.organization.name}: {', '.join(changes)}",
        changes=changes,
        consortium=membership.consortium,
        membership=membership,
    )
    return membership


@transaction.atomic
def end_membership(
    actor,
    membership: Membership,
    *,
    status: str = Membership.Status.LEFT,
    ended_date: date | None = None,
    reason: str = "",
) -> Membership:
    """End a membership (left, or lapsed unpaid). Leaving asks ORCID to confirm the removal."""
    membership = (
        Membership.objects.select_for_update()
        .select_related("organization", "consortium")
        .get(pk=membership.pk)
    )
    if status not in (Membership.Status.LEFT, Membership.Status.LAPSED):
        raise ValidationError({"status": "A membership ends as left or lapsed."})
    if status not in Membership.NEXT_STATUSES[membership.status]:
        raise ValidationError(
            {
                "status": f"A membership cannot go from {membership.get_status_display().lower()} to "
                f"{Membership.Status(status).label.lower()}."
            }
        )
    if not reason.strip():
        raise ValidationError({"end_reason": "Say why the membership ends."})
    ended_date = ended_date or timezone.localdate()
    if membership.joined_date and ended_date < membership.joined_date:
        raise ValidationError({"ended_date": "A membership cannot end before it started."})
    before = audit.snapshot(membership, ("status", "ended_date", "end_reason"))
    membership.status = status
    membership.ended_date = ended_date
    membership.end_reason = reason.strip()
    membership.updated_at = timezone.now()
    membership.save(update_fields=["status", "ended_date", "end_reason", "updated_at"])
    if status == Membership.Status.LEFT:
        # A pending "add" no longer makes sense once the organization has left.
        membership.requests.filter(
            kind=MembershipRequest.Kind.ADD, status=MembershipRequest.Status.PENDING
        ).update(
            status=MembershipRequest.Status.DECLINED,
            decided_at=timezone.now(),
            decision_note="Withdrawn: the membership ended before ORCID confirmed it.",
        )
        MembershipRequest.objects.create(
            membership=membership,
            kind=MembershipRequest.Kind.REMOVE,
            note=reason.strip(),
            requested_by=_user(actor),
        )
    audit.record(
        actor,
        "membership.ended",
        membership,
        f"Ended membership of {membership.organization.name} "
        f"({membership.get_status_display().lower()}): {reason}",
        changes=audit.field_changes(membership, before, ("status", "ended_date", "end_reason")),
        consortium=membership.consortium,
        membership=membership,
    )
    return membership


@transaction.atomic
def decide_request(actor, request: MembershipRequest, *, confirm: bool, note: str = "") -> MembershipRequest:
    request = (
        MembershipRequest.objects.select_for_update()
        .select_related("membership__organization", "membership__consortium")
        .get(pk=request.pk)
    )
    if request.status != MembershipRequest.Status.PENDING:
        raise ValidationError(f"This request was already {request.get_status_display().lower()}.")
    if not confirm and not note.strip():
        raise ValidationError({"decision_note": "Say why the request is declined."})
    request.status = MembershipRequest.Status.CONFIRMED if confirm else MembershipRequest.Status.DECLINED
    request.decided_by = _user(actor)
    request.decided_at = timezone.now()
    request.decision_note = note.strip()
    request.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    membership = request.membership
    audit.record(
        actor,
        f"request.{request.status}",
        request,
        f"ORCID {request.get_status_display().lower()} the request to {request.get_kind_display().lower()} "
        f"{membership.organization.name}" + (f": {note.strip()}" if note.strip() else ""),
        consortium=membership.consortium,
        membership=membership,
    )
    return request


# --- people and contacts --------------------------------------------------------------------


def _find_person(details: PersonDetails) -> Person | None:
    """The same person is matched on e-mail, then ORCID iD; a conflict is an error."""
    by_email = Person.objects.filter(email=details.email).first() if details.email else None
    by_orcid = Person.objects.filter(orcid_id=details.orcid_id).first() if details.orcid_id else None
    if by_email and by_orcid and by_email.pk != by_orcid.pk:
        raise ValidationError(
            {
                "orcid_id": f"ORCID iD {details.orcid_id} belongs to {by_orcid.full_name}, "
                f"not to {details.email}."
            }
        )
    return by_email or by_orcid


@transaction.atomic
def find_or_create_person(actor, details: PersonDetails) -> Person:
    details = details.cleaned()
    person = _find_person(details)
    if person is None:
        person = Person.objects.create(**details.__dict__)
        audit.record(actor, "person.created", person, f"Created person {person.full_name}")
        return person
    # Fill in what the record lacks; never overwrite what someone else entered.
    missing = {
        field: getattr(details, field)
        for field in PERSON_FIELDS
        if getattr(details, field) and not getattr(person, field)
    }
    if missing:
        before = audit.snapshot(person, missing)
        for key, value in missing.items():
            setattr(person, key, value)
        person.save(update_fields=list(missing))
        audit.record(
            actor,
            "person.updated",
            person,
            f"Completed {person.full_name}: {', '.join(missing)}",
            changes=audit.field_changes(person, before, missing),
        )
    return person


@transaction.atomic
def update_person(
    actor, person: Person, details: PersonDetails, *, membership: Membership | None = None
) -> Person:
    details = details.cleaned()
    errors = {}
    if details.email and Person.objects.filter(email=details.email).exclude(pk=person.pk).exists():
        errors["email"] = f"Another person already has the e-mail address {details.email}."
    if details.orcid_id and Person.objects.filter(orcid_id=details.orcid_id).exclude(pk=person.pk).exists():
        errors["orcid_id"] = f"Another person already has ORCID iD {details.orcid_id}."
    if errors:
        raise ValidationError(errors)
    before = audit.snapshot(person, PERSON_FIELDS)
    for field in PERSON_FIELDS:
        setattr(person, field, getattr(details, field))
    changes = audit.field_changes(person, before, PERSON_FIELDS)
    if not changes:
        return person
    update_fields = list(changes)
    if "orcid_id" in changes:
        # A new iD has not been checked against ORCID yet.
        person.orcid_verified_at = None
        person.orcid_verified_name = ""
        update_fields += ["orcid_verified_at", "orcid_verified_name"]
    person.save(update_fields=update_fields)
    audit.record(
        actor,
        "person.updated",
        person,
        f"Updated {person.full_name}: {', '.join(changes)}",
        changes=changes,
        consortium=membership.consortium if membership else None,
        membership=membership,
    )
    return person


def _role_label(role: str) -> str:
    return Contact.Role(role).label


def _check_single_holder(membership: Membership, role: str, *, exclude: Contact | None = None) -> None:
    if role not in (*program.EXACTLY_ONE_CONTACT_ROLES, *program.AT_MOST_ONE_CONTACT_ROLES):
        return
    holder = (
        membership.contacts.filter(role=role)
        .exclude(pk=exclude.pk if exclude else None)
        .select_related("person")
        .first()
    )
    if holder:
        rule = "exactly one" if role in program.EXACTLY_ONE_CONTACT_ROLES else "at most one"
        raise ValidationError(
            {
                "role": f"{membership.organization.name} already has a {_role_label(role).lower()} "
                f"({holder.person.full_name}); a membership has {rule} {_role_label(role).lower()}. "
                "Change that contact instead of adding another."
            }
        )


@transaction.atomic
def add_contact(actor, membership: Membership, details: PersonDetails, role: str) -> Contact:
    if role not in Contact.Role.values:
        raise ValidationError({"role": f"{role!r} is not a contact role."})
    _check_single_holder(membership, role)
    person = find_or_create_person(actor, details)
    if membership.contacts.filter(person=person, role=role).exists():
        raise ValidationError({"role": f"{person.full_name} is already the {_role_label(role).lower()}."})
    try:
        with transaction.atomic():
            contact = Contact.objects.create(membership=membership, person=person, role=role)
    except IntegrityError:
        # Two people adding a voting contact at the same moment: the database kept one.
        raise ValidationError(
            {"role": f"{membership.organization.name} already has a {_role_label(role).lower()}."}
        ) from None
    audit.record(
        actor,
        "contact.added",
        contact,
        f"Added {person.full_name} as {_role_label(role).lower()} of {membership.organization.name}",
        consortium=membership.consortium,
        membership=membership,
        needs_orcid_review=_by_member(actor) and role in ORCID_REVIEWED_CONTACT_ROLES,
    )
    return contact


@transaction.atomic
def change_contact(
    actor, contact: Contact, *, details: PersonDetails | None = None, role: str | None = None
) -> Contact:
    """Change who holds a contact role, or the role a person holds.

    Replacing the voting contact is done here (not by removing and adding), so the membership
    never passes through a state without one.
    """
    membership = contact.membership
    changes = {}
    if details is not None:
        cleaned = details.cleaned()
        match = _find_person(cleaned)
        current = contact.person
        # People are shared across consortia, so a new e-mail address means a new person in
        # the role, not an edit of someone another consortium may also list.
        # Filling in an e-mail address or iD the person lacked is an edit of the same person.
        changes_identity = any(
            new and old and new != old
            for new, old in ((cleaned.email, current.email), (cleaned.orcid_id, current.orcid_id))
        )
        is_replacement = (match is not None and match.pk != current.pk) or (
            match is None and changes_identity
        )
        if is_replacement:
            new_person = match or find_or_create_person(actor, cleaned)
            if (
                membership.contacts.filter(person=new_person, role=role or contact.role)
                .exclude(pk=contact.pk)
                .exists()
            ):
                raise ValidationError({"role": f"{new_person.full_name} already holds that role."})
            changes["person"] = [current.full_name, new_person.full_name]
            contact.person = new_person
        else:
            update_person(actor, current, cleaned, membership=membership)
    if role is not None and role != contact.role:
        if role not in Contact.Role.values:
            raise ValidationError({"role": f"{role!r} is not a contact role."})
        _check_single_holder(membership, role, exclude=contact)
        if contact.role in program.EXACTLY_ONE_CONTACT_ROLES:
            _check_lead_contacts(membership, removing=contact)
        changes["role"] = [_role_label(contact.role), _role_label(role)]
        contact.role = role
    if changes:
        try:
            with transaction.atomic():
                contact.save(update_fields=["person", "role"])
        except IntegrityError:
            raise ValidationError({"role": "That person already holds that role for this member."}) from None
        audit.record(
            actor,
            "contact.changed",
            contact,
            f"Changed {contact.get_role_display().lower()} of {membership.organization.name}: "
            + ", ".join(f"{key} {old} → {new}" for key, (old, new) in changes.items()),
            changes=changes,
            consortium=membership.consortium,
            membership=membership,
            needs_orcid_review=_by_member(actor) and contact.role in ORCID_REVIEWED_CONTACT_ROLES,
        )
    return contact


@transaction.atomic
def remove_contact(actor, contact: Contact) -> None:
    membership = contact.membership
    if contact.role in program.EXACTLY_ONE_CONTACT_ROLES and membership.needs_lead_contacts:
        raise ValidationError(
            f"{contact.person.full_name} is the only {contact.get_role_display().lower()} of "
            f"{membership.organization.name}, and an active membership has exactly one. "
            "Change the contact to someone else instead of removing it."
        )
    role = contact.get_role_display().lower()
    summary = f"Removed {contact.person.full_name} as {role} of {membership.organization.name}"
    needs_review = _by_member(actor) and contact.role in ORCID_REVIEWED_CONTACT_ROLES
    audit.record(
        actor,
        "contact.removed",
        contact,
        summary,
        consortium=membership.consortium,
        membership=membership,
        needs_orcid_review=needs_review,
    )
    contact.delete()


@transaction.atomic
def record_orcid_verification(actor, person: Person, public_name: str) -> Person:
    person.orcid_verified_name = public_name
    person.orcid_verified_at = timezone.now()
    person.save(update_fields=["orcid_verified_name", "orcid_verified_at"])
    audit.record(
        actor,
        "person.orcid_verified",
        person,
        f"Verified ORCID iD {person.orcid_id} of {person.full_name} ({public_name})",
    )
    return person


@transaction.atomic
def acknowledge_change(actor, entry) -> None:
    if not entry.needs_orcid_review or entry.reviewed_at:
        raise ValidationError("This change does not wait for ORCID.")
    entry.reviewed_by = _user(actor)
    entry.reviewed_at = timezone.now()
    entry.save(update_fields=["reviewed_by", "reviewed_at"])


def _user(actor):
    return actor if actor is not None and getattr(actor, "is_authenticated", False) else None


def _by_member(actor) -> bool:
    return actor is not None and getattr(actor, "is_member_contact", False)
