"""Brand and competitor watches: which terms a message mentions.

Terms match as whole words, case-insensitively, so a watch on "Acme" finds
"acme's new range" but not "acmeology". The words of a term match across any run of
white space: a post may break the line between them, or join them with a no-break space.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

BRAND = "brand"
COMPETITOR = "competitor"
COMPETITOR_LABEL = "mention:competitor:"  # and the term: a competitor mention's label


@lru_cache(maxsize=256)
def _pattern(term: str) -> re.Pattern[str]:
    words = r"\s+".join(re.escape(word) for word in term.split())
    return re.compile(r"(?<!\w)" + words + r"(?!\w)", re.IGNORECASE)


def mentions(
    text: str, brand_terms: Iterable[str], competitor_terms: Iterable[str]
) -> list[tuple[str, str]]:
    """(watch, term) pairs the text mentions, each term once."""
    found: list[tuple[str, str]] = []
    for watch, terms in ((BRAND, brand_terms), (COMPETITOR, competitor_terms)):
        for term in terms:
            if term.strip() and _pattern(term).search(text):
                found.append((watch, term.strip()))
    return found


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
