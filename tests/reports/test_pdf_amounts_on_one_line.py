"""An amount in the PDF's customer tables stays on one line: "CHF 1,234,567.89" broke
between the currency code and the number, the code on one line and the figure under it."""

from __future__ import annotations

from inbox_app.core.metrics import month_period
from inbox_app.core.timeutil import parse_iso as t
from inbox_app.reports import compute_figures, write_report

from .test_pdf_layout import words

MARCH = month_period("2026-03")


def test_a_currency_code_stays_beside_a_large_amount(mix, tmp_path):
    mix.set_setting("currency", "CHF")
    for identity, value in (("ann@x.org", 1_234_567.89), ("+1 207 555 0102", 2_345_678.9)):
        mix.set_customer_value(mix.find_customer(identity).id, value)
    figures = compute_figures(mix, MARCH, now_at=t("2026-04-01T10:00:00Z"))
    _, found = words(write_report(figures, "pdf", tmp_path / "m.pdf"))
    lines: dict[tuple[int, int], str] = {}
    for word in found:
        key = (word.page, round(word.top))
        lines[key] = f"{lines.get(key, '')} {word.text}"
    written = [" ".join(line.replace("\xa0", " ").split()) for line in lines.values()]
    with_code = [line for line in written if "CHF" in line]
    assert len(with_code) == 4, with_code  # best customers and most valuable, two each
    assert all("CHF 1,234,567.89" in line or "CHF 2,345,678.90" in line
               for line in with_code), with_code
