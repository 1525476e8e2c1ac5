from django.urls import path

from consortia.directory import import_views, views

app_name = "directory"
urlpatterns = [
    path("consortia/", views.consortium_list, name="consortium_list"),
    path("consortia/<slug:slug>/", views.consortium_detail, name="consortium_detail"),
    path("consortia/<slug:slug>/members/", views.member_list, name="member_list"),
    path("consortia/<slug:slug>/members/new/", views.member_add, name="member_add"),
    path("consortia/<slug:slug>/lead-contacts/", views.lead_contacts, name="lead_contacts"),
    path("consortia/<slug:slug>/import/", import_views.member_import, name="member_import"),
    path("consortia/<slug:slug>/export.<str:fmt>", import_views.member_export, name="member_export"),
    path("members/<int:pk>/", views.member_detail, name="member_detail"),
    path("members/<int:pk>/edit/", views.member_edit, name="member_edit"),
    path("members/<int:pk>/organization/", views.organization_edit, name="organization_edit"),
    path("members/<int:pk>/end/", views.member_end, name="member_end"),
    path("members/<int:pk>/contacts/new/", views.contact_add, name="contact_add"),
    path("contacts/<int:pk>/edit/", views.contact_edit, name="contact_edit"),
    path("contacts/<int:pk>/remove/", views.contact_remove, name="contact_remove"),
    path("people/", views.people_search, name="people_search"),
    path("people/<int:pk>/verify-orcid/", views.person_verify_orcid, name="person_verify_orcid"),
    path("requests/", views.request_list, name="request_list"),
    path("requests/<int:pk>/decide/", views.request_decide, name="request_decide"),
    path("changes/<int:pk>/acknowledge/", views.change_acknowledge, name="change_acknowledge"),
    path("my-organization/", views.my_organization, name="my_organization"),
]
