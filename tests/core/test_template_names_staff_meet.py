"""Placeholders for the customers staff answer every day: a surname that starts with
"van" or "de", a username with underscores (Mastodon, Telegram), and a customer known
only by a phone number, an email address or a handle, whom no reply should call by it."""

from __future__ import annotations

import pytest

from inbox_app.core.templates import TemplateValues, fill


def filled(body: str, customer_name: str) -> str:
    return fill(body, TemplateValues(customer_name=customer_name))


@pytest.mark.parametrize(("customer", "greeted"), [
    ("van der Berg", "Hi there,"),             # was "Hi Van,"
    ("de la Cruz", "Hi there,"),
    ("von Trapp", "Hi there,"),
    ("Ann van der Berg", "Hi Ann,"),
    ("van der Berg, Ann", "Hi Ann,"),          # was "Hi Van,"
    ("DE LA CRUZ, MARIA", "Hi Maria,"),        # was "Hi DE,"
    ("Dr. van der Berg", "Hi Dr. van der Berg,"),
    ("Van Morrison", "Hi Van,"),               # a first name that is also a particle
    ("Dr. Ann-Marie O'Neil", "Hi Ann-Marie,"),
    ("JOHN SMITH", "Hi John,"),
    ("José", "Hi José,"),
    ("李小龙", "Hi 李小龙,"),
])
def test_a_surname_with_its_particle_is_no_first_name(customer, greeted):
    assert filled("Hi {first_name},", customer) == greeted


@pytest.mark.parametrize("customer", [
    "coffee_lover",        # a Mastodon username given for a blank display name
    "ann_lee",             # was "Hi Ann_Lee,"
    "_ann_",
    "https://example.com/ann",  # a feed's author given as a link
])
def test_a_username_with_underscores_is_no_first_name(customer):
    assert filled("Hi {first_name},", customer) == "Hi there,"


@pytest.mark.parametrize("customer", [
    "+1 207 555 0101",         # an unknown caller is stored under their number
    "(207) 555-0101",
    "ann@example.com",
    "<ann@example.com>",
    "@ann@mastodon.social",
    "@coffeelover",
    "https://example.com/ann",
    "alice.bsky.social",
    "@alice.bsky.social",
    "did:plc:ewvi7nxzyoun6zhxrhs64oiz",
])
def test_a_customer_known_only_by_a_number_or_an_address_is_not_called_by_it(customer):
    assert filled("Dear {name},", customer) == "Dear there,"


@pytest.mark.parametrize("customer", [
    "van der Berg", "Dr. Ann-Marie O'Neil", "JOHN SMITH", "李小龙", "Harbour & Co.",
    "J.R. Hartley",
])
def test_a_persons_or_a_companys_full_name_is_kept_as_written(customer):
    assert filled("Dear {name},", customer) == f"Dear {customer},"
