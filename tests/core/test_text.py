"""Text as the store keeps it and as the window lays it out."""

from __future__ import annotations

from inbox_app.core.text import LONG_RUN, MAX_TEXT, clean_text, preview, shortened, wrappable


def test_a_long_message_is_cut_with_a_mark_and_a_long_name_with_an_ellipsis():
    assert clean_text("x" * (MAX_TEXT + 5)).endswith("[… cut: the message was longer than the "
                                                     "app keeps]")
    name = clean_text("N" * 600, 500)
    assert len(name) == 500 and name.endswith("N…")
    assert clean_text("Ann\x00 Lee", 500) == "Ann Lee"


def test_shortened_and_preview():
    assert shortened("Harbour Lane", 40) == "Harbour Lane"
    assert shortened("Harbour Lane Coffee", 9) == "Harbour…"
    assert preview("\n  \nFirst line here\nsecond", 8) == "First l…"
    note = "Thanks Tara! I'd love to set up a tasting. Would Tuesday or Wednesday morning work?"
    assert shortened(note, 80) == ("Thanks Tara! I'd love to set up a tasting. Would Tuesday or"
                                   " Wednesday morning w…")
    assert shortened(note, 80, at_word=True) == ("Thanks Tara! I'd love to set up a tasting."
                                                 " Would Tuesday or Wednesday morning…")
    assert shortened("Harbour Lane Coffee", 13, at_word=True) == "Harbour Lane…"  # a whole word
    assert shortened("Wolfeschlegelsteinhausen", 12, at_word=True) == "Wolfeschleg…"
    assert shortened("Ab Wolfeschlegelsteinhausen", 12, at_word=True) == "Ab Wolfesch…"


def test_long_runs_get_places_to_wrap_and_addresses_stay_whole():
    blob = "QUJD" * 100
    wrapped = wrappable(f"see {blob} now")
    assert wrapped.replace("\u200b", "") == f"see {blob} now"
    assert max(len(run) for run in wrapped.replace(" ", "\u200b").split("\u200b")) == LONG_RUN
    address = "https://example.com/" + "a" * 200
    assert wrappable(address) == address
    assert "\u200b" in wrappable("https://example.com/" + "a" * 3000)  # absurdly long
    assert wrappable("Wolfeschlegelsteinhausen", 12) == "Wolfeschlege\u200blsteinhausen"
    assert wrappable("short words stay as they are", 12) == "short words stay as they are"


def test_control_characters_that_break_lines_or_words_keep_the_words_apart():
    """Word pastes a manual line break as \\v; dropped, "good\\vTerrible" became one word
    and the message scored as if nothing were terrible."""
    from inbox_app.core.sentiment import score

    assert clean_text("all good\x0bTerrible wait\x0cthough\x1fok\x1cyes") == (
        "all good\nTerrible wait\nthough\nok\nyes")
    assert clean_text("no\x00NUL\x07bell\x1bescape") == "noNULbellescape"
    assert score(clean_text("Thanks, all good\x0bTerrible wait though")).neg > 0
