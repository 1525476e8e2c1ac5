"""The requester rates a resolved ticket from the signed link in the e-mail, without signing in:
the link opens the page with the score chosen (a GET never writes: mail scanners follow links);
one POST records it; a second POST or a bad token says so clearly."""

import pytest
from django.urls import reverse

from consortia.support import services
from consortia.support.models import SatisfactionRating


@pytest.fixture
def resolved(world):
    ticket = services.open_ticket(world.alpha_member, world.alpha.desk, subject="Password reset", body="Help")
    services.add_reply(world.alpha_staff, ticket, "Done.", status="resolved")
    return ticket


def test_the_link_preselects_the_score_and_records_once(world, client, resolved):
    url = reverse("support:rate", args=[services.rating_token(resolved)])
    page = client.get(f"{url}?score=4")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Password reset" in html
    assert '<input type="radio" name="score" value="4" id="id_score_3" required checked>' in html
    assert html.count(" checked>") == 1
    assert not SatisfactionRating.objects.exists()  # a GET never writes

    thanks = client.post(url, {"score": "4", "comment": "Quick and kind"})
    assert "Thank you! Your rating was recorded." in thanks.content.decode()
    rating = SatisfactionRating.objects.get(ticket=resolved)
    assert (rating.score, rating.comment) == (4, "Quick and kind")

    again = client.post(url, {"score": "1"})
    assert "rated already" in again.content.decode()
    assert SatisfactionRating.objects.get(ticket=resolved).score == 4


def test_a_bad_token_is_400_with_a_clear_message(world, client, resolved):
    token = services.rating_token(resolved)
    for bad in (token[:-2] + "xx", "nonsense"):
        response = client.get(reverse("support:rate", args=[bad]))
        assert response.status_code == 400
        assert "This rating link is not valid." in response.content.decode()
        assert client.post(reverse("support:rate", args=[bad]), {"score": "5"}).status_code == 400
    assert not SatisfactionRating.objects.exists()


def test_a_missing_score_is_asked_for(world, client, resolved):
    url = reverse("support:rate", args=[services.rating_token(resolved)])
    response = client.post(url, {"comment": "no score"})
    assert "This field is required." in response.content.decode()
    assert not SatisfactionRating.objects.exists()
