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
