"""A caller found by their number as people in the shop's country write it: with the
trunk prefix (`020 7946 0958` in Britain, `030 …` in Germany), with `(0)` after the
country code, or with an international prefix (`0044 …`), all of which the store keeps
as +44 2079460958 and the like."""

from __future__ import annotations

from dataclasses import replace

import pytest

from inbox_app.core.identity import identity_refs
from inbox_app.store import QueueQuery

from .helpers import msg


def caller_found(store, region: str, number: str, typed: str) -> list[str]:
    """The customers a search finds in a store holding one call from `number` (read, as
    a logged call is, in the shop's `region`) and one from an American number."""
    store.set_setting("phone_region", region)
    call = msg("p1", "Asked about wholesale beans", kind="phone", author="Harriet Jones")
    store.save_messages([
        replace(call, identities=identity_refs("phone", phone=number, region=region)),
        msg("p2", "Wrong number", kind="phone", phone="+1 207 555 0199", author="Someone Else"),
    ])
    return sorted(row.customer_name
                  for row in store.queue(QueueQuery(filter="all", search=typed)))


@pytest.mark.parametrize(("region", "number", "typed"), [
    ("GB", "020 7946 0958", "020 7946 0958"),  # as it was logged
    ("GB", "020 7946 0958", "02079460958"),
    ("GB", "020 7946 0958", "+44 (0)20 7946 0958"),
    ("GB", "020 7946 0958", "0044 20 7946 0958"),
    ("GB", "020 7946 0958", "020 7946"),  # the first digits, as typed so far
    ("GB", "020 7946 0958", "+44 20 7946 0958"),  # what already worked
    ("DE", "0170 1234567", "0170 1234567"),
    ("DE", "0170 1234567", "0170-123"),
    ("HU", "06 1 234 5678", "06 1 234 5678"),
    ("US", "(207) 555-9336", "1 207 555 9336"),
])
def test_a_number_written_the_way_the_country_writes_it_finds_the_caller(
        store, region, number, typed):
    assert caller_found(store, region, number, typed) == ["Harriet Jones"]


@pytest.mark.parametrize("typed", ["000000", "0000 0000", "020 7946 0959"])
def test_zeros_alone_or_another_number_find_no_one(store, typed):
    assert caller_found(store, "GB", "020 7946 0958", typed) == []
