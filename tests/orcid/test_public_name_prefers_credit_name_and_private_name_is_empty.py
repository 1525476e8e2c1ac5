from consortia.orcid.client import fetch_public_name

JOSIAH = "0000-0002-1825-0097"


def test_credit_name_is_the_public_name_when_set(fake_orcid):
    fake_orcid.add_record(JOSIAH, "Josiah", "Carberry", credit_name="Josiah S. Carberry")
    assert fetch_public_name(JOSIAH) == "Josiah S. Carberry"


def test_without_credit_name_the_public_name_is_given_then_family_names(fake_orcid):
    fake_orcid.add_record(JOSIAH, "Josiah", "Carberry")
    assert fetch_public_name(JOSIAH) == "Josiah Carberry"


def test_a_record_with_only_given_names_has_just_those(fake_orcid):
    fake_orcid.add_record(JOSIAH, "Josiah")
    assert fetch_public_name(JOSIAH) == "Josiah"


def test_a_private_name_is_empty_and_not_an_error(fake_orcid):
    fake_orcid.add_record(JOSIAH, "Josiah", "Carberry", credit_name="J. Carberry", name_is_public=False)
    assert fetch_public_name(JOSIAH) == ""
