"""{first_name} for the names social channels and the store really give customers: a
Bluesky handle (a customer without a display name is stored under it), the store's own
"Unknown", a display name that starts with an emoji or keeps its quotes, and a couple
written "Mr and Mrs"."""

from __future__ import annotations

import pytest

from inbox_app.core.templates import TemplateValues, fill


def greeting(customer_name: str) -> str:
    return fill("Hi {first_name},", TemplateValues(customer_name=customer_name))


@pytest.mark.parametrize("customer", [
    "alice.bsky.social",      # was "Hi Alice.Bsky.Social,"
    "harbourlane.com",
    "Unknown",                # what the store calls someone it knows nothing of
    "unknown",
    "Mr and Mrs Smith",       # was "Hi And,"
    "Mr. and Mrs. Smith",
])
def test_an_address_or_no_person_reads_as_there(customer):
    assert greeting(customer) == "Hi there,"


@pytest.mark.parametrize(("customer", "greeted"), [
    ("🌸 Mia Wong", "Hi Mia,"),      # was "Hi there,"
    ("☕️ Ann Lee ☕️", "Hi Ann,"),
    ("Dr. Smith 🌸", "Hi Dr. Smith,"),
    ('"Ann Lee"', "Hi Ann,"),        # was 'Hi "Ann,'
    ("(Ann) Lee", "Hi Ann,"),
    ("J.R. Hartley", "Hi J.R.,"),    # initials with full stops are no web address
    ("Wes W.", "Hi Wes,"),
])
def test_a_name_decorated_as_people_write_it_greets_the_person(customer, greeted):
    assert greeting(customer) == greeted


def test_the_stores_unknown_is_no_full_name_either():
    assert fill("Dear {name},", TemplateValues(customer_name="Unknown")) == "Dear there,"
