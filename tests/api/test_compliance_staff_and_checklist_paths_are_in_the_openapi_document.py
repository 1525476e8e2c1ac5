"""/api/v1/openapi.json still builds and lists the checklist, staff and compliance endpoints."""

import json

from django.test import Client

PATHS = {
    "/api/v1/checklists": {"get"},
    "/api/v1/checklists/{checklist_id}": {"get"},
    "/api/v1/checklists/items/{item_id}/complete": {"post"},
    "/api/v1/checklists/items/{item_id}/complete-with-file": {"post"},
    "/api/v1/checklists/items/{item_id}/reopen": {"post"},
    "/api/v1/memberships/{membership_id}/checklist": {"post"},
    "/api/v1/checklist-templates": {"get"},
    "/api/v1/checklist-templates/{template_id}": {"get", "patch"},
    "/api/v1/checklist-templates/{template_id}/items": {"post"},
    "/api/v1/checklist-templates/items/{item_id}": {"patch", "delete"},
    "/api/v1/staff": {"get", "post"},
    "/api/v1/staff/{staff_id}": {"get", "patch"},
    "/api/v1/staff/{staff_id}/end": {"post"},
    "/api/v1/staff/{staff_id}/training": {"get"},
    "/api/v1/staff/{staff_id}/webinars": {"post"},
    "/api/v1/staff/{staff_id}/homework": {"post"},
    "/api/v1/staff/{staff_id}/homework-with-file": {"post"},
    "/api/v1/staff/homework/{submission_id}/review": {"post"},
    "/api/v1/staff/{staff_id}/check-ins": {"post"},
    "/api/v1/compliance": {"get"},
    "/api/v1/compliance/staffing-calculator": {"get"},
    "/api/v1/compliance/{slug}": {"get"},
}


def openapi():
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    return json.loads(response.content)


def test_openapi_document_lists_every_new_path_and_method(db):
    paths = openapi()["paths"]

    for path, methods in PATHS.items():
        assert path in paths, path
        assert set(paths[path]) >= methods, path


def test_new_lists_document_their_filters(db):
    paths = openapi()["paths"]

    def parameters(path):
        return {p["name"] for p in paths[path]["get"]["parameters"]}

    assert {"page", "page_size", "q", "consortium", "kind", "overdue"} <= parameters("/api/v1/checklists")
    assert {"page", "page_size", "q", "consortium", "current", "role"} <= parameters("/api/v1/staff")
    assert {"date", "sort", "eligibility", "region", "page"} <= parameters("/api/v1/compliance")


def test_fte_figures_are_documented_as_strings(db):
    schemas = openapi()["components"]["schemas"]

    for name, field in [
        ("StaffOut", "fte"),
        ("ComplianceOut", "required_fte"),
        ("ComplianceOut", "total_fte"),
    ]:
        prop = schemas[name]["properties"][field]
        assert prop["type"] == "string" and "decimal string" in prop["description"], (name, field)
