"""@mentions of colleagues whose names case-fold to other letters (ß, İ): the name as the
staff list spells it — which is what the @ completer puts in — must ask them in."""

from __future__ import annotations

from inbox_app.core.mentions import mention_spans, mentioned

STAFF = ["Jürgen Strauß", "Jürgen Maier", "İlkay Şahin", "Maya Okafor"]


def test_a_name_written_as_the_staff_list_spells_it_is_a_mention():
    text = "@Jürgen Strauß can you check the courier?"
    assert [(text[start:end], who) for start, end, who in mention_spans(text, STAFF)] == [
        ("@Jürgen Strauß", "Jürgen Strauß")]
    assert mentioned("@İlkay Şahin over to you", STAFF) == ["İlkay Şahin"]
    assert mentioned("@İlkay, please", STAFF) == ["İlkay Şahin"]


def test_other_cases_of_those_names_still_mention_them():
    assert mentioned("@JÜRGEN STRAUSS and @jürgen strauß", STAFF) == ["Jürgen Strauß"]
    assert mentioned("@jürgen maier", STAFF) == ["Jürgen Maier"]
    assert mentioned("@Jürgen alone is two people", STAFF) == []
