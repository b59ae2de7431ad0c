"""Bulk ingest: parse, score in worker processes, store in batches.

Scoring (VADER) and parsing are the slow steps, so while the store writes one
batch, worker processes parse and score the next ones (one worker per core).
Each batch is one transaction; importing the same file again changes nothing.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from itertools import islice
from pathlib import Path

from inbox_app.core.importing import LineError, parse_and_score
from inbox_app.core.models import IncomingMessage, IngestResult
from inbox_app.core.sentiment import Scorer, score_batch
from inbox_app.store import Store, stored_keys

BATCH = 2000
OPTIMIZE_AFTER = 5000


@dataclass
class ImportSummary:
    imported: int = 0
    duplicates: int = 0
    errors: list[LineError] = field(default_factory=list)
    conversation_ids: set[int] = field(default_factory=set)

    def line(self) -> str:
        return f"imported {self.imported}, duplicates {self.duplicates}, errors {len(self.errors)}"


def _batches(items: Iterable[IncomingMessage], size: int) -> Iterator[list[IncomingMessage]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def ingest(
    store: Store,
    items: Iterable[IncomingMessage],
    *,
    batch: int = BATCH,
    workers: int | None = None,
    staff: str | None = None,
    on_batch: Callable[[IngestResult], None] | None = None,
) -> IngestResult:
    """Stores any number of items, one transaction per batch.

    The first batch is scored in this process; from the second on, worker
    processes score ahead while this one writes.
    """
    total = IngestResult()
    batches = _batches(items, batch)
    first = next(batches, None)
    if first is None:
        return total

    def store_batch(part: list[IncomingMessage], scores) -> None:
        fresh = [item for item in part if item.sentiment is None]
        for item, sentiment in zip(fresh, scores, strict=True):
            item.sentiment = sentiment
        result = store.save_messages(part, staff=staff)
        total.add(result)
        if on_batch:
            on_batch(result)

    def new_only(part: list[IncomingMessage]) -> list[IncomingMessage]:
        known = store.existing_keys(part)
        kept = [i for i in part if (i.kind, i.account, i.external_id) not in known]
        total.duplicates += len(part) - len(kept)
        return kept

    first = new_only(first)
    store_batch(first, score_batch([i.text for i in first if i.sentiment is None]))
    pending: deque[list[IncomingMessage]] = deque()

    def texts() -> Iterator[list[str]]:
        for part in batches:
            part = new_only(part)
            pending.append(part)
            yield [item.text for item in part if item.sentiment is None]

    with Scorer(workers) as scorer:
        for scores in scorer.score_chunks(texts()):
            store_batch(pending.popleft(), scores)
    if total.imported >= OPTIMIZE_AFTER:
        store.optimize()
    return total


def import_lines(
    store: Store,
    lines: Iterable[bytes | str],
    *,
    on_error: Callable[[LineError], None] | None = None,
    workers: int | None = None,
    staff: str | None = None,
    on_batch: Callable[[IngestResult], None] | None = None,
) -> ImportSummary:
    """Imports JSON Lines; the first batch in this process, the rest parsed and scored
    ahead in worker processes."""
    summary = ImportSummary()
    region = store.phone_region()
    chunks = _line_chunks(lines, BATCH)

    def store_parsed(parsed: list) -> None:
        items = []
        for entry in parsed:
            if isinstance(entry, LineError):
                summary.errors.append(entry)
                if on_error:
                    on_error(entry)
            else:
                items.append(entry)
        result = store.save_messages(items, staff=staff)
        summary.imported += result.imported
        summary.duplicates += result.duplicates
        summary.conversation_ids |= result.conversation_ids
        if on_batch:
            on_batch(result)

    # Lines already imported are not scored again: asked of this store here, and of the
    # same file from the worker processes (PostgreSQL: only here).
    here = store.existing_keys
    in_workers = (partial(stored_keys, store.location)
                  if store.engine == "sqlite" and store.location != ":memory:" else None)
    first = next(chunks, None)
    if first is not None:
        store_parsed(parse_and_score(first[1], first[0], region, here))
        with Scorer(workers) as scorer:
            ahead = in_workers if scorer.workers > 0 else here
            for parsed in scorer.map_ordered(
                parse_and_score, ((chunk, number, region, ahead) for number, chunk in chunks),
            ):
                store_parsed(parsed)
    if summary.imported >= OPTIMIZE_AFTER:
        store.optimize()
    return summary


def _line_chunks(lines: Iterable[bytes | str], size: int) -> Iterator[tuple[int, list]]:
    """(number of the first line, lines) in chunks of `size` lines."""
    iterator = iter(lines)
    number = 1
    while chunk := list(islice(iterator, size)):
        yield number, chunk
        number += len(chunk)


def import_jsonl(store: Store, path: str | Path, **kwargs) -> ImportSummary:
    """Imports a JSON Lines file; raises OSError when it cannot be read at all."""
    with open(path, "rb") as handle:
        return import_lines(store, handle, **kwargs)
