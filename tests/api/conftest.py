"""``api_for("alpha_admin")``: a client that calls /api/v1 with that world user's bearer token."""

import json

import pytest
from django.test import Client

from consortia.accounts.tokens import create_token

API = "/api/v1"


class ApiClient:
    """Django's test client with a bearer token, JSON bodies and /api/v1 prefixed to paths."""

    def __init__(self, key: str):
        self.client = Client()
        self.headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"}

    def get(self, path, params=None):
        return self.client.get(API + path, params or {}, **self.headers)

    def post(self, path, body=None):
        return self.client.post(
            API + path, json.dumps(body or {}), content_type="application/json", **self.headers
        )

    def patch(self, path, body=None):
        return self.client.patch(
            API + path, json.dumps(body or {}), content_type="application/json", **self.headers
        )

    def delete(self, path):
        return self.client.delete(API + path, **self.headers)


@pytest.fixture
def api_for(world):
    def make(name: str) -> ApiClient:
        user = getattr(world, name)
        _, key = create_token(world.orcid_admin, user)
        return ApiClient(key)

    return make
