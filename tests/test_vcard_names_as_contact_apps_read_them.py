"""A phone's contacts app shows and sorts a card by its N property (family; given; middle;
prefix; suffix), not by FN. The last word was always taken for the family name, so
"Lee, Ann" (as Outlook and Exchange write a sender's name) became given name "Lee,",
family name "Ann"; "Ann Lee, Jr." family name "Jr."; and 山田 太郎, written family name
first as Japanese, Chinese and Korean names are, was filed under 太郎."""

from __future__ import annotations

import pytest

from inbox_app.exports import vcard


def _n_of(name: str) -> str:
    card = vcard({"id": 1, "name": name, "identities": [], "tags": [], "message_count": 1,
                  "first_inbound_at": None, "value": None, "influence": None})
    return next(line for line in card.split("\r\n") if line.startswith("N:"))


@pytest.mark.parametrize("name, n", [
    ("Ann Lee", "N:Lee;Ann;;;"),
    ("Mary Ann van Dyke", "N:Dyke;Mary Ann van;;;"),
    ("Lee, Ann", "N:Lee;Ann;;;"),
    ("Lee, Mary Ann", "N:Lee;Mary Ann;;;"),
    ("Ann Lee, Jr.", "N:Lee;Ann;;;Jr."),
    ("Ann Lee, PhD", "N:Lee;Ann;;;PhD"),
    ("Ann Lee Jr.", "N:Lee;Ann;;;Jr."),
    ("Tom Hardy III", "N:Hardy;Tom;;;III"),
    ("山田 太郎", "N:山田;太郎;;;"),
    ("김 민준", "N:김;민준;;;"),
    ("王小明", "N:;王小明;;;"),
    ("Zoë Müller", "N:Müller;Zoë;;;"),
    ("ann@example.com", "N:;ann@example.com;;;"),
    ("+44 20 7946 0018", "N:;+44 20 7946 0018;;;"),
    ("Acme, Inc.", "N:;Acme\\, Inc.;;;"),
    ("Lee's Bakery, Ltd", "N:;Lee's Bakery\\, Ltd;;;"),
])
def test_the_family_name_is_the_one_a_person_would_file_them_under(name, n):
    assert _n_of(name) == n
