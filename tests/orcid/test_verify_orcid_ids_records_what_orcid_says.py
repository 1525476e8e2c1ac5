from functools import partial

import pytest

from consortia.audit.models import AuditEntry
from consortia.directory.models import Person
from consortia.directory.verification import verify_orcid_ids
from consortia.orcid.client import fetch_public_name
from tests import factories
from tests.fakes.orcid_server import make_orcid_id

# Retries without waiting, so the "ORCID is down" cases stay fast.
quick_fetch = partial(fetch_public_name, retries=1, sleep=lambda seconds: None)


@pytest.fixture
def josiah(world, fake_orcid):
    fake_orcid.add_record(make_orcid_id(1), "Josiah", "Carberry", credit_name="Josiah S. Carberry")
    return factories.person("Josiah", "Carberry", orcid_id=make_orcid_id(1))


def test_a_known_id_is_verified_with_orcids_public_name(world, josiah):
    [result] = verify_orcid_ids(world.alpha_admin, [josiah], client_fetch=quick_fetch)
    assert result.ok
    assert result.person == josiah
    assert (
        result.message
        == f"Josiah Carberry: ORCID iD {josiah.orcid_id} verified, public name Josiah S. Carberry"
    )
    josiah.refresh_from_db()
    assert josiah.orcid_verified_name == "Josiah S. Carberry"
    assert josiah.has_verified_orcid_id


def test_verification_is_audited_with_the_actor(world, josiah):
    verify_orcid_ids(world.alpha_admin, [josiah], client_fetch=quick_fetch)
    entry = AuditEntry.objects.get(action="person.orcid_verified", object_id=str(josiah.pk))
    assert entry.actor == world.alpha_admin


def test_an_id_orcid_does_not_know_is_reported_and_not_verified(world, fake_orcid):
    stranger = factories.person("Sam", "Nobody", orcid_id=make_orcid_id(2))
    [result] = verify_orcid_ids(world.alpha_admin, [stranger], client_fetch=quick_fetch)
    assert not result.ok
    assert f"ORCID has no record {make_orcid_id(2)}" in result.message
    stranger.refresh_from_db()
    assert not stranger.has_verified_orcid_id
    assert not AuditEntry.objects.filter(action="person.orcid_verified").exists()


def test_a_private_name_still_verifies_the_id(world, fake_orcid):
    fake_orcid.add_record(make_orcid_id(3), "Kim", "Private", name_is_public=False)
    person = factories.person("Kim", "Private", orcid_id=make_orcid_id(3))
    [result] = verify_orcid_ids(world.alpha_admin, [person], client_fetch=quick_fetch)
    assert result.ok
    assert result.message.endswith("verified; its name is not public")
    person.refresh_from_db()
    assert person.has_verified_orcid_id
    assert person.orcid_verified_name == ""


def test_when_orcid_is_unavailable_nothing_is_recorded_and_the_result_says_so(world, fake_orcid, josiah):
    fake_orcid.script(503, times=2)
    [result] = verify_orcid_ids(world.alpha_admin, [josiah], client_fetch=quick_fetch)
    assert not result.ok
    assert "ORCID's API did not answer after 2 tries (503 Service Unavailable)" in result.message
    assert "Try again later" in result.message
    josiah.refresh_from_db()
    assert josiah.orcid_verified_at is None
    assert not AuditEntry.objects.filter(action="person.orcid_verified").exists()


def test_once_orcid_is_unavailable_the_rest_are_not_asked(world, fake_orcid, josiah):
    fake_orcid.add_record(make_orcid_id(4), "Ana", "Later")
    later = factories.person("Ana", "Later", orcid_id=make_orcid_id(4))
    fake_orcid.script(503, times=2)
    results = verify_orcid_ids(world.alpha_admin, [josiah, later], client_fetch=quick_fetch)
    assert [r.ok for r in results] == [False, False]
    assert "not checked" in results[1].message
    assert len(fake_orcid.api_requests()) == 2
    assert not Person.objects.filter(orcid_verified_at__isnull=False).exists()


def test_one_unknown_id_does_not_stop_the_others(world, fake_orcid, josiah):
    stranger = factories.person("Sam", "Nobody", orcid_id=make_orcid_id(2))
    results = verify_orcid_ids(world.alpha_admin, [stranger, josiah], client_fetch=quick_fetch)
    assert [(r.person, r.ok) for r in results] == [(stranger, False), (josiah, True)]


def test_a_person_without_an_id_is_reported_without_asking_orcid(world, fake_orcid, josiah):
    no_id = factories.person("Lee", "Without")
    results = verify_orcid_ids(world.alpha_admin, [no_id, josiah], client_fetch=quick_fetch)
    assert [(r.person, r.ok) for r in results] == [(no_id, False), (josiah, True)]
    assert results[0].message == "Lee Without has no ORCID iD to verify"
    assert len(fake_orcid.api_requests()) == 1


def test_the_default_fetch_asks_the_configured_orcid(world, fake_orcid, josiah):
    [result] = verify_orcid_ids(world.alpha_admin, Person.objects.filter(pk=josiah.pk))
    assert result.ok
    assert [r.path for r in fake_orcid.api_requests()] == [f"/v3.0/{josiah.orcid_id}/person"]
