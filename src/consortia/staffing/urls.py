from django.urls import path

from consortia.staffing import views

app_name = "staffing"
urlpatterns = [
    path("consortia/<slug:slug>/staff/", views.staff_list, name="staff_list"),
    path("consortia/<slug:slug>/staff/new/", views.staff_add, name="staff_add"),
    path("staff/<int:pk>/", views.staff_detail, name="staff_detail"),
    path("staff/<int:pk>/edit/", views.staff_edit, name="staff_edit"),
    path("staff/<int:pk>/end/", views.staff_end, name="staff_end"),
    path("staff/<int:pk>/webinars/", views.webinar_record, name="webinar_record"),
    path("staff/<int:pk>/homework/", views.homework_submit, name="homework_submit"),
    path("staff/<int:pk>/check-ins/", views.check_in_record, name="check_in_record"),
    path("homework/<int:pk>/review/", views.homework_review, name="homework_review"),
    path("homework/<int:pk>/file/", views.homework_file, name="homework_file"),
]
