from django.urls import path

from consortia.billing import documents, exports, views

app_name = "billing"
urlpatterns = [
    path("invoices/<int:pk>/pdf/", documents.invoice_pdf_download, name="invoice_pdf"),
    path("consortia/<slug:slug>/billing/export/", exports.invoice_export, name="invoice_export"),
    path("consortia/<slug:slug>/billing/", views.billing_overview, name="overview"),
    path("consortia/<slug:slug>/billing/schedules/new/", views.schedule_edit, name="schedule_new"),
    path("consortia/<slug:slug>/billing/<int:year>/", views.schedule_detail, name="schedule_detail"),
    path("consortia/<slug:slug>/billing/<int:year>/edit/", views.schedule_edit, name="schedule_edit"),
    path("consortia/<slug:slug>/billing/<int:year>/renew/", views.schedule_renew, name="schedule_renew"),
    path(
        "consortia/<slug:slug>/billing/<int:year>/adjustments/",
        views.adjustment_save,
        name="adjustment_save",
    ),
    path(
        "consortia/<slug:slug>/billing/<int:year>/member-bands/",
        views.member_band_save,
        name="member_band_save",
    ),
    path("consortia/<slug:slug>/billing/<int:year>/run/", views.run_preview, name="run_preview"),
    path(
        "consortia/<slug:slug>/billing/<int:year>/statement/", views.statement_detail, name="statement_detail"
    ),
    path(
        "consortia/<slug:slug>/billing/<int:year>/statement/payments/",
        views.remittance_record,
        name="remittance_record",
    ),
    path("consortia/<slug:slug>/billing/invoices/", views.invoice_list, name="invoice_list"),
    path("consortia/<slug:slug>/billing/receivables/", views.receivables, name="receivables"),
    path("invoices/", views.my_invoices, name="my_invoices"),
    path("invoices/<int:pk>/", views.invoice_detail, name="invoice_detail"),
    path("invoices/<int:pk>/payments/", views.payment_record, name="payment_record"),
    path("invoices/<int:pk>/credit-note/", views.credit_note_issue, name="credit_note_issue"),
    path("members/<int:pk>/ledger/", views.member_ledger, name="member_ledger"),
    path(
        "members/<int:pk>/ledger/end-of-membership-credit/",
        views.end_of_membership_credit,
        name="end_of_membership_credit",
    ),
    path("billing/statements/", views.statement_list, name="statement_list"),
]
