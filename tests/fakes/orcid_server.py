"""A fake ORCID on 127.0.0.1: the public API's person and record endpoints, and OAuth sign-in.

Tests script it instead of ever reaching orcid.org:

    fake_orcid.add_record("0000-0002-1825-0097", "Josiah", "Carberry", credit_name="J. S. Carberry")
    fake_orcid.script(503, times=2)                # the next two API answers are 503
    fake_orcid.script(429, headers={"Retry-After": "1"})
    fake_orcid.script(200, delay=1.0)              # answer, but only after a second
    fake_orcid.signs_in("0000-0002-1825-0097")      # who is signed in at ORCID for /oauth/authorize

Every request is kept in ``fake_orcid.requests`` so a test can prove that none was made.
"""

import json
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from consortia.lib.orcid_id import orcid_check_character

API_PREFIX = "/v3.0"
ORCID_ERROR_INFO = (
    "https://info.orcid.org/documentation/api-tutorials/troubleshooting-orcid-api-and-integrations/"
)


def make_orcid_id(n: int) -> str:
    """A valid ORCID iD (right check character) derived from a number."""
    digits = f"{n:015d}"
    digits += orcid_check_character(digits)
    return "-".join(digits[i : i + 4] for i in range(0, 16, 4))


@dataclass
class FakeRecord:
    orcid_id: str
    given_names: str
    family_name: str = ""
    credit_name: str = ""
    name_is_public: bool = True
    email: str = ""


@dataclass
class ScriptedAnswer:
    """What the next API request gets instead of (or before) the normal answer.

    A status of 200 with a delay answers normally, only late.
    """

    status: int
    headers: dict = field(default_factory=dict)
    delay: float = 0.0


@dataclass
class SeenRequest:
    method: str
    path: str
    headers: dict
    form: dict
    at: float = field(default_factory=time.monotonic)


class FakeOrcid:
    client_id = "APP-FAKE0CONSORTIA"
    client_secret = "fake-client-secret"

    def __init__(self):
        self.records: dict[str, FakeRecord] = {}
        self.requests: list[SeenRequest] = []
        self._script: deque[ScriptedAnswer] = deque()
        self._codes: dict[str, str] = {}
        self.signed_in: str | None = None
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # --- scripting -----------------------------------------------------------------------

    def add_record(
        self, orcid_id, given_names, family_name="", *, credit_name="", name_is_public=True, email=""
    ):
        self.records[orcid_id] = FakeRecord(
            orcid_id, given_names, family_name, credit_name, name_is_public, email
        )
        return self.records[orcid_id]

    def script(self, status: int, *, times: int = 1, headers: dict | None = None, delay: float = 0.0) -> None:
        with self._lock:
            for _ in range(times):
                self._script.append(ScriptedAnswer(status, dict(headers or {}), delay))

    def signs_in(self, orcid_id: str | None) -> None:
        """The person signed in at ORCID who will grant access at /oauth/authorize (None: they deny)."""
        self.signed_in = orcid_id

    def api_requests(self) -> list[SeenRequest]:
        return [r for r in self.requests if r.path.startswith(API_PREFIX)]

    # --- addresses -----------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def api_url(self) -> str:
        return f"{self.base_url}{API_PREFIX}"

    # --- life cycle ----------------------------------------------------------------------

    def start(self) -> "FakeOrcid":
        fake = self

        class Handler(OrcidRequestHandler):
            orcid = fake

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(
            # A short poll keeps stop() quick: shutdown waits for the loop's next poll.
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.02},
            name="fake-orcid",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    # --- what the handler asks -----------------------------------------------------------

    def next_scripted(self) -> ScriptedAnswer | None:
        with self._lock:
            return self._script.popleft() if self._script else None

    def wait(self, seconds: float) -> None:
        self._stopping.wait(seconds)

    def issue_code(self, orcid_id: str) -> str:
        code = secrets.token_urlsafe(6)
        with self._lock:
            self._codes[code] = orcid_id
        return code

    def redeem_code(self, code: str) -> str | None:
        with self._lock:
            return self._codes.pop(code, None)

    def person_json(self, record: FakeRecord) -> dict:
        base = f"/{record.orcid_id}/person"
        name = None
        if record.name_is_public:
            name = {
                "created-date": {"value": 1487783356204},
                "last-modified-date": {"value": 1487783356204},
                "given-names": {"value": record.given_names},
                "family-name": {"value": record.family_name} if record.family_name else None,
                "credit-name": {"value": record.credit_name} if record.credit_name else None,
                "source": None,
                "visibility": "public",
                "path": record.orcid_id,
            }
        emails = [{"email": record.email, "visibility": "public", "verified": True}] if record.email else []
        return {
            "last-modified-date": None,
            "name": name,
            "other-names": {"last-modified-date": None, "other-name": [], "path": f"{base}/other-names"},
            "biography": None,
            "researcher-urls": {
                "last-modified-date": None,
                "researcher-url": [],
                "path": f"{base}/researcher-urls",
            },
            "emails": {"last-modified-date": None, "email": emails, "path": f"{base}/email"},
            "addresses": {"last-modified-date": None, "address": [], "path": f"{base}/address"},
            "keywords": {"last-modified-date": None, "keyword": [], "path": f"{base}/keywords"},
            "external-identifiers": {
                "last-modified-date": None,
                "external-identifier": [],
                "path": f"{base}/external-identifiers",
            },
            "path": base,
        }

    def record_json(self, record: FakeRecord) -> dict:
        return {
            "orcid-identifier": {
                "uri": f"{self.base_url}/{record.orcid_id}",
                "path": record.orcid_id,
                "host": "127.0.0.1",
            },
            "preferences": {"locale": "en"},
            "history": {"creation-method": "Member-referred", "claimed": True, "verified-email": True},
            "person": self.person_json(record),
            "activities-summary": {"last-modified-date": None, "path": f"/{record.orcid_id}/activities"},
            "path": f"/{record.orcid_id}",
        }


class OrcidRequestHandler(BaseHTTPRequestHandler):
    orcid: FakeOrcid
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):
        # Quiet: pytest shows the test's own output, not an access log.
        pass

    def do_GET(self):
        url = urlsplit(self.path)
        self._remember({})
        if url.path == "/oauth/authorize":
            return self._authorize(parse_qs(url.query))
        if url.path.startswith(API_PREFIX + "/"):
            return self._api(url.path[len(API_PREFIX) :])
        self._send_json(404, {"error": "not_found", "path": url.path})

    def do_POST(self):
        url = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        form = {key: values[0] for key, values in parse_qs(self.rfile.read(length).decode()).items()}
        self._remember(form)
        if url.path == "/oauth/token":
            return self._token(form)
        self._send_json(404, {"error": "not_found", "path": url.path})

    # --- public API --------------------------------------------------------------------------

    def _api(self, path: str):
        scripted = self.orcid.next_scripted()
        if scripted is not None:
            self.orcid.wait(scripted.delay)
            if scripted.status != 200:
                return self._send_json(
                    scripted.status,
                    _orcid_error(scripted.status, "Scripted failure of the fake ORCID server."),
                    scripted.headers,
                )
        parts = path.strip("/").split("/")
        if len(parts) != 2 or parts[1] not in {"person", "record"}:
            return self._send_json(404, _orcid_error(404, f"No such resource: {path}"))
        orcid_id, section = parts
        record = self.orcid.records.get(orcid_id)
        if record is None:
            return self._send_json(404, _orcid_error(404, f"{orcid_id} does not exist"))
        body = self.orcid.person_json(record) if section == "person" else self.orcid.record_json(record)
        self._send_json(200, body, content_type="application/vnd.orcid+json; qs=4;charset=UTF-8")

    # --- OAuth -------------------------------------------------------------------------------

    def _authorize(self, query: dict):
        params = {key: values[0] for key, values in query.items()}
        if params.get("client_id") != self.orcid.client_id:
            return self._send_json(400, {"error": "invalid_client", "error_description": "Unknown client_id"})
        redirect_uri = params.get("redirect_uri", "")
        answer = {"state": params["state"]} if "state" in params else {}
        if self.orcid.signed_in is None:
            answer.update(error="access_denied", error_description="User denied access")
        else:
            answer["code"] = self.orcid.issue_code(self.orcid.signed_in)
        separator = "&" if "?" in redirect_uri else "?"
        self.send_response(302)
        self.send_header("Location", f"{redirect_uri}{separator}{urlencode(answer)}")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _token(self, form: dict):
        if (
            form.get("client_id") != self.orcid.client_id
            or form.get("client_secret") != self.orcid.client_secret
        ):
            return self._send_json(
                401, {"error": "invalid_client", "error_description": "Bad client credentials"}
            )
        if form.get("grant_type") != "authorization_code":
            return self._send_json(400, {"error": "unsupported_grant_type"})
        orcid_id = self.orcid.redeem_code(form.get("code", ""))
        if orcid_id is None:
            return self._send_json(
                400,
                {
                    "error": "invalid_grant",
                    "error_description": f"Invalid authorization code: {form.get('code')}",
                },
            )
        record = self.orcid.records.get(orcid_id)
        name = (
            f"{record.given_names} {record.family_name}".strip() if record and record.name_is_public else None
        )
        self._send_json(
            200,
            {
                "access_token": secrets.token_hex(16),
                "token_type": "bearer",
                "refresh_token": secrets.token_hex(16),
                "expires_in": 631138518,
                "scope": "/authenticate",
                "name": name,
                "orcid": orcid_id,
            },
        )

    # --- plumbing ----------------------------------------------------------------------------

    def _remember(self, form: dict):
        self.orcid.requests.append(SeenRequest(self.command, self.path, dict(self.headers.items()), form))

    def _send_json(
        self, status: int, body: dict, headers: dict | None = None, content_type="application/json"
    ):
        payload = json.dumps(body).encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(payload)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):
            # The client gave up waiting (a timeout test); nobody is left to answer.
            self.close_connection = True


def _orcid_error(status: int, detail: str) -> dict:
    """The error shape of ORCID's v3.0 API."""
    reasons = {404: "Not Found", 429: "Too Many Requests", 503: "Service Unavailable"}
    return {
        "response-code": status,
        "developer-message": f"{status} {reasons.get(status, 'Error')}: {detail}",
        "user-message": "The resource was not found." if status == 404 else "Something went wrong in ORCID.",
        "more-info": ORCID_ERROR_INFO,
    }


@pytest.fixture
def fake_orcid(settings):
    """A running fake ORCID; ``ORCID_BASE_URL`` and ``ORCID_PUBLIC_API_URL`` point at it."""
    fake = FakeOrcid().start()
    settings.ORCID_BASE_URL = fake.base_url
    settings.ORCID_PUBLIC_API_URL = fake.api_url
    try:
        yield fake
    finally:
        fake.stop()
