"""Placeholder filling for canned replies."""

from __future__ import annotations

import pytest

from inbox_app.core.templates import (
    TemplateError,
    TemplateValues,
    check_template,
    fill,
    placeholders_in,
)

ANN = TemplateValues(customer_name="Ann Lee", business="Harbour Lane Coffee",
                     staff="Maya Okafor")


def test_every_placeholder_is_filled():
    body = "Hi {first_name},\n\nThanks, {name}! — {staff} at {business}"
    assert fill(body, ANN) == "Hi Ann,\n\nThanks, Ann Lee! — Maya at Harbour Lane Coffee"


def test_spaces_inside_braces_are_forgiven():
    assert fill("Hi { first_name }!", ANN) == "Hi Ann!"


def test_doubled_braces_are_literal_braces():
    assert fill("Use code {{WELCOME}} at {business}", ANN) == \
        "Use code {WELCOME} at Harbour Lane Coffee"


@pytest.mark.parametrize("customer", ["", "ann@example.com", "+1 207 555 0142", "@ann@mastodon.social"])
def test_no_usable_first_name_reads_as_there(customer):
    values = TemplateValues(customer_name=customer, business="Shop", staff="Maya")
    assert fill("Hi {first_name},", values) == "Hi there,"


def test_a_lower_case_first_name_is_capitalised():
    assert fill("Hi {first_name}", TemplateValues(customer_name="ann lee")) == "Hi Ann"


def test_an_empty_value_takes_its_space_along_before_punctuation():
    values = TemplateValues(customer_name="Ann Lee", business="", staff="Maya")
    assert fill("Thanks from {staff} {business}.", values) == "Thanks from Maya."
    assert fill("Thanks from {staff}, {business} team", values) == "Thanks from Maya,  team"


def test_unknown_placeholders_stay_as_typed_when_filling():
    assert fill("Order {order_id} for {first_name}", ANN) == "Order {order_id} for Ann"


def test_placeholders_in_lists_each_once_in_order():
    assert placeholders_in("{staff} {first_name} {staff} {{x}}") == ["staff", "first_name"]


@pytest.mark.parametrize(("name", "body", "says"), [
    ("", "Hello", "needs a name"),
    ("  ", "Hello", "needs a name"),
    ("Thanks", "   ", "needs some text"),
    ("Thanks", "Hi {frist_name}", "{frist_name} is not a placeholder"),
    ("Thanks", "Hi {first_name", "lone “{”"),
    ("Thanks", "a } b", "lone “}”"),
])
def test_check_refuses_in_one_sentence(name, body, says):
    with pytest.raises(TemplateError) as raised:
        check_template(name, body)
    assert says in str(raised.value)
    assert str(raised.value).count(". ") <= 1


def test_check_accepts_a_good_template():
    check_template("Thanks", "Hi {first_name}, thanks! {{not a placeholder}} — {staff}")
