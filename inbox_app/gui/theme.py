"""Light and dark palettes: the system's choice by default, or a manual override."""

from __future__ import annotations

import re

from PySide6.QtCore import QFile, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from inbox_app.gui import resources_rc  # noqa: F401  (registers :/ resources)

THEMES = ("system", "light", "dark")
DESIGN_POINT_SIZE = 10.0  # the text size the stylesheet's font sizes were drawn for
PT_PER_PX = 72 / 96  # at the 96 dpi they were drawn on
_PX_FONT_SIZE = re.compile(r"font-size:\s*(\d+(?:\.\d+)?)px")

LIGHT = {
    "window": "#f6f7f9", "panel": "#ffffff", "sidebar": "#eef1f5", "toolbar": "#fbfbfc",
    "text": "#1f2933", "muted": "#606b78", "border": "#e1e5ea", "hover": "#eceff3",
    "input": "#ffffff", "accent": "#3860d9", "accent_hover": "#2f54c8",
    "selected": "#e3eaff", "selected_soft": "#e6ecfd", "tooltip": "#1f2933",
    "tooltip_text": "#ffffff", "scroll": "#c9d0d8", "icon": "#5f6b7a",
    "note": "#fff8e1", "note_border": "#f3d98b", "note_strong": "#fcebb6", "note_text": "#7a5a00",
    "notice": "#eef4ff", "notice_border": "#cddcff", "danger": "#c13e3e", "danger_soft": "#fdecec",
    "success": "#197e52", "warning": "#a0591a", "chip": "#e8ecf8", "chip_text": "#30446e",
    "chip_hover": "#d6def4", "inbound": "#ffffff", "outbound": "#edf2ff",
    "outbound_border": "#cfdbff", "offline": "#fff3df", "offline_border": "#f0c47a",
    "offline_text": "#6e4300", "disabled": "#a4adb8", "indicator": "#f6f7f9",
    "on_accent": "#ffffff",
}
DARK = {
    "window": "#16191e", "panel": "#1d2127", "sidebar": "#131619", "toolbar": "#1a1d22",
    "text": "#e3e7ec", "muted": "#959fab", "border": "#2c323a", "hover": "#262b33",
    "input": "#23282f", "accent": "#7b99ff", "accent_hover": "#8ea8ff",
    "selected": "#26345c", "selected_soft": "#243150", "tooltip": "#e3e7ec",
    "tooltip_text": "#16191e", "scroll": "#3a424c", "icon": "#a3adb9",
    "note": "#2e2816", "note_border": "#5b4a1c", "note_strong": "#4a3d14", "note_text": "#f0d58a",
    "notice": "#1c2640", "notice_border": "#2c3c66", "danger": "#ef6b6b", "danger_soft": "#3a2023",
    "success": "#4cc38a", "warning": "#f0a35a", "chip": "#273048", "chip_text": "#c7d3f5",
    "chip_hover": "#323d5c", "inbound": "#1f242b", "outbound": "#1f2a44",
    "outbound_border": "#2e3f6b", "offline": "#33270f", "offline_border": "#6b4f1d",
    "offline_text": "#f4c77d", "disabled": "#58616c", "indicator": "#b4c0ce",
    "on_accent": "#0f1220",
}

# Words are drawn at WCAG's 4.5:1 at least on whatever they are drawn on (muted text on the
# queue's selected row, amber on a reply's card: tests/gui/test_theme_text_contrast.py);
# `on_accent` is what the accent-filled buttons write in: white read 3:1 on the dark one.
# `indicator`: what check boxes and radio buttons (and a list's ticks) take as their window
# colour. Fusion draws their outline 40 % darker than it: from the dark theme's window
# colour that outline is black on near-black, and the indicators could not be seen.
INDICATOR_CLASSES = ("QCheckBox", "QRadioButton")

_current: dict[str, str] = dict(LIGHT)


def colors() -> dict[str, str]:
    """The palette in use (the delegates and the thread view paint with it)."""
    return _current


def system_is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def resolve(mode: str | None) -> str:
    """'light' or 'dark' for a mode of system/light/dark (None means system)."""
    if mode in ("light", "dark"):
        return mode
    return "dark" if system_is_dark() else "light"


def _palette(c: dict[str, str]) -> QPalette:
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: c["window"], QPalette.ColorRole.WindowText: c["text"],
        QPalette.ColorRole.Base: c["panel"], QPalette.ColorRole.AlternateBase: c["window"],
        QPalette.ColorRole.Text: c["text"], QPalette.ColorRole.Button: c["input"],
        QPalette.ColorRole.ButtonText: c["text"], QPalette.ColorRole.Highlight: c["accent"],
        QPalette.ColorRole.HighlightedText: c["on_accent"], QPalette.ColorRole.ToolTipBase: c["tooltip"],
        QPalette.ColorRole.ToolTipText: c["tooltip_text"], QPalette.ColorRole.Link: c["accent"],
        QPalette.ColorRole.PlaceholderText: c["muted"], QPalette.ColorRole.Mid: c["border"],
        QPalette.ColorRole.Midlight: c["hover"], QPalette.ColorRole.Dark: c["border"],
    }
    for role, value in roles.items():
        palette.setColor(role, QColor(value))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText,
                 QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(c["muted"]))
    return palette


def indicator_palette(palette: QPalette) -> QPalette:
    """`palette` for drawing check boxes and radio buttons: their outline shows (see
    `indicator` above)."""
    changed = QPalette(palette)
    changed.setColor(QPalette.ColorRole.Window, QColor(_current["indicator"]))
    return changed


def stylesheet(c: dict[str, str], point_size: float = DESIGN_POINT_SIZE) -> str:
    source = QFile(":/style.qss")
    source.open(QFile.OpenModeFlag.ReadOnly)
    text = bytes(source.readAll().data()).decode("utf-8")
    source.close()
    for key, value in c.items():
        text = text.replace(f"@{key}@", value)
    return scaled_font_sizes(text, point_size)


def scaled_font_sizes(text: str, point_size: float) -> str:
    """The stylesheet's font sizes grow with a larger text size than the design's 10 pt.

    They are written in px as drawn at 10 pt on a 96 dpi screen (a 16px heading over 13px
    text); px stay put while the text grows, so with a 15 pt system font the headings and
    the welcome's big buttons were smaller than the text around them and the hints tiny.
    Points follow the screen's dpi as the text does, scaled by the text's own size."""
    scale = max(1.0, point_size / DESIGN_POINT_SIZE) if point_size > 0 else 1.0

    def in_points(match: re.Match[str]) -> str:
        return f"font-size: {float(match.group(1)) * PT_PER_PX * scale:.2f}pt"

    return _PX_FONT_SIZE.sub(in_points, text)


def apply(app: QApplication, mode: str | None) -> str:
    """Applies the palette and stylesheet for `mode`; returns 'light' or 'dark'."""
    chosen = resolve(mode)
    _current.clear()
    _current.update(DARK if chosen == "dark" else LIGHT)
    app.setStyle("Fusion")
    app.setPalette(_palette(_current))
    for name in INDICATOR_CLASSES:  # after the palette of all: that one replaces these
        app.setPalette(indicator_palette(_palette(_current)), name)
    app.setStyleSheet(stylesheet(_current, app.font().pointSizeF()))
    from inbox_app.gui import icons

    icons.clear_cache()
    return chosen


def repolish(root) -> None:
    """Re-applies the stylesheet to widgets whose `role` property was set after Qt
    had already styled them (uic sets dynamic properties last)."""
    from PySide6.QtWidgets import QWidget

    for widget in [root, *root.findChildren(QWidget)]:
        if widget.property("role") is not None:
            widget.style().unpolish(widget)
            widget.style().polish(widget)


def restyle(widget, name: str, value) -> None:
    """Sets a property the stylesheet selects on (`[noteMode="true"]`) and has Qt style the
    widget again: it does not notice such a change by itself."""
    widget.setProperty(name, value)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def show_message(label, text: str, ok: bool = False) -> None:
    """Shows one sentence in a label styled as a problem (or, with `ok`, a success);
    an empty text clears it."""
    label.setText(text)
    restyle(label, "role", None if not text else ("success" if ok else "problem"))


# Contrast (WCAG)


def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4 for v in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: str, second: str) -> float:
    """The WCAG contrast ratio of two #rrggbb colours."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def legible(colour: str, background: str, ratio: float = 3.0) -> str:
    """`colour` darkened on a light background (lightened on a dark one) just enough to
    stand `ratio` to one against it: WCAG's 3:1 for marks that must be seen. The light
    theme's amber is a shade short of it on a white card."""
    towards = 0 if _luminance(background) > 0.18 else 255
    shade = colour
    for step in range(1, 51):
        if contrast(shade, background) >= ratio:
            break
        part = step / 50
        shade = "#" + "".join(f"{round(int(colour[i:i + 2], 16) * (1 - part) + towards * part):02x}"
                              for i in (1, 3, 5))
    return shade
