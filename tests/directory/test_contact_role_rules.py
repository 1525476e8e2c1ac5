"""Contact roles per membership: exactly one main relationship and one voting contact for an
active membership, at most one agreement signatory."""

import pytest
from django.core.exceptions import ValidationError

from consortia.directory import services
from consortia.directory.models import Contact
from consortia.directory.services import PersonDetails
from tests import factories


def details(name="Ana", email=None):
    return PersonDetails(given_names=name, family_name="Tester", email=email or f"{name.lower()}@example.org")


def test_second_voting_contact_is_rejected_naming_the_rule(world):
    with pytest.raises(ValidationError) as error:
        services.add_contact(world.alpha_admin, world.alpha_membership, details(), Contact.Role.VOTING)
    message = error.value.message_dict["role"][0]
    assert "already has a voting contact" in message
    assert "exactly one voting contact" in message
    assert world.alpha_membership.contacts.filter(role="voting").count() == 1


def test_second_agreement_signatory_is_rejected(world):
    services.add_contact(
        world.alpha_admin, world.alpha_membership, details("Sig"), Contact.Role.AGREEMENT_SIGNATORY
    )
    with pytest.raises(ValidationError, match="at most one agreement signatory"):
        services.add_contact(
            world.alpha_admin, world.alpha_membership, details("Other"), Contact.Role.AGREEMENT_SIGNATORY
        )


def test_several_technical_contacts_are_allowed(world):
    for name in ("Tech", "Dev", "Ops"):
        services.add_contact(world.alpha_admin, world.alpha_membership, details(name), Contact.Role.TECHNICAL)
    assert world.alpha_membership.contacts.filter(role="technical").count() == 3


def test_removing_the_only_voting_contact_of_an_active_membership_is_rejected(world):
    voting = world.alpha_membership.contacts.get(role="voting")
    with pytest.raises(ValidationError, match="exactly one"):
        services.remove_contact(world.alpha_admin, voting)
    assert Contact.objects.filter(pk=voting.pk).exists()


def test_removing_the_voting_contact_of_an_onboarding_membership_is_allowed(world):
    membership = factories.membership(world.alpha, status="onboarding")
    services.remove_contact(world.alpha_admin, membership.contacts.get(role="voting"))
    assert not membership.contacts.filter(role="voting").exists()


def test_replacing_the_voting_contact_keeps_exactly_one(world):
    voting = world.alpha_membership.contacts.get(role="voting")
    services.change_contact(world.alpha_admin, voting, details=details("Newvoter"))
    voting.refresh_from_db()
    assert voting.person.given_names == "Newvoter"
    assert world.alpha_membership.contacts.filter(role="voting").count() == 1


def test_moving_the_only_main_contact_to_another_role_is_rejected(world):
    main = world.alpha_membership.contacts.get(role="main_relationship")
    with pytest.raises(ValidationError, match="main relationship contact"):
        services.change_contact(world.alpha_admin, main, role=Contact.Role.TECHNICAL)


def test_activating_a_membership_without_lead_contacts_names_what_is_missing(world):
    membership = factories.membership(world.alpha, status="onboarding", with_lead_contacts=False)
    services.add_contact(world.alpha_admin, membership, details("Main"), Contact.Role.MAIN_RELATIONSHIP)
    with pytest.raises(ValidationError, match="no voting contact"):
        services.update_membership(world.alpha_admin, membership, status="active")
    membership.refresh_from_db()
    assert membership.status == "onboarding"


def test_the_same_person_is_found_by_email_not_duplicated(world):
    services.add_contact(
        world.alpha_admin, world.alpha_membership, details("Tech", "same@example.org"), "technical"
    )
    services.add_contact(
        world.alpha_admin, world.alpha_membership, details("Tech", "SAME@example.org"), "invoice"
    )
    assert world.alpha_membership.contacts.filter(person__email="same@example.org").count() == 2
    from consortia.directory.models import Person

    assert Person.objects.filter(email="same@example.org").count() == 1


def test_bad_orcid_checksum_is_rejected_with_a_clear_message(world):
    bad = PersonDetails(given_names="Ana", email="ana@example.org", orcid_id="0000-0002-1825-0098")
    with pytest.raises(ValidationError) as error:
        services.add_contact(world.alpha_admin, world.alpha_membership, bad, "technical")
    assert "check character should be 7" in error.value.message_dict["orcid_id"][0]


def test_orcid_id_url_and_lowercase_x_are_stored_normalized(world):
    given = PersonDetails(
        given_names="Ana", email="ana@example.org", orcid_id="https://orcid.org/0000-0002-1694-233x"
    )
    contact = services.add_contact(world.alpha_admin, world.alpha_membership, given, "technical")
    assert contact.person.orcid_id == "0000-0002-1694-233X"


def test_a_new_orcid_id_in_the_voting_role_replaces_the_person_not_edits_them(world):
    voting = world.alpha_membership.contacts.get(role="voting")
    old_person = voting.person
    old_person.orcid_id = "0000-0002-1825-0097"
    old_person.save()
    services.change_contact(
        world.alpha_admin,
        voting,
        details=PersonDetails(given_names="Newcomer", orcid_id="0000-0001-5109-3700"),
    )
    voting.refresh_from_db()
    old_person.refresh_from_db()
    assert voting.person.orcid_id == "0000-0001-5109-3700"
    assert (old_person.given_names, old_person.orcid_id) == ("Vote", "0000-0002-1825-0097")


def test_adding_a_missing_orcid_id_edits_the_same_person(world):
    voting = world.alpha_membership.contacts.get(role="voting")
    person = voting.person
    services.change_contact(
        world.alpha_admin,
        voting,
        details=PersonDetails(
            given_names=person.given_names,
            family_name=person.family_name,
            email=person.email,
            orcid_id="0000-0002-1825-0097",
        ),
    )
    person.refresh_from_db()
    voting.refresh_from_db()
    assert voting.person_id == person.pk and person.orcid_id == "0000-0002-1825-0097"
