"""The support desk's e-mail: messages in (``ingest``), public replies and rating requests out,
SLA warnings, and the review of mail kept aside (``release_held``, ``discard_held``).

Ingestion never raises for bad input and never loses a message: what cannot become a ticket or
a reply is stored as ``InboundMail`` (held for review, or failed) with its raw bytes and the reason.

Threading, in order: In-Reply-To and References naming a message of a ticket this desk may join
(its own; for an ORCID desk, any ORCID desk's, since tickets move between them; a consortium
desk also joins ORCID's side of its own escalations), then the ticket reference in the subject
("[#123]") when the sender is the requester, of the requester's organization, or an agent. The
subject token alone is not enough for a stranger: ticket numbers are easy to guess.
"""

import functools
import logging
import mimetypes
import re
from dataclasses import dataclass, field
from email import message_from_bytes
from email import policy as email_policy
from email.message import EmailMessage
from email.utils import formataddr, make_msgid, parseaddr
from html import escape
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from consortia.accounts import policy
from consortia.accounts.models import User
from consortia.support import services
from consortia.support.models import Desk, Escalation, InboundMail, Ticket, TicketMessage

logger = logging.getLogger(__name__)

# The ticket reference we put in the subjects we send, and find in the subjects of replies.
REFERENCE_TOKEN = re.compile(r"\[#(\d{1,10})\]")
MESSAGE_ID = re.compile(r"<[^<>\s]+>")
MESSAGE_ID_LENGTH = TicketMessage._meta.get_field("message_id").max_length
# An outgoing References header names the thread's first message and at most this many recent ones.
REFERENCES_KEPT = 10
LOOP_SENDERS = ("mailer-daemon", "postmaster")
NO_SUBJECT = "(no subject)"
NO_TEXT = "(No text: see the attachments.)"
# A message's text longer than this is cut in the thread, the whole text kept as an attachment.
MAX_BODY_CHARS = 100_000
FULL_TEXT_NAME = "message.txt"
# Kept aside, waiting for a desk agent's review.
PENDING = (InboundMail.State.HELD, InboundMail.State.FAILED)


# --- reading a message ------------------------------------------------------------------------


@dataclass
class ParsedMail:
    message_id: str | None = None
    sender_email: str = ""
    sender_name: str = ""
    subject: str = ""
    body: str = ""
    attachments: list = field(default_factory=list)  # services.NewAttachment
    dropped: list = field(default_factory=list)  # notes on attachments not kept
    in_reply_to: str = ""
    references: list = field(default_factory=list)
    automatic: str = ""  # why it is an automatic message (auto-reply), empty if not
    bounce: str = ""  # why it is a delivery failure report, empty if not

    @property
    def thread_ids(self) -> list[str]:
        """Message-IDs it answers, the nearest first."""
        ids = [self.in_reply_to] if self.in_reply_to else []
        ids += [ref for ref in reversed(self.references) if ref not in ids]
        return ids


def _text(value) -> str:
    """A header value as text the database takes: undecodable bytes (kept by the parser as
    surrogates) read as UTF-8, or else Windows-1252."""
    value = str(value or "")
    try:
        value.encode("utf-8")
        return value
    except UnicodeEncodeError:
        raw = value.encode("utf-8", "surrogateescape")
    for charset in ("utf-8", "cp1252"):
        try:
            return raw.decode(charset)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


def _header(message, name: str) -> str:
    try:
        value = message.get(name)
    except Exception:  # a header the parser cannot make sense of: its raw text then
        value = next((raw for key, raw in message.raw_items() if key.lower() == name.lower()), "")
    return " ".join(_text(value).split())


def _raw_headers(message) -> dict[str, str]:
    """Each header's first raw value by lower-case name: for the headers that need no decoding
    (Message-IDs, Auto-Submitted...), which the parser would otherwise parse again on each read."""
    found = {}
    for name, value in message.raw_items():
        found.setdefault(name.lower(), " ".join(_text(value).split()))
    return found


def _message_ids(value: str) -> list[str]:
    return [found[:MESSAGE_ID_LENGTH] for found in MESSAGE_ID.findall(value or "")]


def _sender(message) -> tuple[str, str]:
    """(e-mail address, display name) of the From header; empty when there is none."""
    raw = _header(message, "From")
    if not raw:
        return "", ""
    try:
        addresses = message.get("From").addresses
        if addresses:
            return _text(addresses[0].addr_spec).strip().strip("<>"), _text(addresses[0].display_name)
    except Exception:
        pass
    name, address = parseaddr(raw)
    return address.strip(), name.strip()


def decode_part(part) -> str:
    """A text part's content: its declared charset, else UTF-8, else Windows-1252 (what a wrong
    or missing declaration most often hides), else Latin-1, which reads any byte."""
    payload = part.get_payload(decode=True) or b""
    declared = part.get_content_charset() or "us-ascii"
    for charset in (declared, "utf-8", "cp1252"):
        try:
            return payload.decode(charset)
        except (LookupError, UnicodeDecodeError):
            continue
    return payload.decode("latin-1")


class _PlainText(HTMLParser):
    """HTML to readable plain text: blocks and line breaks kept, lists as dashes, quotes with
    '> ', links followed by their address, script and style dropped, entities decoded."""

    BLOCKS = {
        "p", "div", "section", "article", "header", "footer", "table", "tr", "ul", "ol", "h1", "h2",
        "h3", "h4", "h5", "h6", "pre", "hr", "blockquote", "address", "dl", "dt", "dd", "form",
    }  # fmt: skip
    SKIPPED = {"script", "style", "head", "title", "template", "noscript"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.skipping = 0
        self.quote = 0
        self.pre = 0
        self.href = None

    def _break(self, blank: bool = False) -> None:
        text = "".join(self.current)
        text = text if self.pre else " ".join(text.split())
        prefix = "> " * self.quote
        if text or self.current:
            self.lines.append((prefix + text).rstrip() if text else prefix.rstrip())
        self.current = []
        if blank and self.lines and self.lines[-1] != prefix.rstrip():
            self.lines.append(prefix.rstrip())

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIPPED:
            self.skipping += 1
        elif tag == "br":
            self._break()
            self.current = [""]
        elif tag == "li":
            self._break()
            self.current = ["- "]
        elif tag in ("td", "th"):
            self.current.append(" ")
        elif tag in self.BLOCKS:
            self._break(blank=tag not in ("tr", "div", "dt", "dd"))
            if tag == "blockquote":
                self.quote += 1
            elif tag == "pre":
                self.pre += 1
        elif tag == "a":
            self.href = dict(attrs).get("href")
        elif tag == "img":
            alt = dict(attrs).get("alt")
            if alt:
                self.current.append(f"[{alt}]")

    def handle_endtag(self, tag):
        if tag in self.SKIPPED:
            self.skipping = max(self.skipping - 1, 0)
        elif tag in self.BLOCKS or tag == "li":
            self._break(blank=tag not in ("tr", "div", "li", "dt", "dd"))
            if tag == "blockquote":
                self.quote = max(self.quote - 1, 0)
            elif tag == "pre":
                self.pre = max(self.pre - 1, 0)
        elif tag == "a":
            text = "".join(self.current)
            if self.href and self.href.startswith(("http:", "https:")) and self.href not in text:
                self.current.append(f" ({self.href})")
            self.href = None

    def handle_data(self, data):
        if not self.skipping:
            self.current.append(data)

    def text(self) -> str:
        self._break()
        lines, blank = [], False
        for line in self.lines:
            is_blank = not line.strip("> ").strip()
            if is_blank and (blank or not lines):
                continue
            lines.append(line)
            blank = is_blank
        return "\n".join(lines).strip()


def html_to_text(html: str) -> str:
    parser = _PlainText()
    parser.feed(html)
    parser.close()
    return parser.text()


QUOTE_HEADER = re.compile(r"^\s*On\b.{0,300}\bwrote:\s*$", re.IGNORECASE | re.DOTALL)


def strip_quoted_history(text: str) -> str:
    """Cut the quoted history a mail client adds below a reply: an "On … wrote:" line (which a
    client may wrap onto two lines) followed by nothing but '>' lines. Anything else is kept:
    text interleaved with quotes is an answer, not history."""
    lines = text.splitlines()
    for index in range(len(lines)):
        for span in (1, 2):
            header = " ".join(lines[index : index + span])
            if not QUOTE_HEADER.match(header):
                continue
            rest = [rest for rest in lines[index + span :] if rest.strip()]
            if rest and all(rest_line.lstrip().startswith(">") for rest_line in rest):
                kept = "\n".join(lines[:index]).rstrip()
                return kept or text
    return text


def _leaves(part):
    """The leaf parts of a message; a forwarded message (message/rfc822) is one leaf."""
    if part.get_content_type() == "message/rfc822" or not part.is_multipart():
        yield part
        return
    for sub in part.iter_parts():
        yield from _leaves(sub)


def _attachment(part, number: int) -> services.NewAttachment:
    content_type = part.get_content_type()
    if content_type == "message/rfc822":
        inner = part.get_payload()
        inner = inner[0] if isinstance(inner, list) else inner
        content = inner.as_bytes(policy=email_policy.default)
        default_name = f"forwarded-{number}.eml"
    else:
        content = part.get_payload(decode=True) or b""
        extension = mimetypes.guess_extension(content_type) or ".bin"
        default_name = f"{'inline' if part.get_content_disposition() == 'inline' else 'attachment'}-{number}"
        default_name += extension
    try:
        filename = _text(part.get_filename() or "")
    except Exception:
        filename = ""
    return services.NewAttachment(filename.strip() or default_name, content, content_type)


def _automatic(message, headers: dict, sender: str) -> tuple[str, str]:
    """(auto-reply reason, bounce reason): automatic mail is kept aside, never answered, so two
    robots cannot write to each other forever."""
    local = sender.split("@")[0].lower()
    if local in LOOP_SENDERS or message.get_content_type() == "multipart/report":
        return "", "A delivery failure report (bounce)."
    submitted = headers.get("auto-submitted", "").lower()
    if submitted and submitted != "no":
        return f"An automatic message (Auto-Submitted: {submitted}).", ""
    precedence = headers.get("precedence", "").lower()
    if precedence in ("bulk", "junk", "list", "auto_reply"):
        return f"An automatic message (Precedence: {precedence}).", ""
    for name in ("X-Autoreply", "X-Autorespond"):
        if headers.get(name.lower()):
            return f"An automatic message ({name}).", ""
    return "", ""


class _Policy(type(email_policy.default)):
    """``email.policy.default``, remembering the headers it parsed: the parser reads a header
    again on every access (a part's Content-Type a dozen times), and most values repeat."""

    def header_fetch_parse(self, name, value):
        if hasattr(value, "name"):
            return value
        return _parsed_header(name, value)


@functools.lru_cache(maxsize=4096)
def _parsed_header(name: str, value: str):
    return email_policy.default.header_fetch_parse(name, value)


POLICY = _Policy()


def parse(raw: bytes) -> ParsedMail:
    """Read a raw RFC 5322 message; raises ValueError when it is not one at all."""
    message = message_from_bytes(raw, policy=POLICY)
    if not isinstance(message, EmailMessage) or not (len(message.keys()) or message.get_payload()):
        raise ValueError("not an e-mail message")
    if not message.keys():
        raise ValueError("no headers")
    parsed = ParsedMail()
    headers = _raw_headers(message)
    ids = _message_ids(headers.get("message-id", ""))
    parsed.message_id = ids[0] if ids else None
    parsed.sender_email, parsed.sender_name = _sender(message)
    parsed.subject = _header(message, "Subject")
    replied = _message_ids(headers.get("in-reply-to", ""))
    parsed.in_reply_to = replied[0] if replied else ""
    parsed.references = _message_ids(headers.get("references", ""))
    parsed.automatic, parsed.bounce = _automatic(message, headers, parsed.sender_email)

    body_part = message.get_body(preferencelist=("plain", "html"))
    if body_part is not None:
        text = decode_part(body_part)
        if body_part.get_content_subtype() == "html":
            text = html_to_text(text)
        parsed.body = strip_quoted_history(text.replace("\r\n", "\n").replace("\x00", "")).strip()
    full_text = None
    if len(parsed.body) > MAX_BODY_CHARS:
        full_text = services.NewAttachment(FULL_TEXT_NAME, parsed.body.encode(), "text/plain")
        parsed.body = parsed.body[:MAX_BODY_CHARS].rstrip()
    number = 0
    for part in _leaves(message):
        if part is body_part:
            continue
        if (
            part.get_content_maintype() == "text"
            and part.get_content_disposition() != "attachment"
            and not part.get_filename()
        ):
            continue  # the body's other alternative
        number += 1
        attachment = _attachment(part, number)
        if len(attachment.content) > services.MAX_ATTACHMENT_BYTES:
            megabytes = services.MAX_ATTACHMENT_BYTES // (1024 * 1024)
            parsed.dropped.append(
                f"[The attachment “{attachment.filename}” ({len(attachment.content) / 1048576:.1f} MB) "
                f"was not kept: attachments are limited to {megabytes} MB.]"
            )
        else:
            parsed.attachments.append(attachment)
    if full_text is not None:
        _keep_full_text(parsed, full_text)
    return parsed


def _keep_full_text(parsed: ParsedMail, full_text) -> None:
    """A text too long for the thread: cut, with the whole of it attached when it is not too
    large for an attachment itself."""
    if len(full_text.content) > services.MAX_ATTACHMENT_BYTES:
        megabytes = services.MAX_ATTACHMENT_BYTES // (1024 * 1024)
        parsed.dropped.append(
            f"[The message's text was cut at {MAX_BODY_CHARS:,} characters; the rest "
            f"({len(full_text.content) / 1048576:.1f} MB in all) was not kept: attachments are "
            f"limited to {megabytes} MB.]"
        )
        return
    parsed.attachments.append(full_text)
    parsed.dropped.append(
        f"[The message's text was cut at {MAX_BODY_CHARS:,} characters; the whole text is "
        f"attached as {FULL_TEXT_NAME}.]"
    )


# --- ingesting ----------------------------------------------------------------------------------


@dataclass
class IngestResult:
    """What became of one message: opened, joined, duplicate, held or failed."""

    outcome: str
    ticket: Ticket | None = None
    message: TicketMessage | None = None
    inbound: InboundMail | None = None
    reason: str = ""

    @property
    def is_kept_aside(self) -> bool:
        return self.outcome in (InboundMail.State.HELD, InboundMail.State.FAILED)

    def summary(self) -> str:
        if self.outcome in ("opened", "joined"):
            return f"{self.outcome} {self.ticket.reference}"
        if self.outcome == "duplicate":
            return f"duplicate ({self.reason})" if self.reason else "duplicate"
        return f"{self.outcome}: {self.reason}"


def _may_join(desk: Desk, ticket: Ticket) -> bool:
    if ticket.desk_id == desk.pk or (desk.is_orcid and ticket.desk.is_orcid):
        return True
    # ORCID's side of this consortium desk's own escalation (the agent answers ORCID by e-mail).
    return (
        not desk.is_orcid
        and ticket.origin == Ticket.Origin.ESCALATION
        and Escalation.objects.filter(orcid_ticket=ticket, ticket__desk=desk).exists()
    )


def _agent(email: str, desk: Desk) -> User | None:
    user = next(iter(User.objects.filter(email__iexact=email, is_active=True).order_by()[:1]), None)
    return user if user is not None and policy.can_work_desk(user, desk) else None


def _known(ids) -> dict[str, TicketMessage]:
    """The stored messages among these Message-IDs (the message's own and those it answers),
    in one query."""
    ids = [message_id for message_id in ids if message_id]
    if not ids:
        return {}
    found = TicketMessage.objects.filter(message_id__in=ids).select_related("ticket__desk").order_by()
    return {message.message_id: message for message in found}


def _thread(desk: Desk, parsed: ParsedMail, known: dict) -> Ticket | None:
    for message_id in parsed.thread_ids:
        if message_id in known and _may_join(desk, known[message_id].ticket):
            return known[message_id].ticket
    # Ours is the last token ("Re: About [#5] [#9]"): a subject may quote another ticket's too.
    for token in reversed(REFERENCE_TOKEN.findall(parsed.subject)):
        ticket = Ticket.objects.select_related("desk").filter(pk=int(token)).first()
        if ticket is not None and _may_join(desk, ticket) and _belongs(parsed.sender_email, ticket):
            return ticket
    return None


def _belongs(sender: str, ticket: Ticket) -> bool:
    """Whether the sender may write into the ticket by naming it: its requester, a contact of its
    organization, or one of its desk's agents. ORCID's side of an escalation is between ORCID and
    the consortium's agents: the member's organization is not a party to it."""
    sender = sender.lower()
    if sender and sender == (ticket.requester_email or "").lower():
        return True
    if ticket.origin == Ticket.Origin.ESCALATION:
        source = Escalation.objects.select_related("ticket__desk").filter(orcid_ticket=ticket).first()
        return _agent(sender, ticket.desk) is not None or (
            source is not None and _agent(sender, source.ticket.desk) is not None
        )
    if ticket.organization_id is not None:
        _, organization = services.find_requester(sender, ticket.consortium)
        if organization is not None and organization.pk == ticket.organization_id:
            return True
    return _agent(sender, ticket.desk) is not None


def _body(parsed: ParsedMail) -> str:
    body = parsed.body or (NO_TEXT if parsed.attachments or parsed.dropped else "")
    if parsed.dropped:
        body = "\n\n".join([body, *parsed.dropped])
    return body


def _store(desk: Desk, parsed: ParsedMail, known: dict, *, allow_unknown: bool) -> IngestResult:
    """Thread or open; an IngestResult kept aside (unsaved) for an unknown sender on hold."""
    ticket = _thread(desk, parsed, known)
    if ticket is not None and ticket.desk_id == desk.pk:
        ticket.desk = desk  # with its calendar and SLA targets fetched once (desk_for_ingest)
    if ticket is not None and ticket.status != Ticket.Status.CLOSED:
        message = services.receive_reply(
            ticket,
            _body(parsed),
            # The requester writes from their side; only someone else may be one of the desk's agents.
            from_agent=parsed.sender_email.lower() != (ticket.requester_email or "").lower()
            and _agent(parsed.sender_email, ticket.desk) is not None,
            author_email=parsed.sender_email,
            author_name=parsed.sender_name,
            message_id=parsed.message_id,
            in_reply_to=parsed.in_reply_to,
            attachments=parsed.attachments,
        )
        return IngestResult("joined", ticket=ticket, message=message)
    # A new message, or an answer on a closed ticket, which opens a new one.
    requester, organization = services.find_requester(parsed.sender_email, desk.consortium)
    if requester is None and desk.unknown_senders == Desk.UnknownSenders.HOLD and not allow_unknown:
        return IngestResult(
            InboundMail.State.HELD,
            reason=f"Unknown sender {parsed.sender_email}: this desk holds their mail for review.",
        )
    ticket = services.open_ticket(
        None,
        desk,
        subject=parsed.subject or NO_SUBJECT,
        body=_body(parsed),
        requester=requester,
        requester_email=parsed.sender_email,
        requester_name=parsed.sender_name,
        organization=organization,
        origin=Ticket.Origin.EMAIL,
        attachments=parsed.attachments,
        message_id=parsed.message_id,
    )
    return IngestResult("opened", ticket=ticket)


def _duplicate(message: TicketMessage) -> IngestResult:
    return IngestResult(
        "duplicate", ticket=message.ticket, message=message, reason=f"on {message.ticket.reference}"
    )


def _kept_already(desk: Desk, message_id: str | None) -> InboundMail | None:
    """The same message, held or failed earlier and not reviewed yet."""
    if not message_id:
        return None
    kept = InboundMail.objects.filter(desk=desk, message_id=message_id, state__in=PENDING)
    return next(iter(kept.defer("raw").order_by()[:1]), None)


def _process(desk: Desk, raw: bytes, *, reviewing: bool = False) -> tuple[IngestResult, ParsedMail | None]:
    """Ingest one message; a result kept aside is returned unsaved (``ingest`` stores it)."""
    try:
        parsed = parse(raw)
    except Exception as exc:
        return IngestResult(InboundMail.State.FAILED, reason=f"Not a readable e-mail message ({exc})."), None
    known = _known([parsed.message_id, *parsed.thread_ids])
    if parsed.message_id in known:
        return _duplicate(known[parsed.message_id]), parsed
    if not parsed.sender_email or "@" not in parsed.sender_email:
        return IngestResult(InboundMail.State.FAILED, reason="No sender: the From header is missing."), parsed
    own = {parseaddr(settings.DEFAULT_FROM_EMAIL)[1].lower(), (desk.email_address or "").lower()} - {""}
    if parsed.sender_email.lower() in own:
        reason = "Sent from the desk's own address (a mail loop)."
        return IngestResult(InboundMail.State.FAILED, reason=reason), parsed
    if parsed.bounce:
        return IngestResult(InboundMail.State.FAILED, reason=parsed.bounce), parsed
    if parsed.automatic and not reviewing:
        return IngestResult(InboundMail.State.HELD, reason=parsed.automatic), parsed
    if not (parsed.body or parsed.attachments or parsed.dropped):
        return IngestResult(InboundMail.State.FAILED, reason="Empty: no text and no attachments."), parsed
    try:
        with transaction.atomic():
            return _store(desk, parsed, known, allow_unknown=reviewing), parsed
    except IntegrityError:
        # The same message delivered twice at once: the other delivery stored it.
        stored = _known([parsed.message_id]).get(parsed.message_id)
        if stored is not None:
            return _duplicate(stored), parsed
        logger.exception("Could not store a message for %s", desk.slug)
        return IngestResult(
            InboundMail.State.FAILED, reason="Could not be stored (database refused it)."
        ), parsed
    except ValidationError as exc:
        return IngestResult(
            InboundMail.State.FAILED, reason=f"Could not be stored: {' '.join(exc.messages)}"
        ), parsed
    except Exception as exc:
        logger.exception("Could not store a message for %s", desk.slug)
        return IngestResult(
            InboundMail.State.FAILED, reason=f"Could not be stored ({type(exc).__name__})."
        ), parsed


def desk_for_ingest(slug: str) -> Desk | None:
    """The desk with what every message's SLA refresh reads (its calendar, closures and targets)
    fetched once, for ingesting many messages in a row."""
    return (
        Desk.objects.select_related("calendar", "consortium")
        .prefetch_related("calendar__hours", "calendar__closures", "sla_policies")
        .filter(slug=slug)
        .first()
    )


def ingest(desk: Desk, raw: bytes) -> IngestResult:
    """One raw message for ``desk``: opens a ticket, joins a thread, or is kept aside with the
    reason (``InboundMail``). Never raises for bad input."""
    result, parsed = _process(desk, raw)
    if result.is_kept_aside:
        kept = _kept_already(desk, parsed.message_id if parsed else None)
        if kept is not None:
            reason = f"already {kept.get_state_display().lower()}"
            return IngestResult("duplicate", inbound=kept, reason=reason)
        result.inbound = InboundMail.objects.create(
            desk=desk,
            state=result.outcome,
            reason=result.reason[:500],
            message_id=(parsed.message_id or "") if parsed else "",
            sender=(parsed.sender_email if parsed else "")[:320],
            subject=(parsed.subject if parsed else "")[:300],
            raw=bytes(raw),
        )
    return result


# --- reviewing what was kept aside ---------------------------------------------------------------


def _reviewable(actor, inbound: InboundMail) -> InboundMail:
    inbound = InboundMail.objects.select_for_update().select_related("desk").get(pk=inbound.pk)
    if not policy.can_work_desk(actor, inbound.desk):
        raise PermissionDenied("Only the desk's agents review its held mail.")
    if inbound.state not in PENDING:
        raise ValidationError(f"This message was reviewed already: {inbound.get_state_display().lower()}.")
    return inbound


@transaction.atomic
def release_held(actor, inbound: InboundMail) -> IngestResult:
    """Open a ticket from a held message (or thread it, if it answers one): ingestion again,
    this time accepting an unknown sender and an automatic message; the row is kept, accepted."""
    inbound = _reviewable(actor, inbound)
    result, _ = _process(inbound.desk, bytes(inbound.raw), reviewing=True)
    if result.is_kept_aside:
        raise ValidationError(f"It still cannot become a ticket: {result.reason}")
    inbound.state, inbound.ticket = InboundMail.State.ACCEPTED, result.ticket
    inbound.reviewed_by, inbound.reviewed_at = actor, timezone.now()
    inbound.save(update_fields=["state", "ticket", "reviewed_by", "reviewed_at"])
    result.inbound = inbound
    return result


@transaction.atomic
def discard_held(actor, inbound: InboundMail) -> InboundMail:
    """Discard a held message; the row and its raw bytes stay, marked discarded."""
    inbound = _reviewable(actor, inbound)
    inbound.state = InboundMail.State.DISCARDED
    inbound.reviewed_by, inbound.reviewed_at = actor, timezone.now()
    inbound.save(update_fields=["state", "reviewed_by", "reviewed_at"])
    return inbound


# --- sending ------------------------------------------------------------------------------------


def _domain(desk: Desk | None = None) -> str:
    for address in ((desk.email_address if desk else ""), parseaddr(settings.DEFAULT_FROM_EMAIL)[1]):
        if address and "@" in address:
            return address.rsplit("@", 1)[1]
    return urlsplit(settings.CONSORTIA_BASE_URL).hostname or "localhost"


def desk_sender(desk: Desk) -> str:
    """``Desk name <desk address>``: the desk's own address, or the site's."""
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    return formataddr((desk.name, desk.email_address or address))


def _one_line(text: str) -> str:
    return " ".join((text or "").split())


def reply_subject(ticket: Ticket) -> str:
    subject = _one_line(ticket.subject)
    if not re.match(r"^\s*re:", subject, re.IGNORECASE):
        subject = f"Re: {subject}"
    if ticket.reference not in subject:
        subject = f"{subject} [{ticket.reference}]"
    return subject


def _threading(ticket: Ticket, before: TicketMessage | None = None) -> dict:
    """In-Reply-To and References naming the thread's earlier e-mails (received or sent)."""
    earlier = ticket.messages.filter(kind=TicketMessage.Kind.REPLY, message_id__isnull=False).exclude(
        message_id=""
    )
    if before is not None:
        earlier = earlier.filter(created_at__lte=before.created_at).exclude(pk=before.pk)
    ids = list(earlier.order_by("created_at", "pk").values_list("message_id", flat=True))
    if not ids:
        return {}
    kept = ids if len(ids) <= REFERENCES_KEPT + 1 else [ids[0], *ids[-REFERENCES_KEPT:]]
    return {"In-Reply-To": ids[-1], "References": " ".join(kept)}


def _recipient(ticket: Ticket) -> str:
    address = ticket.requester_email or (ticket.requester.email if ticket.requester else "") or ""
    return formataddr((_one_line(ticket.requester_name), address)) if address else ""


def _html(text: str) -> str:
    paragraphs = [escape(block).replace("\n", "<br>") for block in text.split("\n\n") if block.strip()]
    return "".join(f"<p>{p}</p>" for p in paragraphs)


def send_ticket_message(message_id: int) -> TicketMessage | None:
    """E-mail an agent's public reply to the ticket's requester (for ORCID's side of an
    escalation, the consortium's agent). Once: a message already e-mailed is skipped, and a retry
    after a failed send reuses the Message-ID stored first."""
    message = (
        TicketMessage.objects.select_related("ticket__desk", "ticket__requester")
        .filter(pk=message_id)
        .first()
    )
    if message is None or message.emailed_at is not None:
        return None
    if message.kind != TicketMessage.Kind.REPLY or not message.from_agent:
        return None
    ticket = message.ticket
    recipient = _recipient(ticket)
    if not recipient:
        return None
    if not message.message_id:
        message.message_id = make_msgid(f"ticket-{ticket.pk}", domain=_domain(ticket.desk))
        TicketMessage.objects.filter(pk=message.pk).update(message_id=message.message_id)
    footer = (
        f"\n\n-- \n{ticket.desk.name} · ticket {ticket.reference}: {ticket_url(ticket)}\n"
        "Reply to this e-mail to add to the ticket."
    )
    email = EmailMultiAlternatives(
        subject=reply_subject(ticket),
        body=message.body + footer,
        from_email=desk_sender(ticket.desk),
        to=[recipient],
        headers={"Message-ID": message.message_id, **_threading(ticket, before=message)},
    )
    email.attach_alternative(_html(message.body + footer), "text/html")
    for attachment in message.attachments.all():
        with attachment.file.open("rb") as handle:
            email.attach(attachment.filename, handle.read(), attachment.content_type)
    email.send()
    message.emailed_at = timezone.now()
    TicketMessage.objects.filter(pk=message.pk).update(emailed_at=message.emailed_at)
    return message


def ticket_url(ticket: Ticket) -> str:
    return settings.CONSORTIA_BASE_URL.rstrip("/") + reverse("support:ticket", args=[ticket.pk])


def rating_links(ticket: Ticket) -> list[tuple[int, str]]:
    token = services.rating_token(ticket)
    base = settings.CONSORTIA_BASE_URL.rstrip("/")
    page = reverse("support:rate", args=[token])
    return [(score, f"{base}{page}?score={score}") for score in range(1, 6)]


def send_rating_request(ticket_id: int):
    """Ask the requester of a resolved ticket for a one-click rating (1–5), by signed links that
    work without signing in. Not for an escalation's ORCID side, a reopened or a rated ticket."""
    ticket = Ticket.objects.select_related("desk", "requester").filter(pk=ticket_id).first()
    if (
        ticket is None
        or ticket.status not in Ticket.DONE_STATUSES
        or ticket.origin == Ticket.Origin.ESCALATION
        or hasattr(ticket, "rating")
    ):
        return None
    recipient = _recipient(ticket)
    if not recipient:
        return None
    links = rating_links(ticket)
    lines = [
        f"Your request {ticket.reference} “{ticket.subject}” is resolved.",
        "",
        "How did we do? One click rates it (1 = poor, 5 = excellent); you can add a comment there:",
        "",
        *[f"  {score}: {url}" for score, url in links],
        "",
        f"-- \n{ticket.desk.name}",
    ]
    text = "\n".join(lines)
    html = (
        f"<p>Your request {escape(ticket.reference)} “{escape(ticket.subject)}” is resolved.</p>"
        "<p>How did we do? One click rates it (1 = poor, 5 = excellent); you can add a comment there:</p><p>"
        + " ".join(f'<a href="{escape(url)}">{score}</a>' for score, url in links)
        + f"</p><p>{escape(ticket.desk.name)}</p>"
    )
    email = EmailMultiAlternatives(
        subject=f"How did we do? {reply_subject(ticket)}",
        body=text,
        from_email=desk_sender(ticket.desk),
        to=[recipient],
        headers={
            "Message-ID": make_msgid(f"rating-{ticket.pk}", domain=_domain(ticket.desk)),
            # RFC 3834: an automatic message, so auto-responders stay quiet.
            "Auto-Submitted": "auto-generated",
            **_threading(ticket),
        },
    )
    email.attach_alternative(html, "text/html")
    email.send()
    return email


# --- SLA warnings -------------------------------------------------------------------------------


def breach_warning(ticket: Ticket, recipients: list[str], time_zone) -> EmailMultiAlternatives:
    """An e-mail to the people who can act: the ticket's SLA target falls due soon."""
    due = timezone.localtime(ticket.sla_due, time_zone)
    if ticket.sla_due == ticket.first_response_due:
        target = "first response"
    elif ticket.sla_due == ticket.next_response_due:
        target = "next response"
    else:
        target = "resolution"
    subject = _one_line(ticket.subject)
    text = (
        f"Ticket {ticket.reference} “{subject}” on {ticket.desk.name} is about to miss its "
        f"{target} target, due {due:%a %d %b %Y %H:%M %Z}.\n\n"
        f"Requester: {ticket.requester_display}\nStatus: {ticket.get_status_display()}\n"
        f"Assignee: {ticket.assignee.display_name if ticket.assignee else 'nobody'}\n\n"
        f"{ticket_url(ticket)}\n"
    )
    return EmailMultiAlternatives(
        subject=f"SLA warning: {ticket.reference} {subject} ({target} due {due:%d %b %H:%M %Z})",
        body=text,
        from_email=desk_sender(ticket.desk),
        to=recipients,
        headers={
            "Message-ID": make_msgid(f"sla-{ticket.pk}", domain=_domain(ticket.desk)),
            "Auto-Submitted": "auto-generated",
        },
    )


def send_all(messages) -> int:
    if not messages:
        return 0
    with get_connection() as connection:
        return connection.send_messages(list(messages))


def body_preview(raw: bytes) -> ParsedMail | None:
    """A held message read for its reviewer; None when it cannot be read at all."""
    try:
        return parse(bytes(raw))
    except Exception:
        return None
