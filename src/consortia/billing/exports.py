"""The accounting export: a period's invoices and credit notes, their lines, and the payments
received, as CSV or XLSX.

- The period is inclusive at both ends. Invoices and their lines are those *issued* in it;
  payments are those *received* in it (against any invoice the user may see), which is what a
  ledger for the period needs. Paid, credited and balance are as of the export, not the period's end.
- CSV is one UTF-8 file (with a byte order mark, for Excel) in three sections, each a title row,
  a header row and its rows, separated by an empty row. XLSX has one sheet per section.
- Amounts are never floats on the way out: CSV writes each ``Decimal`` as text rounded to the
  currency's minor unit ("1725.00"). XLSX receives the same ``Decimal`` with a number format of
  the currency's places ("0.00"); openpyxl stores numbers as IEEE doubles in the file, as every
  spreadsheet does, which shows and sums to the cent at these magnitudes. An accountant who
  needs the exact text should take the CSV.
- Text a spreadsheet would run as a formula (= + - @ …) gets a leading ``'``, the directory
  export's way; numbers and dates are not text, so a negative credit-note amount stays a number.
"""

import csv
import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseBadRequest
from django.utils import timezone
from django.views.decorators.http import require_GET

from consortia.accounts import policy
from consortia.billing.models import Invoice, InvoiceLine, Payment
from consortia.directory.exports import EXPORT_FORMATS, spreadsheet_safe
from consortia.lib.money import minor_units, round_money
from consortia.web import consortium_page


@dataclass(frozen=True)
class Amount:
    """A money cell: the Decimal and the currency it is rounded and formatted in."""

    value: Decimal
    currency: str

    @property
    def rounded(self) -> Decimal:
        return round_money(Decimal(self.value), self.currency)

    @property
    def number_format(self) -> str:
        places = minor_units(self.currency)
        return "0." + "0" * places if places else "0"


INVOICE_COLUMNS = (
    "reference", "kind", "member", "issued_on", "due_on", "currency",
    "subtotal", "tax", "total", "paid", "credited", "balance", "state",
)  # fmt: skip
LINE_COLUMNS = (
    "invoice", "position", "description", "quantity", "unit_price", "currency",
    "tax_rate", "net", "tax", "total",
)  # fmt: skip
PAYMENT_COLUMNS = (
    "invoice", "member", "received_on", "currency", "amount", "applied", "unapplied", "method",
    "reference",
)  # fmt: skip


@dataclass
class Section:
    title: str
    columns: tuple[str, ...]
    rows: list[list]


def _invoices_in_period(queryset, date_from: date | None, date_to: date | None):
    if date_from:
        queryset = queryset.filter(issued_on__gte=date_from)
    if date_to:
        queryset = queryset.filter(issued_on__lte=date_to)
    return queryset


def export_sections(queryset, date_from: date | None, date_to: date | None, today: date) -> list[Section]:
    """The three sections as rows of Python values: three queries whatever the size."""
    invoices = list(
        _invoices_in_period(queryset, date_from, date_to).order_by("consortium_id", "year", "number")
    )
    invoice_rows = [
        [
            spreadsheet_safe(invoice.reference),
            invoice.kind,
            spreadsheet_safe(invoice.bill_to_name),
            invoice.issued_on,
            invoice.due_on,
            invoice.currency,
            Amount(invoice.subtotal, invoice.currency),
            Amount(invoice.tax_total, invoice.currency),
            Amount(invoice.total, invoice.currency),
            Amount(invoice.amount_paid, invoice.currency),
            Amount(invoice.amount_credited, invoice.currency),
            Amount(invoice.balance, invoice.currency),
            invoice.state(today),
        ]
        for invoice in invoices
    ]
    lines = (
        InvoiceLine.objects.filter(invoice__in=_invoices_in_period(queryset, date_from, date_to))
        .select_related("invoice")
        .order_by("invoice__consortium_id", "invoice__year", "invoice__number", "position")
    )
    line_rows = [
        [
            spreadsheet_safe(line.invoice.reference),
            line.position,
            spreadsheet_safe(line.description),
            Decimal(line.quantity).normalize(),
            Amount(line.unit_price, line.invoice.currency),
            line.invoice.currency,
            Decimal(line.tax_rate).normalize(),
            Amount(line.net, line.invoice.currency),
            Amount(line.tax, line.invoice.currency),
            Amount(line.total, line.invoice.currency),
        ]
        for line in lines
    ]
    payments = Payment.objects.filter(invoice__in=queryset)
    if date_from:
        payments = payments.filter(received_on__gte=date_from)
    if date_to:
        payments = payments.filter(received_on__lte=date_to)
    payment_rows = [
        [
            spreadsheet_safe(payment.invoice.reference),
            spreadsheet_safe(payment.invoice.bill_to_name),
            payment.received_on,
            payment.currency,
            Amount(payment.amount, payment.currency),
            Amount(payment.applied, payment.currency),
            Amount(payment.unapplied, payment.currency),
            spreadsheet_safe(payment.method),
            spreadsheet_safe(payment.reference),
        ]
        for payment in payments.select_related("invoice").order_by("received_on", "pk")
    ]
    return [
        Section("Invoices", INVOICE_COLUMNS, invoice_rows),
        Section("Lines", LINE_COLUMNS, line_rows),
        Section("Payments", PAYMENT_COLUMNS, payment_rows),
    ]


def _csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, Amount):
        return str(value.rounded)
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, date):
        return value.isoformat()
    return value


def _csv(sections: list[Section]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for index, section in enumerate(sections):
        if index:
            writer.writerow([])
        writer.writerow([section.title])
        writer.writerow(section.columns)
        for row in section.rows:
            writer.writerow([_csv_cell(cell) for cell in row])
    return buffer.getvalue().encode("utf-8-sig")


def _xlsx(sections: list[Section]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    for section in sections:
        sheet = workbook.create_sheet(section.title)
        sheet.append(list(section.columns))
        for row in section.rows:
            cells = []
            for value in row:
                if isinstance(value, Amount):
                    cell = WriteOnlyCell(sheet, value=value.rounded)
                    cell.number_format = value.number_format
                elif isinstance(value, date):
                    cell = WriteOnlyCell(sheet, value=value)
                    cell.number_format = "yyyy-mm-dd"
                else:
                    cell = value if value != "" else None
                cells.append(cell)
            sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_invoices(
    queryset, fmt: str, date_from: date | None, date_to: date | None, *, today: date | None = None
) -> bytes:
    """The export file as bytes; ``fmt`` is "csv" or "xlsx". ``queryset`` is the invoices the
    user may see (already scoped); the period filters it."""
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"Unknown export format {fmt!r}: use csv or xlsx.")
    if date_from and date_to and date_from > date_to:
        raise ValueError("The period starts after it ends.")
    sections = export_sections(queryset, date_from, date_to, today or timezone.localdate())
    return _csv(sections) if fmt == "csv" else _xlsx(sections)


def _parse_date(text: str, name: str) -> date | None:
    text = (text or "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"“{text}” is not a date for {name}: use YYYY-MM-DD.") from None


def export_filename(slug: str, fmt: str, date_from: date | None, date_to: date | None) -> str:
    period = "-".join(d.isoformat() for d in (date_from, date_to) if d) or "all"
    return f"{slug}-invoices-{period}.{fmt}"


@login_required
@require_GET
def invoice_export(request, slug):
    """``?format=csv|xlsx&from=YYYY-MM-DD&to=YYYY-MM-DD``: a consortium's team in scope (and
    ORCID); member contacts and other tenants get 404, a bad format or date 400."""
    consortium = consortium_page(request.user, slug)
    policy.require(policy.can_view_billing(request.user, consortium), "You may not export these invoices.")
    fmt = request.GET.get("format", "csv")
    if fmt not in EXPORT_FORMATS:
        return HttpResponseBadRequest("Exports are format=csv or format=xlsx.", content_type="text/plain")
    try:
        date_from = _parse_date(request.GET.get("from"), "from")
        date_to = _parse_date(request.GET.get("to"), "to")
        invoices = policy.invoices_scope(request.user, Invoice.objects.filter(consortium=consortium))
        content = export_invoices(invoices, fmt, date_from, date_to)
    except ValueError as refusal:
        return HttpResponseBadRequest(str(refusal), content_type="text/plain; charset=utf-8")
    response = HttpResponse(content, content_type=EXPORT_FORMATS[fmt])
    response["Content-Disposition"] = (
        f'attachment; filename="{export_filename(consortium.slug, fmt, date_from, date_to)}"'
    )
    return response
