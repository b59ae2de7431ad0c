"""A business name that starts in Hebrew or Arabic reads in the PDF as in the HTML summary:
its heading lines up with the line under it, and the footer keeps the name in one piece
before "customer-service summary". The footer was laid out right to left as a whole (its
first letter was Hebrew), which put the name's Hebrew words after the month, at the far
end of the line."""

from __future__ import annotations

from inbox_app.core.metrics import month_period
from inbox_app.core.timeutil import parse_iso as t
from inbox_app.reports import compute_figures, write_report
from tests.reports.test_pdf_layout import words

MARCH = month_period("2026-03")
AS_OF = t("2026-04-01T10:00:00Z")
NAME = "מאפיית הנמל — Harbour Bakery"


def hebrew(text: str) -> bool:
    return any("\u0590" <= character <= "\u05ff" for character in text)


def test_the_footer_keeps_the_name_together_before_the_rest_of_the_line(store, tmp_path):
    store.set_setting("business_name", NAME)
    path = write_report(compute_figures(store, MARCH, now_at=AS_OF), "pdf", tmp_path / "m.pdf")
    height, found = words(path)
    footer = [w for w in found if w.page == 1 and w.top > height - 50]
    summary = next(w for w in footer if w.text == "customer-service")
    name_words = [w for w in footer if hebrew(w.text) or w.text in ("Harbour", "Bakery")]

    assert len(name_words) >= 3
    assert all(w.right <= summary.left for w in name_words), [
        (w.text, w.left) for w in name_words]


def test_the_heading_lines_up_with_the_line_under_it(store, tmp_path):
    store.set_setting("business_name", NAME)
    path = write_report(compute_figures(store, MARCH, now_at=AS_OF), "pdf", tmp_path / "m.pdf")
    _, found = words(path)
    subtitle = next(w for w in found if w.page == 1 and w.text == "Customer-service")
    heading = [w for w in found if w.page == 1 and w.bottom <= subtitle.top + 1
               and (hebrew(w.text) or w.text in ("Harbour", "Bakery", "—"))]

    assert heading
    assert min(w.left for w in heading) == subtitle.left
