"""/api/v1/openapi.json builds and lists the integrations, credentials, reviews, platforms,
requirements and import endpoints, with the screenshot and CSV uploads as multipart; no schema
has a secret field."""

import json

from django.test import Client

PATHS = {
    "/api/v1/integrations": {"get", "post"},
    "/api/v1/integrations/{integration_id}": {"get", "patch"},
    "/api/v1/integrations/{integration_id}/stage": {"post"},
    "/api/v1/integrations/{integration_id}/credentials": {"post"},
    "/api/v1/integrations/{integration_id}/reviews": {"post"},
    "/api/v1/credentials": {"get"},
    "/api/v1/credentials/{credential_id}/revocation": {"post"},
    "/api/v1/reviews": {"get"},
    "/api/v1/reviews/{review_id}": {"get"},
    "/api/v1/reviews/{review_id}/results/{requirement_id}": {"put"},
    "/api/v1/reviews/{review_id}/results/{requirement_id}/with-file": {"post"},
    "/api/v1/reviews/{review_id}/results/{requirement_id}/screenshot": {"get"},
    "/api/v1/reviews/{review_id}/completion": {"post"},
    "/api/v1/platforms": {"get", "post"},
    "/api/v1/platforms/{platform_id}": {"get", "patch"},
    "/api/v1/review-requirements": {"get", "post"},
    "/api/v1/review-requirements/{requirement_id}": {"patch"},
    "/api/v1/consortia/{slug}/integration-imports": {"post"},
}


def openapi():
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    return json.loads(response.content)


def test_openapi_document_lists_every_integrations_path_and_method(db):
    paths = openapi()["paths"]

    for path, methods in PATHS.items():
        assert path in paths, path
        assert set(paths[path]) >= methods, path


def test_uploads_take_multipart_form_data(db):
    paths = openapi()["paths"]

    for path in (
        "/api/v1/reviews/{review_id}/results/{requirement_id}/with-file",
        "/api/v1/consortia/{slug}/integration-imports",
    ):
        assert "multipart/form-data" in paths[path]["post"]["requestBody"]["content"], path


def test_no_schema_has_a_secret_field(db):
    schemas = openapi()["components"]["schemas"]

    for name, schema in schemas.items():
        if name.startswith(("Credential", "Integration", "Review", "Platform", "Requirement", "Import")):
            assert not any("secret" in field for field in schema.get("properties", {})), name
