"""ORCID answers an issue (reference, answer, status) on its page, and merges the same issue
raised by two consortia from its view of every register, choosing the target with a search; the
merged issue follows the target's answer, and the two are listed together."""

from consortia.support import services
from consortia.support.models import RegisteredIssue


def issue(world, consortium, title):
    admin = world.alpha_admin if consortium == world.alpha else world.beta_admin
    return services.save_registered_issue(admin, consortium, title=title, description="D", category="bug")


def test_orcid_answers_an_issue_on_its_page(world, client_for):
    alpha = issue(world, world.alpha, "Login loop")
    response = client_for("regional").post(
        f"/consortia/alpha/issues-register/{alpha.pk}/",
        {"status": "in_progress", "orcid_reference": "SUP-42", "orcid_answer": "We are on it."},
    )
    alpha.refresh_from_db()
    assert response.status_code == 302
    assert (alpha.status, alpha.orcid_reference, alpha.orcid_answer) == (
        "in_progress",
        "SUP-42",
        "We are on it.",
    )
    page = client_for("alpha_staff").get(f"/consortia/alpha/issues-register/{alpha.pk}/").content.decode()
    assert "SUP-42" in page and "We are on it." in page and "Answer for ORCID" not in page


def test_orcid_merges_the_same_issue_across_consortia(world, client_for):
    alpha = issue(world, world.alpha, "Login loop on Safari")
    beta = issue(world, world.beta, "Safari sign-in loops")
    services.answer_registered_issue(world.orcid_admin, alpha, status="raised", orcid_reference="SUP-7")
    client = client_for("orcid_admin")

    search = client.get(f"/support/issues-register/{beta.pk}/merge/?q=safari").content.decode()
    assert "Login loop on Safari" in search
    assert (
        "Login loop on Safari"
        not in client.get(f"/support/issues-register/{beta.pk}/merge/?q=nothing-like-it").content.decode()
    )
    response = client.post(f"/support/issues-register/{beta.pk}/merge/", {"into": alpha.pk})
    assert response.status_code == 302 and response.url == "/support/issues-register/"

    beta.refresh_from_db()
    assert (beta.merged_into, beta.status, beta.orcid_reference) == (alpha, "raised", "SUP-7")
    listing = client.get("/support/issues-register/").content.decode()
    listing = listing[listing.index("<table") :]
    assert listing.index("Login loop on Safari") < listing.index("Safari sign-in loops")
    assert "1 issue merged into it" in listing

    services.answer_registered_issue(world.orcid_admin, alpha, status="resolved", orcid_answer="Fixed.")
    beta.refresh_from_db()
    assert (beta.status, beta.orcid_answer) == ("resolved", "Fixed.")
    # Beta's team sees the answer on its own issue, not alpha's issue.
    page = client_for("beta_admin").get(f"/consortia/beta/issues-register/{beta.pk}/").content.decode()
    assert "Fixed." in page and "by another consortium" in page and "Login loop on Safari" not in page


def test_regional_staff_cannot_merge_into_an_issue_outside_their_region(world, client_for):
    alpha = issue(world, world.alpha, "Alpha")
    beta = issue(world, world.beta, "Beta")
    response = client_for("regional").post(f"/support/issues-register/{alpha.pk}/merge/", {"into": beta.pk})
    assert response.status_code == 200
    assert "Choose one of the issues listed." in response.content.decode()
    assert RegisteredIssue.objects.get(pk=alpha.pk).merged_into is None


def test_orcids_view_filters_by_consortium_status_and_category(world, client_for):
    issue(world, world.alpha, "Alpha thing")
    issue(world, world.beta, "Beta thing")
    client = client_for("orcid_admin")
    page = lambda query: client.get(f"/support/issues-register/?{query}").content.decode()  # noqa: E731
    assert "Alpha thing" in page("") and "Beta thing" in page("")
    assert "Alpha thing" not in page("consortium=beta")
    assert "Alpha thing" not in page("status=resolved")
    assert "Beta thing" not in page("category=feature")
    assert "Beta thing" not in client_for("regional").get("/support/issues-register/").content.decode()
