"""A local stand-in for the Telegram Bot API, answering with documented object shapes.

Methods live at `/bot<token>/<method>` as on api.telegram.org, so a request with
another token finds nothing there (404), as Telegram answers an unknown token.
"""

from __future__ import annotations

import json

from inbox_app import secrets
from tests.conftest import FIXTURES
from tests.servers import json_reply

TOKEN = "7012345678:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"


def fixture(name: str):
    return json.loads((FIXTURES / "telegram" / name).read_text(encoding="utf-8"))


def method(name: str, token: str = TOKEN) -> str:
    return f"/bot{token}/{name}"


class BotApi:
    """getUpdates as Telegram does it: updates below `offset` are confirmed and gone."""

    def __init__(self, server, token: str = TOKEN):
        self.server = server
        self.token = token
        self.updates = fixture("getUpdates.json")["result"]
        server.route("POST", self.path("getUpdates"), self.get_updates)
        server.route("POST", self.path("getMe"), lambda r: json_reply(fixture("getMe.json")))
        server.route("POST", self.path("sendMessage"),
                     lambda r: json_reply(fixture("sendMessage.json")))

    def path(self, name: str) -> str:
        return method(name, self.token)

    def get_updates(self, request):
        asked = request.json()
        offset = asked.get("offset", 0)
        self.updates = [u for u in self.updates if u["update_id"] >= offset]
        return json_reply({"ok": True, "result": self.updates[:asked.get("limit", 100)]})

    def queue_private_messages(self, count: int, first_id: int = 600_000) -> None:
        """`count` more private messages from as many people, after those already waiting."""
        for number in range(count):
            chat = {"id": 900_000_000 + first_id + number, "first_name": f"Customer {number}",
                    "type": "private"}
            self.updates.append({"update_id": first_id + number, "message": {
                "message_id": 1, "date": 1_775_000_000 + number, "chat": chat,
                "from": {"id": chat["id"], "is_bot": False, "first_name": chat["first_name"]},
                "text": f"Hello, this is message {number}. Where is my order?"}})

    def requests(self, name: str):
        return self.server.requests_to(self.path(name))


def empty_bot(http_server, kind: type[BotApi] = BotApi) -> BotApi:
    """A bot with nothing waiting yet; the test puts its updates in."""
    bot = kind(http_server)
    bot.updates = []
    return bot


def shop_reading(store, http_server, cursor: dict | None = None):
    """The store with the shop's Telegram account "shop" reading the stand-in bot."""
    store.add_account("shop", "telegram", {"api": http_server.base_url})
    secrets.set_secret("shop", TOKEN)
    if cursor is not None:
        store.set_cursor("shop", cursor)
    return store
