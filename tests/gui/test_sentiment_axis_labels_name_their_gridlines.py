"""The sentiment chart's mood axis labels each gridline with the value it stands at. A month
whose most extreme week averaged −0.51 got an axis of ±0.7 in four steps: gridlines at
±0.35 labelled "0.3" and "−0.3", so a week drawn on the "−0.3" line read as −0.3 in the
PDF and on the Insights page while it was −0.35."""

from __future__ import annotations

import pytest

from inbox_app.core.metrics import month_period
from inbox_app.core.models import Sentiment
from inbox_app.gui import charts
from inbox_app.reports import compute_figures
from tests.store.helpers import msg


def mood_axis(chart):
    """The sentiment chart's left axis (mean compound)."""
    from PySide6.QtCore import Qt

    return next(axis for axis in chart.axes(Qt.Orientation.Vertical)
                if axis.alignment() == Qt.AlignmentFlag.AlignLeft)


def labelled_ticks(axis) -> list[tuple[str, float]]:
    """(label as drawn, value where its gridline stands) for each tick of a value axis."""
    step = (axis.max() - axis.min()) / (axis.tickCount() - 1)
    values = [axis.min() + index * step for index in range(axis.tickCount())]
    return [(axis.labelFormat() % value, value) for value in values]


@pytest.mark.parametrize("compound", [-0.51, 0.58, -0.62, 0.71, -0.78, 0.86, -0.95, 0.2])
def test_every_gridline_is_labelled_with_its_own_value(store, compound):
    from inbox_app.reports.pdf import application

    application()
    item = msg("a", email="ann@x.org", author="Ann", at="2026-03-10T09:00:00Z")
    item.sentiment = Sentiment(compound, 0.0, 1.0, 0.0)
    store.save_messages([item])
    figures = compute_figures(store, month_period("2026-03"))

    chart = charts.sentiment_chart(figures)  # kept: its axes go with it
    axis = mood_axis(chart)

    assert axis.min() <= compound <= axis.max()
    for label, value in labelled_ticks(axis):
        assert float(label) == pytest.approx(value, abs=1e-9), (label, value)
