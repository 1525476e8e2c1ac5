"""/api/v1/openapi.json lists the support desk's ticket, escalation and issues-register endpoints,
with the ticket list's filters and the multipart variants for files."""

import json

from django.test import Client

PATHS = {
    "/api/v1/tickets": {"get", "post"},
    "/api/v1/tickets/with-files": {"post"},
    "/api/v1/tickets/bulk": {"post"},
    "/api/v1/tickets/{ticket_id}": {"get", "patch"},
    "/api/v1/tickets/{ticket_id}/replies": {"post"},
    "/api/v1/tickets/{ticket_id}/replies/with-files": {"post"},
    "/api/v1/tickets/{ticket_id}/notes": {"post"},
    "/api/v1/tickets/{ticket_id}/notes/with-files": {"post"},
    "/api/v1/tickets/{ticket_id}/attachments/{attachment_id}": {"get"},
    "/api/v1/tickets/{ticket_id}/escalations": {"post"},
    "/api/v1/escalations": {"get"},
    "/api/v1/escalations/{escalation_id}": {"get"},
    "/api/v1/escalations/{escalation_id}/replies": {"post"},
    "/api/v1/escalations/{escalation_id}/transfer": {"post"},
    "/api/v1/escalations/{escalation_id}/resolution": {"post"},
    "/api/v1/issues-register": {"get", "post"},
    "/api/v1/issues-register/{issue_id}": {"get", "patch"},
    "/api/v1/issues-register/{issue_id}/answer": {"post"},
    "/api/v1/issues-register/{issue_id}/merge": {"post"},
}


def openapi():
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    return json.loads(response.content)


def test_openapi_document_lists_every_support_path_and_method(db):
    paths = openapi()["paths"]

    for path, methods in PATHS.items():
        assert path in paths, path
        assert set(paths[path]) >= methods, path


def test_the_ticket_list_documents_its_filters(db):
    parameters = {p["name"] for p in openapi()["paths"]["/api/v1/tickets"]["get"]["parameters"]}

    assert {
        "page",
        "page_size",
        "q",
        "desk",
        "status",
        "priority",
        "category",
        "tier",
        "assignee",
        "breached",
        "created_from",
        "created_to",
        "sort",
    } <= parameters


def test_file_variants_take_multipart_form_data(db):
    paths = openapi()["paths"]

    for path in ("/api/v1/tickets/with-files", "/api/v1/tickets/{ticket_id}/replies/with-files"):
        assert "multipart/form-data" in paths[path]["post"]["requestBody"]["content"], path
