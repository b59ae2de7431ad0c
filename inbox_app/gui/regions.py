"""What the welcome and Settings share: phone regions (ISO country codes phonenumbers
knows) named as a person reads them, and watch terms read as `watch add` reads them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QComboBox

from inbox_app.core.watch import BRAND, COMPETITOR, term_key, watch_key

# Between watch terms in a field: a comma, or a line break a paste brought.
TERM_BREAKS = re.compile(r"[,\n\r\u2028\u2029]")


@cache
def regions() -> list[tuple[str, str]]:
    """(code, "Country name (CODE) +prefix"), sorted by name."""
    import phonenumbers  # a tenth of a second: only when a dialog asks for the list

    named = []
    for code in phonenumbers.SUPPORTED_REGIONS:
        territory = QLocale.codeToTerritory(code)
        name = QLocale.territoryToString(territory) if territory.value else code
        prefix = phonenumbers.country_code_for_region(code)
        named.append((code, f"{name} ({code}) +{prefix}"))
    return sorted(named, key=lambda item: item[1].lower())


def fill_region_combo(combo: QComboBox, current: str) -> None:
    combo.clear()
    for code, label in regions():
        combo.addItem(label, code)
    index = combo.findData((current or "US").upper())
    combo.setCurrentIndex(max(0, index))


def guess_region() -> str:
    """The region of this computer's locale, when phonenumbers knows it."""
    import phonenumbers

    code = QLocale.system().name().partition("_")[2].upper()
    return code if code in phonenumbers.SUPPORTED_REGIONS else "US"


def split_terms(text: str) -> list[str]:
    """Comma- or line-separated watch terms, their words one space apart, each once: two
    spellings that find the same mentions ("Bean Barons", "bean-barons") are one term, as
    `watch add` takes them, kept as first written."""
    kept: dict[str, str] = {}
    for part in TERM_BREAKS.split(text):
        term = " ".join(part.split())
        if term:
            kept.setdefault(watch_key(term), term)
    return list(kept.values())


def terms_problem(brand: Sequence[str], competitor: Sequence[str],
                  kept_brand: Sequence[str] = (), kept_competitor: Sequence[str] = (),
                  ) -> tuple[str, str] | None:
    """(BRAND or COMPETITOR: the field to correct, one sentence) refusing what `watch add`
    refuses: a term with no letter or digit, or one watched on both sides (counted twice in
    the share of conversation). What was already kept (`kept_*`) is not refused again."""
    for side, terms, kept in ((BRAND, brand, kept_brand),
                              (COMPETITOR, competitor, kept_competitor)):
        before = {watch_key(term) for term in kept}
        for term in terms:
            if not term_key(term) and watch_key(term) not in before:
                return side, (f"A watch term needs a letter or a digit: “{term}” would"
                              " find nothing.")
    as_brand = {watch_key(term): term for term in brand}
    was_brand = {watch_key(term) for term in kept_brand}
    was_competitor = {watch_key(term) for term in kept_competitor}
    for term in competitor:
        key = watch_key(term)
        if key not in as_brand or key in was_brand & was_competitor:
            continue
        spelled = as_brand[key]
        if key in was_competitor and key not in was_brand:  # the brand side is the new one
            side, typed, other, watched_as = BRAND, spelled, term, "a competitor"
        else:
            side, typed, other, watched_as = COMPETITOR, term, spelled, "a brand term"
        also = f" (“{other}”)" if other != typed else ""
        return side, (f"“{typed}” is watched as {watched_as}{also}; a term is a brand or a"
                      " competitor, not both.")
    return None
