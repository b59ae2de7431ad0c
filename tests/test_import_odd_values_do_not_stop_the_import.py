"""Values another tool writes into a JSON Lines export that Python's JSON reader accepts but
the store cannot hold: a follower count of `Infinity` (or `1e400`, or more than SQLite's
integers), a lone UTF-16 surrogate escaped in a field the app keeps as it is. Each used to
stop the whole import with a traceback; now the line is cleaned or named, and the rest
of the file imports."""

from __future__ import annotations

import json

import pytest

from inbox_app.core.importing import RecordError, parse_line


def _line(**fields) -> str:
    record = {"kind": "mastodon", "id": "m1", "text": "Love the new beans",
              "at": "2026-03-01T10:00:00Z", "handle": "@ann@mastodon.social"}
    record.update(fields)
    return json.dumps(record)


@pytest.mark.parametrize("written", ["Infinity", "-Infinity", "1e400", "NaN",
                                     "100000000000000000000000000000"])
def test_a_follower_count_no_account_can_have_is_a_bad_line(written):
    raw = _line().removesuffix("}") + f', "followers": {written}}}'

    with pytest.raises(RecordError, match="'followers' must be a number"):
        parse_line(raw, 1)


def test_a_real_follower_count_as_text_or_fraction_still_reads():
    assert parse_line(_line(followers="1200"), 1).meta["followers"] == 1200
    assert parse_line(_line(followers=2_500_000_000), 1).meta["followers"] == 2_500_000_000


def test_lone_surrogates_in_kept_fields_become_replacement_characters():
    raw = _line().removesuffix("}") + (
        ', "crm": {"note": "caf\\udce9", "tags": ["\\ud83d"]}, "bad\\udfffkey": 1}')

    item = parse_line(raw, 1)

    assert item.meta == {"crm": {"note": "caf\ufffd", "tags": ["\ufffd"]}, "bad\ufffdkey": 1}
    json.dumps(item.meta, ensure_ascii=False).encode("utf-8")  # storable


def test_the_rest_of_the_file_imports_and_the_bad_line_is_named(run_cli, tmp_path):
    source = tmp_path / "export.jsonl"
    source.write_text("\n".join([
        _line(id="a"),
        _line(id="b").removesuffix("}") + ', "followers": Infinity}',
        _line(id="c").removesuffix("}") + ', "followers": 100000000000000000000000000000}',
        _line(id="d").removesuffix("}") + ', "crm_note": "caf\\udce9"}',
        _line(id="e"),
    ]) + "\n", encoding="utf-8")

    code, out, err = run_cli("import", str(source))

    assert (code, out) == (1, "imported 3, duplicates 0, errors 2\n")
    assert "Traceback" not in err
    assert f"{source}: line 2: 'followers' must be a number" in err
    assert f"{source}: line 3: 'followers' must be a number" in err
