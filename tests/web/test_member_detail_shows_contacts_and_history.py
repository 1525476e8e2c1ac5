"""The member page: organization, membership, contacts, requests and history, in a constant
number of queries."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from consortia.directory import services
from consortia.directory.services import PersonDetails


def test_member_page_lists_contacts_and_history(world, client_for):
    services.add_contact(
        world.alpha_admin,
        world.alpha_membership,
        PersonDetails(
            given_names="Hemi", family_name="Walker", email="hemi@example.org", orcid_id="0000-0002-1825-0097"
        ),
        "technical",
    )
    page = client_for("alpha_admin").get(reverse("directory:member_detail", args=[world.alpha_membership.pk]))
    text = page.content.decode()
    assert "Hemi Walker" in text and "Technical contact" in text and "0000-0002-1825-0097" in text
    assert "Added Hemi Walker as technical contact" in text


def test_member_page_query_count_is_constant(world, client_for):
    client = client_for("alpha_admin")
    url = reverse("directory:member_detail", args=[world.alpha_membership.pk])
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for n in range(15):
        services.add_contact(
            world.alpha_admin,
            world.alpha_membership,
            PersonDetails(given_names=f"T{n}", email=f"t{n}@example.org"),
            "technical",
        )
    with CaptureQueriesContext(connection) as after:
        client.get(url)
    assert len(after) == len(before)


def test_page_says_which_rule_a_second_voting_contact_breaks(world, client_for):
    response = client_for("alpha_admin").post(
        reverse("directory:contact_add", args=[world.alpha_membership.pk]),
        {"role": "voting", "given_names": "Second", "email": "second@example.org"},
    )
    assert response.status_code == 200
    assert "a membership has exactly one voting contact" in response.content.decode()
    assert not world.alpha_membership.contacts.filter(person__email="second@example.org").exists()


def test_bad_orcid_id_is_explained_in_the_form(world, client_for):
    response = client_for("alpha_admin").post(
        reverse("directory:contact_add", args=[world.alpha_membership.pk]),
        {
            "role": "technical",
            "given_names": "Typo",
            "email": "typo@example.org",
            "orcid_id": "0000-0002-1825-0098",
        },
    )
    assert "check character should be 7" in response.content.decode()


def test_removing_the_only_voting_contact_shows_the_rule(world, client_for):
    voting = world.alpha_membership.contacts.get(role="voting")
    response = client_for("alpha_admin").post(reverse("directory:contact_remove", args=[voting.pk]))
    assert response.status_code == 200
    assert "an active membership has exactly one" in response.content.decode()
