"""/api/v1/openapi.json describes every directory endpoint and no secret."""

import json

from django.test import Client

DIRECTORY_PATHS = {
    "/api/v1/consortia": {"get", "post"},
    "/api/v1/consortia/{slug}": {"get", "patch"},
    "/api/v1/organizations": {"get", "post"},
    "/api/v1/organizations/{organization_id}": {"get", "patch"},
    "/api/v1/memberships": {"get", "post"},
    "/api/v1/memberships/{membership_id}": {"get", "patch"},
    "/api/v1/memberships/{membership_id}/end": {"post"},
    "/api/v1/membership-requests": {"get"},
    "/api/v1/membership-requests/{request_id}/decision": {"post"},
    "/api/v1/people": {"get"},
    "/api/v1/people/{person_id}": {"get", "patch"},
    "/api/v1/contacts": {"get", "post"},
    "/api/v1/contacts/{contact_id}": {"get", "patch", "delete"},
}


def openapi(db):
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    return json.loads(response.content)


def test_openapi_document_lists_every_directory_path_and_method(db):
    document = openapi(db)

    assert document["openapi"].startswith("3.")
    for path, methods in DIRECTORY_PATHS.items():
        assert path in document["paths"], path
        assert set(document["paths"][path]) >= methods, path


def test_lists_document_their_paging_parameters(db):
    parameters = {p["name"] for p in openapi(db)["paths"]["/api/v1/memberships"]["get"]["parameters"]}

    assert {"page", "page_size", "q", "consortium", "status", "sort"} <= parameters


def test_no_schema_exposes_a_password_or_token_hash(db):
    schemas = openapi(db)["components"]["schemas"]
    field_names = {name for schema in schemas.values() for name in schema.get("properties", {})}

    assert field_names.isdisjoint({"password", "key_hash", "key", "last_login", "is_superuser"})
