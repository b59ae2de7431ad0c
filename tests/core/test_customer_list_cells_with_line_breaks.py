"""A spreadsheet cell may hold line breaks (Alt+Enter in Excel, Google Sheets' Ctrl+Enter),
and a name typed there often has runs of spaces: a tags cell with a tag on each line is
several tags, and a name is one line with single spaces, as a person reads it."""

from __future__ import annotations

from inbox_app.core.customer_list import parse_customer_list, read_customer_list


def records(text: str):
    return list(parse_customer_list(read_customer_list(text.encode("utf-8"), "list.csv")))


def test_tags_on_lines_of_their_own_are_separate_tags():
    (ann, bo) = records('Name,Email,Tags\r\n'
                        'Ann Lee,ann@example.com,"VIP\r\nwholesale"\r\n'
                        'Bo Berg,bo@example.com,"VIP\nnewsletter, north"\r\n')
    assert ann.tags == ("VIP", "wholesale")
    assert bo.tags == ("VIP", "newsletter", "north")


def test_a_name_written_over_two_lines_or_with_extra_spaces_is_one_line():
    (ann, bo) = records('First Name;Last Name;Email\r\n'
                        '"Ann\r\nMarie";Lee;ann@example.com\r\n'
                        'Bo  ;"van  der\tBerg";bo@example.com\r\n')
    assert ann.name == "Ann Marie Lee"
    assert bo.name == "Bo van der Berg"
