# The fake ORCID server's fixture, for every test in this folder (tests/conftest.py may register
# tests.fakes.orcid_server through pytest_plugins instead; the two do not conflict).
from tests.fakes.orcid_server import fake_orcid  # noqa: F401
