"""Display names with a server's custom emoji, as Mastodon sends them: the name holds
`:shortcode:` and the account's `emojis` list says which shortcodes are pictures.

The customer was named ":blobcoffee: Anna Berg" and a template's "Hi {first_name},"
greeted them as "Hi :blobcoffee:,".
"""

from __future__ import annotations

import pytest

from inbox_app import secrets
from inbox_app.sources.mastodon_parse import to_message
from inbox_app.sources.poller import poll_once
from inbox_app.store import QueueQuery
from tests.servers import json_reply
from tests.sources.mastodon_standin import MENTIONS, TOKEN
from tests.sources.recorded import mastodon_json

NOW = 1_900_000_000
CONFIG = {"server": "https://harbour.example"}


def _emoji(shortcode: str) -> dict:
    return {"shortcode": shortcode, "url": f"https://files.example/{shortcode}.png",
            "static_url": f"https://files.example/{shortcode}.png", "visible_in_picker": True}


def _status(display_name: str, emojis: list[dict], username: str = "anna") -> dict:
    status = mastodon_json(MENTIONS, 1)[0]["status"]
    status["account"].update(display_name=display_name, username=username,
                             acct=f"{username}@cafe.example", emojis=emojis)
    return status


@pytest.mark.parametrize(("display_name", "shortcodes", "named"), [
    (":blobcoffee: Anna Berg", ["blobcoffee"], "Anna Berg"),
    ("Anna :verified: Berg :blobcoffee:", ["verified", "blobcoffee"], "Anna Berg"),
    ("Anna Berg:blobcoffee:", ["blobcoffee"], "Anna Berg"),
    (":blobcoffee::blobcoffee:", ["blobcoffee"], "anna"),  # only pictures: the username
    ("Re:Tail :shop: Co", [], "Re:Tail :shop: Co"),  # not the server's emoji: kept as typed
])
def test_a_name_is_read_without_its_emoji_shortcodes(display_name, shortcodes, named):
    message = to_message(_status(display_name, [_emoji(code) for code in shortcodes]),
                         CONFIG, "shop")
    assert message.author_name == named


def test_the_customer_is_greeted_by_their_first_name(store, http_server, corpus):
    store.add_account("shop", "mastodon", {"server": http_server.base_url})
    secrets.set_secret("shop", TOKEN)
    mention = mastodon_json(MENTIONS, 1, http_server.base_url)[0]
    mention["status"] = _status(":blobcoffee: Anna Berg", [_emoji("blobcoffee")])
    http_server.route("GET", "/api/v1/notifications", lambda r: json_reply([mention]))
    poll_once(store, at=NOW)
    (row,) = store.queue(QueueQuery(filter="all"))
    customer = store.get_customer(store.get_conversation(row.conversation_id).customer_id)
    assert customer.name == "Anna Berg"
