"""@mentions in internal notes: "@Priya can you check the refund?" asks a colleague in.

A mention is `@` followed by a staff member's full name or, when only one person on
the staff has it, their first name — in any case, ending where a word ends. An `@`
inside a word is an address, not a mention (ann@example.com), and names that are not
on the staff list mention nobody.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_MENTION_START = re.compile(r"(?<![\w@])@")


def mentioned(text: str, staff: Sequence[str]) -> list[str]:
    """The staff members `text` mentions, in the order of `staff`, each once."""
    if "@" not in text or not staff:
        return []
    names = _names(tuple(staff))
    reach = len(names[0][0]) + 1 if names else 0  # the longest name and the character after
    found: set[str] = set()
    for start in _MENTION_START.finditer(text):
        # Folded after slicing: casefolding can lengthen a text ("ß" → "ss").
        after = text[start.end():start.end() + reach].casefold()
        for spelled, person in names:
            if after.startswith(spelled) and not _continues_word(after, len(spelled)):
                found.add(person)
                break
    return [person for person in staff if person in found]


def _continues_word(after: str, length: int) -> bool:
    return length < len(after) and (after[length].isalnum() or after[length] == "_")


def _names(staff: tuple[str, ...]) -> list[tuple[str, str]]:
    """(how a mention may spell them, casefolded; who) — longest first, so "@Priya Raman"
    is Priya Raman even when the staff also has a Priya Rao."""
    spellings: dict[str, str | None] = {}
    for person in staff:
        full = " ".join(person.split()).casefold()
        if full:
            spellings[full] = person
    first_names: dict[str, list[str]] = {}
    for person in staff:
        parts = person.split()
        if len(parts) > 1:
            first_names.setdefault(parts[0].casefold(), []).append(person)
    for first, people in first_names.items():
        if first not in spellings and len(people) == 1:
            spellings[first] = people[0]
    return sorted(((spelled, person) for spelled, person in spellings.items() if person),
                  key=lambda pair: -len(pair[0]))
