"""A place to wrap inside a long run never falls inside a character drawn from several
code points. A customer's name in the pane's labels wraps every 12 characters
(core.text.wrappable): "Ann👩🏽‍🍳👩🏽‍🍳👩🏽‍🍳👩🏽‍🍳" showed a bare brown square beside a woman, and
"🇩🇪🇩🇪🇩🇪🇩🇪🇩🇪" a lone letter D and E instead of the fifth flag."""

from __future__ import annotations

import unicodedata

import pytest

from inbox_app.core.text import wrappable

WRAP = "\u200b"
COOK = "\U0001f469\U0001f3fd\u200d\U0001f373"  # woman cook, medium skin tone: 4 code points
FLAG = "\U0001f1e9\U0001f1ea"  # Germany: two regional indicators
SCOTLAND = "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"


def _is_joined(before: str, after: str) -> bool:
    return (before == "\u200d" or after == "\u200d" or "\ufe00" <= after <= "\ufe0f"
            or "\U0001f3fb" <= after <= "\U0001f3ff" or "\U000e0020" <= after <= "\U000e007f"
            or unicodedata.category(after)[0] == "M")


@pytest.mark.parametrize("name", [
    "Ann" + COOK * 4,
    "Jo" + COOK * 5,
    "Ren" + "e\u0301" * 10,
    "Ann" + SCOTLAND * 3,
])
def test_a_place_to_wrap_never_splits_a_joined_character(name):
    wrapped = wrappable(name, 12)
    assert WRAP in wrapped and wrapped.replace(WRAP, "") == name
    for place in (i for i, char in enumerate(wrapped) if char == WRAP):
        assert not _is_joined(wrapped[place - 1], wrapped[place + 1]), (place, wrapped)


@pytest.mark.parametrize("before", ["Ann", "Jo", "Ulf "])
def test_flags_wrap_between_flags_not_inside_one(before):
    wrapped = wrappable(before + FLAG * 7, 12)
    assert WRAP in wrapped
    for piece in wrapped.split(" ")[-1].split(WRAP):
        indicators = sum("\U0001f1e6" <= char <= "\U0001f1ff" for char in piece)
        assert indicators % 2 == 0, wrapped


def test_plain_long_runs_still_wrap_every_so_many_characters():
    blob = "QUJD" * 30
    assert wrappable(blob, 12) == WRAP.join(blob[i:i + 12] for i in range(0, len(blob), 12))
