"""Phone regions (ISO country codes phonenumbers knows) named as a person reads them."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QComboBox


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
    """Comma- or line-separated watch terms, trimmed, without repeats (case-insensitive)."""
    seen: dict[str, str] = {}
    for part in text.replace("\n", ",").split(","):
        term = part.strip()
        if term and term.lower() not in seen:
            seen[term.lower()] = term
    return list(seen.values())
