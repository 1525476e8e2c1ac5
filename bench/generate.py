"""Fill an empty database with the directory at ten times ORCID's real size.

    python -m bench.generate            # the database named by DATABASE_URL / CONSORTIA_DATA_DIR

300 consortia in 6 regions, 15,000 organizations and memberships, 75,000 people, ~5 contacts per
membership, pending and decided membership requests, ~3 audit entries per membership, one
user of each role, and (``bench.scorecard``) onboarding checklists, support staff and training.
The data is deterministic (a fixed random seed), so two runs compare.

This is generated scale data, not a user's write: it goes straight in with ``bulk_create`` and
bypasses ``directory.services`` (which would write one audit entry per row and take an hour). The
rules the services enforce still hold: every active membership has exactly one main relationship
and one voting contact, ROR IDs and ORCID iDs carry valid check characters, at most one pending
request of each kind per membership.
"""

import argparse
import datetime as dt
import random
import sys
import time
from contextlib import contextmanager

from bench import setup_django

SEED = 20250101
REGIONS = [
    ("Asia Pacific", "apac", ["AU", "NZ", "JP", "KR", "SG", "MY", "IN", "TW"]),
    ("Europe", "europe", ["DE", "GB", "FR", "NL", "SE", "NO", "DK", "FI", "IT", "ES", "PT", "PL"]),
    ("Middle East and Africa", "mea", ["ZA", "KE", "NG", "EG", "AE", "SA", "IL", "GH"]),
    ("Latin America", "latam", ["BR", "MX", "AR", "CL", "CO", "PE"]),
    ("North America", "north-america", ["US", "CA"]),
    ("Oceania and Pacific Islands", "oceania", ["AU", "NZ", "FJ", "PG"]),
]
CURRENCIES = {
    "AU": "AUD",
    "NZ": "NZD",
    "JP": "JPY",
    "KR": "KRW",
    "SG": "SGD",
    "MY": "MYR",
    "IN": "INR",
    "TW": "TWD",
    "DE": "EUR",
    "GB": "GBP",
    "FR": "EUR",
    "NL": "EUR",
    "SE": "SEK",
    "NO": "NOK",
    "DK": "DKK",
    "FI": "EUR",
    "IT": "EUR",
    "ES": "EUR",
    "PT": "EUR",
    "PL": "PLN",
    "ZA": "ZAR",
    "KE": "KES",
    "NG": "NGN",
    "EG": "EGP",
    "AE": "AED",
    "SA": "SAR",
    "IL": "ILS",
    "GH": "GHS",
    "BR": "BRL",
    "MX": "MXN",
    "AR": "ARS",
    "CL": "CLP",
    "CO": "COP",
    "PE": "PEN",
    "US": "USD",
    "CA": "CAD",
    "FJ": "FJD",
    "PG": "PGK",
}
N_CONSORTIA = 300
N_MEMBERSHIPS = 15_000  # one organization each
CONTACTS_PER_MEMBERSHIP = 5  # so 75,000 people
ADMIN_CONSORTIUM_SIZE = 80  # the consortium admin's consortium is the one nearest this size
BATCH = 2_000

# What bench.run searches for; the generator makes sure both occur.
SEARCH_SURNAME = "Nakamura"
MEMBER_QUERY = "univ"
PASSWORD = "consortia-bench"
USER_EMAILS = {
    "orcid_admin": "orcid-admin@bench.example",
    "orcid_regional": "regional@bench.example",
    "consortium_admin": "consortium-admin@bench.example",
    "consortium_staff": "consortium-staff@bench.example",
    "member_contact": "member-contact@bench.example",
}

GIVEN_NAMES = [
    "Aiko",
    "Akira",
    "Alejandro",
    "Ali",
    "Amara",
    "Amir",
    "Ana",
    "Andrea",
    "Anna",
    "Arjun",
    "Astrid",
    "Aylin",
    "Beatriz",
    "Ben",
    "Bjorn",
    "Carlos",
    "Carmen",
    "Chen",
    "Chloe",
    "Daniel",
    "David",
    "Diego",
    "Elena",
    "Emeka",
    "Emma",
    "Erik",
    "Fatima",
    "Felipe",
    "Freya",
    "Gabriel",
    "Hana",
    "Hannah",
    "Hiroshi",
    "Ines",
    "Ingrid",
    "Isabel",
    "Ivan",
    "Jakob",
    "James",
    "Javier",
    "Jia",
    "Jin",
    "Joao",
    "Jonas",
    "Jorge",
    "Jose",
    "Julia",
    "Kai",
    "Kenji",
    "Kwame",
    "Lars",
    "Laura",
    "Lea",
    "Leila",
    "Liam",
    "Lin",
    "Lucas",
    "Lucia",
    "Luis",
    "Maria",
    "Mariam",
    "Marta",
    "Mateo",
    "Mei",
    "Mia",
    "Min",
    "Mohammed",
    "Nadia",
    "Naomi",
    "Nina",
    "Noah",
    "Nour",
    "Olga",
    "Omar",
    "Oscar",
    "Paula",
    "Pedro",
    "Priya",
    "Rafael",
    "Rahul",
    "Ravi",
    "Rosa",
    "Sakura",
    "Samuel",
    "Sara",
    "Sofia",
    "Sven",
    "Tariq",
    "Thomas",
    "Tomas",
    "Wei",
    "Xin",
    "Yara",
    "Yuki",
    "Yusuf",
    "Zainab",
    "Zoe",
]
FAMILY_NAMES = [
    "Smith",
    "Wang",
    "Garcia",
    "Kim",
    "Muller",
    "Nguyen",
    "Silva",
    "Tanaka",
    "Johnson",
    "Rossi",
    "Kumar",
    "Nakamura",
    "Martin",
    "Ivanova",
    "Hansen",
    "Lopez",
    "Chen",
    "Schmidt",
    "Sato",
    "Brown",
    "Jones",
    "Williams",
    "Li",
    "Zhang",
    "Liu",
    "Gonzalez",
    "Rodriguez",
    "Fernandez",
    "Costa",
    "Santos",
    "Pereira",
    "Okafor",
    "Mensah",
    "Adeyemi",
    "Mwangi",
    "Otieno",
    "Naidoo",
    "Dlamini",
    "Khan",
    "Ahmed",
    "Hassan",
    "Ali",
    "Cohen",
    "Levi",
    "Novak",
    "Kowalski",
    "Nowak",
    "Jensen",
    "Nielsen",
    "Larsen",
    "Andersson",
    "Johansson",
    "Karlsson",
    "Virtanen",
    "Korhonen",
    "Dubois",
    "Moreau",
    "Laurent",
    "Bernard",
    "Janssen",
    "DeVries",
    "Bakker",
    "Visser",
    "Suzuki",
    "Takahashi",
    "Watanabe",
    "Ito",
    "Yamamoto",
    "Kobayashi",
    "Park",
    "Lee",
    "Choi",
    "Jung",
    "Kang",
    "Singh",
    "Sharma",
    "Patel",
    "Gupta",
    "Reddy",
    "Iyer",
    "Tan",
    "Lim",
    "Ng",
    "Wong",
    "Taylor",
    "Wilson",
    "Davies",
    "Evans",
    "Thomas",
    "Roberts",
    "Walker",
    "Wright",
    "Thompson",
    "White",
    "Hughes",
    "Edwards",
    "Green",
    "Hall",
    "Wood",
    "Harris",
    "Clarke",
    "Jackson",
    "Turner",
    "Hill",
    "Moore",
    "Cooper",
    "Ward",
    "Morris",
    "King",
    "Baker",
    "Murphy",
    "Kelly",
    "OBrien",
    "Ryan",
    "Byrne",
    "Fischer",
    "Weber",
    "Meyer",
    "Wagner",
    "Becker",
    "Schulz",
    "Hoffmann",
    "Koch",
    "Richter",
    "Klein",
    "Wolf",
    "Neumann",
    "Schwarz",
    "Zimmermann",
    "Braun",
    "Hofmann",
    "Ramos",
    "Alves",
    "Ribeiro",
    "Carvalho",
    "Gomes",
    "Martins",
    "Araujo",
    "Barbosa",
    "Rocha",
    "Dias",
    "Moreno",
    "Jimenez",
    "Ruiz",
    "Hernandez",
    "Diaz",
    "Alvarez",
    "Romero",
    "Navarro",
    "Torres",
    "Dominguez",
    "Vazquez",
    "Ramirez",
    "Flores",
    "Castro",
    "Ortiz",
    "Rubio",
    "Marin",
    "Sanz",
    "Iglesias",
    "Medina",
    "Garrido",
    "Cortes",
    "Castillo",
    "Santana",
    "Guerrero",
    "Lozano",
    "Cano",
    "Prieto",
    "Mendez",
    "Cruz",
    "Calvo",
    "Gallego",
    "Vidal",
    "Leon",
    "Marquez",
    "Herrera",
    "Pena",
    "Flores",
    "Cabrera",
    "Campos",
    "Vega",
    "Fuentes",
    "Carrasco",
    "Diez",
    "Caballero",
    "Reyes",
    "Nieto",
    "Aguilar",
    "Pascual",
    "Santiago",
    "Herrero",
    "Montero",
    "Lorenzo",
    "Hidalgo",
    "Gimenez",
    "Ibanez",
    "Ferrer",
    "Duran",
    "Blanco",
    "Molina",
    "Morales",
    "Suarez",
    "Ortega",
    "Delgado",
    "Rivera",
    "Nunez",
]
SYLLABLES = [
    "an",
    "ber",
    "cas",
    "dor",
    "el",
    "fen",
    "gar",
    "hal",
    "is",
    "jor",
    "kel",
    "lun",
    "mar",
    "nor",
    "ost",
    "par",
    "quin",
    "ros",
    "sel",
    "tor",
    "ul",
    "vel",
    "wes",
    "yor",
    "zan",
]
ORG_PATTERNS = [
    "University of {city}",
    "{city} University",
    "{city} Institute of Technology",
    "{city} University Hospital",
    "{family} Institute for Medical Research",
    "National Library of {country}",
    "{city} Research Centre",
    "{country} Science Foundation",
    "{city} College of Arts",
    "{family} Foundation",
    "{city} Polytechnic",
    "{city} Observatory",
    "Academy of Sciences of {country}",
    "{city} Agricultural University",
]
ORG_TYPES = {
    "University": "education",
    "Hospital": "healthcare",
    "Library": "archive",
    "Foundation": "funder",
    "Observatory": "facility",
    "Academy": "nonprofit",
}
CONTACT_EXTRA_ROLES = ["technical", "invoice", "communications", "product", "agreement_signatory", "other"]
STATUS_WEIGHTS = {"active": 78, "onboarding": 7, "lapsed": 5, "left": 6, "enquiry": 2, "applying": 2}
CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz"


def crockford6(number: int) -> str:
    chars = []
    for _ in range(6):
        number, rest = divmod(number, 32)
        chars.append(CROCKFORD[rest])
    return "".join(reversed(chars))


def ror_id(index: int) -> str:
    from consortia.lib.ror_id import ror_check_digits

    body = "0" + crockford6(1_000_000 + index * 37)
    return body + ror_check_digits(body)


def orcid_id(index: int) -> str:
    from consortia.lib.orcid_id import orcid_check_character

    base = f"{150_000_000 + index * 53:015d}"
    digits = base + orcid_check_character(base)
    return "-".join(digits[i : i + 4] for i in range(0, 16, 4))


def zipf_choice(rng: random.Random, items: list, weights: list):
    return rng.choices(items, weights)[0]


@contextmanager
def step(label: str):
    started = time.perf_counter()
    print(f"  {label} …", end="", flush=True)
    result = {}
    yield result
    count = f" {result['count']:,}" if "count" in result else ""
    print(f"{count} in {time.perf_counter() - started:.1f} s", flush=True)


def consortium_sizes(rng: random.Random) -> list[int]:
    """Skewed sizes (a few big national consortia, many small ones) summing to N_MEMBERSHIPS."""
    weights = [rng.lognormvariate(0, 0.8) for _ in range(N_CONSORTIA)]
    total = sum(weights)
    sizes = [max(5, int(w / total * N_MEMBERSHIPS)) for w in weights]
    index = 0
    while sum(sizes) != N_MEMBERSHIPS:
        if sum(sizes) < N_MEMBERSHIPS:
            sizes[index % N_CONSORTIA] += 1
        elif sizes[index % N_CONSORTIA] > 5:
            sizes[index % N_CONSORTIA] -= 1
        index += 1
    return sizes


def generate(stdout=sys.stdout) -> int:
    from django.core.management import call_command
    from django.db import connection, transaction

    from consortia.accounts.models import Role, User
    from consortia.audit.models import AuditEntry
    from consortia.directory.models import (
        Consortium,
        Contact,
        Membership,
        MembershipRequest,
        Organization,
        Person,
        Region,
    )

    print(f"Database: {connection.vendor} {connection.settings_dict['NAME']}")
    started = time.perf_counter()
    with step("migrate"):
        call_command("migrate", verbosity=0, interactive=False)
    if Consortium.objects.exists():
        print(
            "bench.generate: this database already has consortia; point DATABASE_URL or CONSORTIA_DATA_DIR "
            "at an empty one",
            file=sys.stderr,
        )
        return 2

    rng = random.Random(SEED)
    now = dt.datetime(2025, 6, 1, 12, tzinfo=dt.UTC)
    family_weights = [1 / (rank + 5) for rank in range(len(FAMILY_NAMES))]
    city_names: dict[str, list[str]] = {}

    def cities(country):
        if country not in city_names:
            city_names[country] = sorted(
                {
                    "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
                    for _ in range(60)
                }
            )
        return city_names[country]

    with transaction.atomic():
        with step("regions") as out:
            regions = Region.objects.bulk_create([Region(name=name, slug=slug) for name, slug, _ in REGIONS])
            out["count"] = len(regions)

        sizes = consortium_sizes(rng)
        # Plan each consortium: region, country and the membership slots it holds.
        plans = []
        for number, size in enumerate(sizes):
            region_index = number % len(REGIONS)
            country = rng.choice(REGIONS[region_index][2])
            plans.append({"region": regions[region_index], "country": country, "size": size})

        with step("organizations") as out:
            organizations = []
            for plan in plans:
                for _ in range(plan["size"]):
                    country = (
                        plan["country"] if rng.random() < 0.9 else rng.choice(REGIONS[0][2] + REGIONS[1][2])
                    )
                    city = rng.choice(cities(country))
                    pattern = rng.choice(ORG_PATTERNS)
                    name = pattern.format(
                        city=city, country=country, family=zipf_choice(rng, FAMILY_NAMES, family_weights)
                    )
                    kind = next((value for key, value in ORG_TYPES.items() if key in name), "education")
                    index = len(organizations)
                    organizations.append(
                        Organization(
                            name=name,
                            ror_id=ror_id(index) if rng.random() < 0.93 else None,
                            country=country,
                            city=city,
                            organization_type=kind,
                            tier=rng.choices(["small", "standard", "large"], [30, 55, 15])[0],
                            community_type=rng.choices(
                                [
                                    "research_institute",
                                    "funder",
                                    "publisher",
                                    "repository",
                                    "government",
                                    "association",
                                    "other",
                                ],
                                [70, 6, 6, 5, 5, 5, 3],
                            )[0],
                            website=f"https://www.org{index}.example",
                            billing_address=f"{rng.randint(1, 400)} {city} Road\n{city}\n{country}",
                        )
                    )
            organizations = Organization.objects.bulk_create(organizations, batch_size=BATCH)
            out["count"] = len(organizations)

        with step("consortia") as out:
            consortia = []
            offset = 0
            for number, plan in enumerate(plans):
                plan["organizations"] = organizations[offset : offset + plan["size"]]
                offset += plan["size"]
                slug = f"{plan['country'].lower()}-consortium-{number + 1}"
                consortia.append(
                    Consortium(
                        slug=slug,
                        name=f"{plan['country']} Research Consortium {number + 1}",
                        region=plan["region"],
                        lead_organization=plan["organizations"][0],
                        country=plan["country"],
                        currency=CURRENCIES[plan["country"]],
                        agreement_date=dt.date(2014, 1, 1) + dt.timedelta(days=rng.randint(0, 3800)),
                        status=rng.choices(["active", "onboarding", "prospect", "ended"], [88, 6, 3, 3])[0],
                        support_email=f"orcid@{slug}.example",
                        website=f"https://{slug}.example",
                    )
                )
            consortia = Consortium.objects.bulk_create(consortia, batch_size=BATCH)
            for plan, consortium in zip(plans, consortia, strict=True):
                plan["consortium"] = consortium
            out["count"] = len(consortia)

        with step("memberships") as out:
            memberships = []
            statuses, status_weights = list(STATUS_WEIGHTS), list(STATUS_WEIGHTS.values())
            for plan in plans:
                for position, organization in enumerate(plan["organizations"]):
                    # The lead organization is always an active member of its own consortium.
                    status = "active" if position == 0 else rng.choices(statuses, status_weights)[0]
                    enquiry = dt.date(2013, 1, 1) + dt.timedelta(days=rng.randint(0, 4300))
                    joined = (
                        enquiry + dt.timedelta(days=rng.randint(20, 200))
                        if status in ("active", "lapsed", "left")
                        else None
                    )
                    ended = joined + dt.timedelta(days=rng.randint(300, 2000)) if status == "left" else None
                    created = dt.datetime.combine(enquiry, dt.time(9), tzinfo=dt.UTC)
                    memberships.append(
                        Membership(
                            consortium=plan["consortium"],
                            organization=organization,
                            status=status,
                            member_type="premium" if rng.random() < 0.2 else "basic",
                            enquiry_date=enquiry,
                            joined_date=joined,
                            ended_date=ended,
                            end_reason="Funding ended" if status == "left" else "",
                            notes="Invoice by purchase order." if rng.random() < 0.1 else "",
                            created_at=created,
                            updated_at=created + dt.timedelta(days=rng.randint(0, 300)),
                        )
                    )
            memberships = Membership.objects.bulk_create(memberships, batch_size=BATCH)
            out["count"] = len(memberships)

        with step("people") as out:
            people = []
            for index in range(len(memberships) * CONTACTS_PER_MEMBERSHIP):
                given = rng.choice(GIVEN_NAMES)
                family = zipf_choice(rng, FAMILY_NAMES, family_weights)
                has_id = rng.random() < 0.9
                verified = has_id and rng.random() < 0.7
                people.append(
                    Person(
                        given_names=given,
                        family_name=family,
                        email=f"{given}.{family}.{index}@mail{index % 97}.example".lower(),
                        orcid_id=orcid_id(index) if has_id else None,
                        orcid_verified_name=f"{given} {family}" if verified else "",
                        orcid_verified_at=now - dt.timedelta(days=rng.randint(1, 900)) if verified else None,
                        phone=f"+1 555 {index:07d}" if rng.random() < 0.5 else "",
                        job_title=rng.choice(
                            [
                                "Librarian",
                                "Research Manager",
                                "Director",
                                "Developer",
                                "Finance Officer",
                                "Communications Lead",
                                "",
                            ]
                        ),
                    )
                )
            people = Person.objects.bulk_create(people, batch_size=BATCH)
            out["count"] = len(people)

        with step("contacts") as out:
            contacts = []
            main_contact_of: dict[int, int] = {}
            for number, membership in enumerate(memberships):
                holders = people[number * CONTACTS_PER_MEMBERSHIP : (number + 1) * CONTACTS_PER_MEMBERSHIP]
                # Exactly one main relationship and one voting contact, then three other roles.
                roles = [
                    "main_relationship",
                    "voting",
                    *rng.sample(CONTACT_EXTRA_ROLES, CONTACTS_PER_MEMBERSHIP - 2),
                ]
                for person, role in zip(holders, roles, strict=True):
                    contacts.append(
                        Contact(
                            membership=membership,
                            person=person,
                            role=role,
                            created_at=membership.created_at + dt.timedelta(days=rng.randint(0, 90)),
                        )
                    )
                main_contact_of[membership.pk] = holders[0].pk
            contacts = Contact.objects.bulk_create(contacts, batch_size=BATCH)
            out["count"] = len(contacts)

        with step("users"):
            admin_plan = min(
                plans, key=lambda plan: (abs(plan["size"] - ADMIN_CONSORTIUM_SIZE), plan["consortium"].pk)
            )
            admin_consortium = admin_plan["consortium"]
            member_organization = admin_plan["organizations"][1]
            users = {
                "orcid_admin": User(
                    email=USER_EMAILS["orcid_admin"],
                    role=Role.ORCID_ADMIN,
                    first_name="Olive",
                    last_name="Admin",
                    is_staff=True,
                    is_superuser=True,
                ),
                "orcid_regional": User(
                    email=USER_EMAILS["orcid_regional"],
                    role=Role.ORCID_REGIONAL,
                    region=admin_consortium.region,
                    first_name="Rene",
                    last_name="Regional",
                ),
                "consortium_admin": User(
                    email=USER_EMAILS["consortium_admin"],
                    role=Role.CONSORTIUM_ADMIN,
                    consortium=admin_consortium,
                    first_name="Cora",
                    last_name="Admin",
                ),
                "consortium_staff": User(
                    email=USER_EMAILS["consortium_staff"],
                    role=Role.CONSORTIUM_STAFF,
                    consortium=admin_consortium,
                    first_name="Sami",
                    last_name="Staff",
                ),
                "member_contact": User(
                    email=USER_EMAILS["member_contact"],
                    role=Role.MEMBER_CONTACT,
                    organization=member_organization,
                    first_name="Mo",
                    last_name="Member",
                ),
            }
            users["orcid_admin"].set_password(PASSWORD)
            for user in users.values():
                if user.password == "":
                    user.password = users["orcid_admin"].password  # one hash, same password for all
                user.save()

        with step("membership requests") as out:
            requests = []
            team = users["consortium_admin"]
            for membership in memberships:
                requester = team if membership.consortium_id == admin_consortium.pk else None
                roll = rng.random()
                if membership.status == "onboarding" and roll < 0.6:
                    requests.append(
                        MembershipRequest(
                            membership=membership,
                            kind="add",
                            requested_by=requester,
                            requested_at=now - dt.timedelta(days=rng.randint(1, 40)),
                            note="Signed agreement attached.",
                        )
                    )
                elif membership.status == "active" and roll < 0.02:
                    requests.append(
                        MembershipRequest(
                            membership=membership,
                            kind="remove",
                            requested_by=requester,
                            requested_at=now - dt.timedelta(days=rng.randint(1, 40)),
                            note="Not renewing.",
                        )
                    )
                if membership.status in ("active", "lapsed", "left") and rng.random() < 0.3:
                    requested = dt.datetime.combine(membership.joined_date, dt.time(10), tzinfo=dt.UTC)
                    requests.append(
                        MembershipRequest(
                            membership=membership,
                            kind="add",
                            status="confirmed",
                            requested_by=requester,
                            requested_at=requested - dt.timedelta(days=7),
                            decided_by=users["orcid_admin"],
                            decided_at=requested,
                            decision_note="Welcome aboard.",
                        )
                    )
            requests = MembershipRequest.objects.bulk_create(requests, batch_size=BATCH)
            out["count"] = len(requests)

        with step("audit entries") as out:
            entries = []
            contacts_by_membership: dict[int, list] = {}
            for contact in contacts:
                contacts_by_membership.setdefault(contact.membership_id, []).append(contact)
            for membership in memberships:
                actor = team if membership.consortium_id == admin_consortium.pk else None
                at = membership.created_at
                entries.append(
                    AuditEntry(
                        at=at,
                        actor=actor,
                        action="membership.added",
                        object_type="membership",
                        object_id=str(membership.pk),
                        summary=f"Added membership {membership.pk}",
                        consortium_id=membership.consortium_id,
                        membership=membership,
                    )
                )
                # One to three more: contacts added, then the status change; three on average overall.
                extra = rng.choices([1, 2, 3], [25, 50, 25])[0]
                for contact in contacts_by_membership[membership.pk][: extra - 1]:
                    at += dt.timedelta(days=rng.randint(1, 30))
                    entries.append(
                        AuditEntry(
                            at=at,
                            actor=actor,
                            action="contact.added",
                            object_type="contact",
                            object_id=str(contact.pk),
                            summary=f"Added {contact.get_role_display().lower()} to {membership.pk}",
                            consortium_id=membership.consortium_id,
                            membership=membership,
                        )
                    )
                at += dt.timedelta(days=rng.randint(1, 60))
                entries.append(
                    AuditEntry(
                        at=at,
                        actor=actor,
                        action="membership.updated",
                        object_type="membership",
                        object_id=str(membership.pk),
                        summary=f"Changed status of membership {membership.pk}",
                        changes={"status": ["onboarding", membership.status]},
                        consortium_id=membership.consortium_id,
                        membership=membership,
                        needs_orcid_review=rng.random() < 0.01,
                    )
                )
            AuditEntry.objects.bulk_create(entries, batch_size=BATCH)
            out["count"] = len(entries)

        with step("consortium main contacts") as out:
            lead_membership_of = {m.organization_id: m.pk for m in memberships}
            for consortium in consortia:
                consortium.main_contact_id = main_contact_of[
                    lead_membership_of[consortium.lead_organization_id]
                ]
            Consortium.objects.bulk_update(consortia, ["main_contact"], batch_size=BATCH)
            users["member_contact"].person_id = main_contact_of[lead_membership_of[member_organization.pk]]
            users["member_contact"].save(update_fields=["person"])
            out["count"] = len(consortia)

        # Onboarding checklists, support staff and training, for the scorecard (bench.scorecard).
        from django.utils import timezone

        from bench.scorecard import add_onboarding_and_staffing

        add_onboarding_and_staffing(rng, consortia, memberships, timezone.localdate(), step)

    if connection.vendor == "postgresql":
        # Autovacuum would do this within a minute; do it now so the first timings use real statistics.
        with step("analyze"), connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    print(
        f"Done in {time.perf_counter() - started:.1f} s. Consortium admin's consortium: "
        f"{admin_consortium.slug} ({admin_plan['size']} members). Users (password {PASSWORD!r}): "
        f"{', '.join(USER_EMAILS.values())}"
    )
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.parse_args(argv)
    setup_django()
    return generate()


if __name__ == "__main__":
    sys.exit(main())
