"""An agent saves the queue's current filters under a name, finds them as a link on the queue,
and deletes them; nobody else sees or deletes them."""

from consortia.support.models import SavedFilter


def test_save_list_and_delete_a_filter(world, client_for):
    client = client_for("alpha_staff")
    response = client.post(
        "/support/desks/alpha/filters/", {"name": "My urgent", "query": "?assignee=me&priority=urgent"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/support/desks/alpha/?assignee=me&priority=urgent"
    saved = SavedFilter.objects.get(user=world.alpha_staff)
    assert (saved.name, saved.query) == ("My urgent", "assignee=me&priority=urgent")

    page = client.get("/support/desks/alpha/").content.decode()
    assert 'href="/support/desks/alpha/?assignee=me&amp;priority=urgent">My urgent</a>' in page
    assert "My urgent" not in client_for("alpha_admin").get("/support/desks/alpha/").content.decode()

    # The same name again replaces it.
    client.post("/support/desks/alpha/filters/", {"name": "My urgent", "query": "priority=high"})
    assert SavedFilter.objects.get(user=world.alpha_staff).query == "priority=high"

    assert (
        client_for("alpha_admin").post(f"/support/desks/alpha/filters/{saved.pk}/delete/").status_code == 404
    )
    client.post(f"/support/desks/alpha/filters/{saved.pk}/delete/")
    assert not SavedFilter.objects.exists()


def test_a_filter_needs_a_name(world, client_for):
    response = client_for("alpha_staff").post(
        "/support/desks/alpha/filters/", {"name": "", "query": "priority=high"}, follow=True
    )
    assert "The filters were not saved" in response.content.decode()
    assert not SavedFilter.objects.exists()
