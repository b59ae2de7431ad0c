"""Mastodon 4.5 quote posts: a customer quoting the shop's post must reach the inbox.

Shapes as the Mastodon API documents them (docs.joinmastodon.org):
- entities/Notification: `quote` = "Someone has quoted one of your statuses", its `status`
  the quote post; `quoted_update` = "A status you have quoted has been edited", its
  `status` the shop's own quote post; `severed_relationships` carries an `event`,
  `moderation_warning` a `moderation_warning`, and no status.
- entities/Quote: `state` (`accepted` shows `quoted_status`; `pending`, `rejected`,
  `revoked`, `deleted`, `unauthorized`, blocks and mutes do not; "unknown values should
  be treated as `unauthorized`") and `quoted_status`.
- client/quotes: the server prepends `<p class="quote-inline">RE: <a …>…</a></p>` to a
  quote's body for older clients; a client showing the quote removes it.
- methods/notifications: `types[]` are the types to include. Mastodon keeps only the
  types it knows (`types.map(&:to_sym) & TYPES` in Notification.browserable), so asking
  a server older than 4.5 for `quote` is harmless.

The quoted status and the accounts are real recorded Mastodon 4.6 answers.
"""

from __future__ import annotations

import copy

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inbox_app import secrets
from inbox_app.core.sentiment import score
from inbox_app.sources.mastodon_parse import to_message
from inbox_app.sources.poller import poll_once
from inbox_app.store import QueueQuery
from tests.servers import json_reply
from tests.sources.mastodon_standin import MENTIONS, TOKEN, MastodonServer
from tests.sources.recorded import mastodon_json

NOW = 1_900_000_000
QUOTED_WITH = "test_status_post_with_quote.yaml"  # 1: a status quoting the shop's "Toot!"
QUOTE_STATUS = "117020590000000001"
SHOP_POST = "117020582917124092"  # the shop's (@mastodonpy_test) "Toot!"

# Mastodon's Notification::TYPES as of 4.5 (app/models/notification.rb).
KNOWN_TYPES = ("mention", "status", "reblog", "follow", "follow_request", "favourite", "poll",
               "update", "admin.sign_up", "admin.report", "severed_relationships",
               "moderation_warning", "annual_report", "quote", "quoted_update")


@pytest.fixture
def shop(store, http_server, corpus):
    store.add_account("shop", "mastodon", {"server": http_server.base_url})
    secrets.set_secret("shop", TOKEN)
    return store


def _customer_quote(base: str, *, notification_id: str = "30", kind: str = "quote") -> dict:
    """A customer (@admin) quoting the shop's recorded post, as a `quote` notification."""
    notification = mastodon_json(MENTIONS, 1, base)[0]
    customer = notification["account"]
    status = mastodon_json(QUOTED_WITH, 1, base)
    shop_post_url = status["quote"]["quoted_status"]["url"]
    status.update(
        id=QUOTE_STATUS, account=customer, mentions=[], visibility="public",
        url=f"{base}/@admin/{QUOTE_STATUS}", uri=f"{base}/users/admin/statuses/{QUOTE_STATUS}",
        content=(f'<p class="quote-inline">RE: <a href="{shop_post_url}" target="_blank" '
                 'rel="nofollow noopener" translate="no"><span class="invisible">http://</span>'
                 f'<span class="ellipsis">{shop_post_url[7:37]}</span><span class="invisible">'
                 f'{shop_post_url[37:]}</span></a></p><p>this company ruined my order</p>'))
    notification.update(id=notification_id, type=kind, status=status,
                        group_key=f"ungrouped-{notification_id}")
    return notification


def _mastodon_filtering_by_type(http_server, notifications: list[dict]) -> None:
    """Lists notifications as Mastodon does: only the `types[]` asked for that it knows,
    less `exclude_types[]` (Notification.browserable)."""
    def listed(request):
        asked = [t for t in request.query.get("types[]", []) if t in KNOWN_TYPES]
        wanted = set(asked or KNOWN_TYPES) - set(request.query.get("exclude_types[]", []))
        return json_reply([n for n in notifications if n["type"] in wanted])

    http_server.route("GET", "/api/v1/notifications", listed)


def _stored(store) -> dict:
    found = {}
    for row in store.queue(QueueQuery(filter="all")):
        for message in store.messages(row.conversation_id):
            found[message.external_id] = message
    return found


def test_a_customer_quoting_the_shop_s_post_comes_in_with_what_it_quoted(shop, http_server):
    base = http_server.base_url
    _mastodon_filtering_by_type(http_server, [_customer_quote(base)])
    (result,) = poll_once(shop, at=NOW)
    assert (result.new, result.error) == (1, None)
    (request,) = http_server.requests_to("/api/v1/notifications")
    assert "quote" in request.query["types[]"] and "mention" in request.query["types[]"]

    message = _stored(shop)[QUOTE_STATUS]
    assert message.direction == "in" and message.meta["acct"] == "admin"
    # The customer's words first, without the "RE: <link>" fallback; then what they quoted.
    assert message.text == ("this company ruined my order\n"
                            "[quoting @mastodonpy_test@127.0.0.1: Toot!]")
    assert "RE:" not in message.html
    assert "this company ruined my order" in message.html and "Toot!" in message.html
    assert message.meta["quoted_status_id"] == SHOP_POST
    # Sentiment is the customer's, not the quoted post's.
    assert message.sentiment.compound == pytest.approx(
        score("this company ruined my order").compound)
    assert shop.get_account("shop").cursor == {"since_id": "30"}


def test_a_quote_that_also_mentions_the_shop_comes_in_once(shop, http_server):
    base = http_server.base_url
    quote = _customer_quote(base, notification_id="31")
    mention = copy.deepcopy(quote)
    mention.update(id="30", type="mention", group_key="ungrouped-30")
    _mastodon_filtering_by_type(http_server, [quote, mention])
    (result,) = poll_once(shop, at=NOW)
    assert (result.new, result.error) == (1, None)
    assert list(_stored(shop)) == [QUOTE_STATUS]
    assert shop.get_account("shop").cursor == {"since_id": "31"}


@pytest.mark.parametrize("state", ["revoked", "deleted", "rejected", "pending", "unauthorized",
                                   "a_state_from_a_later_version"])
def test_a_quote_whose_quoted_post_is_not_shown_still_comes_in(shop, http_server, state):
    base = http_server.base_url
    quote = _customer_quote(base)
    quote["status"]["quote"] = {"state": state, "quoted_status": None}
    _mastodon_filtering_by_type(http_server, [quote])
    (result,) = poll_once(shop, at=NOW)
    assert (result.new, result.error) == (1, None)
    message = _stored(shop)[QUOTE_STATUS]
    assert message.text.startswith("this company ruined my order\n[quoting a post")
    assert "RE:" not in message.text
    assert "quoted_status_id" not in message.meta


def test_a_shallow_quote_names_the_post_it_quoted(http_server, corpus):
    """Status.quote may be a ShallowQuote (`state`, `quoted_status_id`) instead."""
    status = _customer_quote(http_server.base_url)["status"]
    status["quote"] = {"state": "accepted", "quoted_status_id": SHOP_POST}
    message = to_message(status, {"server": http_server.base_url}, "shop")
    assert message.text.splitlines()[0] == "this company ruined my order"
    assert message.meta["quoted_status_id"] == SHOP_POST


def test_what_is_not_a_customer_s_words_is_left_out_and_read_past(shop, http_server):
    """A server that lists every type (one ignoring `types[]`) still brings in only the
    customer's quote: the shop's own quote post (`quoted_update`), severed follows, a
    moderator's warning, a year in review and a type not invented yet are not queue items."""
    base = http_server.base_url
    template = mastodon_json(MENTIONS, 1, base)[0]
    shop_own_quote = _customer_quote(base, notification_id="35", kind="quoted_update")
    shop_own_quote["status"]["account"] = mastodon_json("test_account.yaml", 0, base)
    others = []
    for number, kind, extra in (
            (32, "severed_relationships", {"event": {
                "id": "1", "type": "domain_block", "purged": False,
                "target_name": "bad.example", "followers_count": 0, "following_count": 1,
                "created_at": "2026-08-01T13:00:00.000Z"}}),
            (33, "moderation_warning", {"moderation_warning": {
                "id": "2", "action": "none", "text": "Please be nice", "status_ids": [],
                "target_account": template["account"], "appeal": None,
                "created_at": "2026-08-01T13:00:00.000Z"}}),
            (34, "annual_report", {"annual_report": {"year": 2025}}),
            (36, "emoji_reaction", {"status": template["status"]})):
        item = {key: value for key, value in template.items() if key != "status"}
        item.update(id=str(number), type=kind, group_key=f"ungrouped-{number}", **extra)
        others.append(item)
    page = [others[3], shop_own_quote, *others[:3], _customer_quote(base)]
    MastodonServer(http_server).serve(page)
    (result,) = poll_once(shop, at=NOW)
    assert (result.new, result.error) == (1, None)
    assert list(_stored(shop)) == [QUOTE_STATUS]
    assert shop.get_account("shop").cursor == {"since_id": "36"}


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=3),
    max_leaves=10)
quotes = st.one_of(json_values, st.fixed_dictionaries(
    {}, optional={"state": st.sampled_from(["accepted", "revoked", "deleted"]) | json_values,
                  "quoted_status_id": json_values,
                  "quoted_status": json_values | st.fixed_dictionaries(
                      {}, optional={"id": json_values, "content": json_values,
                                    "url": json_values, "quote": json_values,
                                    "account": json_values | st.fixed_dictionaries(
                                        {"acct": st.text(max_size=10)})})}))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(quote=quotes, content=json_values | st.text(max_size=60))
def test_a_quote_of_any_shape_never_stops_the_account(quote, content, http_server, corpus):
    status = _customer_quote(http_server.base_url)["status"]
    status.update(quote=quote, content=content)
    message = to_message(status, {"server": http_server.base_url}, "shop")
    assert message is not None and message.text
    assert message.html is None or "<script" not in message.html.lower()
