"""`watch add competitor "BEAN   barons"` (spaces doubled in a script, a line break pasted)
beside a watched "Bean Barons" was taken as a second term: `watch list` showed both, and
its mentions were labelled `mention:competitor:bean   barons`, apart from the
`mention:competitor:bean barons` ones, as two competitors. A term is kept with single
spaces, is the same term in any case and spacing, and the answers name it as it is kept."""

from __future__ import annotations

import json


def test_the_same_term_in_other_spacing_and_case_is_already_watched(run_cli):
    assert run_cli("watch", "add", "competitor", "  Bean   Barons ") == (
        0, "watching competitor term 'Bean Barons'\n", "")
    assert run_cli("watch", "add", "competitor", "BEAN\n barons") == (
        0, "already watching competitor term 'Bean Barons'\n", "")
    code, out, _ = run_cli("watch", "list", "--json")
    assert code == 0 and json.loads(out) == {"brand": [], "competitor": ["Bean Barons"]}


def test_removing_names_the_term_as_it_was_kept(run_cli):
    assert run_cli("watch", "add", "brand", "Harbour Lane")[0] == 0
    assert run_cli("watch", "remove", "brand", "HARBOUR  lane") == (
        0, "no longer watching brand term 'Harbour Lane'\n", "")
    code, out, _ = run_cli("watch", "list", "--json")
    assert code == 0 and json.loads(out) == {"brand": [], "competitor": []}


def test_mentions_of_one_competitor_share_one_label(run_cli, tmp_path):
    assert run_cli("watch", "add", "competitor", "Bean  Barons")[0] == 0
    lines = tmp_path / "mentions.jsonl"
    lines.write_text(json.dumps({"kind": "feed", "id": "m1", "at": "2026-03-01T10:00:00Z",
                                 "text": "Bean Barons opened next door"}) + "\n",
                     encoding="utf-8")
    assert run_cli("import", str(lines))[0] == 0
    code, out, _ = run_cli("show", "1", "--json")
    assert code == 0 and json.loads(out)["labels"] == ["mention:competitor:bean barons"]
