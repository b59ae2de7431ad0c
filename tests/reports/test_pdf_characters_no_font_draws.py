"""A character that no installed font can draw (an emoji on a machine without an emoji font)
printed as an empty box in the PDF — in a customer's name, a staff member's, the business
name on every page. The summary now leaves such characters out, and writes a name made of
nothing else as what it shows ("[cherry blossom]"); where a font has them, they stay."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SYSTEM_FONTS_CONF = Path("/etc/fonts/fonts.conf")
EMOJI = ("🌸", "🚀", "🎉", "👨", "👩", "👧")
LINES = [
    {"kind": "email", "id": "e1", "text": "My order is late", "at": "2026-03-02T10:00:00Z",
     "email": "ann@x.org", "author_name": "Ann 🌸 Lee", "thread": "t1"},
    {"kind": "email", "id": "e2", "text": "On its way", "direction": "out",
     "at": "2026-03-02T12:00:00Z", "thread": "t1", "author_name": "Maya 🚀"},
    {"kind": "email", "id": "e3", "text": "Hello", "at": "2026-03-03T10:00:00Z",
     "email": "bloom@x.org", "author_name": "🌸"},
    {"kind": "email", "id": "e4", "text": "Hi", "at": "2026-03-04T10:00:00Z",
     "email": "bo@x.org", "author_name": "Bo 👨\u200d👩\u200d👧 Family"},
]


def fonts_without_emoji(folder: Path) -> dict[str, str]:
    """The environment of a program that sees this machine's fonts but for any that draws
    the emoji used here, as on a machine where no emoji font is installed."""
    if shutil.which("pdftotext") is None or shutil.which("fc-list") is None:
        pytest.skip("pdftotext and fc-list (Debian poppler-utils, fontconfig) are needed")
    if not SYSTEM_FONTS_CONF.exists():
        pytest.skip("this machine has no fontconfig configuration to start from")
    rejected = "".join(
        f"<rejectfont><pattern><patelt name='charset'><charset><int>{ord(char):#x}</int>"
        "</charset></patelt></pattern></rejectfont>" for char in EMOJI)
    conf = folder / "fonts.conf"
    conf.write_text("<?xml version='1.0'?><!DOCTYPE fontconfig SYSTEM 'fonts.dtd'><fontconfig>"
                    f"<include ignore_missing='yes'>{SYSTEM_FONTS_CONF}</include>"
                    f"<selectfont>{rejected}</selectfont></fontconfig>")
    environment = {**os.environ, "FONTCONFIG_FILE": str(conf), "QT_QPA_PLATFORM": "offscreen",
                   "TZ": "UTC"}
    for char in EMOJI:
        covering = subprocess.run(["fc-list", f":charset={ord(char):x}", "family"], check=True,
                                  capture_output=True, text=True, env=environment).stdout
        assert covering.strip() == "", covering
    return environment


def test_without_an_emoji_font_the_pdf_leaves_emoji_out_instead_of_printing_boxes(tmp_path):
    environment = fonts_without_emoji(tmp_path)
    store, lines, pdf = tmp_path / "shop.db", tmp_path / "march.jsonl", tmp_path / "march.pdf"
    lines.write_text("".join(json.dumps(line) + "\n" for line in LINES))

    def inbox_app(*args: str) -> None:
        subprocess.run([sys.executable, "-m", "inbox_app", "--db", str(store), *args],
                       check=True, capture_output=True, cwd=ROOT, env=environment)

    inbox_app("import", str(lines))
    inbox_app("settings", "business_name", "Harbour Lane 🎉 Coffee")
    inbox_app("customer", "value", "ann@x.org", "1250")
    inbox_app("report", "--month", "2026-03", "--out", str(pdf))
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    page_lines = [line.strip() for line in text.splitlines()]
    assert "Harbour Lane Coffee" in page_lines  # the title
    assert sum(line.startswith("Harbour Lane Coffee · customer-service summary")
               for line in page_lines) == 3  # the footer of each page
    assert "\n".join(page_lines).count("Ann Lee") == 2  # best customers, most valuable
    assert "Maya" in page_lines  # the team
    assert "Bo Family" in text  # an emoji of several characters goes whole, and only it
    assert "[cherry blossom]" in text  # a name of nothing else is not left empty


def test_characters_a_font_draws_are_kept(qapp):
    from inbox_app.gui.pdf_text import drawable

    assert drawable("Zoë Müller-Łukasz") == "Zoë Müller-Łukasz"
    assert drawable("") == ""
    covering = subprocess.run(["fc-list", ":charset=1f338", "family"], capture_output=True,
                              text=True).stdout if shutil.which("fc-list") else ""
    if covering.strip():  # an emoji font is installed here: the PDF draws the emoji with it
        assert drawable("Ann 🌸 Lee") == "Ann 🌸 Lee"
