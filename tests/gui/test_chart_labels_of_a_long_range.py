"""A range of a quarter or more (weeks, months or years as bars) is charted with labels a
person can read at the Insights page's two-column width: some bars named in full, never
every one of them cut to "…"."""

from __future__ import annotations

import time

import pytest

from inbox_app.core.metrics import range_period
from inbox_app.gui import charts
from inbox_app.reports import compute_figures
from inbox_app.reports import formatting as fmt
from tests.store.helpers import msg

HALF_PAGE = (470, 380)  # a chart of the two-column page at its narrowest (960 px)


def drawn_texts(chart, size=HALF_PAGE) -> list[str]:
    """Every text the chart draws (title, legend, axis labels) as shown, cut or not."""
    from PySide6.QtCharts import QChartView
    from PySide6.QtWidgets import QApplication

    view = QChartView(chart)
    view.resize(*size)
    view.show()
    for _ in range(10):
        QApplication.processEvents()
        time.sleep(0.01)
    texts = [item.toGraphicsObject().toPlainText() for item in view.scene().items()
             if item.toGraphicsObject() is not None
             and hasattr(item.toGraphicsObject(), "toPlainText")]
    view.setChart(type(chart)())  # the chart stays the test's to delete
    view.close()
    return texts


@pytest.mark.parametrize("first, last, unit", [
    ("2026-01-01", "2026-03-31", "week"),  # a quarter: 14 weeks
    ("2025-01-01", "2026-05-31", "month"),  # 17 months
    ("1999-01-01", "2026-05-31", "year"),  # 28 years
])
@pytest.mark.parametrize("build", ["volume", "sentiment"])
def test_a_long_range_names_its_bars_readably(store, first, last, unit, build):
    from inbox_app.reports.pdf import application

    application()
    store.save_messages([
        msg(f"e{index}", "Lovely, thanks" if index % 2 else "Broken again", email="a@x.org",
            at=f"{year}-{month:02d}-10T09:00:00Z")
        for index, (year, month) in enumerate([(2026, 1), (2026, 2), (2026, 3), (2025, 6)])])
    figures = compute_figures(store, range_period(first, last))
    shown_unit, bars = fmt.chart_bars(figures)
    assert shown_unit == unit
    chart = charts.CHARTS[build](figures)
    texts = drawn_texts(chart)
    bar_labels = {bar.label for bar in bars}
    named = [text for text in texts if text in bar_labels]
    cut = [text for text in texts if "..." in text or "…" in text]
    assert not cut
    assert bars[0].label in named and len(named) >= 3
    # The bars are where they were: one per week, month or year, the line's points on them.
    series = chart.series()
    counts = [bar_set.count() for each in series if hasattr(each, "barSets")
              for bar_set in each.barSets()]
    assert counts and all(count == len(bars) for count in counts)
