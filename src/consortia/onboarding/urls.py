from django.urls import path

from consortia.onboarding import views

app_name = "onboarding"
urlpatterns = [
    path("consortia/<slug:slug>/onboarding/", views.consortium_checklist, name="consortium_checklist"),
    path("consortia/<slug:slug>/deadlines.ics", views.deadlines_ics, name="deadlines_ics"),
    path(
        "consortia/<slug:slug>/calendar-address/",
        views.calendar_address_create,
        name="calendar_address_create",
    ),
    path("checklists/", views.checklist_list, name="checklist_list"),
    path("checklists/<int:pk>/", views.checklist_detail, name="checklist_detail"),
    path("members/<int:pk>/onboarding/", views.member_checklist, name="member_checklist"),
    path("checklist-items/<int:pk>/complete/", views.item_complete, name="item_complete"),
    path("checklist-items/<int:pk>/reopen/", views.item_reopen, name="item_reopen"),
    path("checklist-items/<int:pk>/evidence/", views.item_evidence, name="item_evidence"),
    path("checklist-events/<int:pk>/evidence/", views.event_evidence, name="event_evidence"),
    path("checklist-templates/", views.template_list, name="template_list"),
    path("checklist-templates/<int:pk>/", views.template_detail, name="template_detail"),
    path("checklist-templates/<int:pk>/items/new/", views.template_item_add, name="template_item_add"),
    path(
        "checklist-templates/<int:pk>/items/<int:item_pk>/",
        views.template_item_edit,
        name="template_item_edit",
    ),
    path(
        "checklist-templates/<int:pk>/items/<int:item_pk>/remove/",
        views.template_item_remove,
        name="template_item_remove",
    ),
]
