"""Customers and staff are found by name in any case, in every script (str.casefold), on
both engines: SQLite's lower(), LIKE and NOCASE, and PostgreSQL's lower() on its "C"
columns, fold A-Z only."""

from __future__ import annotations

import sys

import pytest

from inbox_app.store import NotFound, StoreError

from .helpers import msg

NAMES = ("Zed Ü", "Zoë 🚀 Ünïcode", "Ольга Петрова", "Ὀδυσσεύς", "Jürgen Straße", "Ǆemal",
         "Anna [*?] Smith", "Dr. Ångström (Kelvin)", "Bo_b 100% \\o/")


@pytest.fixture
def people(store):
    store.save_messages([msg(f"m{i}", email=f"c{i}@x.org", author=name)
                         for i, name in enumerate(NAMES)])
    return store


@pytest.mark.parametrize(("typed", "name"), [
    ("zed ü", "Zed Ü"),
    ("ZED Ü", "Zed Ü"),
    ("zoë 🚀 ÜNÏCODE", "Zoë 🚀 Ünïcode"),
    ("ОЛЬГА ПЕТРОВА", "Ольга Петрова"),
    ("ὈΔΥΣΣΕΎΣ", "Ὀδυσσεύς"),  # a final sigma folds as any other
    ("jürgen strasse", "Jürgen Straße"),  # ß is ss
    ("JÜRGEN STRAẞE", "Jürgen Straße"),
    ("ǆemal", "Ǆemal"),
    ("anna [*?] SMITH", "Anna [*?] Smith"),  # pattern characters are only text
    ("BO_B 100% \\O/", "Bo_b 100% \\o/"),
    ("dr. \u212bngström (\u212aelvin)", "Dr. Ångström (Kelvin)"),  # Ångström and Kelvin signs
])
def test_a_customer_is_found_by_name_in_any_case(people, typed, name):
    assert people.find_customer(typed).name == name


def test_only_the_whole_name_matches(people):
    for typed in ("zed", "zed üx", "jürgen stra", "jürgen strassee", "Anna ** Smith", "ǆ",
                  "boxb 100% \\o/", "bo_b 100x \\o/"):
        with pytest.raises(NotFound):
            people.find_customer(typed)


def test_two_customers_called_alike_in_different_cases_are_both_named(people):
    people.save_messages([msg("twin", email="twin@x.org", author="ZED ü")])
    with pytest.raises(StoreError, match="2 customers are called zed ü"):
        people.find_customer("zed ü")


def test_stored_spellings_that_fold_into_more_letters_are_found(store):
    # The pattern the engine is asked for must let through every spelling whose casefold
    # is the one typed, also when a letter folds into several (ß, ﬁ, ŉ, İ).
    names = ("Straße", "ﬁnn", "ŉoel", "İpek", "STRASSE ſ", "Ǉuba")
    store.save_messages([msg(f"n{i}", email=f"n{i}@x.org", author=name)
                         for i, name in enumerate(names)])
    for name in names:
        assert store.find_customer(name.casefold()).name == name
        assert store.find_customer(name.upper()).name == name


def test_finding_a_customer_by_name_reads_the_table_once(store):
    if store.engine != "sqlite":
        pytest.skip("query plans are checked on SQLite; PostgreSQL plans itself")
    sql, params = store._casefold_match("name", "Zed Ü")
    steps = [row["detail"] for row in store._rows(
        f"EXPLAIN QUERY PLAN SELECT id, name FROM customers WHERE merged_into IS NULL AND {sql}",
        params)]
    assert steps == ["SCAN customers"]  # as lower(name) = lower(?) was: no sort, no temp table


def test_no_cased_letter_lies_beyond_the_planes_searched():
    from inbox_app.store.spellings import CASED_BELOW

    assert all(chr(code).casefold() == chr(code) and chr(code).upper() == chr(code)
               for code in range(CASED_BELOW, sys.maxunicode + 1))


def test_staff_are_found_by_name_in_any_case(store):
    store.add_staff("Zoë Test")
    store.add_staff("Ὀδυσσεύς Παπαδόπουλος")
    assert store.staff_named("ZOË TEST").name == "Zoë Test"
    assert store.staff_named("zoë").name == "Zoë Test"
    assert store.staff_named("ὈΔΥΣΣΕΎΣ").name == "Ὀδυσσεύς Παπαδόπουλος"
    with pytest.raises(StoreError, match="already a staff member called Zoë Test"):
        store.add_staff("ZOË TEST")
