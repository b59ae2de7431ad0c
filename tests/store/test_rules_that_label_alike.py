"""Two rules that give one message the same label, spelt in two cases ("refund" and
"Refund"), label its conversation once: one label in the list, one line in its history."""

from __future__ import annotations

from inbox_app.core.rules import Rule

from .helpers import msg


def test_one_label_and_one_history_line_for_two_rules_in_two_cases(store):
    store.save_rule(Rule("Refund words", words=("refund",), labels=("refund",)))
    store.save_rule(Rule("Unhappy refunds", words=("refund",), labels=("Refund",)))
    result = store.save_messages([msg("x1", "refund please", email="zoe@example.com")])
    conversation_id = next(iter(result.conversation_ids))
    assert store.get_conversation(conversation_id).labels == ("refund",)
    labelled = [event["data"] for event in store.history(conversation_id)
                if event["action"] == "labelled"]
    assert labelled == [{"label": "refund", "rule": "Refund words"}]
