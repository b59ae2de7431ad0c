"""Telegram numbers a bot's updates one after another, except after a week without any:
the next update's id is then "chosen randomly instead of sequentially" (Bot API,
getUpdates), so it may well be lower than the offset the app stored.

A small shop's bot can easily go a week without a message. The first messages after
that must be read, confirmed and followed by the rest, never read again and again while
the ones after the first page wait — and a read after a long time away cannot take a
lower id as proof that nothing was dropped.
"""

from __future__ import annotations

import pytest

from inbox_app.core.timeutil import now
from inbox_app.sources import telegram
from inbox_app.sources.http import make_session
from inbox_app.sources.poller import poll_once
from tests.servers import json_reply
from tests.sources.telegram_standin import TOKEN, BotApi, empty_bot, shop_reading

STORED_OFFSET = 727_334_708  # where the bot's numbering was before the quiet week
RESTARTED_AT = 117_314_199  # the id Telegram picked for the first update after it
DAY = 86400


class BotAfterAQuietWeek(BotApi):
    """Telegram as it answers once the numbering restarted lower: an offset beyond the last
    update it issued confirms nothing (the updates still wait), a lower one confirms as
    usual."""

    def get_updates(self, request):
        asked = request.json()
        offset = asked.get("offset")
        issued = max((u["update_id"] for u in self.updates), default=0)
        if isinstance(offset, int) and offset <= issued + 1:
            self.updates = [u for u in self.updates if u["update_id"] >= offset]
        return json_reply({"ok": True, "result": self.updates[:asked.get("limit", 100)]})


@pytest.fixture
def api(http_server):
    return empty_bot(http_server, BotAfterAQuietWeek)


@pytest.fixture
def shop(store, api, http_server):
    return shop_reading(store, http_server, {"offset": STORED_OFFSET})


def test_the_messages_after_a_quiet_week_are_all_read_and_confirmed(shop, api):
    api.queue_private_messages(150, first_id=RESTARTED_AT)
    (result,) = poll_once(shop)
    assert (result.new, result.error) == (150, None)
    assert shop.get_account("shop").cursor == {"offset": RESTARTED_AT + 150}

    api.queue_private_messages(1, first_id=RESTARTED_AT + 150)
    (later,) = poll_once(shop, at=now() + 300)
    assert (later.new, later.duplicates) == (1, 0)  # the earlier ones are confirmed and gone
    assert api.requests("getUpdates")[-1].json()["offset"] == RESTARTED_AT + 150


def test_a_lower_id_after_a_week_away_is_no_proof_that_nothing_was_lost(shop, api):
    moment = now() - 8 * DAY
    shop.record_poll_success("shop", cursor=None, at=moment, next_poll_at=moment + 60)
    api.queue_private_messages(2, first_id=RESTARTED_AT)
    session = make_session()
    try:
        fetched = telegram.fetch(shop.get_account("shop"), TOKEN, session)
    finally:
        session.close()
    assert len(fetched.items) == 2
    assert fetched.warning and fetched.warning.startswith(
        "Telegram keeps a bot's messages for only 24 hours")
