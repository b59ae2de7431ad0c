"""`watch add` took terms that find exactly what a watched term finds as new ones:
"bean-barons" or "BEAN_BARONS" beside "Bean Barons", "cafe noir" beside "Café Noir". Each
competitor spelling got its own label (`mention:competitor:bean-barons` beside
`mention:competitor:bean barons`), so one post counted as two competitors. It also took
the shop's brand as a competitor too, which counted every mention on both sides of the
share of conversation, and a term with no letter or digit ("-"), which finds nothing."""

from __future__ import annotations

import json

import pytest


@pytest.fixture(autouse=True)
def shop(run_cli):
    """The shop's store, made before any refused command (which would make none)."""
    assert run_cli("settings", "business_name", "Harbour Lane")[0] == 0


def watched(run_cli) -> dict[str, list[str]]:
    code, out, _ = run_cli("watch", "list", "--json")
    assert code == 0
    return json.loads(out)


@pytest.mark.parametrize("spelling", ["bean-barons", "BEAN_BARONS", "Bean \u2010Barons"])
def test_a_spelling_that_finds_the_same_mentions_is_already_watched(run_cli, spelling):
    assert run_cli("watch", "add", "competitor", "Bean Barons")[0] == 0
    assert run_cli("watch", "add", "competitor", spelling) == (
        0, "already watching competitor term 'Bean Barons'\n", "")
    assert watched(run_cli) == {"brand": [], "competitor": ["Bean Barons"]}


def test_accents_and_case_name_the_same_term_to_add_and_remove(run_cli):
    assert run_cli("watch", "add", "brand", "Café Noir")[0] == 0
    assert run_cli("watch", "add", "brand", "CAFE NOIR") == (
        0, "already watching brand term 'Café Noir'\n", "")
    assert run_cli("watch", "remove", "brand", "cafe-noir") == (
        0, "no longer watching brand term 'Café Noir'\n", "")
    assert watched(run_cli) == {"brand": [], "competitor": []}


def test_the_brand_cannot_be_a_competitor_too(run_cli):
    assert run_cli("watch", "add", "brand", "Bean Barons")[0] == 0
    code, out, err = run_cli("watch", "add", "competitor", "bean barons")
    assert (code, out) == (2, "")
    assert "'Bean Barons' is watched as a brand term" in err
    assert "inbox-app watch remove brand 'Bean Barons'" in err
    assert watched(run_cli) == {"brand": ["Bean Barons"], "competitor": []}


@pytest.mark.parametrize("term", ["-", "#", " _ ", "!!!"])
def test_a_term_without_a_letter_or_digit_is_refused(run_cli, term):
    code, out, err = run_cli("watch", "add", "brand", term)
    assert (code, out) == (2, "")
    assert "needs a letter or a digit" in err
    assert watched(run_cli) == {"brand": [], "competitor": []}


def test_different_terms_are_still_added(run_cli):
    assert run_cli("watch", "add", "competitor", "Grind House")[0] == 0
    assert run_cli("watch", "add", "competitor", "Grind") == (
        0, "watching competitor term 'Grind'\n", "")
    assert run_cli("watch", "add", "brand", "#BeanBarons") == (
        0, "watching brand term '#BeanBarons'\n", "")
    assert watched(run_cli) == {"brand": ["#BeanBarons"],
                                "competitor": ["Grind House", "Grind"]}
