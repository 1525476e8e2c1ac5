"""A body field that happens to be called "body" (a reply's text) is named as such when it has
the wrong type; only the request part at the front of ninja's location is dropped."""


def test_a_reply_whose_body_is_a_number_names_the_body_field(world, api_for):
    from consortia.support import services

    ticket = services.open_ticket(world.alpha_member, world.alpha.desk, subject="Help", body="Please help.")
    client = api_for("alpha_staff")

    response = client.post(f"/tickets/{ticket.pk}/replies", {"body": {"not": "text"}})

    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["body"]
