"""A rule's words match in any case in Turkish too: "İADE" (capital dotted I, which
casefolds to "i" and a combining dot) is "iade", as a Turkish customer writing in
capitals means it — and a rule typed "İade" finds "iade"."""

from __future__ import annotations

from inbox_app.core.rules import Rule

from .helpers import msg


def test_words_with_a_capital_dotted_i_match_in_any_case(store):
    store.save_rule(Rule("Refunds (tr)", words=("iade",), labels=("refund",)))
    store.save_rule(Rule("Istanbul shop", words=("İstanbul şubesi",), labels=("istanbul",)))
    result = store.save_messages([
        msg("t1", "İADE İSTİYORUM", email="ayse@example.com.tr"),
        msg("t2", "istanbul şubesi ne zaman açık?", email="mehmet@example.com.tr"),
        msg("t3", "İadeli paket", email="can@example.com.tr"),  # another word
    ])
    labels = {store._row("SELECT external_id FROM messages WHERE conversation_id = ?",
                         (conversation_id,))["external_id"]:
              store.get_conversation(conversation_id).labels
              for conversation_id in result.conversation_ids}
    assert labels == {"t1": ("refund",), "t2": ("istanbul",), "t3": ()}
