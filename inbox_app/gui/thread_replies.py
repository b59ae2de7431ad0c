"""What became of a reply, as the thread shows it: sent (or logged), queued in the shared
outbox, sending, or failed with its reason and a retry link; whom an email was written and
copied to; and what went wrong for a reply that went all the same (a Cc the server
refused, a copy the Sent folder did not take). A part of gui/thread_html.py."""

from __future__ import annotations

import html

from inbox_app.core.models import Message
from inbox_app.core.text import wrappable
from inbox_app.gui.theme import legible

SHOWN_COPIED = 20  # addresses named in a message's To or Cc line; the rest counted


def sent_tag(message: Message, c: dict[str, str]) -> str:
    """A delivered reply says so quietly in its header."""
    if message.delivery != "sent":
        return ""
    done = "Logged" if message.kind == "phone" else "Sent"
    if message.meta.get("demo"):
        done += " (demo)"  # nothing left the computer
    return f'&nbsp;&nbsp;<span style="color:{c["success"]};">✓ {done}</span>'


def delivery_line(message: Message, c: dict[str, str]) -> str:
    """A reply not (yet) delivered says why under its text: queued (in the shared outbox),
    sending (and from which computer), or failed — the reason, with a retry link."""
    line = '<p style="margin:8px 0 0 0; color:{color};">{text}</p>'
    match message.delivery:
        case "failed":
            reason = html.escape(message.error or "the channel refused it")
            return line.format(color=c["danger"], text=(
                f'<b>Failed</b> — {reason}&nbsp;&nbsp;'
                f'<a href="action:retry:{message.id}">Try again</a>'))
        case "queued":
            return line.format(color=c["warning"], text=(
                "<b>Queued</b> — waiting in the outbox for a computer that can send it"))
        case "sending":
            by = str(message.meta.get("sending_by") or "").split(" (process", 1)[0]
            where = f" from {html.escape(by)}" if by else ""
            return line.format(color=c["muted"], text=f"<b>Sending</b>…{where}")
    return ""


def _addresses(value) -> list[str]:
    return [a for a in value if isinstance(a, str) and a] if isinstance(value, list) else []


def recipients_line(message: Message, c: dict[str, str]) -> str:
    """Whom an email was written to, where someone was copied in (a reply keeps the
    customer's Cc): "To: ann@… · Cc: bob@…", the first SHOWN_COPIED of a crowd named."""
    to, cc = _addresses(message.meta.get("to")), _addresses(message.meta.get("cc"))
    if message.kind != "email" or not cc and len(to) < 2:
        return ""
    parts = []
    for label, listed in (("To", to), ("Cc", cc)):
        if listed:
            more = len(listed) - SHOWN_COPIED
            named = ", ".join(listed[:SHOWN_COPIED]) + (f" and {more} more" if more > 0 else "")
            parts.append(f"{label}: {named}")
    return (f'<p style="margin:0 0 8px 0; color:{c["muted"]};">'
            f'{html.escape(wrappable(" · ".join(parts)))}</p>')


def sending_problems(message: Message, c: dict[str, str], bg: str) -> str:
    """What went wrong for a reply that went all the same: an address the mail server
    refused (the others got it; sent again, they would get it twice), or its copy not
    filed in the Sent folder. Sentences from the sender, shown as written."""
    said = [str(message.meta.get(key) or "") for key in ("refused_recipients",
                                                        "sent_folder_problem")]
    colour = legible(c["warning"], bg, 4.5)
    return "".join(f'<p style="margin:8px 0 0 0; color:{colour};">⚠ '
                   f"{html.escape(wrappable(sentence))}</p>" for sentence in said if sentence)
