"""A customer known only by a number written `+1-207-555-0142` (as call logs write them)
was left as it is in the CSV exports, since it starts like a number; Excel reads it as
the formula =1-207-555-142 and shows -903. Only a cell no spreadsheet can compute is left
without the apostrophe: one number, or a phone number with spaces between its groups."""

from __future__ import annotations

import pytest

from inbox_app.exports import safe_cell


@pytest.mark.parametrize("cell", [
    "+1-207-555-0142", "-5-3", "+49-30-1234567", "-1.5-2", "+1 -2", "- 10",
    "-(207)",
])
def test_arithmetic_a_spreadsheet_would_work_out_gets_the_apostrophe(cell):
    assert safe_cell(cell) == "'" + cell


@pytest.mark.parametrize("cell", [
    "-42.5", "+12", "-0.494", "+4915123456789", "+44 20 7946 0018", "+1 (207) 555-0142",
    "+44 (0)20 7946 0018", "-", "+",
])
def test_one_number_or_a_phone_number_in_groups_is_left_as_written(cell):
    assert safe_cell(cell) == cell
