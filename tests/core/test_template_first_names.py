"""{first_name} for the names customers really have: titles, "Last, First" from a mail
header, shouting capitals, scripts without spaces, and a template too long to ever send."""

from __future__ import annotations

import pytest

from inbox_app.core.templates import TemplateError, TemplateValues, check_template, fill
from inbox_app.core.text import MAX_TEXT


def greeting(customer_name: str) -> str:
    return fill("Hi {first_name},", TemplateValues(customer_name=customer_name))


@pytest.mark.parametrize(("customer", "greeted"), [
    ("Dr. Ann Marie O'Neil-Smith", "Hi Ann,"),
    ("Mrs Jane Doe", "Hi Jane,"),
    ("Prof. Dr. Hans Müller", "Hi Hans,"),
    ("ms. ann lee", "Hi Ann,"),
    # A title and one name: that name is the surname, greeted with its title.
    ("Dr. Smith", "Hi Dr. Smith,"),
    ("Sir Ian", "Hi Sir Ian,"),
    ("Dr.", "Hi there,"),
    ("Mr. & Mrs. Smith", "Hi there,"),
])
def test_a_title_is_not_a_first_name(customer, greeted):
    assert greeting(customer) == greeted


@pytest.mark.parametrize(("customer", "greeted"), [
    ("Lee, Ann", "Hi Ann,"),          # how Outlook and many shop systems write a name
    ("lee, ann", "Hi Ann,"),
    ("Ann Lee, PhD", "Hi Ann,"),
    ("Smith, Jr.", "Hi Smith,"),
])
def test_a_name_written_surname_first_greets_the_first_name(customer, greeted):
    assert greeting(customer) == greeted


@pytest.mark.parametrize(("customer", "greeted"), [
    ("ANN LEE", "Hi Ann,"),
    ("ANNE-MARIE O'NEIL", "Hi Anne-Marie,"),
    ("jean-luc picard", "Hi Jean-Luc,"),
    ("王小明", "Hi 王小明,"),
    ("Wes W.", "Hi Wes,"),
    ("JP Morgan", "Hi JP,"),  # two capitals are initials, not shouting
])
def test_first_names_read_as_written_by_a_person(customer, greeted):
    assert greeting(customer) == greeted


def test_a_template_longer_than_any_reply_is_refused_in_one_sentence():
    with pytest.raises(TemplateError, match=r"at most 100,000 characters"):
        check_template("Terms", "x" * (MAX_TEXT + 1))
    check_template("Terms", "x" * MAX_TEXT)


def test_a_template_name_longer_than_a_list_row_is_refused():
    with pytest.raises(TemplateError, match=r"name is at most 80 characters"):
        check_template("n" * 81, "Hi {first_name}")
    check_template("n" * 80, "Hi {first_name}")
