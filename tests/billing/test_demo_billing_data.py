"""The billing demo: Aotearoa on a flat NZD fee beside the USD member fee, Nordic–Baltic tiered
with a shared lead-organization fee in EUR, Brasil externally funded; issued runs, payments (one
partial, one over-payment), a credit note, overdue invoices and ORCID statements, one paid. It
writes through the services and does nothing the second time."""

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from consortia.accounts.models import User
from consortia.audit.models import AuditEntry
from consortia.billing import demo as billing_demo
from consortia.billing.models import (
    BillingRun,
    FeeAdjustment,
    FeeSchedule,
    Invoice,
    InvoiceLine,
    InvoiceSequence,
    Payment,
    RemittancePayment,
)
from consortia.billing.statements import remittance_statement
from consortia.directory import demo
from consortia.directory.models import (
    Consortium,
    Contact,
    Membership,
    MembershipRequest,
    Organization,
    Person,
    Region,
)
from consortia.support.models import Calendar, Desk

FAST_HASHER = "django.contrib.auth.hashers.MD5PasswordHasher"
BILLING_MODELS = (
    Payment,
    RemittancePayment,
    InvoiceLine,
    Invoice,
    BillingRun,
    FeeAdjustment,
    InvoiceSequence,
    FeeSchedule,
)
DEMO_MODELS = (
    Desk,  # each demo consortium's and region's support desk (support's signals); before their owners
    Calendar,
    AuditEntry,
    MembershipRequest,
    Contact,
    User,
    Membership,
    Consortium,
    Person,
    Organization,
    Region,
)


@pytest.fixture(scope="class")
def seeded(django_db_setup, django_db_blocker):
    """Seeding takes a few seconds, so the tests that only read the demo share one seeding."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=[FAST_HASHER]):
        before = {model: set(model.objects.values_list("pk", flat=True)) for model in DEMO_MODELS}
        demo.seed_demo()
        billing_demo.seed_billing_demo()
    yield
    with django_db_blocker.unblock(), transaction.atomic():
        Invoice.objects.filter(kind=Invoice.Kind.CREDIT_NOTE).delete()
        for model in BILLING_MODELS:
            model.objects.all().delete()
        for model in DEMO_MODELS:
            model.objects.exclude(pk__in=before[model]).delete()


@pytest.fixture
def consortia(seeded, db):
    return {c.slug: c for c in Consortium.objects.filter(slug__in=demo.DEMO_CONSORTIUM_SLUGS)}


def schedule_of(consortium) -> FeeSchedule:
    return FeeSchedule.objects.get(consortium=consortium, year=timezone.localdate().year)


def states(consortium) -> set[str]:
    today = timezone.localdate()
    return {invoice.state(today) for invoice in Invoice.objects.filter(consortium=consortium)}


class TestTheBillingDemo:
    def test_each_consortium_has_this_years_schedule_in_its_own_model_and_currencies(self, consortia):
        schedules = {slug: schedule_of(c) for slug, c in consortia.items()}

        aotearoa, nordic, brasil = (
            schedules[demo.NATIONAL_SLUG],
            schedules[demo.REGIONAL_SLUG],
            schedules[demo.ONBOARDING_SLUG],
        )
        models = lambda s: (s.local_model, s.local_currency, s.orcid_currency)  # noqa: E731
        assert models(aotearoa) == ("flat", "NZD", "USD")
        assert models(nordic) == ("combined", "EUR", "USD")
        assert nordic.lead_organization_fee > 0 and nordic.local_bands.count() == 3
        assert brasil.local_model == "funded"
        for schedule in schedules.values():
            assert schedule.runs.exists()

    def test_aotearoa_invoices_in_nzd_and_usd_with_a_partial_and_an_over_payment(self, consortia):
        aotearoa = consortia[demo.NATIONAL_SLUG]
        invoices = Invoice.objects.filter(consortium=aotearoa, kind=Invoice.Kind.INVOICE)

        assert set(invoices.values_list("currency", flat=True)) == {"NZD", "USD"}
        manawatu = invoices.get(membership__organization__name=demo.DEMO_MEMBER_ORGANIZATION, currency="USD")
        assert manawatu.state(timezone.localdate()) == "overdue"
        assert 0 < manawatu.amount_paid < manawatu.total
        over = Payment.objects.get(
            currency="NZD", membership__organization__name=billing_demo.AOTEAROA_OVERPAID
        )
        assert over.unapplied > 0 and over.applied + over.unapplied == over.amount
        assert {"paid", "overdue", "void"} <= states(aotearoa)

    def test_aotearoa_has_a_credit_note_a_discount_and_a_waiver(self, consortia):
        aotearoa = consortia[demo.NATIONAL_SLUG]

        (note,) = Invoice.objects.filter(consortium=aotearoa, kind=Invoice.Kind.CREDIT_NOTE)
        assert note.credit_for.status == Invoice.Status.VOID and note.credit_for.balance == 0
        assert InvoiceLine.objects.filter(
            invoice__consortium=aotearoa, description__startswith="Discount 50%"
        ).exists()
        waived = Invoice.objects.filter(membership__organization__name=billing_demo.AOTEAROA_WAIVED)
        assert list(waived.values_list("currency", flat=True)) == ["USD"]

    def test_nordic_baltic_bills_a_tier_fee_and_a_share_in_eur_and_has_overdue_invoices(self, consortia):
        nordic = consortia[demo.REGIONAL_SLUG]
        eur = Invoice.objects.filter(consortium=nordic, currency="EUR")

        lines = InvoiceLine.objects.filter(invoice__in=eur)
        assert lines.filter(description__contains="tier").exists()
        assert lines.filter(description__startswith="Share of the").exists()
        assert sum(lines.filter(description__startswith="Share of the").values_list("net", flat=True)) == (
            schedule_of(nordic).lead_organization_fee
        )
        assert {"paid", "overdue"} <= states(nordic)
        assert eur.get(membership__organization__name=billing_demo.NORDIC_PARTLY_PAID).amount_paid > 0

    def test_brasil_is_billed_only_the_member_fee_and_one_member_has_paid(self, consortia):
        brasil = consortia[demo.ONBOARDING_SLUG]
        invoices = Invoice.objects.filter(consortium=brasil)

        assert set(invoices.values_list("currency", flat=True)) == {"USD"}
        assert invoices.count() == Membership.objects.filter(consortium=brasil, status="onboarding").count()
        assert [i.state() for i in invoices].count("paid") == 1

    def test_orcid_statements_aotearoa_paid_nordic_late_brasil_not_yet_due(self, consortia):
        today = timezone.localdate()
        statements = {slug: remittance_statement(schedule_of(c)) for slug, c in consortia.items()}

        assert statements[demo.NATIONAL_SLUG].is_paid
        assert not statements[demo.REGIONAL_SLUG].is_paid
        assert statements[demo.REGIONAL_SLUG].is_late(today)
        assert not statements[demo.ONBOARDING_SLUG].is_late(today)
        assert all(s.currency == "USD" and s.problems == [] for s in statements.values())

    def test_every_demo_invoice_adds_up_and_no_payment_is_dated_before_its_invoice(self, consortia):
        for invoice in Invoice.objects.prefetch_related("lines", "payments"):
            lines = list(invoice.lines.all())
            assert invoice.total == sum(line.total for line in lines) == invoice.subtotal + invoice.tax_total
            assert invoice.amount_paid == sum(p.applied for p in invoice.payments.all())
            assert all(p.received_on >= invoice.issued_on for p in invoice.payments.all())

    def test_seeding_again_changes_nothing(self, consortia):
        counts = {model.__name__: model.objects.count() for model in BILLING_MODELS}

        billing_demo.seed_billing_demo()

        assert {model.__name__: model.objects.count() for model in BILLING_MODELS} == counts


def test_without_the_directory_demo_it_does_nothing(db):
    billing_demo.seed_billing_demo()

    assert not FeeSchedule.objects.exists()
