"""Brand and competitor terms as posts, reviews and mail really write them.

A watch on "Bean Barons" missed "#BeanBarons", "@beanbarons" and "Bean-Barons" (so the
posts that tag the shop were neither labelled nor counted in the share of conversation),
missed "cafe noir" for "Café Noir" (and "Café Noir" itself when a feed sent the accent as
a combining mark), "STRASSE" for "Straße" and "KAHVE DÜNYASI" for "Kahve Dünyası"; it
counted a link to the shop's site and the shop's own post quoted by a customer; and with
both "Grind" and "Grind House" watched, one "Grind House" counted as two competitors.
"""

from __future__ import annotations

import pytest

from inbox_app.core.watch import BRAND, COMPETITOR, mentions

BRANDS = ["Bean Barons"]
RIVALS = ["Grind House"]


def brand_found(text: str, term: str = "Bean Barons") -> bool:
    return mentions(text, [term], []) == [(BRAND, term)]


@pytest.mark.parametrize("text", [
    "Best flat white in town #BeanBarons ☕",
    "#beanbarons #coffee",
    "thanks @beanbarons!",
    "cc @bean_barons@mastodon.social",
    "Bean-Barons never disappoints",
    "Bean_Barons",
    "Bean Barons' new roast",
    "Bean Baron's latte was lovely",
    "Bean Baron’s latte was lovely",
    "☕Bean Barons☕",
    "BEAN BARONS🔥",
    "Bean Bar\u00adons",  # a soft hyphen a site's HTML put in
])
def test_hashtags_handles_hyphens_and_possessives_name_the_shop(text):
    assert brand_found(text)


def test_a_one_word_term_ending_in_s_takes_the_possessive_too():
    assert mentions("Baron's new blend, Barons' old one", ["Barons"], []) == [(BRAND, "Barons")]
    assert mentions("Baron's new blend", ["Barons"], []) == [(BRAND, "Barons")]
    assert mentions("a baron, the baroness", ["Barons"], []) == []


@pytest.mark.parametrize("text", [
    "BeanBaronsfan",
    "#BeanBaronsFan",
    "Bean Baronsville",
    "Bean Baron coffee",  # a lone singular is someone else's baron
    "the bean counters and barons",
])
def test_the_name_must_still_stand_on_its_own(text):
    assert not brand_found(text)


@pytest.mark.parametrize(("term", "text"), [
    ("Café Noir", "cafe noir was packed"),
    ("Café Noir", "CAFÉ NOIR WAS PACKED"),
    ("Café Noir", "Cafe\u0301 Noir was packed"),  # é as e + a combining accent
    ("Cafe Noir", "Café Noir was packed"),
    ("Straße Kaffee", "STRASSE KAFFEE hat zu"),
    ("Kahve Dünyası", "KAHVE DÜNYASI açıldı"),
    ("İstanbul Roasters", "istanbul roasters"),
    ("Bean Barons", "ｂｅａｎ ｂａｒｏｎｓ"),  # full-width letters
])
def test_accents_and_case_of_any_language_do_not_hide_a_mention(term, text):
    assert brand_found(text, term)


@pytest.mark.parametrize("text", [
    "order online at https://beanbarons.example/menu",
    "review: https://reviews.example/bean-barons-review",
    "https://example.com/?q=Bean+Barons",
    "www.bean-barons.example",
    "write to orders@beanbarons.example",
    "ask orders@beanbarons or call",  # an @ inside a word is an address, not a handle
    "issue tracker: bugs#beanbarons",
])
def test_a_link_or_an_address_is_not_a_mention(text):
    assert mentions(text, BRANDS, RIVALS) == []


def test_words_beside_a_link_still_count():
    assert mentions("Bean Barons did it again https://beanbarons.example/x", BRANDS, []) == [
        (BRAND, "Bean Barons")]


def test_the_shop_s_own_post_quoted_by_a_customer_is_not_their_mention():
    quoted = ("meh, the old one was better\n"
              "[quoting @beanbarons@mastodon.social: New Bean Barons roast, beats Grind House]")
    assert mentions(quoted, BRANDS, RIVALS) == []
    own = "#BeanBarons won me over\n[quoting @grindhouse@mastodon.social: Grind House opens]"
    assert mentions(own, BRANDS, RIVALS) == [(BRAND, "Bean Barons")]


def test_a_longer_term_takes_the_words_it_covers():
    assert mentions("Grind House opened a second shop", [], ["Grind", "Grind House"]) == [
        (COMPETITOR, "Grind House")]
    assert mentions("Grind House beats the daily grind", [], ["Grind", "Grind House"]) == [
        (COMPETITOR, "Grind"), (COMPETITOR, "Grind House")]
    assert mentions("Grind Housekeeping services", [], ["Grind House"]) == []
    assert mentions("mind the houses", [], ["House"]) == []  # no plural is made


def test_the_same_words_watched_as_brand_and_competitor_count_as_both():
    assert mentions("Barons at the market", ["Barons"], ["Barons"]) == [
        (BRAND, "Barons"), (COMPETITOR, "Barons")]


def test_a_mastodon_quote_post_counts_only_the_customer_s_words():
    """The line the Mastodon channel writes for the quoted post, as it writes it."""
    from inbox_app.sources.mastodon_parse import to_message

    shop = {"id": "1", "acct": "beanbarons", "url": "https://mastodon.social/@beanbarons"}
    status = {
        "id": "9", "created_at": "2026-03-02T10:00:00.000Z", "url": "https://m.social/@ann/9",
        "content": "<p>meh, the old one was better</p>",
        "account": {"id": "5", "acct": "ann@m.social", "url": "https://m.social/@ann"},
        "quote": {"state": "accepted", "quoted_status": {
            "id": "7", "account": shop, "url": "https://mastodon.social/@beanbarons/7",
            "content": "<p>New Bean Barons roast, beats Grind House</p>"}},
    }
    message = to_message(status, {"server": "https://mastodon.social"}, "shop")
    assert "Bean Barons roast" in message.text  # the thread still shows what was quoted
    assert mentions(message.text, BRANDS, RIVALS) == []
