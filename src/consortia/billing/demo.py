"""Demo data for billing: one story per demo consortium, for this year.

* Aotearoa charges a flat consortium fee in NZD (with 15 % GST) beside ORCID's member fee in USD.
  Its annual run went out about a hundred days ago: most members have paid, Manawatū University
  (the demo member) has paid part of its member fee, Ōtepoti University paid its consortium fee
  twice over (kept as credit), one small member has a discount and one a waiver, one invoice was
  credited, and the rest are overdue. Aotearoa has paid ORCID its statement for the year.
* Nordic–Baltic charges a fee by organization tier plus a share of the lead organization's
  annual fee, in EUR, beside the member fee in USD. Its run went out about five months ago; half
  its members have paid, and the others are well overdue. It has not paid ORCID yet (late).
* Brasil is externally funded: no local fee, so its onboarding members get only the member fee
  in USD, issued today; one has paid. Its first fees to ORCID are due 60 days after signing.

``seed_billing_demo()`` runs after ``directory.demo.seed_demo()`` and writes through
``billing.services`` as the demo users (each consortium's admin; ORCID records the remittance).
It runs in one transaction and does nothing if the directory demo is missing or the billing demo
is already there. The services stamp invoices with today's date, so the runs that are meant to
have gone out months ago are backdated afterwards with a queryset ``.update()`` of ``issued_on``
and ``due_on`` (a queryset update skips ``Invoice.save``, whose guard keeps issued invoices from
being edited: this is demo history, not a correction). Payments are then recorded through the
service with dates after the backdated issue dates.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from consortia.accounts.models import Role, User
from consortia.billing import services
from consortia.billing.models import FeeSchedule, Invoice
from consortia.billing.statements import remittance_statement
from consortia.directory.demo import (
    CONSORTIUM_ADMIN_EMAIL,
    DEMO_CONSORTIUM_SLUGS,
    DEMO_MEMBER_ORGANIZATION,
    NATIONAL_SLUG,
    ONBOARDING_SLUG,
    ORCID_ADMIN_EMAIL,
    REGIONAL_SLUG,
)
from consortia.directory.models import Consortium, Membership, Organization
from consortia.lib.dates import today_in
from consortia.lib.money import round_money

BASIC, PREMIUM = Membership.MemberType.BASIC, Membership.MemberType.PREMIUM
SMALL, STANDARD, LARGE = Organization.Tier.SMALL, Organization.Tier.STANDARD, Organization.Tier.LARGE

# ORCID's member fees (USD) and consortium lead fee, the same for every demo consortium.
MEMBER_RATES = [(BASIC, "", "1100.00"), (PREMIUM, "", "2200.00")]
CONSORTIUM_LEAD_FEE = "2500.00"

# How long ago the two established consortia issued their annual runs.
AOTEAROA_ISSUED_DAYS_AGO = 100
NORDIC_ISSUED_DAYS_AGO = 150

# Who pays what (organization names from directory.demo).
AOTEAROA_UNPAID = (
    "Taranaki Institute of Technology",
    "Bay of Plenty Polytechnic",
    "Aotearoa Journals Trust",
    "Pacific Islands Health Research Centre",
    "Aotearoa Volcanology Observatory",
)
AOTEAROA_DISCOUNTED = "Te Tai Tokerau Polytechnic"
AOTEAROA_WAIVED = "Kete Digital Repository"
AOTEAROA_OVERPAID = "Ōtepoti University"
AOTEAROA_CREDITED = "Pacific Science Society of New Zealand"
NORDIC_PAID = (
    "Nordic Research Infrastructure Council",
    "Saimaa University of Technology",
    "Emajõe University",
    "Daugava University",
    "Nemunas University",
    "Norrland University of Technology",
)
NORDIC_PARTLY_PAID = "Ostrobothnia University"
BRASIL_PAID = "Universidade Federal do Planalto Central"


def billing_demo_exists(consortia) -> bool:
    return FeeSchedule.objects.filter(consortium__in=consortia).exists()


def seed_billing_demo() -> None:
    """Seed the billing demo once, on top of the directory demo."""
    with transaction.atomic():
        consortia = {c.slug: c for c in Consortium.objects.filter(slug__in=DEMO_CONSORTIUM_SLUGS)}
        if len(consortia) != len(DEMO_CONSORTIUM_SLUGS) or billing_demo_exists(consortia.values()):
            return
        _BillingDemo(consortia).build()


class _BillingDemo:
    def __init__(self, consortia: dict[str, Consortium]):
        self.today = timezone.localdate()
        self.year = self.today.year
        self.aotearoa = consortia[NATIONAL_SLUG]
        self.nordic = consortia[REGIONAL_SLUG]
        self.brasil = consortia[ONBOARDING_SLUG]
        users = User.objects.all()
        self.orcid_admin = users.get(email=ORCID_ADMIN_EMAIL)
        self.aotearoa_admin = users.get(email=CONSORTIUM_ADMIN_EMAIL)
        admins = users.filter(role=Role.CONSORTIUM_ADMIN).order_by("pk")
        self.nordic_admin = admins.filter(consortium=self.nordic).first() or self.orcid_admin
        self.brasil_admin = admins.filter(consortium=self.brasil).first() or self.orcid_admin

    def build(self) -> None:
        self.flat_fee_aotearoa()
        self.tiered_nordic()
        self.funded_brasil()

    # --- helpers ------------------------------------------------------------------------------

    def membership(self, consortium: Consortium, name: str) -> Membership:
        return Membership.objects.get(consortium=consortium, organization__name=name)

    def invoices(self, schedule: FeeSchedule, currency: str | None = None):
        invoices = Invoice.objects.filter(schedule=schedule, kind=Invoice.Kind.INVOICE).select_related(
            "membership__organization"
        )
        if currency:
            invoices = invoices.filter(currency=currency)
        return invoices.order_by("number")

    def backdate(self, schedule: FeeSchedule, days_ago: int) -> date:
        """Move the run's invoices to ``days_ago`` (see the module's docstring: demo history)."""
        issued_on = self.today - timedelta(days=days_ago)
        Invoice.objects.filter(schedule=schedule).update(
            issued_on=issued_on, due_on=issued_on + timedelta(days=schedule.payment_terms_days)
        )
        return issued_on

    def pay(self, actor, invoice: Invoice, on: date, amount: Decimal | None = None, reference: str = ""):
        services.record_payment(
            actor,
            invoice,
            amount=invoice.balance if amount is None else amount,
            received_on=min(on, today_in(invoice.consortium.time_zone)),
            method="Bank transfer",
            reference=reference or f"Remittance {invoice.reference}",
        )

    # --- the stories --------------------------------------------------------------------------

    def flat_fee_aotearoa(self) -> None:
        admin = self.aotearoa_admin
        schedule = services.save_fee_schedule(
            admin,
            self.aotearoa,
            self.year,
            member_rates=MEMBER_RATES,
            orcid_currency="USD",
            consortium_lead_fee=CONSORTIUM_LEAD_FEE,
            local_currency="NZD",
            local_model=FeeSchedule.LocalModel.FLAT,
            local_flat_fee="750.00",
            proration=FeeSchedule.Proration.MONTHLY,
            payment_terms_days=30,
            tax_rate="15",
            tax_label="GST",
        )
        services.set_fee_adjustment(
            admin,
            schedule,
            self.membership(self.aotearoa, AOTEAROA_DISCOUNTED),
            kind="discount",
            percent="50",
            applies_to="local_fee",
            reason="Small polytechnic: half the consortium fee, as agreed by the board",
        )
        services.set_fee_adjustment(
            admin,
            schedule,
            self.membership(self.aotearoa, AOTEAROA_WAIVED),
            kind="waiver",
            applies_to="local_fee",
            reason="Community repository: consortium fee waived for the year",
        )
        services.issue_run(admin, schedule)
        issued_on = self.backdate(schedule, AOTEAROA_ISSUED_DAYS_AGO)

        credited = self.invoices(schedule, "NZD").get(membership__organization__name=AOTEAROA_CREDITED)
        services.issue_credit_note(
            admin, credited, reason="Consortium fee covered by the Research Libraries Network's agreement"
        )
        for offset, invoice in enumerate(self.invoices(schedule).exclude(status=Invoice.Status.VOID)):
            organization = invoice.membership.organization.name
            paid_on = issued_on + timedelta(days=7 + offset % 40)
            if organization in AOTEAROA_UNPAID:
                continue
            if organization == DEMO_MEMBER_ORGANIZATION and invoice.currency == "USD":
                self.pay(admin, invoice, paid_on, amount=round_money(invoice.total / 2, "USD"))
            elif organization == AOTEAROA_OVERPAID and invoice.currency == "NZD":
                self.pay(admin, invoice, paid_on, amount=invoice.total * 2, reference="Paid twice by mistake")
            else:
                self.pay(admin, invoice, paid_on)

        statement = remittance_statement(schedule)
        services.record_remittance(
            self.orcid_admin,
            self.aotearoa,
            self.year,
            amount=statement.total,
            currency=statement.currency,
            paid_on=issued_on + timedelta(days=45),
            reference=f"ORCID statement {self.year}",
        )

    def tiered_nordic(self) -> None:
        admin = self.nordic_admin
        schedule = services.save_fee_schedule(
            admin,
            self.nordic,
            self.year,
            member_rates=MEMBER_RATES,
            local_bands=[(SMALL, "400.00"), (STANDARD, "800.00"), (LARGE, "1200.00")],
            orcid_currency="USD",
            consortium_lead_fee=CONSORTIUM_LEAD_FEE,
            local_currency="EUR",
            local_model=FeeSchedule.LocalModel.COMBINED,
            lead_organization_fee="6000.00",
            proration=FeeSchedule.Proration.NONE,
            payment_terms_days=45,
        )
        services.issue_run(admin, schedule)
        issued_on = self.backdate(schedule, NORDIC_ISSUED_DAYS_AGO)
        for offset, invoice in enumerate(self.invoices(schedule)):
            organization = invoice.membership.organization.name
            paid_on = issued_on + timedelta(days=20 + offset)
            if organization in NORDIC_PAID:
                self.pay(admin, invoice, paid_on)
            elif organization == NORDIC_PARTLY_PAID and invoice.currency == "EUR":
                self.pay(admin, invoice, paid_on, amount=Decimal("500.00"))

    def funded_brasil(self) -> None:
        admin = self.brasil_admin
        schedule = services.save_fee_schedule(
            admin,
            self.brasil,
            self.year,
            member_rates=MEMBER_RATES,
            orcid_currency="USD",
            consortium_lead_fee=CONSORTIUM_LEAD_FEE,
            local_currency="BRL",
            local_model=FeeSchedule.LocalModel.FUNDED,
            proration=FeeSchedule.Proration.MONTHLY,
            payment_terms_days=30,
        )
        services.issue_run(admin, schedule)
        paid = self.invoices(schedule).get(membership__organization__name=BRASIL_PAID)
        self.pay(admin, paid, today_in(self.brasil.time_zone))
