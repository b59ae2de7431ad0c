"""Bulk import plumbing: chunks worked out in either process, in order, unchanged on the way."""

from __future__ import annotations

import json
import os
import pickle
import threading
import time
from pathlib import Path

import pytest

from inbox_app import pipeline
from inbox_app.core.importing import LineError, parse_lines
from inbox_app.core.models import IdentityRef, IncomingMessage, Sentiment
from inbox_app.core.sentiment import Scorer
from inbox_app.pipeline import CHUNK, ParsedChunk, import_jsonl
from inbox_app.store import open_store
from tests.benchmarks.synthetic import write_import_file


def test_a_parsed_chunk_arrives_from_a_worker_unchanged():
    entries = [
        IncomingMessage(kind="mastodon", external_id="1", text="Great beans", at=1_700_000_000,
                        thread="t", author_name="Ann",
                        identities=(IdentityRef("mastodon", "ann@social.example", "@ann", 420),
                                    IdentityRef("email", "ann@x.org", "ann@x.org")),
                        meta={"followers": 420, "extra": [1, "two"]},
                        sentiment=Sentiment(0.6249, 0.492, 0.508, 0.0)),
        LineError(2, "not valid JSON"),
        IncomingMessage(kind="email", external_id="3", text="", at=0, direction="out",
                        staff="Maya", delivery="sent", refs=("1",), labels=("vip",)),
    ]
    back = pickle.loads(pickle.dumps(ParsedChunk(entries)))
    assert back.entries == entries
    assert isinstance(back.entries[0].identities[0], IdentityRef)
    assert isinstance(back.entries[0].sentiment, Sentiment)


def _after_helper(marker: str, value: int) -> int:
    """Worker side: finishes only once this process has taken a call itself."""
    deadline = time.monotonic() + 60
    while not os.path.exists(marker) and time.monotonic() < deadline:
        time.sleep(0.01)
    return value * 10


def test_this_process_takes_calls_while_the_worker_is_behind_and_order_is_kept(tmp_path):
    marker = str(tmp_path / "helped")
    helped = []

    def here(marker, value):
        helped.append(value)
        Path(marker).touch()
        return value * 10

    with Scorer(1) as scorer:
        results = list(scorer.map_ordered(
            _after_helper, ((marker, value) for value in range(12)), here=here, ahead=2))
    assert results == [value * 10 for value in range(12)]
    assert helped and 0 not in helped


def test_one_chunk_starts_no_worker_processes(tmp_path, monkeypatch):
    def no_processes(self):
        raise AssertionError("a worker process was started")

    monkeypatch.setattr(Scorer, "_executor", no_processes)
    source = tmp_path / "small.jsonl"
    write_import_file(source, CHUNK, seed=2)
    store = open_store(tmp_path / "inbox.db")
    assert import_jsonl(store, source, workers=1).imported == CHUNK


def test_workers_or_not_the_same_rows_and_the_same_errors_in_line_order(tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "BATCH", 700)
    source = tmp_path / "m.jsonl"
    write_import_file(source, 2 * CHUNK + 500, customers=300, seed=8)
    lines = source.read_text().splitlines()
    for number in (5, CHUNK + 1, 2 * CHUNK + 100):
        lines.insert(number, json.dumps({"kind": "email", "id": f"bad-{number}"}))
    source.write_text("\n".join(lines) + "\n")
    expected = [error.line for error in parse_lines(source.read_bytes().splitlines())
                if isinstance(error, LineError)]

    def imported(workers):
        store = open_store(tmp_path / f"w{workers}.db")
        reported = []
        summary = import_jsonl(store, source, workers=workers, on_error=reported.append)
        tables = [
            [{k: v for k, v in row.items() if k != "created_at"}
             for row in store._rows(f"SELECT * FROM {table} ORDER BY id")]
            for table in ("messages", "conversations", "customers", "identities")
        ]
        store.close()
        return summary, reported, tables

    alone, helped = imported(0), imported(1)
    assert [error.line for error in alone[1]] == expected == [e.line for e in helped[1]]
    assert alone[0].line() == helped[0].line() == (
        f"imported {2 * CHUNK + 500}, duplicates 0, errors 3")
    assert alone[2] == helped[2]


def test_an_import_pauses_the_collector_and_leaves_it_as_it_found_it(store, tmp_path):
    import gc

    source = tmp_path / "in.jsonl"
    source.write_text('{"kind": "phone", "id": "c1", "text": "Hello", "at": "2026-01-01T10:00:00Z"}\n')
    seen = []
    real_save = store.save_messages

    def save(items, **kwargs):
        seen.append(gc.isenabled())
        return real_save(items, **kwargs)

    store.save_messages = save
    assert gc.isenabled()
    import_jsonl(store, source)
    assert seen == [False] and gc.isenabled()
    gc.disable()
    try:
        import_jsonl(store, source)
        assert not gc.isenabled()  # a caller that had it off keeps it off
    finally:
        gc.enable()


def test_collector_pauses_nest_and_end_with_the_last_even_on_error():
    import gc

    from inbox_app.pipeline import collector_paused

    assert gc.isenabled()
    with collector_paused():
        with pytest.raises(ValueError), collector_paused():
            raise ValueError("a failed batch")
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_bulk_imports_checkpoints_run_beside_the_writer_and_its_own_come_back(tmp_path):
    """The writer's own checkpoints are off while a thread of its own copies the log into
    the file: the file grows during the import although the writer never checkpoints."""
    path = tmp_path / "bulk.db"
    store = open_store(path)
    source = tmp_path / "in.jsonl"
    write_import_file(source, 3 * CHUNK)
    before = path.stat().st_size
    sizes, settings = [], []
    real_save = store.save_messages

    def save(items, **kwargs):
        result = real_save(items, **kwargs)
        settings.append(store.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0])
        deadline = time.monotonic() + 15
        while path.stat().st_size <= before and time.monotonic() < deadline:
            time.sleep(0.01)
        sizes.append(path.stat().st_size)
        return result

    store.save_messages = save
    summary = import_jsonl(store, source, workers=0)
    assert summary.imported == 3 * CHUNK
    assert settings and set(settings) == {0}
    assert sizes[0] > before  # pages reached the file while the import still ran
    assert store.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 1000
    assert not [thread for thread in threading.enumerate()
                if thread.name == "inbox-checkpoint"]
    store.close()


def test_a_single_chunk_is_no_bulk_write(store, tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text('{"kind": "phone", "id": "c1", "text": "Hello", "at": "2026-01-01T10:00:00Z"}\n')
    asides = []
    store.checkpoints_aside = lambda: asides.append(1)
    import_jsonl(store, source)
    assert asides == []
