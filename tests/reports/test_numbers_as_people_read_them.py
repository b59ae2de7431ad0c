"""Figures as the HTML, the PDF and the Insights page show them to a person."""

from __future__ import annotations

import pytest

from inbox_app.reports import formatting as fmt


@pytest.mark.parametrize(("mean", "shown"), [
    (-0.001, "+0.00"),   # a month of mostly neutral messages: not "−0.00"
    (-0.0049, "+0.00"),
    (0.0, "+0.00"),
    (0.004, "+0.00"),
    (-0.005001, "−0.01"),
    (0.26, "+0.26"),
    (-0.31, "−0.31"),
])
def test_a_mean_that_rounds_to_nothing_has_no_minus_sign(mean, shown):
    assert fmt.compound(mean) == shown
