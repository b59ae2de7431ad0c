"""The conversation thread as HTML for a QTextBrowser.

Inbound messages sit on the left in plain cards, replies on the right tinted with
the accent, internal notes in yellow. Every reply says what became of it, and an email
that copied someone in names its To and Cc (gui/thread_replies.py). A review's header
shows its stars. Message HTML is already
sanitized at ingest; remote images keep their `blocked:` source until a person loads
them, and keep their own sizes here: the view scales them to the pane
(gui/thread_images.py), which only it can measure.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Sequence
from datetime import datetime
from urllib.parse import urlsplit

from inbox_app.core.html import (
    BLOCKED_SCHEME,
    fit_width,
    html_to_text,
    is_right_to_left,
    tame_layout,
    unblock_images,
)
from inbox_app.core.kinds import KIND_LABELS
from inbox_app.core.mentions import mention_spans
from inbox_app.core.models import Conversation, Message, Note
from inbox_app.core.text import shortened, size_text, wrappable
from inbox_app.core.timeutil import due_label, relative, until_in_words
from inbox_app.core.watch import shown_label
from inbox_app.gui.models.queue_model import due_state, mood
from inbox_app.gui.theme import legible
from inbox_app.gui.thread_replies import (
    delivery_line,
    recipients_line,
    sending_problems,
    sent_tag,
)
from inbox_app.sources.mail_quotes import split_html_reply

_URL = re.compile(r"(https?://[^\s<>\"']+[^\s<>\"'.,;:!?)\]])")
_WRAP_HERE = "\u200b"  # what core.text.wrappable breaks a long run with

# Laying out text is the one slow step of showing a thread, and the UI thread must take it:
# 100,000 characters without a space took Qt ~3 s, 400 kB of formatting ~1 s. So a long
# message shows its start until a person asks for the rest, formatting larger than any
# customer writes shows as text (as does a table too big to lay out; deep tables are
# flattened, see core.html.tame_layout), and long unbroken runs get places to wrap.
SHOWN_CHARACTERS = 10_000
SHOWN_HTML = 60_000
SHOWN_NAME = 80
SHOWN_TITLE = 200
# Marks formatting whose quoted history was left out (a link below it shows the whole).
FOLDED = "<!-- quoted history folded -->"
PLACEHOLDER_SIZE = 40
_BLOCKED_IMG = re.compile(rf'<img\b[^>]*\bsrc="{BLOCKED_SCHEME}[^>]*>')
_IMG_SIZE = re.compile(r'\s(?:width|height)="([0-9]*)"')
_LARGEST_SIZE = 100_000  # larger sizes are read as this: int() reads no more than 4,300 digits
STARS = 5
FULL_STAR, EMPTY_STAR = "\u2605", "\u2606"
# How feed_messages.entry_message starts a review title: "★★★★☆ Great coffee", "Rated 7/10: …".
_RATING_IN_TITLE = re.compile(r"^(?:[\u2605\u2606]{1,10}|Rated [\d.]+/[\d.]+:)\s*")


def when(epoch: int) -> str:
    """The full date and time, then how long ago while that is quicker to read than the
    time ("5 min", "3 h"); a weekday or a date would only repeat the full date."""
    moment = datetime.fromtimestamp(epoch).astimezone()
    full = f"{moment.strftime('%a')} {moment.day} {moment.strftime('%b %Y, %H:%M')}"
    age = relative(epoch)
    return f"{full} · {age}" if age in ("now", "tomorrow") or age.endswith(("min", " h")) else full


def _lines_to_html(text: str) -> str:
    """Links found in the text as written, then escaped: found in escaped text, an address
    written <between brackets> took the "&gt" in. The link opens the address without the
    places to wrap that `wrappable` gave an absurdly long one."""
    text = wrappable(text)
    parts, done = [], 0
    for match in _URL.finditer(text):
        address = html.escape(match.group(1).replace(_WRAP_HERE, ""))
        parts.append(html.escape(text[done:match.start()]))
        parts.append(f'<a href="{address}">{html.escape(match.group(1))}</a>')
        done = match.end()
    parts.append(html.escape(text[done:]))
    return "".join(parts).replace("\n", "<br>")


def plain_to_html(text: str) -> str:
    """Text as HTML with its links; a paragraph written right to left (Arabic, Hebrew) is
    set right to left, as Qt lays out every block left to right unless told."""
    paragraphs = re.split(r"(\n\s*\n)", text)
    if not any(is_right_to_left(p) for p in paragraphs[::2]):
        return _lines_to_html(text)
    shown = []
    for position, part in enumerate(paragraphs):
        if position % 2:
            continue
        direction = "rtl" if is_right_to_left(part) else "ltr"
        gap = "<br>" if position + 1 < len(paragraphs) else ""
        shown.append(f'<div dir="{direction}">{_lines_to_html(part)}{gap}</div>')
    return "".join(shown)


def note_to_html(text: str, staff: Sequence[str], colour: str) -> str:
    """A note's text with its @mentions of colleagues in bold (core/mentions.py)."""
    parts, done = [], 0
    for start, end, _person in mention_spans(text, staff):
        parts.append(plain_to_html(text[done:start]))
        parts.append(f'<b style="color:{colour};">{html.escape(text[start:end])}</b>')
        done = end
    parts.append(plain_to_html(text[done:]))
    return "".join(parts)


def _card(body: str, *, outbound: bool, bg: str, border: str) -> str:
    # The colour is the cell's: Qt paints no table background once borders collapse.
    bubble = (
        f'<table width="100%" cellpadding="12" cellspacing="0"'
        f' style="border: 1px solid {border}; border-collapse: collapse;"><tr>'
        f'<td bgcolor="{bg}">{body}</td></tr></table>'
    )
    spacer = '<td width="9%"></td>'
    cell = f'<td width="91%">{bubble}</td>'
    cells = spacer + cell if outbound else cell + spacer
    return f'<table width="100%" cellspacing="0" cellpadding="0"><tr>{cells}</tr></table>'


def _header(name: str, detail: str, c: dict[str, str], extra: str = "") -> str:
    return (
        f'<p style="margin:0 0 8px 0;"><b>{html.escape(name)}</b>'
        f'<span style="color:{c["muted"]};">&nbsp;&nbsp;{html.escape(detail)}</span>{extra}</p>'
    )


def _mood_tag(message: Message, c: dict[str, str]) -> str:
    if message.sentiment is None:
        return ""
    feeling = mood(message.sentiment.compound)
    if feeling == "neutral":
        return ""
    color = c["danger"] if feeling == "negative" else c["success"]
    return (f'&nbsp; <span style="color:{color}; font-weight:600;">●&nbsp;{feeling}'
            f"&nbsp;{message.sentiment.compound:+.2f}</span>")


def rating_of(message: Message) -> tuple[float, float] | None:
    """A review's rating as its feed gave it (meta `rating`: {"value": 4, "best": 5}), or
    None when it has none or one that makes no sense."""
    given = (message.meta or {}).get("rating")
    if not isinstance(given, dict):
        return None
    try:
        value, best = float(given.get("value")), float(given.get("best", STARS))
    except (TypeError, ValueError):
        return None
    return (value, best) if 0 < best <= 100 and 0 <= value <= best else None


def _number(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


def _rating_tag(message: Message, c: dict[str, str]) -> str:
    """A review's stars out of five ("★★★★☆ 4/5"; 7/10 shows four), the given ones in the
    theme's amber, the rest muted. A screen reader reads the document's text, so the
    words "4/5" are its text equivalent (in the text colour); the tooltip spells it out."""
    rating = rating_of(message)
    if rating is None:
        return ""
    value, best = rating
    filled = min(STARS, math.floor(value / best * STARS + 0.5))
    spoken = f"Rated {_number(value)} out of {_number(best)}"
    amber = legible(c["warning"], c["inbound"])
    return (f'&nbsp; <span title="{spoken}"><span style="color:{amber};">'
            f'{FULL_STAR * filled}</span><span style="color:{c["muted"]};">'
            f"{EMPTY_STAR * (STARS - filled)}</span>&nbsp;{_number(value)}/{_number(best)}"
            "</span>")


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def _folded(message: Message) -> str | None:
    """The customer's HTML without the quoted history and the signature below it, or None.
    Not when the cut would hide words of the new text (answers written between the
    quotes)."""
    signature = str(message.meta.get("signature") or "")
    if message.kind != "email" or message.direction != "in" or not (
            message.meta.get("quoted") or signature):
        return None
    folded = split_html_reply(message.html or "", signature)
    if folded is None:
        return None
    new_words = _words(message.text)
    if len(new_words - _words(html_to_text(folded))) > len(new_words) // 10:
        return None
    return folded + FOLDED


def shown_formatting(message: Message, whole: bool = False) -> str | None:
    """The HTML to lay out for a message, or None when its text is shown instead; unless
    `whole`, an email's quoted history is left out (FOLDED). Taming hostile HTML takes
    Python a few dozen milliseconds: the conversation loader does it in its worker
    (`prepare_formatting`), so the window's thread only looks it up."""
    if not message.html or len(message.html) > SHOWN_HTML:
        return None
    source = (None if whole else _folded(message)) or message.html
    tamed = tame_layout(source)
    return fit_width(tamed) if tamed else None


def _placeholder(match: re.Match[str]) -> str:
    """A blocked image's placeholder no larger than the icon: stretched to a banner's size
    it filled the pane; a tracking pixel stays a pixel."""
    tag = match.group(0)
    sizes = [int(value) if len(value) <= 6 else _LARGEST_SIZE
             for value in _IMG_SIZE.findall(tag) if value]
    if sizes and max(sizes) <= PLACEHOLDER_SIZE:
        return tag
    return _IMG_SIZE.sub("", tag)


def prepare_formatting(entries: list[Message | Note]) -> dict[int, str | None]:
    return {e.id: shown_formatting(e) for e in entries if isinstance(e, Message) and e.html}


def _body(message: Message, c: dict[str, str], images_allowed: bool, whole: bool,
          formatting: dict[int, str | None]) -> str:
    formatted = formatting[message.id] if message.id in formatting and not whole \
        else shown_formatting(message, whole)
    if formatted:
        shown = unblock_images(formatted) if images_allowed \
            else _BLOCKED_IMG.sub(_placeholder, formatted)
        if formatted.endswith(FOLDED):
            folded = "the quoted history" if message.meta.get("quoted") else "the signature"
            shown += (f'<p style="margin:8px 0 0 0; color:{c["muted"]};">'
                      f'<a href="action:whole:{message.id}">Show {folded}</a></p>')
        return shown
    body = _shown_start(message.text, whole, f"action:whole:{message.id}", "message", c)
    if message.html:
        body += (f'<p style="margin:8px 0 0 0; color:{c["muted"]};">Its formatting is too'
                 " large to show here; this is its text.</p>")
    return body


def _message(message: Message, conversation: Conversation, c: dict[str, str],
             images_allowed: bool, whole: bool, formatting: dict[int, str | None]) -> str:
    outbound = message.direction == "out"
    channel = KIND_LABELS.get(message.kind, message.kind)
    if outbound:
        name = message.staff or message.author_name or "Staff"
    else:
        name = message.author_name or conversation.customer_name
    detail = f"{channel} · {when(message.at)}"
    tag = sent_tag(message, c) if outbound else _rating_tag(message, c) + _mood_tag(message, c)
    head = _header(shortened(name, SHOWN_NAME), detail, c, tag)
    parts = [head, recipients_line(message, c)]
    if message.title and message.title != conversation.subject:
        shown_title = message.title
        if rating_of(message) is not None:  # its stars are in the header
            shown_title = _RATING_IN_TITLE.sub("", shown_title) or shown_title
        title = wrappable(shortened(shown_title, SHOWN_TITLE))
        parts.append(f'<p style="margin:0 0 6px 0;"><b>{html.escape(title)}</b></p>')
    parts.append(_body(message, c, images_allowed, whole, formatting))
    parts.append(_original(message, c))
    parts.append(_attachments(message, c))
    bg, border = (c["outbound"], c["outbound_border"]) if outbound else (c["inbound"], c["border"])
    if outbound:
        parts.append(delivery_line(message, c))
        if message.delivery == "failed":
            bg, border = c["danger_soft"], c["danger"]
        elif message.delivery == "sent" and message.kind == "email":
            parts.append(sending_problems(message, c, bg))
    return _card("".join(parts), outbound=outbound, bg=bg, border=border)


def made_up_by_the_demo(message: Message) -> bool:
    """Whether the message's link is one the demo made up: a page under the reserved
    `.example` domain (RFC 2606), which no server answers, so opening it only sends a
    look-up off the computer to fail. A real feed's link is offered whatever its domain."""
    if not message.url or not message.meta.get("demo"):
        return False
    try:
        host = (urlsplit(message.url).hostname or "").rstrip(".")
    except ValueError:  # "https://[::1": no page of any kind
        return False
    return host == "example" or host.endswith(".example")


def _original(message: Message, c: dict[str, str]) -> str:
    """The link to the item's own page (a review, a mention), where it is answered; the
    demo's made-up items say they have none rather than offer a page that is not there."""
    if not message.url:
        return ""
    if made_up_by_the_demo(message):
        address = wrappable(message.url.split("://", 1)[-1])
        return (f'<p style="margin:8px 0 0 0; color:{c["muted"]};">No original to open:'
                f" the demo made this item up ({html.escape(address)}).</p>")
    return (f'<p style="margin:8px 0 0 0;"><a href="{html.escape(message.url)}">'
            "Open the original ↗</a></p>")


def _attachments(message: Message, c: dict[str, str]) -> str:
    """Each attachment with a Save link: the bytes stay on the mail server until asked for."""
    listed = (message.meta.get("attachments") or []) if message.kind == "email" else []
    if not listed:
        return ""
    fetchable = message.meta.get("uid") is not None
    items = []
    for position, entry in enumerate(listed):
        name = html.escape(str(entry.get("name") or "unnamed"))
        size = size_text(int(entry.get("size") or 0))
        save = (f' <a href="action:attachment:{message.id}:{position}">Save…</a>'
                if fetchable else "")
        items.append(f'{name} <span style="color:{c["muted"]};">({size})</span>{save}')
    label = "Attachment" if len(items) == 1 else f"{len(items)} attachments"
    return (f'<p style="margin:8px 0 0 0;"><span style="color:{c["muted"]};">{label}</span>'
            f'<br>{"<br>".join(items)}</p>')


def _shown_start(text: str, whole: bool, link: str, what: str, c: dict[str, str],
                 staff: Sequence[str] = ()) -> str:
    """The text as paragraphs; past SHOWN_CHARACTERS only its start, with a link to the rest
    (laying out a pasted megabyte would hold the window). `staff`: a note's mentions."""
    more = ""
    if not whole and len(text) > SHOWN_CHARACTERS:
        more = (f'<p style="margin:8px 0 0 0; color:{c["muted"]};"><a href="{link}">Show the'
                f" whole {what} ({len(text):,} characters)</a></p>")
        text = text[:SHOWN_CHARACTERS].rstrip() + " …"
    shown = note_to_html(text, staff, c["accent"]) if staff else plain_to_html(text)
    return f'<p style="margin:0;">{shown}</p>{more}'


def _note(note: Note, c: dict[str, str], whole: bool, staff: Sequence[str]) -> str:
    head = _header(f"Internal note · {note.staff or 'someone'}",
                   when(note.at), c)
    body = _shown_start(note.text, whole, f"action:whole-note:{note.id}", "note", c, staff)
    return _card(head + body, outbound=True, bg=c["note"], border=c["note_border"])


def render_thread(conversation: Conversation, entries: list[Message | Note],
                  c: dict[str, str], *, images_allowed: bool = False,
                  shown_whole: frozenset[int] | set[int] = frozenset(),
                  notes_shown_whole: frozenset[int] | set[int] = frozenset(),
                  formatting: dict[int, str | None] | None = None,
                  staff: Sequence[str] = ()) -> str:
    """`shown_whole`, `notes_shown_whole`: the long messages and notes a person asked to
    see whole; `formatting`: what `prepare_formatting` made of the entries (else it is
    worked out here); `staff`: whose @mentions in notes are shown bold."""
    formatting = formatting or {}
    blocks = []
    for entry in entries:
        if isinstance(entry, Note):
            blocks.append(_note(entry, c, entry.id in notes_shown_whole, staff))
        else:
            blocks.append(_message(entry, conversation, c, images_allowed,
                                   entry.id in shown_whole, formatting))
    return _page(blocks, c)


def _page(blocks: list[str], c: dict[str, str]) -> str:
    gap = '<p style="margin:0; font-size:6px;">&nbsp;</p>'
    return (
        f'<html><body style="color:{c["text"]};">'
        f'<div style="margin: 6px 4px;">{gap.join(blocks)}</div></body></html>'
    )


def header_line(conversation: Conversation, c: dict[str, str]) -> str:
    """The line under the subject: number, channel, status, assignee, follow-up, labels."""
    status_color = {"open": c["accent"], "snoozed": c["warning"], "closed": c["muted"]}
    status = conversation.status.capitalize()
    if conversation.status == "snoozed" and conversation.snoozed_until:
        status += f" until {until_in_words(conversation.snoozed_until)}"
    parts = [
        f"#{conversation.id}",
        html.escape(KIND_LABELS.get(conversation.kind, conversation.kind)),
        f'<span style="color:{status_color.get(conversation.status, c["muted"])};'
        f' font-weight:600;">{html.escape(status)}</span>',
    ]
    parts.append(f"Assigned to <b>{html.escape(conversation.assignee)}</b>"
                 if conversation.assignee else "Unassigned")
    if conversation.due_at:
        state = due_state(conversation.due_at)
        color = c["danger"] if state == "overdue" else c["warning"] if state == "today" \
            else c["muted"]
        when = due_label(conversation.due_at) if state == "overdue" \
            else relative(conversation.due_at)  # a weekday passed read as one to come
        parts.append(f'<span style="color:{color};">Follow up {when}</span>')
    if conversation.labels:
        parts.append(" ".join(f'<span style="color:{c["chip_text"]};'
                              f' background:{c["chip"]};">&nbsp;{html.escape(shown_label(label))}'
                              "&nbsp;</span>" for label in conversation.labels))
    return f'<span style="color:{c["muted"]};">' + "  ·  ".join(parts) + "</span>"


PROBE_TEXT = "room"


def room_probe(c: dict[str, str]) -> str:
    """A thread of one card holding only PROBE_TEXT: the width its paragraph is laid out
    at is the room a message's content has in a pane of that width."""
    body = f'<p style="margin:0;">{PROBE_TEXT}</p>'
    return _page([_card(body, outbound=False, bg=c["inbound"], border=c["border"])], c)
