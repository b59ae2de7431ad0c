"""Placeholder filling for canned replies and the email signature."""

from __future__ import annotations

import re

import pytest

from inbox_app.core.templates import (
    TemplateError,
    TemplateValues,
    check_signature,
    check_template,
    fill,
    fill_signature,
    placeholders_in,
    signed,
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


def test_staff_name_is_the_full_name():
    assert fill("{staff_name}, {staff}", ANN) == "Maya Okafor, Maya"


def test_a_signature_goes_under_the_reply_after_a_blank_line():
    assert signed("Sorry, Ann! It ships today.\n\n", "{staff_name}\n{business}", ANN) == \
        "Sorry, Ann! It ships today.\n\nMaya Okafor\nHarbour Lane Coffee"


def test_a_signature_line_without_its_value_is_left_out():
    nobody = TemplateValues(business="Harbour Lane Coffee")  # a command-line reply
    assert fill_signature("{staff} at {business}\n{business}\n+1 555 0100", nobody) == \
        "Harbour Lane Coffee\n+1 555 0100"
    no_business = TemplateValues(staff="Maya Okafor")
    assert fill_signature("— {staff}\n{business}", no_business) == "— Maya"
    assert signed("Thanks!", "{business}", no_business) == "Thanks!"


def test_a_reply_already_signed_the_same_way_is_not_signed_twice():
    reply = "Hi Ann,\n\nIt ships today.\n\nMaya at   Harbour Lane Coffee\n"
    assert signed(reply, "{staff} at {business}", ANN) == reply
    assert signed("It ships today.", "", ANN) == "It ships today."
    assert signed("Try the new HarbourLane", "Lane", ANN) == "Try the new HarbourLane\n\nLane"


@pytest.mark.parametrize(("signature", "says"), [
    ("{staf}", "In the email signature, {staf} is not a placeholder"),
    ("Maya {", "In the email signature, the text has a lone “{”"),
    ("x" * 2001, "The email signature is 2,001 characters long; keep it under 2,000."),
])
def test_a_signature_that_cannot_be_used_is_refused_in_one_sentence(signature, says):
    with pytest.raises(TemplateError, match=re.escape(says)):
        check_signature(signature)
    check_signature("{staff_name}\n{business} · {{open daily}}")
