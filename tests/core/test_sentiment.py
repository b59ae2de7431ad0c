"""Stored sentiment equals the reference VADER 3.3.2 scores on the labelled corpus."""

from __future__ import annotations

import csv
import json

import pytest

from inbox_app.pipeline import import_jsonl

DATASETS = ("tweets", "amazonReviewSnippets", "movieReviewSnippets", "nytEditorialSnippets")


def _texts(corpus, dataset):
    texts = {}
    with open(corpus / "sentiment" / f"{dataset}_GroundTruth.txt", encoding="utf-8",
              errors="replace", newline="") as handle:
        for raw in handle:
            parts = raw.rstrip("\r\n").split("\t", 2)
            if len(parts) == 3:
                texts[parts[0]] = parts[2]
    return texts


def _reference(corpus, dataset):
    path = corpus / "sentiment" / "reference_scores" / f"{dataset}_vader-3.3.2.tsv"
    with open(path, encoding="utf-8", newline="") as handle:
        return {row["id"]: row for row in csv.DictReader(handle, delimiter="\t")}


@pytest.mark.slow
def test_stored_scores_match_the_reference_analyzer(corpus, store, tmp_path):
    source = tmp_path / "labelled.jsonl"
    expected = {}
    with open(source, "w", encoding="utf-8") as out:
        for dataset in DATASETS:
            texts = _texts(corpus, dataset)
            for key, row in _reference(corpus, dataset).items():
                message_id = f"{dataset}:{key}"
                expected[message_id] = row
                out.write(json.dumps({"kind": "feed", "id": message_id, "text": texts[key],
                                      "at": "2026-01-01T00:00:00Z"}) + "\n")
    summary = import_jsonl(store, source)
    assert summary.errors == [] and summary.imported == len(expected) > 23000
    mismatches = []
    for row in store._rows("SELECT external_id, compound, pos, neu, neg FROM messages"):
        reference = expected[row["external_id"]]
        for field in ("compound", "pos", "neu", "neg"):
            if abs(row[field] - float(reference[field])) > 1e-4:
                mismatches.append((row["external_id"], field, row[field], reference[field]))
    assert mismatches == []
