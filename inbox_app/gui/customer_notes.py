"""The customer's notes as the customer panel shows them: the latest few (the older ones a
link away), each with its lines, its web links as links, a long one cut to its start with
a link to the whole, then who wrote it and when."""

from __future__ import annotations

import html
import re
from collections.abc import Collection, Sequence

from inbox_app.core.models import Note
from inbox_app.core.text import wrappable
from inbox_app.core.timeutil import relative

LATEST_NOTES = 5  # shown at first; the older ones are a click away
ALL_NOTES_LINK = "notes:all"
WHOLE_NOTE_LINK = "notes:whole:"  # and the note's id
# A note longer than this shows its start: two thousand characters filled the pane and
# more, and pushed the conversations below them out of sight.
NOTE_SHOWN = 400
# A note's run without a space longer than this (a pasted link, an order reference) gets
# places to wrap, after its punctuation and every NOTE_PIECE characters: the label cannot
# break it, and made the pane, and the window, as wide as the run.
NOTE_RUN = 20
NOTE_PIECE = 12
NOTE_BREAKS = "/?&=#._-"
# As the thread finds links: the punctuation a sentence puts after one is no part of it.
WEB_LINK = re.compile(r"(https?://[^\s<>\"']+[^\s<>\"'.,;:!?)\]])")
PARAGRAPH = '<p style="margin:0 0 6px 0;">'


def wrappable_note(text: str) -> str:
    """`text` with invisible places to wrap inside its long runs without a space: links
    too, in a pane 200 pixels wide."""
    return wrappable(text, NOTE_PIECE, longer_than=NOTE_RUN, after=NOTE_BREAKS,
                     links_whole=False)


def note_text_html(text: str) -> str:
    """The note's words escaped, its lines kept and its web links clickable (the link
    opens the address as written, without the places to wrap its shown words got)."""
    parts, done = [], 0
    for match in WEB_LINK.finditer(text):
        parts.append(html.escape(wrappable_note(text[done:match.start()])))
        address = match.group(1)
        parts.append(f'<a href="{html.escape(address)}">'
                     f'{html.escape(wrappable_note(address))}</a>')
        done = match.end()
    parts.append(html.escape(wrappable_note(text[done:])))
    return "".join(parts).replace("\n", "<br>")


def note_html(note: Note, whole: bool, muted: str) -> str:
    text, more = note.text, ""
    if not whole and len(text) > NOTE_SHOWN:
        text = text[:NOTE_SHOWN].rsplit(" ", 1)[0].rstrip() + " …"
        more = (f'<br><a href="{WHOLE_NOTE_LINK}{note.id}">Show the whole note'
                f' ({len(note.text):,} characters)</a>')
    return (f'{PARAGRAPH}{note_text_html(text)}{more}'
            f'<br><span style="color:{muted};">{html.escape(note.staff or "someone")} · '
            f'{relative(note.at)}</span></p>')


def notes_html(notes: Sequence[Note], *, every: bool, whole: Collection[int],
               muted: str) -> str:
    """The latest LATEST_NOTES (all when `every`), oldest first, a link to the older ones
    above them; `whole`: the ids of the long notes a person asked to read whole."""
    shown = notes if every else notes[-LATEST_NOTES:]
    older = len(notes) - len(shown)
    parts = [note_html(note, note.id in whole, muted) for note in shown]
    if older:
        parts.insert(0, f'{PARAGRAPH}<a href="{ALL_NOTES_LINK}">Show {older} older'
                        f' note{"s" if older != 1 else ""}</a></p>')
    return "".join(parts)
