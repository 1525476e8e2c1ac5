"""ORCID's public API (v3.0), read-only: who does an ORCID iD belong to?

Traps:
- A person decides what is public on their record. When the name is private ORCID still answers
  200, with ``"name": null``; that is an answer ("no public name"), not an error.
- ORCID rate-limits the public API (429, sometimes with ``Retry-After``) and answers 503 during
  maintenance. Both pass, so we wait and ask again a few times before giving up; a stalled or
  refused connection is treated the same way.
- Settings are read when a client is made, not at import, so tests can point the base URL at a
  fake server on 127.0.0.1.
"""

import email.utils
import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime

import httpx
from django.conf import settings

from consortia.lib.orcid_id import normalize_orcid_id

logger = logging.getLogger(__name__)

ACCEPT = "application/vnd.orcid+json"
# Answers that mean "not now" rather than "no": rate limiting, maintenance and a gateway that gave up.
RETRYABLE_STATUSES = frozenset({429, 502, 503, 504})
DEFAULT_BACKOFF_SECONDS = 0.5
# However long ORCID asks us to wait, a person is waiting for the page; never sleep longer than this.
MAX_WAIT_SECONDS = 30.0


class OrcidApiError(Exception):
    """ORCID's API could not answer the question; the message says why, for a person to read."""


class OrcidIdNotFound(OrcidApiError):
    def __init__(self, orcid_id: str):
        self.orcid_id = orcid_id
        super().__init__(f"ORCID has no record {orcid_id}")


class OrcidUnavailable(OrcidApiError):
    def __init__(self, attempts: int, last_problem: str):
        self.attempts = attempts
        self.last_problem = last_problem
        tries = "try" if attempts == 1 else "tries"
        super().__init__(f"ORCID's API did not answer after {attempts} {tries} ({last_problem})")


class OrcidPublicApi:
    """A client for the public API. Use as a context manager to reuse one connection for many iDs.

    ``backoff_base`` and ``sleep`` exist so tests need not wait: the n-th retry waits
    ``backoff_base * 2**n`` seconds, or what ``Retry-After`` says, never more than ``max_wait``.
    """

    def __init__(
        self,
        base_url: str | None = None,
        *,
        timeout: float | None = None,
        retries: int | None = None,
        backoff_base: float = DEFAULT_BACKOFF_SECONDS,
        max_wait: float = MAX_WAIT_SECONDS,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.base_url = (base_url or settings.ORCID_PUBLIC_API_URL).rstrip("/")
        self.timeout = settings.ORCID_API_TIMEOUT if timeout is None else timeout
        self.retries = settings.ORCID_API_RETRIES if retries is None else retries
        self.backoff_base = backoff_base
        self.max_wait = max_wait
        self.sleep = sleep
        self._http = httpx.Client(timeout=self.timeout, headers={"Accept": ACCEPT})

    def __enter__(self) -> "OrcidPublicApi":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    def fetch_person(self, orcid_id: str) -> dict:
        """The public part of the person section of a record (names, biography, e-mails…)."""
        orcid_id = normalize_orcid_id(orcid_id)
        return self._get_json(f"/{orcid_id}/person", orcid_id)

    def fetch_public_name(self, orcid_id: str) -> str:
        """The credit name if public, else "given-names family-name", else "" (name not public)."""
        return public_name_of(self.fetch_person(orcid_id))

    def _get_json(self, path: str, orcid_id: str) -> dict:
        url = f"{self.base_url}{path}"
        attempts = 1 + max(self.retries, 0)
        for attempt in range(attempts):
            started = time.monotonic()
            try:
                response = self._http.get(url)
            except httpx.TimeoutException:
                problem = f"no answer within {self.timeout:g} s"
                wait = self._backoff(attempt)
            except httpx.ConnectError as exc:
                problem = f"could not connect: {exc or type(exc).__name__}"
                wait = self._backoff(attempt)
            except httpx.TransportError as exc:
                problem = f"the connection broke: {exc or type(exc).__name__}"
                wait = self._backoff(attempt)
            else:
                elapsed_ms = (time.monotonic() - started) * 1000
                logger.info("ORCID GET %s -> %s in %.0f ms", url, response.status_code, elapsed_ms)
                if response.status_code == 200:
                    return _json_of(response, url)
                if response.status_code == 404:
                    raise OrcidIdNotFound(orcid_id)
                if response.status_code not in RETRYABLE_STATUSES:
                    explanation = _error_message(response)
                    raise OrcidApiError(
                        f"ORCID's API answered {response.status_code} for {orcid_id}: {explanation}"
                    )
                problem = f"{response.status_code} {response.reason_phrase}".strip()
                wait = self._retry_after(response) or self._backoff(attempt)
            elapsed_ms = (time.monotonic() - started) * 1000
            logger.warning(
                "ORCID GET %s failed (%s) after %.0f ms, try %d of %d",
                url,
                problem,
                elapsed_ms,
                attempt + 1,
                attempts,
            )
            if attempt + 1 < attempts:
                self.sleep(min(wait, self.max_wait))
        raise OrcidUnavailable(attempts, problem)

    def _backoff(self, attempt: int) -> float:
        return self.backoff_base * 2**attempt

    def _retry_after(self, response: httpx.Response) -> float | None:
        """``Retry-After`` as seconds; it may be a number of seconds or an HTTP date."""
        value = response.headers.get("Retry-After", "").strip()
        if not value:
            return None
        if value.isdigit():
            return float(value)
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        return max((when - datetime.now(UTC)).total_seconds(), 0.0)


def public_name_of(person: dict) -> str:
    name = person.get("name") or {}
    credit_name = _value_of(name.get("credit-name"))
    if credit_name:
        return credit_name
    return " ".join(
        part for part in (_value_of(name.get("given-names")), _value_of(name.get("family-name"))) if part
    )


def fetch_public_name(orcid_id: str, **options) -> str:
    """The public name on an ORCID record ("" when the person keeps it private).

    Raises ``InvalidOrcidId`` before any request when the iD is malformed, ``OrcidIdNotFound``
    when ORCID has no such record, ``OrcidUnavailable`` when ORCID did not answer in time.
    """
    with OrcidPublicApi(**options) as api:
        return api.fetch_public_name(orcid_id)


def _value_of(field) -> str:
    if not isinstance(field, dict):
        return ""
    return (field.get("value") or "").strip()


def _json_of(response: httpx.Response, url: str) -> dict:
    try:
        data = response.json()
    except ValueError:
        raise OrcidApiError(f"ORCID's API answered {url} with something that is not JSON") from None
    if not isinstance(data, dict):
        raise OrcidApiError(f"ORCID's API answered {url} with unexpected JSON")
    return data


def _error_message(response: httpx.Response) -> str:
    """ORCID's error JSON carries a ``user-message`` (and a longer ``developer-message``)."""
    try:
        data = response.json()
    except ValueError:
        return response.reason_phrase or "no explanation given"
    if isinstance(data, dict):
        return str(
            data.get("developer-message")
            or data.get("user-message")
            or data.get("error_description")
            or response.reason_phrase
        )
    return response.reason_phrase or "no explanation given"
