"""@mentions in internal notes: "@Priya can you check the refund?" asks a colleague in.

A mention is `@` followed by a staff member's full name or, when only one person on
the staff has it, their first name — in any case, with or without its accents, ending
where a word ends. An `@`
inside a word or a link is an address, not a mention (ann@example.com,
https://mastodon.social/@maya), and names that are not on the staff list mention nobody.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache


def mentioned(text: str, staff: Sequence[str]) -> list[str]:
    """The staff members `text` mentions, in the order of `staff`, each once."""
    found = {person for _, _, person in mention_spans(text, staff)}
    return [person for person in staff if person in found]


def mention_spans(text: str, staff: Sequence[str]) -> list[tuple[int, int, str]]:
    """(start, end, who) of each mention in `text`, in order: what the thread shows bold."""
    if "@" not in text or not staff:
        return []
    pattern, people = _pattern(tuple(staff))
    if pattern is None:
        return []
    spans = []
    for match in pattern.finditer(text):
        typed = " ".join(match.group(1).split()).casefold()
        person = people.get(typed) or people.get(_plain(typed))
        if person is not None:
            spans.append((match.start(), match.end(), person))
    return spans


def _plain(name: str) -> str:
    """A name casefolded without its accents: "josé álvarez" → "jose alvarez"."""
    return "".join(char for char in unicodedata.normalize("NFKD", name)
                   if not unicodedata.combining(char)).casefold()


@lru_cache(maxsize=8)
def _pattern(staff: tuple[str, ...]) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """One pattern for every way the staff can be mentioned, longest first ("@Priya
    Raman" is Priya Raman even when the staff also has a Priya Rao), and who each
    spelling (casefolded) is. Each name is in the pattern as written as well as
    casefolded: a case-blind match does not fold "ß" to "ss" nor "İ" to "i̇", so
    "@Jürgen Strauß", as the @ completer writes it, would otherwise mention nobody."""
    people: dict[str, str | None] = {}
    written: dict[str, set[str]] = {}  # casefolded spelling: the ways it is written
    for person in staff:
        full = " ".join(person.split())
        if full:
            people[full.casefold()] = person
            written.setdefault(full.casefold(), set()).add(full)
    first_names: dict[str, list[str]] = {}
    for person in staff:
        parts = person.split()
        if len(parts) > 1:
            first_names.setdefault(parts[0].casefold(), []).append(person)
            written.setdefault(parts[0].casefold(), set()).add(parts[0])
    for first, named in first_names.items():
        if first not in people and len(named) == 1:
            people[first] = named[0]
    # Typed without the accents ("@jose" for José Álvarez), as the @ completer offers it.
    unaccented: dict[str, set[str]] = {}
    for spelled, person in list(people.items()):
        plain = _plain(spelled)
        if person and plain != spelled and plain not in people:
            unaccented.setdefault(plain, set()).add(person)
    for plain, named in unaccented.items():
        if len(named) == 1:
            people[plain] = named.pop()
    spellings = sorted({way for spelled, person in people.items() if person
                        for way in (spelled, *written.get(spelled, ()))},
                       key=len, reverse=True)
    if not spellings:
        return None, {}
    names = "|".join(r"\s+".join(re.escape(part) for part in spelled.split())
                     for spelled in spellings)
    pattern = re.compile(rf"(?<![\w@/.])@({names})(?!\w)", re.IGNORECASE)
    return pattern, {spelled: person for spelled, person in people.items() if person}
