"""Two ways one mention was counted where there was none, or twice. A customer's "Thanks,
got it!" under the subject "Re: Your Bean Barons order #1041" was a brand mention: the
subject is the shop's own words, quoted back (a new mail's subject is the customer's). And
a feed watching "Grind  House" (spaced as typed) whose item also named Grind House stored
two mention rows, one per spelling, and the report counted two competitors."""

from __future__ import annotations

from inbox_app.core.metrics import month_period
from inbox_app.reports import compute_figures
from tests.store.helpers import msg

MARCH = month_period("2026-03")



def test_a_reply_subject_is_not_the_customers_mention(store):
    store.set_setting("brand_terms", ["Bean Barons"])
    result = store.save_messages([
        msg("r1", "Thanks, got it!", title="Re: Your Bean Barons order #1041",
            email="ann@example.com", at="2026-03-03T09:00:00Z"),
        msg("n1", "Where is it?", title="Bean Barons order never came",
            email="bo@example.com", at="2026-03-04T09:00:00Z"),
        msg("f1", "See below", title="Fwd: Bean Barons newsletter",
            email="cy@example.com", at="2026-03-05T09:00:00Z"),
    ])
    labelled = [store.get_conversation(c).labels for c in sorted(result.conversation_ids)]
    assert labelled == [(), ("mention:brand",), ()]
    assert compute_figures(store, MARCH).mentions["brand"] == 1


def test_a_mastodon_title_is_still_read(store):
    store.set_setting("brand_terms", ["Bean Barons"])
    result = store.save_messages([msg("p1", "so good", kind="mastodon", title="Re: Bean Barons",
                                      handle="@ann@m.social", at="2026-03-03T09:00:00Z")])
    (conversation_id,) = result.conversation_ids
    assert store.get_conversation(conversation_id).labels == ("mention:brand",)


def test_one_competitor_however_its_term_was_spaced(store):
    store.set_setting("competitor_terms", ["Grind House"])
    store.save_messages([msg("g1", "Grind House is cheaper", kind="feed",
                             labels=("mention:competitor:grind  house",),
                             at="2026-03-03T09:00:00Z")])
    assert compute_figures(store, MARCH).mentions == {"brand": 0, "competitor": 1}
