"""A local stand-in for the Telegram Bot API, answering with documented object shapes.

Methods live at `/bot<token>/<method>` as on api.telegram.org, so a request with
another token finds nothing there (404), as Telegram answers an unknown token.
"""

from __future__ import annotations

import json

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
        offset = request.json().get("offset", 0)
        self.updates = [u for u in self.updates if u["update_id"] >= offset]
        return json_reply({"ok": True, "result": self.updates})

    def requests(self, name: str):
        return self.server.requests_to(self.path(name))
