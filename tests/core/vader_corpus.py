"""VADER's labelled texts from the shared corpus (../shared/corpus/sentiment), by dataset."""

from __future__ import annotations

from pathlib import Path


def corpus_texts(corpus: Path, dataset: str) -> dict[str, str]:
    """The dataset's texts by their id, as its *_GroundTruth.txt lists them."""
    texts = {}
    with open(corpus / "sentiment" / f"{dataset}_GroundTruth.txt", encoding="utf-8",
              errors="replace", newline="") as handle:
        for raw in handle:
            parts = raw.rstrip("\r\n").split("\t", 2)
            if len(parts) == 3:
                texts[parts[0]] = parts[2]
    return texts
