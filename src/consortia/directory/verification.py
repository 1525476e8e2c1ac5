"""Checking people's ORCID iDs against ORCID's public API and recording the public name found.

Traps:
- No HTTP call happens inside a transaction: each person's result is recorded on its own
  (``record_orcid_verification`` is atomic), so a slow ORCID never holds a database lock and one
  person's failure never undoes another's verification.
- Once ORCID is unavailable (the client has already retried with backoff), the people after it are
  not asked: each would wait through the same retries. They are reported as not checked.
- Callers choose the people through ``policy.people_for(actor)`` and check
  ``policy.can_verify_orcid_ids``; this module does not widen or narrow the scope it is given.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from consortia.directory import services
from consortia.directory.models import Person
from consortia.lib.orcid_id import InvalidOrcidId
from consortia.orcid.client import OrcidApiError, OrcidIdNotFound, OrcidUnavailable, fetch_public_name


@dataclass(frozen=True)
class VerificationResult:
    person: Person
    ok: bool
    message: str


def verify_orcid_ids(
    actor, people: Iterable[Person], *, client_fetch: Callable[[str], str] = fetch_public_name
) -> list[VerificationResult]:
    """Ask ORCID for the public name behind each person's iD; record it when ORCID knows the iD.

    Every person gets a result, in order; a person without an iD gets a "no iD" one without any
    request to ORCID.
    """
    results = []
    unavailable: OrcidUnavailable | None = None
    for person in people:
        if not person.has_orcid_id:
            results.append(VerificationResult(person, False, f"{person.full_name} has no ORCID iD to verify"))
            continue
        if unavailable is not None:
            results.append(_failed(person, f"not checked: {unavailable}. Try again later."))
            continue
        try:
            public_name = client_fetch(person.orcid_id)
        except InvalidOrcidId as exc:
            results.append(_failed(person, f"not verified: {exc}"))
        except OrcidIdNotFound:
            results.append(
                _failed(
                    person,
                    f"not verified: ORCID has no record {person.orcid_id}; the iD is probably mistyped",
                )
            )
        except OrcidUnavailable as exc:
            unavailable = exc
            results.append(_failed(person, f"not checked: {exc}. Try again later."))
        except OrcidApiError as exc:
            results.append(_failed(person, f"not checked: {exc}"))
        else:
            services.record_orcid_verification(actor, person, public_name)
            if public_name:
                message = (
                    f"{person.full_name}: ORCID iD {person.orcid_id} verified, public name {public_name}"
                )
            else:
                message = f"{person.full_name}: ORCID iD {person.orcid_id} verified; its name is not public"
            results.append(VerificationResult(person, True, message))
    return results


def _failed(person: Person, reason: str) -> VerificationResult:
    return VerificationResult(person, False, f"{person.full_name}: ORCID iD {person.orcid_id} {reason}")
