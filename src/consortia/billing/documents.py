"""An invoice as a document: its PDF, the e-mail that carries it, and the PDF download page.

The PDF is rendered by WeasyPrint from ``billing/invoice_pdf.html`` with the snapshots the
invoice was issued with (seller and bill-to), never the organizations' current details: a
document re-rendered years later must say what the issued one said. Fonts come from the
system (DejaVu Sans); rendering never fetches anything from the network.
"""

import logging
from dataclasses import dataclass
from decimal import Decimal
from email.utils import formataddr, make_msgid
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_GET

from consortia.accounts import policy
from consortia.audit import services as audit
from consortia.billing.models import Invoice
from consortia.lib.money import minor_units, round_money

logger = logging.getLogger(__name__)

PDF_TEMPLATE = "billing/invoice_pdf.html"
EMAIL_TEMPLATE = "billing/email/invoice.txt"


# --- figures as the documents print them ------------------------------------------------------


def money_text(amount, currency: str) -> str:
    """``1,725.00``: rounded to the currency's minor unit, with thousands separators."""
    places = minor_units(currency)
    return f"{round_money(Decimal(amount), currency):,.{places}f}"


def quantity_text(quantity: Decimal) -> str:
    """1.0000 prints as 1, 0.2500 as 0.25."""
    text = f"{Decimal(quantity).normalize():f}"
    return text


def rate_text(rate: Decimal) -> str:
    return f"{Decimal(rate).normalize():f}%"


@dataclass(frozen=True)
class PrintedLine:
    description: str
    quantity: str
    unit_price: str
    tax_rate: str
    net: str
    tax: str
    total: str


def tax_label(invoice: Invoice) -> str:
    """The schedule's label (GST, VAT…). A schedule with issued invoices can no longer change,
    so reading it from the schedule gives what the invoice was issued with."""
    return invoice.schedule.tax_label or "Tax"


def invoice_filename(invoice: Invoice) -> str:
    return f"{invoice.reference}.pdf"


def document_title(invoice: Invoice) -> str:
    return "Credit note" if invoice.kind == Invoice.Kind.CREDIT_NOTE else "Invoice"


def invoice_context(invoice: Invoice) -> dict:
    currency = invoice.currency
    lines = [
        PrintedLine(
            description=line.description,
            quantity=quantity_text(line.quantity),
            unit_price=money_text(line.unit_price, currency),
            tax_rate=rate_text(line.tax_rate),
            net=money_text(line.net, currency),
            tax=money_text(line.tax, currency),
            total=money_text(line.total, currency),
        )
        for line in invoice.lines.all()
    ]
    is_credit_note = invoice.kind == Invoice.Kind.CREDIT_NOTE
    return {
        "invoice": invoice,
        "title": document_title(invoice),
        "is_credit_note": is_credit_note,
        "credited_reference": invoice.credit_for.reference if is_credit_note and invoice.credit_for else "",
        "lines": lines,
        "currency": currency,
        "subtotal": money_text(invoice.subtotal, currency),
        "tax_total": money_text(invoice.tax_total, currency),
        "total": money_text(invoice.total, currency),
        "tax_label": tax_label(invoice),
        "payment_terms_days": invoice.schedule.payment_terms_days,
    }


def invoice_html(invoice: Invoice) -> str:
    """The HTML the PDF is made from (tests read it: the PDF's text is compressed)."""
    return render_to_string(PDF_TEMPLATE, invoice_context(invoice))


def invoice_pdf(invoice: Invoice) -> bytes:
    """The invoice or credit note as a PDF document."""
    # Imported here: WeasyPrint loads Pango through cffi, which the rest of the app never needs.
    from weasyprint import HTML

    return HTML(string=invoice_html(invoice), base_url=None).write_pdf()


def _invoice_for_document(queryset):
    return queryset.select_related("schedule", "consortium", "credit_for").prefetch_related("lines")


# --- the PDF download -------------------------------------------------------------------------


@login_required
@require_GET
def invoice_pdf_download(request, pk):
    """The PDF of an invoice: its consortium's team (and ORCID) in scope, and the member contact
    of the invoiced organization; anyone else gets 404."""
    visible = policy.invoices_scope(request.user, Invoice.objects.all())
    invoice = get_object_or_404(_invoice_for_document(visible), pk=pk)
    response = HttpResponse(invoice_pdf(invoice), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{invoice_filename(invoice)}"'
    return response


# --- the e-mail -------------------------------------------------------------------------------


def compose_invoice_email(invoice: Invoice, pdf: bytes) -> EmailMessage:
    """The invoice as an RFC 5322 message to its invoice contact, with the PDF attached."""
    title = document_title(invoice)
    context = {
        **invoice_context(invoice),
        "balance": money_text(invoice.balance, invoice.currency),
        "base_url": settings.CONSORTIA_BASE_URL.rstrip("/"),
    }
    domain = urlsplit(settings.CONSORTIA_BASE_URL).hostname or "localhost"
    support = invoice.consortium.support_email
    message = EmailMessage(
        subject=f"{title} {invoice.reference} from {invoice.seller_name}",
        body=render_to_string(EMAIL_TEMPLATE, context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[formataddr((invoice.bill_to_contact, invoice.bill_to_email))],
        reply_to=[support] if support else None,
        headers={"Message-ID": make_msgid(f"invoice-{invoice.reference}", domain=domain)},
    )
    message.attach(invoice_filename(invoice), pdf, "application/pdf")
    return message


def _refuse_unsendable(invoice: Invoice) -> None:
    if invoice.status == Invoice.Status.DRAFT:
        raise ValidationError(f"{invoice.reference} is a draft; only issued documents are sent.")
    if not invoice.bill_to_email:
        raise ValidationError(
            f"{invoice.reference} has no invoice e-mail address: {invoice.bill_to_name} had no invoice "
            "contact (or main relationship contact) with an e-mail when it was issued. Download the PDF "
            "and send it yourself."
        )


def deliver_invoice(invoice: Invoice, *, actor=None) -> Invoice:
    """Send the invoice's e-mail and mark it sent. No policy check: callers decide who may send
    (``send_invoice`` for a person, the run's task for what a permitted person issued)."""
    invoice = _invoice_for_document(Invoice.objects).get(pk=invoice.pk)
    _refuse_unsendable(invoice)
    message = compose_invoice_email(invoice, invoice_pdf(invoice))
    message.send()
    # Sent is sent: mark it even if the audit write below were to fail.
    invoice.emailed_at = timezone.now()
    invoice.save(update_fields=["emailed_at"])
    with transaction.atomic():
        audit.record(
            actor,
            "billing.invoice_emailed",
            invoice,
            f"E-mailed {invoice.reference} to {invoice.bill_to_email}",
            consortium=invoice.consortium,
            membership=invoice.membership,
        )
    logger.info("E-mailed %s to %s", invoice.reference, invoice.bill_to_email)
    return invoice


def send_invoice(actor, invoice: Invoice) -> Invoice:
    """E-mail an invoice (or credit note) with its PDF to its invoice contact; sets ``emailed_at``.
    Sending again is allowed: it is how a lost e-mail is resent."""
    if not policy.can_manage_billing(actor, invoice.consortium):
        raise PermissionDenied("Only the consortium admin or ORCID send invoices.")
    return deliver_invoice(invoice, actor=actor)
