"""A rule's words match whole words in any language and however the text was typed.

Customers write from phones and mail programs that spell the same word differently
underneath (decomposed accents, curly apostrophes, full-width letters), and in scripts
that do not put spaces between words; the owner types the rule's words once.
"""

from __future__ import annotations

import unicodedata

import pytest

from inbox_app.core.rules import Arrival, Rule, matches


def matched(words: tuple[str, ...], text: str) -> bool:
    return matches(Rule("r", words=words, labels=("l",)), Arrival("email", "", text, None))


@pytest.mark.parametrize(("word", "text"), [
    ("退款", "我要退款，谢谢"),                         # Chinese: no spaces between words
    ("返金", "返金をお願いします"),                     # Japanese
    ("환불", "환불을 원합니다"),                         # Korean: the particle is attached
    ("คืนเงิน", "ขอคืนเงินครับ"),                        # Thai
    ("refund", "我要refund"),                         # an English word among Chinese ones
    ("café", unicodedata.normalize("NFD", "Le café était froid")),  # a Mac's accents
    ("straße", "FALSCHE STRASSE"),                    # German capitals
    ("haven't received", "I haven’t received my order"),  # an iPhone's apostrophe
    ("refund", "ＲＥＦＵＮＤ please"),                    # full-width letters
    ("😡", "so angry😡"),                             # a word that is not letters
])
def test_the_words_a_customer_means_are_found(word, text):
    assert matched((word,), text)


@pytest.mark.parametrize(("word", "text"), [
    ("cafe", unicodedata.normalize("NFD", "Le café était froid")),  # café is not cafe
    ("पैस", "मुझे पैसे वापस चाहिए"),                      # Hindi: a vowel sign ends the word
    ("सा", "पैसा वापस"),                              # …and one starts none
    ("refund", "refunds"),
])
def test_part_of_a_word_is_not_the_word(word, text):
    assert not matched((word,), text)


def test_a_longer_phrase_that_fails_does_not_hide_a_shorter_one():
    assert matched(("refund x", "refund"), "refund xylophone")
