from django.urls import path

from consortia.staffing import compliance_views as views

app_name = "compliance"
urlpatterns = [
    path("compliance/", views.scorecard, name="scorecard"),
    path("compliance/calculator/", views.calculator, name="calculator"),
    path("consortia/<slug:slug>/compliance/", views.consortium_compliance, name="consortium_compliance"),
]
