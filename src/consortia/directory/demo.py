"""Demo data: three fictional consortia, their members, contacts and one user of each role.

``seed_demo()`` writes everything through the directory's services, acting as the demo users,
so each member's history, ORCID's queue of membership requests and its list of self-service
changes to review are the real thing. It runs in one transaction and does nothing the second
time (the demo consortia's slugs tell it the data is there), returning the same sign-ins.

The organizations and people are invented. Their ROR IDs and ORCID iDs are drawn from a seeded
random generator and carry valid check digits, so every page that checks them shows them as
well-formed; they are not meant to point at real records.
"""

import random
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from consortia.accounts.models import Role, User
from consortia.audit import services as audit
from consortia.audit.models import AuditEntry
from consortia.directory import consortium_services, services
from consortia.directory.models import (
    Consortium,
    Contact,
    Membership,
    MembershipRequest,
    Organization,
    Person,
    Region,
)
from consortia.directory.services import PersonDetails
from consortia.lib.orcid_id import orcid_check_character
from consortia.lib.ror_id import CROCKFORD_ALPHABET, ror_check_digits

DEMO_PASSWORD = "consortia-demo"
NATIONAL_SLUG = "demo-aotearoa"
REGIONAL_SLUG = "demo-nordic-baltic"
ONBOARDING_SLUG = "demo-brasil"
DEMO_CONSORTIUM_SLUGS = (NATIONAL_SLUG, REGIONAL_SLUG, ONBOARDING_SLUG)

ORCID_ADMIN_EMAIL = "orcid-admin@demo.example"
REGIONAL_STAFF_EMAIL = "regional-staff@demo.example"
CONSORTIUM_ADMIN_EMAIL = "consortium-admin@demo.example"
CONSORTIUM_STAFF_EMAIL = "consortium-staff@demo.example"
MEMBER_CONTACT_EMAIL = "member@demo.example"
DEMO_MEMBER_ORGANIZATION = "Manawatū University"


@dataclass(frozen=True)
class DemoSignIn:
    role: str
    email: str
    password: str
    sees: str


SIGN_INS = (
    DemoSignIn(
        Role.ORCID_ADMIN.label,
        ORCID_ADMIN_EMAIL,
        DEMO_PASSWORD,
        "All three consortia, ORCID's queue of membership requests and self-service changes, Django admin",
    ),
    DemoSignIn(
        Role.ORCID_REGIONAL.label,
        REGIONAL_STAFF_EMAIL,
        DEMO_PASSWORD,
        "The Asia Pacific region: the Aotearoa consortium, its requests and changes to review",
    ),
    DemoSignIn(
        Role.CONSORTIUM_ADMIN.label,
        CONSORTIUM_ADMIN_EMAIL,
        DEMO_PASSWORD,
        "The Aotearoa consortium: its profile, members, contacts and reports",
    ),
    DemoSignIn(
        Role.CONSORTIUM_STAFF.label,
        CONSORTIUM_STAFF_EMAIL,
        DEMO_PASSWORD,
        "The Aotearoa consortium's members and contacts",
    ),
    DemoSignIn(
        Role.MEMBER_CONTACT.label,
        MEMBER_CONTACT_EMAIL,
        DEMO_PASSWORD,
        f"{DEMO_MEMBER_ORGANIZATION}'s own membership and contacts (self-service)",
    ),
)

ACTIVE = Membership.Status.ACTIVE
LAPSED = Membership.Status.LAPSED
LEFT = Membership.Status.LEFT
ONBOARDING = Membership.Status.ONBOARDING
APPLYING = Membership.Status.APPLYING
ENQUIRY = Membership.Status.ENQUIRY

T = Organization.OrganizationType
C = Organization.CommunityType
SMALL, STANDARD, LARGE = Organization.Tier.SMALL, Organization.Tier.STANDARD, Organization.Tier.LARGE
RI, EDU = C.RESEARCH_INSTITUTE, T.EDUCATION


@dataclass(frozen=True)
class Org:
    name: str
    key: str  # e-mail domain and website: <key>.example
    city: str
    country: str
    organization_type: str
    tier: str
    community_type: str
    status: str = ACTIVE
    has_ror_id: bool = True


# fmt: off
# The national consortium: about forty members across New Zealand. The first is the lead.
AOTEAROA = (
    Org("Te Pūnaha Rangahau Aotearoa", "rangahau", "Wellington", "NZ", T.NONPROFIT, STANDARD, C.ASSOCIATION),
    Org("University of Waitaha", "waitaha", "Christchurch", "NZ", EDU, LARGE, RI),
    Org("Tāmaki University of Technology", "tamakitech", "Auckland", "NZ", EDU, LARGE, RI),
    Org("Ōtepoti University", "otepoti", "Dunedin", "NZ", EDU, LARGE, RI),
    Org("Kirikiriroa University", "kirikiriroa", "Hamilton", "NZ", EDU, STANDARD, RI),
    Org(DEMO_MEMBER_ORGANIZATION, "manawatu", "Palmerston North", "NZ", EDU, STANDARD, RI),
    Org("Te Whanganui-a-Tara University", "tewhanganui", "Wellington", "NZ", EDU, LARGE, RI),
    Org("Ellesmere Agricultural University", "ellesmere", "Lincoln", "NZ", EDU, STANDARD, RI),
    Org("Aotearoa Institute of Earth Sciences", "earthsciences", "Lower Hutt", "NZ",
        T.GOVERNMENT, STANDARD, RI),
    Org("Kaitiaki Marine Research Institute", "kaitiakimarine", "Nelson", "NZ", T.NONPROFIT, SMALL, RI),
    Org("Southern Alps Climate Research Centre", "alpsclimate", "Christchurch", "NZ", T.FACILITY, SMALL, RI),
    Org("Aotearoa Health Research Fund", "healthfund", "Auckland", "NZ", T.FUNDER, STANDARD, C.FUNDER),
    Org("Tūāpapa Science Foundation", "tuapapa", "Wellington", "NZ", T.FUNDER, SMALL, C.FUNDER),
    Org("Ministry for Research Futures", "researchfutures", "Wellington", "NZ",
        T.GOVERNMENT, LARGE, C.GOVERNMENT),
    Org("Tāmaki Regional Hospital Research Trust", "tamakihospital", "Auckland", "NZ",
        T.HEALTHCARE, STANDARD, RI),
    Org("Kirikiriroa Pastoral Research Institute", "pastoral", "Hamilton", "NZ", T.GOVERNMENT, STANDARD, RI),
    Org("Aotearoa Forest Research Institute", "forestresearch", "Rotorua", "NZ", T.GOVERNMENT, STANDARD, RI),
    Org("Taranaki Institute of Technology", "taranakitech", "New Plymouth", "NZ", EDU, SMALL, RI),
    Org("Te Tai Tokerau Polytechnic", "taitokerau", "Whangārei", "NZ", EDU, SMALL, RI),
    Org("Hawke's Bay Institute of Technology", "hbtech", "Napier", "NZ", EDU, SMALL, RI),
    Org("Bay of Plenty Polytechnic", "bopoly", "Tauranga", "NZ", EDU, SMALL, RI),
    Org("Murihiku Institute of Technology", "murihiku", "Invercargill", "NZ", EDU, SMALL, RI),
    Org("Whakatū Polytechnic", "whakatu", "Nelson", "NZ", EDU, SMALL, RI, LAPSED),
    Org("Kete Digital Repository", "kete", "Wellington", "NZ", T.NONPROFIT, SMALL, C.REPOSITORY),
    Org("Te Ara Press", "tearapress", "Wellington", "NZ", T.COMPANY, SMALL, C.PUBLISHER, has_ror_id=False),
    Org("Aotearoa Journals Trust", "journalstrust", "Auckland", "NZ", T.NONPROFIT, SMALL, C.PUBLISHER),
    Org("Pacific Science Society of New Zealand", "pacsci", "Wellington", "NZ",
        T.NONPROFIT, SMALL, C.ASSOCIATION),
    Org("Aotearoa Research Libraries Network", "researchlibraries", "Wellington", "NZ",
        T.NONPROFIT, SMALL, C.ASSOCIATION),
    Org("Institute of Environmental Data Science", "envdata", "Wellington", "NZ", T.NONPROFIT, SMALL, RI),
    Org("Crown Geospatial Research Institute", "geospatial", "Lower Hutt", "NZ", T.GOVERNMENT, STANDARD, RI),
    Org("Pacific Islands Health Research Centre", "pihrc", "Auckland", "NZ", T.HEALTHCARE, SMALL, RI),
    Org("Ōtautahi Children's Health Research Unit", "childhealth", "Christchurch", "NZ",
        T.HEALTHCARE, SMALL, RI),
    Org("Te Wānanga o Te Awa", "teawa", "Whanganui", "NZ", EDU, SMALL, RI),
    Org("AgriGenomics Aotearoa", "agrigenomics", "Palmerston North", "NZ",
        T.COMPANY, SMALL, C.OTHER, LAPSED, has_ror_id=False),
    Org("Antarctic Research Aotearoa", "antarctic", "Christchurch", "NZ", T.GOVERNMENT, STANDARD, RI),
    Org("Aotearoa Museum of Natural History", "naturalhistory", "Wellington", "NZ",
        T.ARCHIVE, STANDARD, C.OTHER),
    Org("Aotearoa Heritage Archive", "heritagearchive", "Wellington", "NZ", T.ARCHIVE, SMALL, C.REPOSITORY),
    Org("Kiwi Biodiversity Trust", "biodiversity", "Dunedin", "NZ", T.NONPROFIT, SMALL, C.OTHER, LEFT),
    Org("Aotearoa Institute of Educational Research", "edresearch", "Wellington", "NZ",
        T.NONPROFIT, SMALL, RI),
    Org("Aotearoa Volcanology Observatory", "volcanology", "Taupō", "NZ", T.FACILITY, SMALL, RI),
    Org("Te Whanganui-a-Tara Medical Research Institute", "medresearch", "Wellington", "NZ",
        T.HEALTHCARE, STANDARD, RI, ONBOARDING),
    Org("Ōtautahi Engineering Research Institute", "engineering", "Christchurch", "NZ",
        T.NONPROFIT, SMALL, RI, APPLYING),
)

# The regional consortium: a dozen members around the Baltic Sea and in the Nordic countries.
NORDIC_BALTIC = (
    Org("Nordic Research Infrastructure Council", "nric", "Helsinki", "FI",
        T.NONPROFIT, STANDARD, C.ASSOCIATION),
    Org("Saimaa University of Technology", "saimaa", "Lappeenranta", "FI", EDU, STANDARD, RI),
    Org("Ostrobothnia University", "ostrobothnia", "Vaasa", "FI", EDU, STANDARD, RI),
    Org("Emajõe University", "emajoe", "Tartu", "EE", EDU, STANDARD, RI),
    Org("Tallinn Maritime Academy", "tallinnmaritime", "Tallinn", "EE", EDU, SMALL, RI),
    Org("Daugava University", "daugava", "Riga", "LV", EDU, STANDARD, RI),
    Org("Vidzeme Forest Research Institute", "vidzemeforest", "Valmiera", "LV", T.GOVERNMENT, SMALL, RI),
    Org("Nemunas University", "nemunas", "Kaunas", "LT", EDU, STANDARD, RI),
    Org("Vilnius Biotechnology Centre", "vilniusbio", "Vilnius", "LT", T.FACILITY, SMALL, RI),
    Org("Mälaren Institute of Bioscience", "malarenbio", "Västerås", "SE", T.NONPROFIT, SMALL, RI),
    Org("Norrland University of Technology", "norrlandtech", "Luleå", "SE", EDU, STANDARD, RI),
    Org("Fjord Ocean Research Institute", "fjordocean", "Bergen", "NO", T.GOVERNMENT, STANDARD, RI),
    Org("Øresund Health Research Foundation", "oresundhealth", "Copenhagen", "DK",
        T.FUNDER, STANDARD, C.FUNDER, LAPSED),
    Org("Reykjanes Geoscience Centre", "reykjanesgeo", "Reykjavík", "IS", T.GOVERNMENT, SMALL, RI, LEFT),
)

# The consortium still onboarding: an agreement signed weeks ago and its first members on the way.
BRASIL = (
    Org("Instituto Nacional de Ciência Aberta", "incia", "Brasília", "BR",
        T.GOVERNMENT, STANDARD, C.GOVERNMENT, ONBOARDING),
    Org("Universidade Federal do Planalto Central", "ufpc", "Brasília", "BR", EDU, LARGE, RI, ONBOARDING),
    Org("Universidade Estadual do Litoral Norte", "uelin", "Fortaleza", "BR", EDU, STANDARD, RI, APPLYING),
    Org("Fundação de Amparo à Pesquisa do Cerrado", "fapcerrado", "Goiânia", "BR",
        T.FUNDER, STANDARD, C.FUNDER, APPLYING),
    Org("Instituto de Pesquisas da Amazônia Oriental", "ipao", "Belém", "BR",
        T.GOVERNMENT, STANDARD, RI, ENQUIRY),
    Org("Editora Científica Paulista", "editorapaulista", "São Paulo", "BR",
        T.COMPANY, SMALL, C.PUBLISHER, ENQUIRY, has_ror_id=False),
)
# fmt: on


def _names(text: str) -> list[str]:
    return [name.strip() for name in text.split(",")]


# Members whose contacts sign in themselves and change things ORCID must then review.
SELF_SERVICE_TIER_CHANGE = "Taranaki Institute of Technology"
SELF_SERVICE_MAIN_CONTACT_CHANGE = "Daugava University"

# Given names and family names by country, comma-separated.
NAMES = {
    "NZ": (
        _names(
            "Aroha, Mere, Tama, Wiremu, Hine, Rangi, Sarah, James, Olivia, Liam, Emma, Jack, "
            "Charlotte, Oliver, Amelia, Sione, Mele, Priya, Wei, Grace, Hemi, Ngaio, Kiri, Matiu, "
            "Anahera, Ruby, Finn, Isla, Talia, Manaia"
        ),
        _names(
            "Ngata, Tipene, Parata, Walker, Smith, Wilson, Brown, Taylor, Te Rangi, Kereama, Henare, "
            "Thompson, Anderson, Campbell, Tuilagi, Chen, Patel, Singh, Robertson, Stewart, "
            "Morrison, Harris, Clarke, Pōmare, Fa'asavalu, Nguyen, MacDonald, Rāwiri"
        ),
    ),
    "FI": (
        _names("Aino, Mikko, Juha, Laura, Satu, Antti, Elina, Ville, Hanna, Jussi"),
        _names("Virtanen, Korhonen, Mäkinen, Nieminen, Heikkinen, Laine, Koskinen, Järvinen"),
    ),
    "SE": (
        _names("Anna, Erik, Lars, Karin, Johan, Maria, Astrid, Nils"),
        _names("Lindqvist, Johansson, Andersson, Bergström, Nilsson, Åberg, Sjöberg"),
    ),
    "EE": (
        _names("Kadri, Mart, Liis, Tõnu, Kristjan, Piret, Andres, Triin"),
        _names("Tamm, Saar, Sepp, Kask, Mägi, Rebane, Ilves"),
    ),
    "LV": (
        _names("Ilze, Jānis, Kristaps, Līga, Andris, Inese, Māris, Dace"),
        _names("Bērziņš, Kalniņa, Ozols, Liepa, Krūmiņš, Zariņa, Vītols"),
    ),
    "LT": (
        _names("Rūta, Tomas, Jurgita, Mindaugas, Eglė, Darius, Aušra, Lukas"),
        _names("Kazlauskas, Petrauskienė, Jankauskas, Žukauskaitė, Stankevičius, Vasiliauskas"),
    ),
    "NO": (
        _names("Ingrid, Håkon, Sigrid, Ole, Kari, Bjørn, Silje, Eirik"),
        _names("Hansen, Bakken, Haugen, Solberg, Dahl, Strand, Lie"),
    ),
    "DK": (
        _names("Mette, Søren, Freja, Mads, Line, Rasmus, Ida, Anders"),
        _names("Jørgensen, Nielsen, Møller, Kristensen, Rasmussen, Holm"),
    ),
    "IS": (
        _names("Guðrún, Sigurður, Katrín, Jón, Helga, Ólafur"),
        _names("Jónsdóttir, Sigurðsson, Magnúsdóttir, Einarsson, Gunnarsdóttir"),
    ),
    "BR": (
        _names("Ana, João, Mariana, Pedro, Beatriz, Lucas, Camila, Rafael, Fernanda, Thiago, Luíza, Gustavo"),
        _names(
            "Silva, Santos, Oliveira, Souza, Pereira, Costa, Rodrigues, Almeida, Nascimento, "
            "Carvalho, Araújo, Gonçalves"
        ),
    ),
}
PHONE_PREFIXES = {
    "NZ": "+64",
    "FI": "+358",
    "SE": "+46",
    "EE": "+372",
    "LV": "+371",
    "LT": "+370",
    "NO": "+47",
    "DK": "+45",
    "IS": "+354",
    "BR": "+55",
}
JOB_TITLES = {
    Contact.Role.MAIN_RELATIONSHIP: [
        "Research Office Manager",
        "Scholarly Communications Librarian",
        "Research Systems Manager",
        "Library Director",
        "Open Research Coordinator",
    ],
    Contact.Role.VOTING: [
        "Director of Research",
        "Deputy Vice-Chancellor Research",
        "University Librarian",
        "Head of Research Services",
    ],
    Contact.Role.AGREEMENT_SIGNATORY: [
        "Chief Operating Officer",
        "Vice-Chancellor",
        "General Counsel",
        "Chief Executive",
    ],
    Contact.Role.TECHNICAL: [
        "Research Systems Developer",
        "Repository Manager",
        "Integration Engineer",
        "Identity and Access Lead",
    ],
    Contact.Role.INVOICE: ["Accounts Payable Officer", "Finance Administrator", "Procurement Advisor"],
}
_PLAIN_LETTERS = str.maketrans(
    {
        "ø": "o",
        "Ø": "O",
        "æ": "ae",
        "Æ": "AE",
        "ð": "d",
        "Ð": "D",
        "þ": "th",
        "Þ": "Th",
        "ß": "ss",
        "ł": "l",
        "Ł": "L",
    }
)


class DemoDataConflict(Exception):
    """The database holds some of the demo's users but not its consortia."""


def demo_data_exists() -> bool:
    return Consortium.objects.filter(slug__in=DEMO_CONSORTIUM_SLUGS).exists()


def seed_demo() -> list[DemoSignIn]:
    """Seed the demo (once) and return the sign-ins to print."""
    with transaction.atomic():
        if not demo_data_exists():
            taken = list(
                User.objects.filter(email__in=[s.email for s in SIGN_INS]).values_list("email", flat=True)
            )
            if taken:
                raise DemoDataConflict(
                    f"The database already has users {', '.join(sorted(taken))} but not the demo consortia; "
                    "seed the demo into a fresh database."
                )
            _DemoBuilder().build()
    return list(SIGN_INS)


def _ascii(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.translate(_PLAIN_LETTERS))
    return "".join(ch for ch in text if ch.isascii() and (ch.isalnum() or ch in ".-")).lower()


class _DemoBuilder:
    def __init__(self):
        self.rng = random.Random(20240917)
        self.today = timezone.localdate()
        self.password = make_password(DEMO_PASSWORD)  # hashed once: hashing is the slow part
        self.used_emails: set[str] = set()
        self.used_orcid_ids: set[str] = set()
        self.used_ror_ids: set[str] = set(
            Organization.objects.exclude(ror_id=None).values_list("ror_id", flat=True)
        )
        self.memberships: dict[str, Membership] = {}

    # --- identifiers and people --------------------------------------------------------------

    def ror_id(self) -> str:
        while True:
            body = "0" + "".join(self.rng.choice(CROCKFORD_ALPHABET) for _ in range(6))
            ror_id = body + ror_check_digits(body)
            if ror_id not in self.used_ror_ids:
                self.used_ror_ids.add(ror_id)
                return ror_id

    def orcid_id(self) -> str:
        while True:
            # The ranges ORCID issues from: 0000-0001-5000-0007 to 0000-0003-5000-0001, then 0009-….
            if self.rng.random() < 0.3:
                digits = "0009000" + f"{self.rng.randrange(10**8):08d}"
            else:
                digits = "0000000" + str(self.rng.randrange(15_000_000, 35_000_000))
            orcid_id = digits + orcid_check_character(digits)
            orcid_id = "-".join(orcid_id[i : i + 4] for i in range(0, 16, 4))
            if orcid_id not in self.used_orcid_ids and not Person.objects.filter(orcid_id=orcid_id).exists():
                self.used_orcid_ids.add(orcid_id)
                return orcid_id

    def person(self, country: str, domain: str, job_title: str, *, orcid_chance: float) -> PersonDetails:
        givens, families = NAMES[country]
        while True:
            given, family = self.rng.choice(givens), self.rng.choice(families)
            email = f"{_ascii(given)}.{_ascii(family)}@{domain}"
            if email not in self.used_emails and not Person.objects.filter(email=email).exists():
                break
        self.used_emails.add(email)
        phone = (
            f"{PHONE_PREFIXES[country]} {self.rng.randint(2, 9)} {self.rng.randint(100, 999)} "
            f"{self.rng.randint(1000, 9999)}"
        )
        return PersonDetails(
            given_names=given,
            family_name=family,
            email=email,
            orcid_id=self.orcid_id() if self.rng.random() < orcid_chance else None,
            phone=phone if self.rng.random() < 0.7 else "",
            job_title=job_title,
        )

    def verify_some(self, actor, person: Person, chance: float) -> None:
        """ORCID's public record was checked for most iDs; a few are still waiting."""
        if person.orcid_id and not person.orcid_verified_at and self.rng.random() < chance:
            services.record_orcid_verification(actor, person, person.full_name)

    # --- users ---------------------------------------------------------------------------------

    def user(self, email, role, first_name, last_name, *, can_sign_in=True, **scope) -> User:
        # Users have no service verb: accounts are created by the CLI, imports and ORCID sign-in.
        return User.objects.create(
            email=email,
            password=self.password if can_sign_in else make_password(None),
            role=role,
            first_name=first_name,
            last_name=last_name,
            **scope,
        )

    # --- the whole demo ----------------------------------------------------------------------

    def build(self) -> None:
        # Regions are ORCID's own and have no service verb; an existing one is reused.
        apac = Region.objects.get_or_create(slug="apac", defaults={"name": "Asia Pacific"})[0]
        emea = Region.objects.get_or_create(slug="emea", defaults={"name": "Europe, Middle East and Africa"})
        emea = emea[0]
        americas = Region.objects.get_or_create(slug="americas", defaults={"name": "Americas"})[0]
        self.orcid_admin = self.user(
            ORCID_ADMIN_EMAIL, Role.ORCID_ADMIN, "Sam", "Okafor", is_staff=True, is_superuser=True
        )
        self.user(REGIONAL_STAFF_EMAIL, Role.ORCID_REGIONAL, "Mei", "Tanaka", region=apac)

        aotearoa = self.consortium(
            AOTEAROA,
            actor=self.orcid_admin,
            slug=NATIONAL_SLUG,
            name="Aotearoa Research Identifiers Consortium",
            region=apac,
            currency="NZD",
            time_zone="Pacific/Auckland",
            status=Consortium.Status.ACTIVE,
            agreement_date=date(2016, 3, 1),
            implementation_approach=Consortium.ImplementationApproach.MIXED,
            funding="Member fees, with a government grant towards the national hub.",
            support_model=Consortium.SupportModel.DIRECT_HIRE,
            cost_recovery_model=Consortium.CostRecoveryModel.TIERED,
            governance_policy="A steering group of six member representatives, elected for two years, meets "
            "quarterly and sets the annual fee schedule.",
            support_email="orcid@rangahau.example",
            website="https://www.rangahau.example/orcid",
        )
        consortium_admin = self.user(
            CONSORTIUM_ADMIN_EMAIL, Role.CONSORTIUM_ADMIN, "Mere", "Tipene", consortium=aotearoa
        )
        consortium_staff = self.user(
            CONSORTIUM_STAFF_EMAIL, Role.CONSORTIUM_STAFF, "Liam", "Robertson", consortium=aotearoa
        )
        self.set_main_contact(aotearoa, consortium_admin, "Mere", "Tipene", "ORCID Consortium Lead")
        self.members(
            aotearoa, AOTEAROA, admin=consortium_admin, staff=consortium_staff, joined_from=date(2016, 4, 1)
        )

        nordic = self.consortium(
            NORDIC_BALTIC,
            actor=self.orcid_admin,
            slug=REGIONAL_SLUG,
            name="Nordic–Baltic Research Identifiers Consortium",
            region=emea,
            currency="EUR",
            time_zone="Europe/Helsinki",
            status=Consortium.Status.ACTIVE,
            agreement_date=date(2019, 9, 1),
            implementation_approach=Consortium.ImplementationApproach.DISTRIBUTED,
            funding="Annual lead-organization fee shared by the national research councils.",
            support_model=Consortium.SupportModel.SHARED_ROLE,
            cost_recovery_model=Consortium.CostRecoveryModel.LEAD_FEE,
            governance_policy="Each member country names one representative to the consortium board.",
            support_email="orcid@nric.example",
            website="https://www.nric.example/orcid",
        )
        nordic_admin = self.user(
            "aino.virtanen@nric.example",
            Role.CONSORTIUM_ADMIN,
            "Aino",
            "Virtanen",
            consortium=nordic,
            can_sign_in=False,
        )
        self.set_main_contact(nordic, nordic_admin, "Aino", "Virtanen", "Consortium Coordinator")
        self.members(
            nordic, NORDIC_BALTIC, admin=nordic_admin, staff=nordic_admin, joined_from=date(2019, 10, 1)
        )

        brasil = self.consortium(
            BRASIL,
            actor=self.orcid_admin,
            slug=ONBOARDING_SLUG,
            name="Consórcio Brasileiro de Identificadores de Pesquisa",
            region=americas,
            currency="BRL",
            time_zone="America/Sao_Paulo",
            status=Consortium.Status.ONBOARDING,
            agreement_date=self.today - timedelta(days=45),
            implementation_approach=Consortium.ImplementationApproach.CENTRAL_PLATFORM,
            funding="Federal grant for the first three years.",
            support_model=Consortium.SupportModel.ORCID_HIRED,
            cost_recovery_model=Consortium.CostRecoveryModel.EXTERNALLY_FUNDED,
            support_email="orcid@incia.example",
            website="https://www.incia.example/orcid",
        )
        brasil_admin = self.user(
            "mariana.costa@incia.example",
            Role.CONSORTIUM_ADMIN,
            "Mariana",
            "Costa",
            consortium=brasil,
            can_sign_in=False,
        )
        self.set_main_contact(brasil, brasil_admin, "Mariana", "Costa", "Coordenadora do Consórcio")
        self.members(
            brasil,
            BRASIL,
            admin=brasil_admin,
            staff=brasil_admin,
            joined_from=self.today - timedelta(days=40),
        )

        self.self_service()

    def consortium(self, orgs, *, actor, slug, name, region, currency, status, **profile) -> Consortium:
        lead = orgs[0]
        lead_organization = self.organization(actor, lead)
        return consortium_services.create_consortium(
            actor,
            slug=slug,
            name=name,
            region=region,
            lead_organization=lead_organization,
            country=lead.country,
            currency=currency,
            status=status,
            **profile,
        )

    def set_main_contact(
        self, consortium: Consortium, user: User, given: str, family: str, title: str
    ) -> None:
        person = services.find_or_create_person(
            self.orcid_admin,
            PersonDetails(
                given_names=given,
                family_name=family,
                email=user.email,
                orcid_id=self.orcid_id(),
                job_title=title,
            ),
        )
        services.record_orcid_verification(self.orcid_admin, person, person.full_name)
        # The consortium services leave the main contact alone: ORCID names it when the consortium starts.
        consortium.main_contact = person
        consortium.save(update_fields=["main_contact"])
        audit.record(
            self.orcid_admin,
            "consortium.updated",
            consortium,
            f"Updated {consortium.name}: main contact {person.full_name}",
            changes={"main_contact": [None, person.full_name]},
            consortium=consortium,
        )

    def organization(self, actor, org: Org) -> Organization:
        existing = Organization.objects.filter(name=org.name, country=org.country).first()
        if existing:
            return existing
        return services.create_organization(
            actor,
            name=org.name,
            ror_id=self.ror_id() if org.has_ror_id else None,
            country=org.country,
            city=org.city,
            organization_type=org.organization_type,
            tier=org.tier,
            community_type=org.community_type,
            website=f"https://www.{org.key}.example",
            billing_address=f"Accounts Payable\n{org.name}\nPO Box {self.rng.randint(100, 9999)}\n{org.city}",
        )

    def members(self, consortium: Consortium, orgs, *, admin: User, staff: User, joined_from: date) -> None:
        span = max((self.today - timedelta(days=60) - joined_from).days, 1)
        for org in orgs:
            organization = self.organization(admin, org)
            joined = (
                None
                if org.status in (ENQUIRY, APPLYING, ONBOARDING)
                else (joined_from + timedelta(days=self.rng.randrange(span)))
            )
            member_type = (
                Membership.MemberType.PREMIUM
                if org.tier == LARGE or self.rng.random() < 0.15
                else Membership.MemberType.BASIC
            )
            membership = services.add_membership(
                admin,
                consortium,
                organization,
                status=org.status if org.status in (ENQUIRY, APPLYING) else ONBOARDING,
                member_type=member_type,
                enquiry_date=(joined or self.today) - timedelta(days=self.rng.randint(20, 150)),
                request_note=f"{organization.name} signed the consortium's membership form.",
            )
            self.memberships[org.name] = membership
            if org.status == ENQUIRY:
                if self.rng.random() < 0.5:
                    self.contact(staff, membership, org, Contact.Role.MAIN_RELATIONSHIP, lead=True)
                continue
            if org.name == DEMO_MEMBER_ORGANIZATION:
                self.demo_member_contacts(staff, membership, org)
            else:
                main = self.contact(staff, membership, org, Contact.Role.MAIN_RELATIONSHIP, lead=True)
                if org.status == APPLYING:
                    continue
                self.other_contacts(staff, membership, org, main)
            if org.status == ONBOARDING:
                if consortium.status == Consortium.Status.ONBOARDING:
                    self.confirm(membership)
                continue
            services.update_membership(admin, membership, status=ACTIVE, joined_date=joined)
            self.confirm(membership)
            if org.status == LAPSED:
                ended = max(
                    self.today - timedelta(days=self.rng.randint(30, 200)), joined + timedelta(days=30)
                )
                services.end_membership(
                    admin,
                    membership,
                    status=LAPSED,
                    ended_date=ended,
                    reason="The annual invoice is unpaid; the member has been reminded twice.",
                )
            elif org.status == LEFT:
                services.end_membership(
                    admin,
                    membership,
                    status=LEFT,
                    ended_date=self.today - timedelta(days=self.rng.randint(10, 40)),
                    reason="Its programme closed; its researchers connect through their universities now.",
                )
                if consortium.slug != NATIONAL_SLUG:
                    # The national consortium's removal is still waiting for ORCID.
                    self.confirm(membership, kind=MembershipRequest.Kind.REMOVE)

    def contact(
        self,
        actor,
        membership: Membership,
        org: Org,
        role: str,
        *,
        lead: bool,
        job_title: str = "",
        orcid_chance: float | None = None,
    ) -> Contact:
        details = self.person(
            org.country,
            f"{org.key}.example",
            job_title or self.rng.choice(JOB_TITLES[role]),
            orcid_chance=(0.9 if lead else 0.5) if orcid_chance is None else orcid_chance,
        )
        contact = services.add_contact(actor, membership, details, role)
        self.verify_some(actor, contact.person, 0.92 if lead else 0.5)
        return contact

    def other_contacts(self, actor, membership: Membership, org: Org, main: Contact) -> None:
        if self.rng.random() < 0.35:
            # A small member: one person is both the main relationship and the voting contact.
            person = main.person
            services.add_contact(
                actor,
                membership,
                PersonDetails(
                    given_names=person.given_names, family_name=person.family_name, email=person.email
                ),
                Contact.Role.VOTING,
            )
        else:
            self.contact(actor, membership, org, Contact.Role.VOTING, lead=True)
        for role, chance in (
            (Contact.Role.AGREEMENT_SIGNATORY, 0.5),
            (Contact.Role.TECHNICAL, 0.5),
            (Contact.Role.INVOICE, 0.4),
        ):
            if self.rng.random() < chance:
                self.contact(actor, membership, org, role, lead=False)

    def demo_member_contacts(self, actor, membership: Membership, org: Org) -> None:
        """The demo member contact is the main relationship contact of their organization."""
        details = PersonDetails(
            given_names="Aroha",
            family_name="Ngata",
            email=MEMBER_CONTACT_EMAIL,
            orcid_id=self.orcid_id(),
            phone="+64 6 356 0199",
            job_title="Research Office Manager",
        )
        main = services.add_contact(actor, membership, details, Contact.Role.MAIN_RELATIONSHIP)
        services.record_orcid_verification(actor, main.person, main.person.full_name)
        self.member_user = self.user(
            MEMBER_CONTACT_EMAIL,
            Role.MEMBER_CONTACT,
            "Aroha",
            "Ngata",
            organization=membership.organization,
            person=main.person,
        )
        self.contact(
            actor,
            membership,
            org,
            Contact.Role.VOTING,
            lead=True,
            job_title="Deputy Vice-Chancellor Research",
            orcid_chance=1,
        )
        self.contact(
            actor,
            membership,
            org,
            Contact.Role.AGREEMENT_SIGNATORY,
            lead=False,
            job_title="Vice-Chancellor",
            orcid_chance=1,
        )
        self.contact(
            actor,
            membership,
            org,
            Contact.Role.TECHNICAL,
            lead=False,
            job_title="Research Systems Developer",
            orcid_chance=0,
        )

    def confirm(self, membership: Membership, kind: str = MembershipRequest.Kind.ADD) -> None:
        request = membership.requests.get(kind=kind, status=MembershipRequest.Status.PENDING)
        services.decide_request(self.orcid_admin, request, confirm=True)

    def other_member_user(self, membership: Membership, person: Person) -> User:
        """A member contact who signs in with ORCID (no password in the demo)."""
        return self.user(
            person.email,
            Role.MEMBER_CONTACT,
            person.given_names,
            person.family_name,
            can_sign_in=False,
            organization=membership.organization,
            person=person,
        )

    def self_service(self) -> None:
        """Changes members made themselves; ORCID's queue shows those it must review."""
        # The demo member updates its billing address (nothing for ORCID to do) and hands the vote
        # to a new colleague (ORCID must update its records).
        membership = self.memberships[DEMO_MEMBER_ORGANIZATION]
        organization = membership.organization
        services.update_organization(
            self.member_user,
            organization,
            membership=membership,
            billing_address=f"Finance Office\n{organization.name}\nPrivate Bag 11 222\nPalmerston North 4442",
        )
        org = _org(AOTEAROA, DEMO_MEMBER_ORGANIZATION)
        successor = self.person(
            org.country, f"{org.key}.example", "Pro Vice-Chancellor Research", orcid_chance=1
        )
        services.change_contact(
            self.member_user, membership.contacts.get(role=Contact.Role.VOTING), details=successor
        )

        # A polytechnic's budget grew past the small tier.
        membership = self.memberships[SELF_SERVICE_TIER_CHANGE]
        main = membership.contacts.select_related("person").get(role=Contact.Role.MAIN_RELATIONSHIP)
        member = self.other_member_user(membership, main.person)
        services.update_organization(member, membership.organization, membership=membership, tier=STANDARD)

        # A regional member's main relationship contact moved on; the voting contact names a successor.
        membership = self.memberships[SELF_SERVICE_MAIN_CONTACT_CHANGE]
        voting = membership.contacts.select_related("person").get(role=Contact.Role.VOTING)
        member = self.other_member_user(membership, voting.person)
        org = _org(NORDIC_BALTIC, SELF_SERVICE_MAIN_CONTACT_CHANGE)
        newcomer = self.person(org.country, f"{org.key}.example", "Open Science Coordinator", orcid_chance=1)
        services.change_contact(
            member, membership.contacts.get(role=Contact.Role.MAIN_RELATIONSHIP), details=newcomer
        )
        if not membership.contacts.filter(role=Contact.Role.TECHNICAL).exists():
            technical = self.person(
                org.country, f"{org.key}.example", "Research Data Engineer", orcid_chance=0.5
            )
            services.add_contact(member, membership, technical, Contact.Role.TECHNICAL)

        # An earlier renaming that ORCID has already acknowledged.
        membership = self.memberships["Kirikiriroa University"]
        main = membership.contacts.select_related("person").get(role=Contact.Role.MAIN_RELATIONSHIP)
        member = self.other_member_user(membership, main.person)
        services.update_organization(
            member, membership.organization, membership=membership, name="University of Kirikiriroa"
        )
        entry = (
            AuditEntry.objects.filter(membership=membership, needs_orcid_review=True).order_by("-pk").first()
        )
        services.acknowledge_change(self.orcid_admin, entry)


def _org(orgs, name: str) -> Org:
    return next(org for org in orgs if org.name == name)
