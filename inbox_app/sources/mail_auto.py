"""Mail a machine wrote: bounces, auto-replies, read receipts, complaints and
newsletters, told from a person's mail by their report type, sender, subject and
headers; and, for a bounce or receipt, the Message-IDs of the mail it is about.
"""

from __future__ import annotations

import re
from email import policy
from email.message import Message
from email.parser import BytesHeaderParser

from inbox_app.sources.mail_headers import header_text, message_id_of, message_ids, raw_header
from inbox_app.sources.mail_parts import (
    ATTACHED_MESSAGES,
    decoded_payload,
    part_text,
    walk_parts,
)

# Kinds of machine-written mail, kept in meta["auto"].
BOUNCE = "bounce"
AUTO_REPLY = "auto-reply"
READ_RECEIPT = "read-receipt"
COMPLAINT = "complaint"
NEWSLETTER = "bulk"  # Precedence: bulk — a mailing to many, not a person writing to the shop

_BOUNCE_SENDER = re.compile(r"^(?:mailer-daemon|postmaster|mail-daemon|mailerdaemon)@", re.I)
_BOUNCE_SUBJECT = re.compile(
    r"(?:delivery status notification \(failure|undeliver(?:able|ed)|returned mail|"
    r"mail delivery (?:failed|failure|system)|delivery (?:has )?failed|failure notice|"
    r"unzustellbar|nicht zustellbar|non remis|no se puede entregar)",
    re.IGNORECASE,
)
_AUTO_REPLY_SUBJECT = re.compile(
    r"^\s*(?:automatic reply|auto(?:matische)?[- ]?(?:reply|response|antwort)|out of (?:the )?office"
    r"|abwesenheitsnotiz|réponse automatique|respuesta automática|autosvar|automatisch antwoord)",
    re.IGNORECASE,
)


def auto_kind(message: Message, subject: str, from_address: str | None) -> str | None:
    """Bounce, auto-reply, read receipt, complaint or newsletter — or None for a person's
    mail."""
    content_type = message.get_content_type()
    report = (message.get_param("report-type") or "") if content_type == "multipart/report" else ""
    report = str(report).lower()
    if content_type == "message/delivery-status" or report == "delivery-status":
        return BOUNCE
    if report == "disposition-notification":
        return READ_RECEIPT
    if report == "feedback-report":
        return COMPLAINT
    if from_address and _BOUNCE_SENDER.match(from_address) and (
        _BOUNCE_SUBJECT.search(subject) or content_type == "multipart/report"
    ):
        return BOUNCE
    auto_submitted = (header_text(message, "Auto-Submitted") or "").strip().lower()
    if auto_submitted and auto_submitted != "no":
        return BOUNCE if _BOUNCE_SUBJECT.search(subject) else AUTO_REPLY
    if header_text(message, "X-Autoreply") or header_text(message, "X-Autorespond"):
        return AUTO_REPLY
    precedence = header_text(message, "Precedence").strip().lower()
    if precedence == "auto_reply" or _AUTO_REPLY_SUBJECT.match(subject):
        return AUTO_REPLY
    if precedence in ("bulk", "junk"):
        # A supplier's newsletter, a platform's mailing: kept, but nobody's question.
        # (Not "list": a support address run as a mailing group puts it on every mail.)
        return NEWSLETTER
    return None


def about_ids(message: Message) -> list[str]:
    """Message-IDs of the mail a bounce or receipt is about (from its attached copy)."""
    ids: list[str] = []
    for part in walk_parts(message):
        content_type = part.get_content_type()
        if content_type in ATTACHED_MESSAGES:
            payload = part.get_payload()
            inner = payload[0] if isinstance(payload, list) and payload else None
            if isinstance(inner, Message):
                found = message_id_of(inner)
                if found:
                    ids.append(found)
        elif content_type in ("text/rfc822-headers", "message/rfc822-headers"):
            headers = BytesHeaderParser(policy=policy.default).parsebytes(decoded_payload(part))
            found = message_id_of(headers)
            if found:
                ids.append(found)
        elif content_type == "message/disposition-notification":
            payload = part.get_payload()
            if isinstance(payload, list):  # the parser read its fields as headers
                fields = [p for p in payload if isinstance(p, Message)]
                ids.extend(message_ids(" ".join(
                    raw_header(f, "Original-Message-ID") or "" for f in fields))[:1])
            else:
                ids.extend(message_ids(part_text(part))[:1])
    return list(dict.fromkeys(ids))
