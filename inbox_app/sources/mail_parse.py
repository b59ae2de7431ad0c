"""Raw RFC 5322 bytes to what the inbox keeps, defensively.

Mail in the wild is broken in every way a parser can imagine: undeclared 8-bit
headers, impossible dates, missing boundaries, bodies in unknown charsets, and
messages built to exhaust a parser (thousands of nested parts). Everything here
uses the standard `email` package with `policy.default`, and every step that can
fail falls back to something plainer, so a message is always stored with what
could be read and a note of what could not. The number of MIME parts is capped
while parsing, which bounds time and memory for hostile nesting.

Nothing here does I/O: `parse_message(raw)` returns a `ParsedMail`, and
`incoming_message(...)` maps it to the `IncomingMessage` the store ingests. Reading
the parts themselves (bodies, attachments) is mail_parts.py's, decoding the header
fields mail_headers.py's, and telling a machine's mail (bounces, auto-replies…) from a
person's mail_auto.py's.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from email import policy
from email.feedparser import BytesFeedParser
from email.message import EmailMessage, Message
from email.parser import BytesHeaderParser

from inbox_app.core.html import MAX_HTML, html_to_text, sanitize_html
from inbox_app.core.models import IdentityRef, IncomingMessage, Sentiment
from inbox_app.core.text import REPLY_PREFIX, clean_text, size_text
from inbox_app.sources.mail_auto import (
    BOUNCE,
    COMPLAINT,
    READ_RECEIPT,
    about_ids,
    auto_kind,
)
from inbox_app.sources.mail_calendar import calendar_text
from inbox_app.sources.mail_headers import (
    addresses,
    email_or_none,
    header_text,
    message_id_of,
    message_ids,
    raw_header,
    sent_at,
)
from inbox_app.sources.mail_parts import (
    CALENDARS,
    MAX_PARTS,
    TEXT_FILES,
    Attachment,
    attachments_in,
    body_part,
    part_text,
    walk_parts,
)
from inbox_app.sources.mail_quotes import split_reply

FEED_CHUNK = 64 * 1024
MAX_SUBJECT = 1_000
MAX_REFERENCES = 50
NEUTRAL = Sentiment(0.0, 0.0, 1.0, 0.0)



@dataclass
class ParsedMail:
    """What one mail says, decoded; `problems` lists what could not be read, in words."""

    message_id: str | None = None
    subject: str = ""
    from_name: str = ""
    from_address: str | None = None
    reply_to: str | None = None
    reply_to_name: str = ""
    to: list[str] = field(default_factory=list)
    cc: list[str] = field(default_factory=list)
    date: int | None = None
    in_reply_to: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    text: str = ""
    html: str | None = None
    attachments: list[Attachment] = field(default_factory=list)
    auto: str | None = None
    about_ids: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    content_hash: str = ""


class _TooManyParts(Exception):
    pass


# Subjects


def _without_reply_prefixes(subject: str) -> str:
    """The subject without its Re:/Fwd:/AW:/SV:… prefixes (at most 20), spaced once."""
    text = subject or ""
    for _ in range(20):
        stripped = REPLY_PREFIX.sub("", text, count=1)
        if stripped == text:
            break
        text = stripped
    return re.sub(r"\s+", " ", text).strip()


def normalize_subject(subject: str) -> str:
    """The subject without Re:/Fwd:/AW:/SV:… prefixes, case and spacing, for threading."""
    return _without_reply_prefixes(subject).casefold()


def reply_subject(subject: str) -> str:
    """`Re: <subject>` without piling up prefixes."""
    text = _without_reply_prefixes(subject)
    return f"Re: {text}" if text else "Re: your message"


# Parsing


def _parse_bounded(raw: bytes) -> tuple[EmailMessage, bool]:
    """The parsed message, and whether parsing stopped at MAX_PARTS parts."""
    made: list[Message] = []

    def factory(policy):
        if len(made) >= MAX_PARTS:
            raise _TooManyParts
        message = EmailMessage(policy=policy)
        made.append(message)
        return message

    parser = BytesFeedParser(_factory=factory, policy=policy.default)
    made.clear()  # the parser calls the factory once to try it out
    try:
        # Fed in pieces, so a hostile message stops at the limit having cost only what
        # was read up to there (the parser splits everything it is given into lines).
        for start in range(0, len(raw), FEED_CHUNK):
            parser.feed(raw[start : start + FEED_CHUNK])
        return parser.close(), False
    except (_TooManyParts, RecursionError):
        if not made:
            raise
        return made[0], True


def _invitation_text(message: Message, problems: list[str]) -> str:
    """What a mail holding only a calendar invitation is about, in words."""
    try:
        for part in walk_parts(message):
            if part.get_content_type() in CALENDARS:
                return calendar_text(part)
    except Exception as error:
        problems.append(f"the calendar invitation cannot be read ({type(error).__name__})")
    return ""


def content_hash(raw: bytes) -> str:
    """A stable id for a message without a Message-ID (line endings do not count)."""
    return "hash:" + hashlib.sha256(raw.replace(b"\r\n", b"\n")).hexdigest()[:40]


def parse_message(raw: bytes) -> ParsedMail:
    """Everything the inbox needs from one message; never raises for bad mail."""
    problems: list[str] = []
    mail = ParsedMail(content_hash=content_hash(raw), problems=problems)
    try:
        message, cut_short = _parse_bounded(raw)
    except Exception as error:  # a parser bug: fall back to the headers alone
        problems.append(f"the message structure cannot be read ({type(error).__name__})")
        message = BytesHeaderParser(policy=policy.default).parsebytes(raw)
        cut_short = False
    if cut_short:
        problems.append(f"the message has more than {MAX_PARTS} parts; only the first were read")

    mail.message_id = message_id_of(message)
    subject = header_text(message, "Subject")
    if len(subject) > MAX_SUBJECT:
        subject = subject[: MAX_SUBJECT - 1] + "…"
    mail.subject = clean_text(subject, MAX_SUBJECT).replace("\n", " ")
    senders = addresses(message, "From") or addresses(message, "Sender")
    if senders:
        name, address = senders[0]
        mail.from_name = clean_text(name, 300).strip()
        mail.from_address = email_or_none(address)
        if address and mail.from_address is None:
            problems.append(f"the sender address {address[:80]!r} is not valid")
    replies = [(name, email_or_none(address))
               for name, address in addresses(message, "Reply-To")]
    mail.reply_to, reply_to_name = next(((a, n) for n, a in replies if a), (None, ""))
    mail.reply_to_name = clean_text(reply_to_name, 300).strip()
    mail.to = [a for a in (email_or_none(x) for _, x in addresses(message, "To")) if a]
    mail.cc = [a for a in (email_or_none(x) for _, x in addresses(message, "Cc")) if a]
    mail.date = sent_at(message, problems)
    mail.in_reply_to = message_ids(raw_header(message, "In-Reply-To") or "")[:MAX_REFERENCES]
    references = message_ids(raw_header(message, "References") or "")
    if len(references) > MAX_REFERENCES:  # keep the root and the most recent
        references = references[:1] + references[-(MAX_REFERENCES - 1):]
    mail.references = references

    body_parts: set[int] = set()
    plain = body_part(message, "plain")
    html_part = body_part(message, "html")
    html = None
    if html_part is not None:
        body_parts.add(id(html_part))
        html = sanitize_html(clean_text(part_text(html_part), MAX_HTML))
    mail.html = html
    if plain is not None:
        body_parts.add(id(plain))
        mail.text = part_text(plain)
    elif html:
        mail.text = html_to_text(html, sanitized=True)
    elif (not message.is_multipart() and message.get_content_maintype() == "text"
          and message.get_content_type() not in TEXT_FILES):
        body_parts.add(id(message))
        mail.text = part_text(message)
    mail.text = clean_text(mail.text).strip()
    if not mail.text:
        mail.text = _invitation_text(message, problems)
    try:
        mail.attachments = attachments_in(message, body_parts)
    except Exception as error:
        problems.append(f"the attachments cannot be listed ({type(error).__name__})")
    try:
        mail.auto = auto_kind(message, mail.subject, mail.from_address)
        if mail.auto in (BOUNCE, READ_RECEIPT, COMPLAINT):
            mail.about_ids = about_ids(message)
    except Exception as error:
        problems.append(f"the report parts cannot be read ({type(error).__name__})")
    return mail


# To the store's shape


def subject_thread_key(account: str, address: str | None, subject: str) -> str | None:
    """The conversation key for mail without usable references: same customer, same subject."""
    normalized = normalize_subject(subject)
    if not normalized or not address:
        return None
    digest = hashlib.sha1(f"{address}\n{normalized}".encode()).hexdigest()[:24]
    return f"email:{account}:subject:{digest}"


def external_id(mail: ParsedMail) -> str:
    return mail.message_id or mail.content_hash


# Contact forms

# Senders that only relay: a form service's or a web site's address nobody reads.
_RELAYING_SENDER = re.compile(
    r"^(?:no-?reply|do-?not-?reply|form-?submissions?|wordpress)(?:[+._-][^@]*)?@",
    re.IGNORECASE,
)
# A form's field holding the visitor's name, as the form services write it: "Name: Zoë",
# "Your name: Zoë", "Full name: Zoë", "Nom : Zoë"…, or Contact Form 7's "From: Zoë <zoe@…>".
_NAME_VALUE = r"[ \t*]*:[ \t*]*(?P<name>[^\s<>@:][^\n<>@:]{0,79}?)[ \t*]*$"
_FORM_NAME_FIELD = re.compile(
    r"^[ \t*]*(?:your[ -]?name|full[ -]?name|name|nom|nombre|naam|navn|namn|nome)"
    + _NAME_VALUE, re.IGNORECASE | re.MULTILINE)
_FORM_FIRST_NAME = re.compile(r"^[ \t*]*first[ -]?name" + _NAME_VALUE,
                              re.IGNORECASE | re.MULTILINE)
_FORM_LAST_NAME = re.compile(r"^[ \t*]*(?:last[ -]?name|surname)" + _NAME_VALUE,
                             re.IGNORECASE | re.MULTILINE)
_FORM_FROM_FIELD = (r"^[ \t*]*from[ \t*]*:[ \t*]*(?P<name>[^\s<>@:][^\n<>@:]{{0,79}}?)"
                    r"[ \t]*<?{address}>?[ \t]*$")
FORM_FIELDS_READ = 4_000


def form_visitor(mail: ParsedMail, own_addresses: set[str]) -> str | None:
    """The visitor a web site's contact form wrote for, or None.

    Shopify and WordPress's Contact Form 7 send a visitor's message From the shop's own
    address (the only one they may send as), To the shop; Squarespace and WordPress's
    default From an address nobody reads (form-submission@, wordpress@, no-reply@). Either
    way with Reply-To the visitor, who is the one that wrote. Mail the shop sent itself
    from another program and copied to itself (Bcc) is addressed to its customer, and its
    Reply-To, if any, is the shop's: it stays the shop's own.
    """
    visitor = mail.reply_to
    if not visitor or visitor in own_addresses or visitor == mail.from_address:
        return None
    if mail.from_address in own_addresses:
        recipients = {*mail.to, *mail.cc}
        addressed_to_shop = bool(recipients & own_addresses) and \
            recipients <= {*own_addresses, visitor}
        return visitor if addressed_to_shop else None
    if mail.from_address and _RELAYING_SENDER.match(mail.from_address):
        return visitor
    return None


def form_visitor_name(mail: ParsedMail) -> str:
    """The visitor's name: their Reply-To's, else the form's name field in the text (a form
    that sets Reply-To to the address alone still lists the name it asked for)."""
    if mail.reply_to_name and mail.reply_to_name.lower() != mail.reply_to:
        return mail.reply_to_name
    fields = mail.text[:FORM_FIELDS_READ]
    from_field = re.compile(_FORM_FROM_FIELD.format(address=re.escape(mail.reply_to or "")),
                            re.IGNORECASE | re.MULTILINE)
    if found := from_field.search(fields) or _FORM_NAME_FIELD.search(fields):
        name = found["name"]
    else:
        name = " ".join(found["name"] for found in (_FORM_FIRST_NAME.search(fields),
                                                    _FORM_LAST_NAME.search(fields)) if found)
    return clean_text(name, 300).strip().strip('"').strip()


def incoming_message(
    mail: ParsedMail,
    *,
    account: str,
    own_addresses: set[str],
    received_at: int,
    folder: str,
    uid: int | None = None,
    sent_folder: bool = False,
    size: int | None = None,
    truncated: bool = False,
) -> IncomingMessage:
    """The message as the store ingests it.

    Mail from one of the shop's own addresses (or found in the Sent folder) is
    outbound, and its customer is the first recipient who is not the shop — unless a
    contact form sent it for a visitor (`form_visitor`): that is the visitor's, inbound.
    Only the customer's new text is `text` (the thread shows it and sentiment
    scores it); the whole body is `full_text`.
    """
    visitor = None if sent_folder else form_visitor(mail, own_addresses)
    outbound = visitor is None and (sent_folder or mail.from_address in own_addresses)
    problems = list(mail.problems)
    at = mail.date
    if at is None:
        at = received_at
    elif at > received_at + 86_400:
        problems.append("the Date header lies in the future; the server's arrival time is used")
        at = received_at
    if truncated and size:
        problems.append(f"the message is {size_text(size)}; only its beginning was read")

    split = split_reply(mail.text)
    text = split.new
    if not text and mail.attachments:
        text = "\n".join(f"[attachment: {a.name}, {size_text(a.size)}]" for a in mail.attachments)
    if not text and not mail.text:
        text = "(no text)" if not problems else "(this message could not be read)"

    customer_name = mail.from_name
    if visitor:
        customer, customer_name = visitor, form_visitor_name(mail)
    elif outbound:
        customer = next((a for a in (*mail.to, *mail.cc) if a not in own_addresses), None)
    else:
        customer = mail.from_address
    author = customer_name or (customer if visitor else mail.from_address) or ""
    identities: tuple[IdentityRef, ...] = ()
    is_machine = mail.auto in (BOUNCE, COMPLAINT, READ_RECEIPT) and not outbound
    if customer and not is_machine:
        display = customer_name if not outbound and customer_name else customer
        identities = (IdentityRef("email", customer, display),)

    refs = tuple(dict.fromkeys([*mail.in_reply_to, *reversed(mail.references), *mail.about_ids]))
    refs = tuple(r for r in refs if r != mail.message_id)
    thread = None if is_machine else subject_thread_key(account, customer, mail.subject)

    meta: dict = {
        "message_id": mail.message_id,
        "in_reply_to": mail.in_reply_to,
        "references": mail.references,
        "subject": mail.subject,
        "from": mail.from_address,
        "to": mail.to,
        "folder": folder,
    }
    if mail.cc:
        meta["cc"] = mail.cc
    if mail.reply_to and mail.reply_to != mail.from_address:
        meta["reply_to"] = mail.reply_to
    if uid is not None:
        meta["uid"] = uid
    if size is not None:
        meta["size"] = size
    if mail.attachments:
        meta["attachments"] = [
            {"name": a.name, "size": a.size, "type": a.content_type} for a in mail.attachments
        ]
    if mail.auto:
        meta["auto"] = mail.auto
    if mail.about_ids:
        meta["about"] = mail.about_ids
    if split.quoted:
        meta["quoted"] = True
    if split.signature:
        meta["signature"] = split.signature[:2000]
    if problems:
        meta["problems"] = problems
    if truncated:
        meta["truncated"] = True

    return IncomingMessage(
        kind="email",
        external_id=external_id(mail),
        text=text,
        at=at,
        account=account,
        direction="out" if outbound else "in",
        thread=thread,
        refs=refs,
        author_name=author,
        identities=identities,
        title=mail.subject or None,
        html=mail.html,
        full_text=mail.text or None,
        labels=("bounce",) if mail.auto == BOUNCE and not outbound else (),
        meta=meta,
        sentiment=NEUTRAL if mail.auto else None,
    )
