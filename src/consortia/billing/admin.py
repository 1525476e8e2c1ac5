"""Django admin for billing. Fee schedules are edited with their rates, bands and adjustments;
invoices, their lines, payments, runs and remittances are read-only here: an issued invoice is
changed by nobody, and a correction is a credit note (billing.services)."""

from django.contrib import admin

from consortia.billing.models import (
    BillingRun,
    FeeAdjustment,
    FeeSchedule,
    Invoice,
    InvoiceLine,
    LocalFeeBand,
    MemberFeeRate,
    Payment,
    RemittancePayment,
)


class ScheduleInline(admin.TabularInline):
    """A schedule's rates, bands and adjustments: fixed once the schedule has issued invoices."""

    extra = 0

    def _is_invoiced(self, obj) -> bool:
        return obj is not None and obj.invoices.exists()

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and not self._is_invoiced(obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not self._is_invoiced(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not self._is_invoiced(obj)


class MemberFeeRateInline(ScheduleInline):
    model = MemberFeeRate


class LocalFeeBandInline(ScheduleInline):
    model = LocalFeeBand


class FeeAdjustmentInline(ScheduleInline):
    model = FeeAdjustment
    raw_id_fields = ["membership"]
    extra = 0


@admin.register(FeeSchedule)
class FeeScheduleAdmin(admin.ModelAdmin):
    list_display = ["consortium", "year", "orcid_currency", "local_model", "local_currency", "proration"]
    list_filter = ["year", "local_model"]
    search_fields = ["consortium__name", "consortium__slug"]
    list_select_related = ["consortium"]
    inlines = [MemberFeeRateInline, LocalFeeBandInline, FeeAdjustmentInline]

    # What issued invoices and statements were computed from never changes afterwards, here as
    # in billing.services.save_fee_schedule.
    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not (obj and obj.invoices.exists())

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj and obj.invoices.exists())


class ReadOnlyAdmin(admin.ModelAdmin):
    """Viewable, never added, changed or deleted through the admin."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class InvoiceLineInline(admin.TabularInline):
    model = InvoiceLine
    extra = 0
    can_delete = False
    fields = ["position", "description", "quantity", "unit_price", "tax_rate", "net", "tax", "total"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class PaymentInline(InvoiceLineInline):
    model = Payment
    fields = ["received_on", "currency", "amount", "applied", "unapplied", "method", "reference"]
    readonly_fields = fields


@admin.register(Invoice)
class InvoiceAdmin(admin.ModelAdmin):
    list_display = [
        "reference",
        "consortium",
        "bill_to_name",
        "kind",
        "status",
        "currency",
        "total",
        "due_on",
    ]
    list_filter = ["kind", "status", "year", "currency"]
    search_fields = ["bill_to_name", "consortium__name"]
    list_select_related = ["consortium"]
    inlines = [InvoiceLineInline, PaymentInline]

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # An issued (or voided) invoice cannot be changed here, nor through any page or the API.
        if obj is not None and obj.status != Invoice.Status.DRAFT:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Payment)
class PaymentAdmin(ReadOnlyAdmin):
    list_display = ["invoice", "membership", "currency", "amount", "applied", "unapplied", "received_on"]
    list_filter = ["currency"]
    list_select_related = ["invoice", "membership__organization"]


@admin.register(BillingRun)
class BillingRunAdmin(ReadOnlyAdmin):
    list_display = ["schedule", "kind", "started_at", "started_by", "invoices_issued"]
    list_select_related = ["schedule__consortium", "started_by"]


@admin.register(RemittancePayment)
class RemittancePaymentAdmin(ReadOnlyAdmin):
    list_display = ["consortium", "year", "currency", "amount", "paid_on", "reference"]
    list_filter = ["year"]
    list_select_related = ["consortium"]
