"""A local stand-in for the shop's Mastodon server, replaying Mastodon.py's recorded answers.

It signs the shop in (`verify_credentials`), lists one real recorded mention
(notification 21: @admin "hello!") and accepts a reply status — each only with
the shop's access token, as Mastodon does; any other token gets the recorded
"The access token is invalid" answer.
"""

from __future__ import annotations

from tests.servers import Reply, Request, json_reply
from tests.sources.recorded import mastodon_reply

TOKEN = "token-from-the-shop-s-settings"
MENTIONS = "test_notifications_mentions_only.yaml"  # notification 21: @admin "hello!"
MENTION_STATUS = "117020577157693549"


class MastodonServer:
    def __init__(self, server, token: str = TOKEN):
        self.server = server
        self.token = token
        self.notifications: list[dict] | None = None  # None: the recorded mention
        base = server.base_url
        self._route("GET", "/api/v1/accounts/verify_credentials",
                    lambda r: mastodon_reply("test_account.yaml", 0, base))
        self._route("GET", "/api/v1/notifications", self._notifications)
        self._route("POST", "/api/v1/statuses",
                    lambda r: mastodon_reply("test_status_reply.yaml", 2, base))

    def _route(self, method: str, path: str, handler) -> None:
        def handle(request: Request) -> Reply:
            if request.header("Authorization") != f"Bearer {self.token}":
                return mastodon_reply("test_home_tl_anonymous_throws.yaml", 0,
                                      self.server.base_url)
            return handler(request)

        self.server.route(method, path, handle)

    def _notifications(self, request: Request) -> Reply:
        if self.notifications is None:
            return mastodon_reply(MENTIONS, 1, self.server.base_url)
        return json_reply(self.notifications)

    def requests(self, path: str) -> list[Request]:
        return self.server.requests_to(path)
