"""Small builders for test data. They write through models directly: tests of the services
call the services themselves."""

import itertools

from consortia.accounts.models import Role, User
from consortia.directory.models import Consortium, Contact, Membership, Organization, Person, Region
from consortia.lib.ror_id import CROCKFORD_ALPHABET, ror_check_digits

_counter = itertools.count(1)
PASSWORD = "correct horse battery staple"


def ror_id(n: int | None = None) -> str:
    """A valid ROR ID derived from a number."""
    n = next(_counter) if n is None else n
    body = ""
    for _ in range(6):
        body = CROCKFORD_ALPHABET[n % 32] + body
        n //= 32
    body = "0" + body
    return body + ror_check_digits(body)


def region(name="Asia Pacific", slug="apac") -> Region:
    return Region.objects.get_or_create(slug=slug, defaults={"name": name})[0]


def organization(name=None, country="NZ", **fields) -> Organization:
    n = next(_counter)
    fields.setdefault("ror_id", ror_id(n))
    return Organization.objects.create(name=name or f"Organization {n}", country=country, **fields)


def consortium(name, slug, region, country="NZ", currency="NZD", **fields) -> Consortium:
    lead = organization(f"{name} Lead Organization", country=country)
    return Consortium.objects.create(
        name=name,
        slug=slug,
        region=region,
        lead_organization=lead,
        country=country,
        currency=currency,
        time_zone=fields.pop("time_zone", "Pacific/Auckland"),
        status=fields.pop("status", "active"),
        **fields,
    )


def person(given="Pat", family=None, email=None, orcid_id=None) -> Person:
    n = next(_counter)
    return Person.objects.create(
        given_names=given,
        family_name=family or f"Person{n}",
        email=email or f"person{n}@example.org",
        orcid_id=orcid_id,
    )


def membership(consortium, org=None, status="active", with_lead_contacts=True, **fields) -> Membership:
    org = org or organization(country=consortium.country)
    m = Membership.objects.create(consortium=consortium, organization=org, status=status, **fields)
    if with_lead_contacts:
        Contact.objects.create(membership=m, person=person("Main"), role=Contact.Role.MAIN_RELATIONSHIP)
        Contact.objects.create(membership=m, person=person("Vote"), role=Contact.Role.VOTING)
    return m


def user(email, role, **scope) -> User:
    return User.objects.create_user(email=email, password=PASSWORD, role=role, **scope)


def orcid_admin(email="admin@orcid.example") -> User:
    return user(email, Role.ORCID_ADMIN, is_staff=True, is_superuser=True)


def support_staff(
    consortium,
    fte="1.0",
    weekdays=(0, 1, 2, 3, 4),
    *,
    role="community_manager",
    starts_on=None,
    ends_on=None,
    employment_model="direct_hire",
    person_=None,
    hours=("09:00", "17:00"),
    **fields,
):
    """A support staff row written directly (not through the services), with its coverage."""
    from datetime import date, time
    from decimal import Decimal

    from consortia.staffing.models import CoverageSlot, SupportStaff

    staff = SupportStaff.objects.create(
        consortium=consortium,
        person=person_ or person("Sam"),
        role=role,
        fte=Decimal(str(fte)),
        employment_model=employment_model,
        starts_on=starts_on or date(2020, 1, 1),
        ends_on=ends_on,
        **fields,
    )
    start, end = (time.fromisoformat(h) for h in hours)
    CoverageSlot.objects.bulk_create(
        CoverageSlot(staff=staff, weekday=day, starts_at=start, ends_at=end) for day in weekdays
    )
    return staff


def fee_schedule(consortium, year=2026, *, member_fee="1000.00", admin=None, **fields):
    """A year's schedule through the service: a basic and a premium member fee in USD, a flat
    local fee unless told otherwise."""
    from consortia.billing import services as billing
    from consortia.directory.models import Membership

    fields.setdefault("local_model", "flat")
    fields.setdefault("local_flat_fee", "500.00")
    fields.setdefault("proration", "monthly")
    return billing.save_fee_schedule(
        admin or orcid_admin_user(),
        consortium,
        year,
        member_rates=[
            (Membership.MemberType.BASIC, "", member_fee),
            (Membership.MemberType.PREMIUM, "", "2000.00"),
        ],
        **fields,
    )


def orcid_admin_user():
    from consortia.accounts.models import Role, User

    return User.objects.filter(role=Role.ORCID_ADMIN).first() or orcid_admin()
