"""Brand and competitor watches: which terms a message mentions.

Terms match as whole words, so a watch on "Acme" finds "acme's new range" but not
"acmeology". Case and accents do not matter ("cafe noir", "CAFÉ NOIR" and "Café Noir",
"STRASSE" and "Straße" are the same words). The words of a term match across any run of
white space, a hyphen or an underscore ("Bean-Barons"), and run together in a hashtag or
a handle ("#BeanBarons", "@beanbarons"); a term ending in "s" also matches its
possessive written "'s" ("Bean Baron's"), but no plural is made ("harbour lanes" is no
"Harbour Lane"). What the customer did not write is not theirs to mention: a link or an
email address, and the post a Mastodon quote post quotes.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from functools import lru_cache

from inbox_app.core.text import is_reply_subject

BRAND = "brand"
COMPETITOR = "competitor"
COMPETITOR_LABEL = "mention:competitor:"  # and the term: a competitor mention's label

# Where a link or an email address is: found by the part every one has, then widened.
_LINK_MARK = re.compile(r"://|www\.", re.IGNORECASE)
_AT_DOMAIN = re.compile(r"@(?<=[\w.+-]@)[\w-]+(?:\.[\w-]+)+")
_NOT_SPACE = re.compile(r"\S*")
_SCHEME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-")
# The line mastodon_parse gives a quote post for the post it quotes: someone else's words.
_QUOTED_POST = re.compile(r"^\[quoting [^\n]*\]$", re.MULTILINE)
_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")  # soft hyphen, zero widths
_ACCENTS = re.compile(r"[\u0300-\u036f]+")  # combining marks of Latin, Greek, Cyrillic
_WORD_BREAK = re.compile(r"[\s_\-\u2010\u2011]+")
_BETWEEN_WORDS = r"(?:\s+|[_\-\u2010\u2011])"


def _fold(text: str) -> str:
    """Text in one case, without accents, invisible characters or compatibility forms:
    both a term and a message go through it, so they compare as a reader sees them."""
    if text.isascii():
        return text.lower()
    text = _INVISIBLE.sub("", text).casefold()
    text = _ACCENTS.sub("", unicodedata.normalize("NFKD", text))
    return text.replace("ı", "i")  # Turkish dotless i: "DÜNYASI" is "Dünyası"


def _own_words(text: str) -> str:
    """The text without what the customer did not write — a quoted post, links, email
    addresses — blanked so the words around them stay apart."""
    if "[quoting " in text:
        text = _QUOTED_POST.sub(" ", text)
    spans = []
    for mark in _LINK_MARK.finditer(text):
        start = mark.start()
        if mark.group() == "://":
            while start and text[start - 1] in _SCHEME_CHARS:
                start -= 1
        elif start and (text[start - 1].isalnum() or text[start - 1] == "."):
            continue  # "awww." is no address
        spans.append((start, _NOT_SPACE.match(text, mark.end()).end()))
    for address in _AT_DOMAIN.finditer(text):
        start = address.start()
        while start and (text[start - 1].isalnum() or text[start - 1] in "_.+-"):
            start -= 1
        if not start or text[start - 1] != "@":  # "@ann@mastodon.social" is a handle
            spans.append((start, address.end()))
    if not spans:
        return text
    kept, position = [], 0
    for start, end in sorted(spans):
        kept.append(text[position:max(start, position)])
        position = max(position, end)
    return " ".join([*kept, text[position:]])


def words_said(kind: str, title: str | None, text: str) -> str:
    """What a message is matched by: its title and text, without a mail's "Re:"/"Fwd:"
    subject ("Re: Your Bean Barons order" quotes the shop's own subject back to it)."""
    if kind == "email" and is_reply_subject(title):
        title = None
    return " ".join(filter(None, (title, text)))


def term_key(term: str) -> str:
    """What a term finds, as one string: two terms with the same key find the same
    mentions ("Bean Barons", "bean-barons", "BEAN_BARONS"), so they are one term. Empty
    for a term without a letter or digit, which finds nothing worth counting."""
    if not any(ch.isalnum() for ch in term):
        return ""
    return " ".join(word for word in _WORD_BREAK.split(_fold(term)) if word)


def watch_key(term: str) -> str:
    """Which kept term a typed one is: the same mentions found (`term_key`), or for a term
    that finds none (kept before such terms were refused) the same words in any case."""
    return term_key(term) or "\0" + " ".join(term.split()).casefold()


@lru_cache(maxsize=256)
def _pattern(term: str) -> tuple[str, re.Pattern[str]] | None:
    """What every mention of the term starts with (a message without it cannot mention
    the term) and the term's pattern for folded text; None for a term with no words."""
    words = term_key(term).split()
    if not words:
        return None
    escaped = [re.escape(word) for word in words]
    lead = words[0]  # what every match starts with
    if len(words[-1]) > 1 and words[-1].endswith("s"):  # "Bean Baron's" for "Bean Barons'"
        escaped[-1] = escaped[-1][:-1] + r"(?:s|['’]s)"
        lead = lead[:-1] if len(words) == 1 else lead
    # The first letter leads, so the search skips ahead to it; the look-behinds after it
    # step back over it to the character before the term.
    first, escaped[0] = re.escape(words[0][0]), escaped[0][len(re.escape(words[0][0])):]
    body = escaped[0]
    if len(words) > 1:
        spaced = _BETWEEN_WORDS.join(escaped)
        # A hashtag or handle cannot hold a space; an @ or # inside a word
        # ("orders@beanbarons") starts neither.
        body = f"(?:{spaced}|(?<=[#@].)(?<!\\w[#@].){''.join(escaped)})"
    return lead, re.compile(rf"{first}(?<!\w.){body}(?!\w)")


def mentions(
    text: str, brand_terms: Iterable[str], competitor_terms: Iterable[str]
) -> list[tuple[str, str]]:
    """(watch, term) pairs the text mentions, each term once.

    Words a longer term covers are that term's: with "Grind" and "Grind House" watched,
    "Grind House" mentions one competitor, not two."""
    folded = _fold(_own_words(text))
    matched: list[tuple[str, str, list[tuple[int, int]]]] = []
    for watch, terms in ((BRAND, brand_terms), (COMPETITOR, competitor_terms)):
        for term in terms:
            found = _pattern(term) if term.strip() else None
            spans = [m.span() for m in found[1].finditer(folded)] if (
                found and found[0] in folded) else []
            if spans:
                matched.append((watch, term.strip(), spans))
    if len(matched) < 2:
        return [(watch, term) for watch, term, _ in matched]
    every = sorted(span for _, _, spans in matched for span in spans)
    return [(watch, term) for watch, term, spans in matched if _any_uncovered(spans, every)]


def _any_uncovered(spans: list[tuple[int, int]], every: list[tuple[int, int]]) -> bool:
    """Whether one of the spans lies inside no longer match (`every`, sorted): looked up
    among the matches starting close enough before it, as a long text may hold thousands."""
    starts = [start for start, _ in every]
    longest = max(end - start for start, end in every)
    for start, end in spans:
        near = every[bisect_left(starts, start - longest):bisect_right(starts, start)]
        if not any(end <= e and e - s > end - start for s, e in near):
            return True
    return False


def label_for(watch: str, term: str) -> str:
    """The conversation label a mention gives: `mention:brand`, `mention:competitor:<term>`
    (the term in single spaces: one saved as "bean   barons" before terms were tidied is
    the same competitor as "Bean Barons")."""
    if watch == BRAND:
        return "mention:brand"
    return f"{COMPETITOR_LABEL}{' '.join(term.split()).lower()}"


def shown_label(label: str) -> str:
    """A label as the window writes it: a mention's label in words ("Competitor: bean
    barons"); the stored form stays what filters and scripts name (`--tag mention:brand`)."""
    if label == "mention:brand":
        return "Brand mention"
    if label.startswith(COMPETITOR_LABEL):
        return f"Competitor: {label.split(':', 2)[2]}"
    return label
