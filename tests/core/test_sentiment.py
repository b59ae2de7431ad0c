"""Stored sentiment equals the reference VADER 3.3.2 scores on the labelled corpus."""

from __future__ import annotations

import csv
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inbox_app.pipeline import import_jsonl
from tests.core.vader_corpus import corpus_texts

DATASETS = ("tweets", "amazonReviewSnippets", "movieReviewSnippets", "nytEditorialSnippets")



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
            texts = corpus_texts(corpus, dataset)
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


def test_polarity_equals_vaders_own_scores_on_the_corpus(corpus):
    """The emoji shortcut must give VADER's exact dict, text by text, emoji or none."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from inbox_app.core.sentiment import polarity

    reference = SentimentIntensityAnalyzer().polarity_scores
    texts = [text for dataset in DATASETS for text in corpus_texts(corpus, dataset).values()]
    texts += ["I love it 😍", "😡😡", " padded  ", "", "kind of good", "KIND OF BAD!!!",
              "not bad at all :)", "great but 💩", "\u00a0nbsp and ☹\u00a0", "sort of 🙂 ok"]
    with_emoji = [text for text in texts if any(ord(ch) > 0x2000 for ch in text)]
    assert len(texts) > 23000 and with_emoji
    assert [polarity()(text) for text in texts] == [reference(text) for text in texts]


PIECES = [*"abc XYZ!?.,:;'-)(", "good", "bad", "not", "but", "kind", "of", "very", "LOVE",
          "never", "😀", "😢", "\u2764", "\t", "\n"]
# every word VADER's rules look at around a lexicon word: negations, boosters (some in
# capitals), "no", "least", idioms and booster n-grams, "never so", "without doubt"
RULE_WORDS = ["no", "nor", "or", "least", "at", "very", "so", "this", "without", "doubt",
              "isn't", "don't", "aint", "EXTREMELY", "barely", "sort", "kind of", "the shit",
              "bad ass", "kiss of death", "yeah right", "cut the mustard", "the bomb",
              "hand to mouth", "bus stop", "GREAT", "horrible", "fun", "hate", "ok", ":)",
              "İ", "ǅ", "BUT", "But", "'good'", "...bad", "no-one"]
_VADER: dict = {}


@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
       | st.lists(st.sampled_from(RULE_WORDS + PIECES[:30]), max_size=25).map(" ".join)
       | st.text(max_size=60))
@settings(max_examples=600, deadline=None)
def test_polarity_equals_vaders_own_scores_on_any_text(text):
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from inbox_app.core.sentiment import polarity

    if "analyzer" not in _VADER:
        _VADER["analyzer"] = SentimentIntensityAnalyzer()
    assert polarity()(text) == _VADER["analyzer"].polarity_scores(text)


def test_polarity_equals_vaders_own_scores_on_texts_dense_with_its_rules():
    """Lexicon words among boosters, negations, idioms, capitals, emoji and several
    "but"s, 20,000 texts: every rule `core/valence.py` restates gets exercised next to
    every other."""
    import random

    from vaderSentiment.vaderSentiment import (
        BOOSTER_DICT,
        NEGATE,
        SPECIAL_CASES,
        SentimentIntensityAnalyzer,
    )

    from inbox_app.core.sentiment import polarity

    reference = SentimentIntensityAnalyzer()
    lexicon = sorted(reference.lexicon)
    around = sorted(BOOSTER_DICT) + sorted(SPECIAL_CASES) + NEGATE + RULE_WORDS
    emoji = sorted(key for key in reference.emojis if len(key) == 1)
    marks = ["!", "?", "!!", "???", ":)", ",", "...", "x", "but", "good", *emoji[::40]]
    rng = random.Random(20261207)
    texts = []
    for _ in range(20_000):
        words = []
        for _ in range(rng.randint(0, 30)):
            draw = rng.random()
            word = rng.choice(lexicon if draw < 0.4 else around if draw < 0.85 else marks)
            if rng.random() < 0.15:
                word = word.upper()
            if rng.random() < 0.1:
                word += rng.choice("!?.,")
            words.append(word)
        texts.append(rng.choice((" ", "", "  ")).join(words))
    scores = polarity()
    assert [scores(text) for text in texts] == [reference.polarity_scores(t) for t in texts]


def test_a_long_message_scores_as_vader_scores_it():
    """The 100,000 characters the app keeps of a message took VADER 12 s (its checks
    rescan the whole text for each sentiment word and each score after a "but"); the
    same scores come in linear time (bench: tens of milliseconds)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from inbox_app.core.sentiment import polarity

    text = ("The beans were GREAT but the grinder is not good at all 😡, kind of sad. " * 250
            + "No refund?? Never so disappointed 💔 but thanks!")
    assert len(text) > 18_000
    assert polarity()(text) == SentimentIntensityAnalyzer().polarity_scores(text)
