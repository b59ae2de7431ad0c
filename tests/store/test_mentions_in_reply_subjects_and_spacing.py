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


def test_an_out_of_office_naming_a_competitor_is_no_mention(store):
    store.set_setting("competitor_terms", ["Grind House"])
    auto = msg("o1", "I am away until Monday. Grind House Roasters, Sales", title="Out of office",
               email="ann@grindhouse.example", at="2026-03-03T09:00:00Z")
    auto.meta = {"auto": "auto-reply"}
    result = store.save_messages([auto])
    (conversation_id,) = result.conversation_ids
    assert store.get_conversation(conversation_id).labels == ()
    assert compute_figures(store, MARCH).mentions == {"brand": 0, "competitor": 0}


def test_a_mention_label_taken_off_is_not_put_back_by_the_next_message(store):
    store.set_setting("brand_terms", ["Bean Barons"])
    result = store.save_messages([msg("b1", "Bean Barons is great", thread="t-1",
                                      email="bo@example.com", at="2026-03-03T09:00:00Z")])
    (conversation_id,) = result.conversation_ids
    store.unlabel(conversation_id, "mention:brand")
    store.save_messages([msg("b2", "Really, Bean Barons!", thread="t-1",
                             email="bo@example.com", at="2026-03-04T09:00:00Z")])
    assert store.get_conversation(conversation_id).labels == ()
    assert compute_figures(store, MARCH).mentions["brand"] == 2  # the messages still count
