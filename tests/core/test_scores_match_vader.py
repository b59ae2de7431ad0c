"""Our scores are vaderSentiment 3.3.2's `polarity_scores`, all four numbers, to the last bit.

`core/valence.py` restates VADER's rules; these tests hold it to the library on every text
of VADER's own corpus and that corpus's reference table, on the cases VADER's rules exist
for, on generated texts, through `score`/`score_many`/`Scorer` (in line and in a worker
process) and through the store, which scores a message's text as it keeps it.
"""

from __future__ import annotations

import csv
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from vaderSentiment.vaderSentiment import (
    BOOSTER_DICT,
    NEGATE,
    SENTIMENT_LADEN_IDIOMS,
    SPECIAL_CASES,
    SentimentIntensityAnalyzer,
)

from inbox_app.core.models import IncomingMessage
from inbox_app.core.sentiment import PARALLEL_FROM, Scorer, polarity, score, score_many
from inbox_app.core.text import clean_text
from tests.core.vader_corpus import corpus_texts

DATASETS = ("tweets", "amazonReviewSnippets", "movieReviewSnippets", "nytEditorialSnippets")
FIELDS = ("compound", "pos", "neu", "neg")
VADER = SentimentIntensityAnalyzer()


def vader(text: str) -> tuple[float, float, float, float]:
    scores = VADER.polarity_scores(text)
    return tuple(scores[field] for field in FIELDS)


def ours(text: str) -> tuple[float, float, float, float]:
    scores = polarity()(text)
    return tuple(scores[field] for field in FIELDS)



def test_every_corpus_text_scores_as_vader_and_as_its_reference_table(corpus):
    """23,703 texts: ours == vaderSentiment == the corpus README's table, exactly (the
    table holds VADER's rounded figures as printed, which read back as the same floats)."""
    differences = []
    count = 0
    for dataset in DATASETS:
        texts = corpus_texts(corpus, dataset)
        path = corpus / "sentiment" / "reference_scores" / f"{dataset}_vader-3.3.2.tsv"
        with open(path, encoding="utf-8", newline="") as handle:
            table = {row["id"]: row for row in csv.DictReader(handle, delimiter="\t")}
        assert table.keys() == texts.keys()
        for key, text in texts.items():
            count += 1
            expected = tuple(float(table[key][field]) for field in FIELDS)
            if not ours(text) == vader(text) == expected:
                differences.append((dataset, key, text, expected, vader(text), ours(text)))
    assert count == 23_703
    assert differences == []


TRICKY = [
    # negation, "never so", "without doubt", "least", "no"
    "not bad", "Not bad at all", "never so good", "Sentiment analysis has never been good.",
    "Sentiment analysis has never been this good!", "Without a doubt, excellent idea.",
    "Without doubt excellent", "at least it isn't a horrible book.", "the least good",
    "very least good", "least good", "No problem", "no good", "no no no", "not no good",
    "neither good nor bad", "no fun or joy", "uh-uh good", "nope, great",
    # contractions, straight and curly
    "isn't good", "isn’t good", "isnt good", "don’t like it", "DOESN'T work", "n't good",
    "wouldn’t recommend, not happy",
    # "but"
    "The plot was good, but the characters are uncompelling and the dialog is not great.",
    "good but bad", "bad but good but bad", "but", "but but good", "good good but bad bad",
    "BUT good", "great But awful", "fine, good, fine but fine good fine",
    # capitals, punctuation emphasis
    "VADER is VERY SMART, handsome, and FUNNY!!!", "GREAT", "GREAT!!!", "GREAT great",
    "great?", "great??", "great???", "great????", "bad!!!!!!", "bad?!?!", "Today SUX!",
    # emoticons and emoji
    ":)", ":-(", "</3", "<3", ":D", ":-)", ";)", "Make sure you :) or :D today!",
    "Catch utf-8 emoji such as 💘 and 💋 and 😁", "😀", "😀😀", "a😀b", "😀 ", " 😡",
    "I ❤ you", "I ❤️ you", "👍🏽 thanks", "🇺🇸", "👨‍👩‍👧 family", "great but 💩",
    "\u00a0nbsp and ☹\u00a0", "sort of 🙂 ok",
    # idioms and boosters
    "He is the bomb", "the shit", "bad ass", "badass", "yeah right", "kiss of death",
    "to die for", "beating heart", "bus stop", "cut the mustard", "hand to mouth",
    "kind of good", "kind of", "kind", "it was only kind of bad", "KIND OF BAD!!!",
    "sort of good", "kinda sux", "extremely good", "EXTREMELY good", "extremely GOOD",
    "just enough good", "barely ok", "VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!",
    # tokens with punctuation, links, handles, numbers
    "...good...", "!!!good!!!", "'good'", "\"bad\"", "(happy)", "-love-", "http://good.example.com great",
    "https://t.co/abc", "@happy hi", "#love", "#fail", "10/10 great", "5 stars", "0",
    # empty, blank, punctuation only
    "", " ", "\t\n", "!!!", "???", "...", "?!?!", "!?", "-", "a" * 10,
    # other languages and scripts
    "C'est magnifique, j'adore", "Das ist schlecht", "素晴らしい", "良い good 悪い bad",
    "Привет good", "ГОВНО good", "İ love", "ǅ good", "ß", "ÀÉ GOOD", "مرحبا great",
    # whitespace Python splits on that is not a space
    "good\u2028bad", "good\u00a0bad", "good\u3000bad", "good\x85bad", "good\r\nbad",
]


@pytest.mark.parametrize("text", TRICKY)
def test_vaders_own_tricky_cases(text):
    assert polarity()(text) == VADER.polarity_scores(text)
    sentiment = score(text)
    assert (sentiment.compound, sentiment.pos, sentiment.neu, sentiment.neg) == vader(text)
    assert score_many([text]) == [vader(text)]


@pytest.mark.parametrize("text", [
    "good\x00bad", "good\x01 bad", "good\x1cbad", "great\x1fnot bad", "thanks\x7f!",
    "Thanks, all good\x0bTerrible wait though", "love it\x0cawful box", "bad\r\rgood",
    "\ud83d broken emoji, awful", "good " * 25_000,
])
def test_text_the_app_cleans_scores_as_vader_scores_the_cleaned_text(text):
    """The app scores a message as it stores it: after `clean_text` (no NUL or control
    characters, no lone surrogates, cut at MAX_TEXT with a note)."""
    kept = clean_text(text)
    assert ours(kept) == vader(kept)


def test_a_message_cut_to_what_the_app_keeps_scores_as_vader_scores_it():
    text = clean_text("order 4411 left the warehouse on tuesday, tracking attached. " * 2000
                      + "Awful!!! but thanks :)")
    assert len(text) > 100_000
    assert ours(text) == vader(text)


def test_the_store_keeps_vaders_scores_of_the_text_it_keeps(store):
    """Whatever score a message arrives with, the store's four numbers are VADER's on the
    stored text (a text the store had to clean is scored again)."""
    from inbox_app.core.models import Sentiment

    texts = ["Not bad at all :)", "good\x00 bad\x1f!!!", "GREAT service but the box was crushed 😡",
             "isn’t what I ordered", ""]
    items = [IncomingMessage(kind="feed", external_id=str(number), text=text, at=1_767_225_600,
                             sentiment=Sentiment(*score_many([text])[0]))
             for number, text in enumerate(texts)]
    store.save_messages(items)
    rows = store._rows("SELECT external_id, text, compound, pos, neu, neg FROM messages"
                       " ORDER BY CAST(external_id AS INTEGER)")
    assert [row["text"] for row in rows] == [clean_text(text) for text in texts]
    for row in rows:
        assert tuple(row[field] for field in FIELDS) == vader(row["text"]), row["text"]


def test_worker_processes_score_as_this_process_does(corpus):
    """`Scorer` spreads large batches over spawned processes: each has its own VADER, and
    must give the same numbers in the same order."""
    texts = [text for dataset in ("tweets", "amazonReviewSnippets")
             for text in corpus_texts(corpus, dataset).values()]
    texts += TRICKY
    assert len(texts) >= PARALLEL_FROM
    expected = [vader(text) for text in texts]
    with Scorer(workers=1) as scorer:
        in_workers = scorer.score(texts)
        by_chunk = [s for chunk in scorer.score_chunks([texts[i:i + 777]
                                                         for i in range(0, len(texts), 777)])
                    for s in chunk]
    assert [(s.compound, s.pos, s.neu, s.neg) for s in in_workers] == expected
    assert [(s.compound, s.pos, s.neu, s.neg) for s in by_chunk] == expected
    assert score_many(texts) == expected


LEXICON = sorted(VADER.lexicon)
EMOJI = sorted(key for key in VADER.emojis if len(key) == 1)
RULE_WORDS = sorted({*BOOSTER_DICT, *SPECIAL_CASES, *SENTIMENT_LADEN_IDIOMS, *NEGATE, "no", "or",
                     "nor", "least", "at", "very", "so", "this", "without", "doubt", "but",
                     "kind", "of", "never"})
MARKS = [*string.punctuation, "!!!", "???", "?!", ":)", ":-(", "</3", "<3", ":D", "’", "n’t",
         "http://x.example/good", "@bad", "#love", "10/10", "😀😀"]
SEPARATORS = [" ", " ", " ", "", "  ", "\t", "\n", "\u00a0", "\u3000", "\x85", "\u2028"]


@st.composite
def _token(draw) -> str:
    word = draw(st.one_of(st.sampled_from(LEXICON), st.sampled_from(RULE_WORDS),
                          st.sampled_from(EMOJI), st.sampled_from(MARKS), st.text(max_size=4)))
    shape = draw(st.sampled_from(("as is", "as is", "as is", "upper", "capitalized")))
    if shape == "upper":
        word = word.upper()
    elif shape == "capitalized":
        word = word.capitalize()
    before = draw(st.sampled_from(["", "", "", *string.punctuation]))
    after = draw(st.sampled_from(["", "", "", *string.punctuation]))
    return before + word + after


@st.composite
def _texts(draw) -> str:
    tokens = draw(st.lists(_token(), max_size=40))
    return "".join(draw(st.sampled_from(SEPARATORS)) + token for token in tokens) + draw(
        st.sampled_from(SEPARATORS))


@given(_texts())
@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_generated_texts_of_vaders_words_score_as_vader_scores_them(text):
    assert polarity()(text) == VADER.polarity_scores(text)
