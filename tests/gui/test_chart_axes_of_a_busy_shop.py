"""The charts' count axes read as the cards do: "150,000", not "150000", and a few ticks
however busy the shop (the Insights page and the PDF draw the same charts)."""

from __future__ import annotations

import dataclasses

import pytest

from inbox_app.core.metrics import month_period
from inbox_app.gui import charts
from inbox_app.reports import compute_figures
from inbox_app.reports import formatting as fmt
from tests.store.helpers import msg


def axis_labels(axis) -> list[str]:
    """The labels an axis draws: a category axis its own, a value axis its format at each
    tick."""
    from PySide6.QtCharts import QCategoryAxis

    if isinstance(axis, QCategoryAxis):
        return axis.categoriesLabels()
    ticks = axis.tickCount()
    step = (axis.max() - axis.min()) / (ticks - 1)
    return [axis.labelFormat() % (axis.min() + index * step) for index in range(ticks)]


def tick_values(axis) -> list[float]:
    from PySide6.QtCharts import QCategoryAxis

    if isinstance(axis, QCategoryAxis):
        return [axis.endValue(label) for label in axis.categoriesLabels()]
    step = (axis.max() - axis.min()) / (axis.tickCount() - 1)
    return [axis.min() + index * step for index in range(axis.tickCount())]


@pytest.fixture
def busy_march(store):
    """March 2026 of a small shop, scaled by the test to a big one's counts."""
    from inbox_app.reports.pdf import application

    application()
    store.save_messages([
        msg("a", email="a@x.org", author="Ann", at="2026-03-03T09:00:00Z"),
        msg("b", kind="phone", phone="+1 207 555 0100", author="Bo", at="2026-03-10T09:00:00Z"),
        msg("c", kind="mastodon", handle="@cy@m.social", author="Cy", at="2026-03-17T09:00:00Z"),
    ])
    return compute_figures(store, month_period("2026-03"))


def scaled(figures, factor: int):
    weeks = [dataclasses.replace(week, inbound={family: count * factor + 7 * factor // 10
                                                for family, count in week.inbound.items()})
             for week in figures.weeks]
    response = dataclasses.replace(
        figures.first_response, unanswered=figures.first_response.unanswered * factor,
        histogram=tuple((label, (index + 1) * factor)
                        for index, (label, _) in enumerate(figures.first_response.histogram)))
    return dataclasses.replace(figures, weeks=weeks, first_response=response)


def count_axis(chart):
    from PySide6.QtCore import Qt

    (axis,) = chart.axes(Qt.Orientation.Vertical)
    return axis


@pytest.mark.parametrize("factor", [40_000, 1_000_000])
@pytest.mark.parametrize("build", ["volume", "response"])
def test_a_count_axis_writes_thousands_as_the_cards_do(busy_march, factor, build):
    figures = scaled(busy_march, factor)
    chart = charts.CHARTS[build](figures)
    axis = count_axis(chart)
    highest = (max(week.total for week in figures.weeks) if build == "volume" else
               max(count for _, count in figures.first_response.histogram))
    values = tick_values(axis)
    assert values[0] == 0 and values[-1] > highest  # the tallest bar is under the top
    assert 3 <= len(values) <= 7  # readable ticks, not one per 100,000
    assert axis_labels(axis) == [fmt.count(round(value)) for value in values]
    assert any("," in label for label in axis_labels(axis))


def test_a_small_count_axis_keeps_whole_number_steps(busy_march):
    chart = charts.volume_chart(busy_march)
    axis = count_axis(chart)
    assert axis_labels(axis) == ["0", "1", "2"]
