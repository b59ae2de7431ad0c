"""A local stand-in for the shop's Mastodon server, replaying Mastodon.py's recorded answers.

It signs the shop in (`verify_credentials`), lists one real recorded mention
(notification 21: @admin "hello!") — or the notifications a test gives it,
paged as Mastodon pages them — and accepts a reply status, each only with the
shop's access token, as Mastodon does; any other token gets the recorded "The
access token is invalid" answer.
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
        self.page_size: int | None = None  # None: everything on one page, no Link header
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

    def serve(self, notifications: list[dict], page_size: int | None = None) -> None:
        """Lists these notifications (newest first) from now on, `page_size` a page."""
        self.notifications = notifications
        self.page_size = page_size

    def _notifications(self, request: Request) -> Reply:
        if self.notifications is None:
            return mastodon_reply(MENTIONS, 1, self.server.base_url)
        if self.page_size is None:
            return json_reply(self.notifications)
        rows = self.notifications
        for bound, keep in (("max_id", lambda n, v: int(n["id"]) < v),
                            ("since_id", lambda n, v: int(n["id"]) > v)):
            if bound in request.query:
                value = int(request.query[bound][0])
                rows = [n for n in rows if keep(n, value)]
        limit = min(int(request.query.get("limit", [self.page_size])[0]), self.page_size)
        page = rows[:limit]
        headers = {}
        if page:  # as Mastodon links it: the next page keeps the types, not since_id
            headers["Link"] = (f"<{self.server.base_url}/api/v1/notifications?max_id="
                               f"{page[-1]['id']}&types%5B%5D=mention&types%5B%5D=quote>;"
                               " rel=\"next\"")
        return json_reply(page, headers=headers)

    def requests(self, path: str) -> list[Request]:
        return self.server.requests_to(path)
