"""Where things land on the PDF's pages, read back with poppler's word boxes: a long team
goes on over pages instead of off the bottom of one, and a long business name pushes the
headline cards down and is shortened in the footer instead of running into them."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from dataclasses import dataclass

import pytest

from inbox_app.core.metrics import month_period
from inbox_app.core.timeutil import parse_iso as t
from inbox_app.reports import compute_figures, write_report

MARCH = month_period("2026-03")
AS_OF = t("2026-04-01T10:00:00Z")
LONG_NAME = ("The Really Quite Extraordinarily Long-Named Harbour Lane Coffee Roasters, "
             "Bakery & Bicycle Repair Ltd")


@dataclass(frozen=True)
class Word:
    page: int
    text: str
    left: float
    top: float
    right: float
    bottom: float


def words(path) -> tuple[float, list[Word]]:
    """(page height, every word with its box) in PDF points, from `pdftotext -bbox`."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (Debian poppler-utils) is not installed")
    markup = subprocess.run(["pdftotext", "-bbox", str(path), "-"], check=True,
                            capture_output=True, text=True).stdout
    height = float(re.search(r'<page width="[\d.]+" height="([\d.]+)"', markup).group(1))
    found = []
    for number, page in enumerate(markup.split("<page ")[1:], start=1):
        for box in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                               r'yMax="([\d.]+)">([^<]*)</word>', page):
            left, top, right, bottom = (float(box.group(i)) for i in range(1, 5))
            found.append(Word(number, html.unescape(box.group(5)), left, top, right, bottom))
    return height, found


def test_a_team_longer_than_a_page_goes_on_over_the_next_pages(mix, tmp_path):
    names = [f"Staffer {number:02d} With A Rather Long Name" for number in range(1, 61)]
    for name in names:
        mix.add_staff(name)
    path = write_report(compute_figures(mix, MARCH, now_at=AS_OF), "pdf", tmp_path / "m.pdf")
    height, found = words(path)
    footer_top = min(w.top for w in found if w.text == "made" and w.bottom > height - 50)
    body = [w for w in found if w.bottom < footer_top]
    numbers = [w.text for w in body
               if w.text.isdigit() and len(w.text) == 2 and w.left < 200
               and any(o.text == "Staffer" and o.page == w.page and abs(o.top - w.top) < 2
                       for o in body)]
    assert numbers == [f"{number:02d}" for number in range(1, 61)]  # each once, in order
    assert all(w.bottom <= footer_top for w in found if w.text == "Staffer")
    staff_pages = sorted({w.page for w in found if w.text == "Staffer"})
    headers = [w.page for w in found if w.text == "Overdue"]
    assert len(staff_pages) > 1 and set(staff_pages) <= set(headers)  # its header on each


@pytest.fixture
def long_named(mix, tmp_path):
    """The first page's words of the summary of a shop with a long name, and its height."""
    mix.set_setting("business_name", LONG_NAME)
    path = write_report(compute_figures(mix, MARCH, now_at=AS_OF), "pdf", tmp_path / "m.pdf")
    height, found = words(path)
    return height, [w for w in found if w.page == 1]


def test_a_long_business_name_pushes_the_cards_down(long_named):
    _, first = long_named
    subtitle = next(w for w in first if w.text == "Customer-service")
    card = next(w for w in first if w.text == "Inbound")
    assert subtitle.bottom < card.top - 8  # the cards sit under the title, not over it


def test_a_long_business_name_is_shortened_in_the_footer(long_named):
    height, first = long_named
    footer = [w for w in first if w.top > height - 50]
    page_word = next(w for w in footer if w.text == "page")
    left_part = [w for w in footer if w.right <= page_word.left]
    assert all(w.right < page_word.left - 6 for w in footer if w is not page_word
               and w.left < page_word.left)
    assert left_part[-1].text == "2026"  # "… · customer-service summary · March 2026" whole
    assert "…" in " ".join(w.text for w in left_part)


def test_a_summary_of_one_day_names_the_day_once(mix, tmp_path):
    from inbox_app.core.metrics import range_period

    leap_day = range_period("2028-02-29", "2028-02-29")
    path = write_report(compute_figures(mix, leap_day, now_at=AS_OF), "pdf", tmp_path / "d.pdf")
    _, found = words(path)
    header = " ".join(w.text for w in found if w.page == 1 and w.top < 60 and w.left > 300)
    assert header.startswith("29 Feb 2028 made")
