"""@mentions in notes: full names, unique first names, any case; addresses are not."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from inbox_app.core.mentions import mentioned

STAFF = ["Maya Okafor", "Priya Raman", "Priya Rao", "Theo Brandt", "Sam"]


def test_full_names_and_first_names_only_one_person_has():
    assert mentioned("@Theo can you call her back?", STAFF) == ["Theo Brandt"]
    assert mentioned("@maya okafor, and @THEO: refund sent", STAFF) == [
        "Maya Okafor", "Theo Brandt"]
    assert mentioned("@Priya Raman over to you", STAFF) == ["Priya Raman"]
    assert mentioned("@Priya Rao, please", STAFF) == ["Priya Rao"]
    assert mentioned("@Priya who? Two of them", STAFF) == []  # ambiguous: nobody
    assert mentioned("@Sam!", STAFF) == ["Sam"]
    assert mentioned("Thanks\n@theo\n@theo again", STAFF) == ["Theo Brandt"]  # once


def test_addresses_other_words_and_strangers_mention_nobody():
    assert mentioned("Mail maya@harbourlane.example about it", STAFF) == []
    assert mentioned("@Mayan calendar, @Theodore, @Samuel", STAFF) == []
    assert mentioned("@Nobody here", STAFF) == []
    assert mentioned("@@Theo", STAFF) == []
    assert mentioned("no at sign at all", STAFF) == []
    assert mentioned("@Theo", []) == []


@given(st.text(max_size=80))
def test_any_text_mentions_only_staff_each_once(text):
    found = mentioned(text, STAFF)
    assert len(found) == len(set(found)) and set(found) <= set(STAFF)
    assert mentioned(text + " @Maya Okafor", STAFF).count("Maya Okafor") == 1


def test_links_are_not_mentions_and_spans_say_where_each_mention_is():
    from inbox_app.core.mentions import mention_spans

    assert mentioned("see https://mastodon.social/@maya and x.@theo", STAFF) == []
    text = "Thanks @theo — and @Priya Raman,\nplease"
    assert [(text[start:end], who) for start, end, who in mention_spans(text, STAFF)] == [
        ("@theo", "Theo Brandt"), ("@Priya Raman", "Priya Raman")]
    assert mention_spans("@Priya\nRaman", STAFF)[0][2] == "Priya Raman"  # across a line


def test_a_name_typed_without_its_accents_mentions_its_person():
    staff = ["José Álvarez", "Zoë Moss", "Priya Raman"]
    assert mentioned("@jose can you check this? and @Zoe Moss", staff) == [
        "José Álvarez", "Zoë Moss"]
    assert mentioned("@jose alvarez", staff) == ["José Álvarez"]
    # a name written exactly so wins over one that is the same without its accents
    assert mentioned("@rene", ["René Dubois", "Rene Blum"]) == ["Rene Blum"]
    assert mentioned("@rené", ["René Dubois", "Rene Blum"]) == ["René Dubois"]
