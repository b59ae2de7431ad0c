"""A brand or competitor term of two words, as posts and feeds write it: the words may be
split by a line break or joined by a no-break space (`&nbsp;` in a status's HTML). A watch
on "Harbour Lane" missed "love Harbour\\nLane" and "Harbour\\u00a0Lane", so the mention was
neither labelled nor counted in the share of conversation."""

from __future__ import annotations

import pytest

from inbox_app.core.watch import BRAND, COMPETITOR, mentions


@pytest.mark.parametrize("text", [
    "we love Harbour\nLane coffee",
    "we love Harbour\u00a0Lane coffee",
    "we love harbour  lane coffee",
    "we love Harbour\r\n Lane coffee",
])
def test_a_term_of_two_words_is_found_whatever_space_is_between_them(text):
    assert mentions(text, ["Harbour Lane"], ["Bean Barons"]) == [(BRAND, "Harbour Lane")]


def test_the_words_must_still_be_whole_and_in_order():
    assert mentions("Harbour Laneway, Lane Harbour, HarbourLane", ["Harbour Lane"], []) == []
    assert mentions("the bean\tbarons roastery", [], ["bean barons"]) == [
        (COMPETITOR, "bean barons")]
