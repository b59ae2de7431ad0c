"""Every colour the window writes words in stands out from what it writes them on by
WCAG's 4.5:1 (AA for text), in both themes: the light theme's amber ("Due today", "Queued —
waiting in the outbox", "Follow up tomorrow") stood 2.6:1 on a reply's card, its green
("✓ Sent") 3.1:1, and the dark theme's Send button and default buttons were white on a
light periwinkle at 3.1:1 (2.6:1 under the mouse)."""

from __future__ import annotations

import re

import pytest

from inbox_app.gui import theme
from inbox_app.gui.theme import contrast

AA_TEXT = 4.5
# What is written in a colour, on which backgrounds it appears: the thread's cards (inbound,
# outbound, note, a failed reply's danger_soft), the panes, the queue's selected and hovered
# rows, the left bar (its current row in `selected`), the pills and chips.
TEXT_ON = {
    "text": ["panel", "window", "sidebar", "toolbar", "selected", "selected_soft", "hover",
             "input", "inbound", "outbound", "note", "danger_soft", "notice"],
    "muted": ["panel", "window", "sidebar", "toolbar", "input", "inbound", "outbound", "note",
              "hover", "selected", "selected_soft"],
    "accent": ["panel", "window", "input", "inbound", "outbound", "selected", "selected_soft",
               "danger_soft", "note", "notice"],  # links: "Try again", in a note, a notice
    "danger": ["panel", "window", "input", "inbound", "danger_soft"],
    "success": ["panel", "window", "inbound", "outbound"],
    "warning": ["panel", "window", "inbound", "outbound", "note"],
    "chip_text": ["chip", "chip_hover"],
    "note_text": ["note", "note_strong"],
    "offline_text": ["offline"],
    "tooltip_text": ["tooltip"],
}


@pytest.mark.parametrize("name", ["light", "dark"])
def test_every_text_colour_reads_on_its_backgrounds(name):
    palette = theme.LIGHT if name == "light" else theme.DARK
    faint = [f"{fg} on {bg}: {contrast(palette[fg], palette[bg]):.2f}"
             for fg, backgrounds in TEXT_ON.items() for bg in backgrounds
             if contrast(palette[fg], palette[bg]) < AA_TEXT]
    assert faint == []


def rule(sheet: str, selector: str) -> dict[str, str]:
    found = re.search(re.escape(selector) + r"\s*\{([^}]*)\}", sheet)
    assert found, selector
    return dict((key.strip(), value.strip()) for key, value in
                (part.split(":", 1) for part in found.group(1).split(";") if ":" in part))


@pytest.mark.parametrize("name", ["light", "dark"])
def test_the_send_and_default_buttons_words_read_on_the_accent(qapp, name):
    palette = theme.LIGHT if name == "light" else theme.DARK
    sheet = theme.stylesheet(palette)
    button = rule(sheet, "QPushButton:default, QPushButton#sendButton")
    hover = rule(sheet, "QPushButton#sendButton:hover")
    assert contrast(button["color"], button["background"]) >= AA_TEXT
    assert contrast(button["color"], hover["background"]) >= AA_TEXT
    assert contrast(theme._palette(palette).highlightedText().color().name(),
                    palette["accent"]) >= AA_TEXT  # a dialog list's selected row
