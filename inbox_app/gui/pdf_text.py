"""Text the PDF can show: characters that no installed font draws (an emoji where no
emoji font is installed) are left out rather than printed as empty boxes."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from inbox_app.gui.charts import qt_font

REGIONAL_INDICATOR_A = 0x1F1E6
# Parts of an emoji that say how to draw it, not what it is: joiners, variation selectors,
# skin tones, tag characters.
NOT_SPOKEN = {0x200D, 0xFE0E, 0xFE0F, *range(0x1F3FB, 0x1F400), *range(0xE0020, 0xE0080)}


def drawable(text: str) -> str:
    """`text` as the PDF can show it: without the characters that no installed font draws
    (an emoji where no emoji font is installed), which Qt would print as empty boxes. A
    text made of nothing else is written as what it shows ("[cherry blossom]"), so a
    customer named by an emoji alone is not a blank row. Needs the QApplication."""
    if not text or all(_main_font_draws(char) for char in text):
        return text
    clusters = _graphemes(text)
    kept = [cluster for cluster in clusters if _drawn(cluster)]
    if len(kept) == len(clusters):
        return text
    shown = " ".join("".join(kept).split())
    if shown:
        return shown
    return "[" + ", ".join(filter(None, (_spoken(cluster) for cluster in clusters))) + "]"


@lru_cache(maxsize=4096)
def _main_font_draws(char: str) -> bool:
    return _main_font().supportsCharacter(ord(char))


@lru_cache(maxsize=1)
def _main_font():
    from PySide6.QtGui import QRawFont

    return QRawFont.fromFont(qt_font(11.5))


def _graphemes(text: str) -> list[str]:
    """The characters as a reader counts them: a flag, a family joined by ZWJs, a letter
    with its accents — each drawn whole or not at all."""
    from PySide6.QtCore import QTextBoundaryFinder

    # Qt counts in UTF-16 units, where an emoji is two: its boundaries, as Python indexes.
    index_at = {}
    units = 0
    for index, char in enumerate(text):
        index_at[units] = index
        units += 2 if ord(char) > 0xFFFF else 1
    index_at[units] = len(text)
    finder = QTextBoundaryFinder(QTextBoundaryFinder.BoundaryType.Grapheme, text)
    clusters, start = [], 0
    while (boundary := finder.toNextBoundary()) != -1 and index_at[boundary] > start:
        clusters.append(text[start:index_at[boundary]])
        start = index_at[boundary]
    return clusters


@lru_cache(maxsize=4096)
def _drawn(cluster: str) -> bool:
    """Whether the fonts Qt falls back to have a glyph for all of it (glyph 0 is the
    missing-glyph box)."""
    if cluster.isspace():
        return True
    from PySide6.QtGui import QTextLayout

    layout = QTextLayout(cluster, qt_font(11.5))
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    return all(0 not in run.glyphIndexes() for run in layout.glyphRuns())


def _spoken(cluster: str) -> str:
    codes = [ord(char) for char in cluster if ord(char) not in NOT_SPOKEN]
    if len(codes) == 2 and all(0 <= code - REGIONAL_INDICATOR_A < 26 for code in codes):
        return "flag " + "".join(chr(ord("A") + code - REGIONAL_INDICATOR_A) for code in codes)
    return " ".join(unicodedata.name(chr(code), "").lower() for code in codes).strip()
