"""How fast the social channels turn real API answers into messages (run on demand).

    /work/venv/bin/python -m pytest tests/benchmarks/test_social_mapping.py -p no:cacheprovider \
        -o addopts="" --benchmark-columns=min,median,max
"""

from __future__ import annotations

from inbox_app import secrets
from inbox_app.sources import bluesky
from inbox_app.sources.poller import poll_once
from inbox_app.store import open_store
from tests.sources.lexicon import Lexicons
from tests.sources.recorded import bluesky_json, lexicons_dir
from tests.sources.test_bluesky import HANDLE, PASSWORD, Pds


def test_bluesky_200_notifications_to_messages(benchmark, corpus):
    """Mapping the real 200-item listNotifications (text, facets, embeds, identities)."""
    notifications = bluesky_json("app.bsky.notification.listNotifications.json")["notifications"]
    chosen = [n for n in notifications if n["reason"] in bluesky.REASONS]

    def mapping():
        return [bluesky.to_message(n, "shop", 100) for n in chosen]

    assert len(benchmark(mapping)) == 24


def test_bluesky_poll_of_200_notifications_into_a_store(benchmark, corpus, tmp_path,
                                                         http_server):
    """A whole poll through the local server: 1 list + 19 profiles, 24 messages stored.

    Each round opens a fresh store (migrations included) so every round stores 24 new.
    """
    Pds(http_server, Lexicons(lexicons_dir()))
    rounds = iter(range(1000))

    def poll():
        store = open_store(tmp_path / f"bench-{next(rounds)}.db")
        store.add_account("shop", "bluesky", {"handle": HANDLE,
                                              "service": http_server.base_url})
        secrets.set_secret("shop", PASSWORD)
        (result,) = poll_once(store, at=1_900_000_000)
        store.close()
        return result

    result = benchmark.pedantic(poll, rounds=5, iterations=1)
    assert result.new == 24
