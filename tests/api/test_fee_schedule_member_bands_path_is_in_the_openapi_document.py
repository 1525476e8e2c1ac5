"""The OpenAPI document builds with the own-bands fields and lists the member-bands PUT."""

import json

from django.test import Client


def test_the_member_bands_put_and_the_band_fields_are_documented(db):
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = json.loads(response.content)

    path = "/api/v1/fee-schedules/{schedule_id}/member-bands/{membership_id}"
    assert set(document["paths"][path]) == {"put"}
    schemas = document["components"]["schemas"]
    assert {"tier", "name", "amount"} <= set(schemas["LocalBandIn"]["properties"])
    assert "band_basis" in schemas["FeeSchedulePatch"]["properties"]
    assert "member_bands" in schemas["FeeScheduleDetailOut"]["properties"]
    assert set(schemas["MemberBandOut"]["properties"]) == {"membership", "organization", "band"}
