"""Plain text as the store keeps it: no NUL or control characters, bounded length."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

MAX_TEXT = 100_000
PREVIEW = 160
LONG_RUN = 80
LONG_URL = 2_000
TAG_LIMIT = 100  # characters in a customer tag (a few words), and the customer list's cut

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x7f]")
# Control characters that break a line or separate words (Word's manual line break is \v):
# dropped, they would join two words into one ("good\vTerrible" scored as "goodTerrible").
_BREAKS = re.compile(r"[\x0b\x0c\x1c-\x1f]")
_SURROGATES = re.compile(r"[\ud800-\udfff]")
_NEEDS_WORK = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")
# Embeddings, overrides and isolates of the writing direction: in a name or a subject they
# only serve to disguise ("\u202eAnn <moc.knab@…>" shows another address); right-to-left
# names need none of them and stay as written.
_DIRECTION_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_WRAP_HERE = "\u200b"
# Re:/Fwd:/AW:/SV:… in the languages mail clients write them (one, at the start).
REPLY_PREFIX = re.compile(
    r"^\s*(?:re|fw|fwd|aw|sv|wg|vs|antw|antwort|ref|tr|rv|r|odp|res|enc)\s*(?:\[\d+\]|\(\d+\))?"
    r"\s*[:：]\s*",
    re.IGNORECASE,
)


def is_reply_subject(subject: str | None) -> bool:
    """A subject answered or passed on ("Re: Your Bean Barons order"): words of whoever
    wrote the first message, not of this one."""
    return bool(subject) and REPLY_PREFIX.match(subject) is not None


def clean_text(text: str | None, limit: int = MAX_TEXT) -> str:
    """Text safe to store, index and score.

    NUL and other control characters are dropped (SQLite and PostgreSQL text
    must not hold NUL), those that break lines or separate words become a line break,
    lone surrogates from bad UTF-8 become U+FFFD, line
    endings become `\\n`, and a text over `limit` characters is cut: a message's text with a
    mark saying so, a name or a title (a limit below MAX_TEXT) with "…". A name or a
    title also loses the controls that override the writing direction.
    """
    if not text:
        return ""
    short = limit < MAX_TEXT
    if len(text) <= limit and not _NEEDS_WORK.search(text) and not (
            short and _DIRECTION_CONTROLS.search(text)):
        return text  # the common case: nothing to clean (one scan instead of four)
    if short:
        text = _DIRECTION_CONTROLS.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _BREAKS.sub("\n", text)
    text = _CONTROL.sub("", text)
    text = _SURROGATES.sub("\ufffd", text)
    if len(text) > limit:
        if limit < MAX_TEXT:
            return shortened(text, limit)
        text = text[:limit] + "\n[… cut: the message was longer than the app keeps]"
    return text


def one_line(text: str) -> str:
    """A name, subject or preview on one line, its words one space apart: line breaks and
    tabs (which a feed, an import or a pasted name can bring) as spaces."""
    return " ".join(text.split())


def shortened(text: str, length: int, *, at_word: bool = False) -> str:
    """At most `length` characters, ending in "…" when it had to be cut; `at_word` (a title
    to read, not text to keep) cuts between words when one ends in the last third."""
    if len(text) <= length:
        return text
    cut = text[: length - 1]
    if at_word and not text[length - 1].isspace():
        space = cut.rfind(" ")
        if space >= length * 2 // 3:
            cut = cut[:space]
    return cut.rstrip() + "…"


def wrappable(text: str, every: int = LONG_RUN, *, longer_than: int | None = None,
              after: str = "", links_whole: bool = True) -> str:
    """Unbroken runs longer than `longer_than` (default: `every`) characters — a pasted
    blob, a base64 block, a tracking link — get zero-width places to wrap: after any of the
    characters in `after` (a link's "/?&=") and at most `every` characters apart, never
    inside a character drawn from several (an emoji family, a skin tone, a flag, an
    accent). With `links_whole`, web addresses keep theirs unless absurdly long (the thread
    shows them as links); a narrow pane showing them as plain text breaks them too."""

    def split(match: re.Match[str]) -> str:
        run = match.group(0)
        if links_whole and "://" in run and len(run) <= LONG_URL:
            return run
        if not after and run.isascii():  # nothing joined: cut every `every` (the fast way)
            return _WRAP_HERE.join(run[i:i + every] for i in range(0, len(run), every))
        pieces, since, indicators = [], 0, 0
        for char, following in zip(run, run[1:] + " ", strict=True):
            pieces.append(char)
            since += 1
            indicators = indicators + 1 if _REGIONAL_INDICATOR.match(char) else 0
            if following != " " and (char in after or since >= every) \
                    and not _holds_together(char, following, indicators):
                pieces.append(_WRAP_HERE)
                since = 0
        return "".join(pieces)

    # re caches the compiled pattern
    return re.sub(rf"\S{{{(longer_than or every) + 1},}}", split, text)


_REGIONAL_INDICATOR = re.compile("[\U0001f1e6-\U0001f1ff]")


def _holds_together(char: str, following: str, indicators: int) -> bool:
    """A joiner, a mark, a variation selector, a skin tone or a flag's tag stays with its
    character, and a flag's second letter with its first (`indicators` in a row so far)."""
    return (char == "\u200d" or following == "\u200d" or "\ufe00" <= following <= "\ufe0f"
            or "\U0001f3fb" <= following <= "\U0001f3ff"
            or "\U000e0020" <= following <= "\U000e007f"
            or unicodedata.category(following)[0] == "M"
            or (indicators % 2 == 1 and bool(_REGIONAL_INDICATOR.match(following))))


def preview(text: str, length: int = PREVIEW) -> str:
    """The first meaningful line, for a queue row."""
    for line in text.splitlines():
        line = line.strip()
        if line:
            return shortened(line, length)
    return ""


def size_text(size: int) -> str:
    """A file size as people read it: 812 bytes, 14 KB, 2.3 MB."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    if size >= 1024:
        return f"{size // 1024} KB"
    return f"{size} bytes"


def plural(count: int, word: str) -> str:
    """`1 conversation`, `2,400 conversations`."""
    return f"{count:,} {word}{'' if count == 1 else 's'}"


# A message's first word that is something typed or a server's name stays as it is written:
# a web address (`http://…`), an email address, or a host (`mastodon.social`, with its port
# or "'s"), whose last label has two letters or more, so "e.g." is still a word.
_ADDRESS_FIRST = re.compile(r"[a-z][a-z0-9+.-]*://\S*"
                            r"|[\w.+'-]+@[\w.-]+"
                            r"|[\w-]+(?:\.[\w-]+)*\.[\w-]{2,}(?::\d+)?(?:['\u2019]s)?[.,:;]?")


def capitalized(text: str) -> str:
    """A message as the start of a sentence: "the value 'x' …" → "The value 'x' …". One
    that starts with an address or a server's name keeps its case: "Mastodon.social
    refused…" or "Http://…" would name another."""
    first = text.split(None, 1)[0] if text.strip() else ""
    if first and _ADDRESS_FIRST.fullmatch(first):
        return text
    return text[:1].upper() + text[1:]


def sentence(text: str) -> str:
    """A message as a whole sentence, capitalized and ending in a stop."""
    text = capitalized(str(text).strip())
    return text if not text or text.endswith((".", "!", "?")) else text + "."


def one_spelling_each(words: Iterable[str]) -> list[str]:
    """The words with each one kept once in any case, as first spelled: tags and labels
    are the same word in any case ("VIP", "vip"), and stores from before that hold both."""
    kept: dict[str, str] = {}
    for word in words:
        kept.setdefault(word.casefold(), word)
    return list(kept.values())
