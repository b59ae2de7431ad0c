"""The charts of the Insights page and the PDF show what was counted, and nothing that
was not: a week without customer messages has no mood."""

from __future__ import annotations

from inbox_app.core.metrics import month_period


def test_the_sentiment_line_breaks_over_a_week_without_messages(store):
    """Week 16–22 March has no customer message: the mean-compound line drew straight
    across it as if that week had had a mood between its neighbours'."""
    from inbox_app.gui.charts import sentiment_chart
    from inbox_app.reports import compute_figures
    from inbox_app.reports.pdf import application
    from tests.store.helpers import msg

    app = application()
    store.save_messages([
        msg("a", "Lovely, thanks!", email="a@x.org", author="Ann", at="2026-03-10T09:00:00Z"),
        msg("b", "Awful, broken", email="b@x.org", author="Bo", at="2026-03-24T09:00:00Z"),
        msg("c", "Great", email="c@x.org", author="Cy", at="2026-03-25T09:00:00Z"),
    ])
    figures = compute_figures(store, month_period("2026-03"))
    chart = sentiment_chart(figures)
    lines = [series for series in chart.series() if type(series).__name__ == "QLineSeries"]
    runs = [[point.x() for point in line.points()] for line in lines]
    assert sorted(runs) == [[2.0], [4.0]]  # weeks of 9 and 23 March; 16 March left open
    from PySide6.QtCharts import QChartView

    view = QChartView(chart)  # a legend marker is visible only once its chart is shown
    view.show()
    app.processEvents()
    shown = [marker for line in lines for marker in chart.legend().markers(line)
             if marker.isVisible()]
    assert len(shown) == 1  # one legend entry for the line, however many pieces
    view.close()
