"""VADER 3.3.2's `polarity_scores`, rule for rule, in fewer steps.

`polarity_scores` lowercases the whole word list again for every check it makes on
a lexicon word (three negation checks and an idiom check each), finds each score's
place again for "but" with `list.index`, and calls a method for every word even
where a dictionary lookup already says the word carries no sentiment: its cost grows
with the square of a message's length (12 s for the 100,000 characters the app
keeps of a message). Here the words are lowercased once, only lexicon words go
through the rules, and "but" finds places through an index of its own. Each rule is
VADER's own, with its arithmetic in the same order, so the scores are the same to
the last bit: the tests compare them with `polarity_scores` on VADER's whole corpus
and on generated texts built from the words its rules look for and its emoji.
"""

from __future__ import annotations

import heapq
import string
from collections.abc import Callable

from vaderSentiment.vaderSentiment import (
    BOOSTER_DICT,
    C_INCR,
    N_SCALAR,
    NEGATE,
    SPECIAL_CASES,
    SentimentIntensityAnalyzer,
)

PUNCTUATION = string.punctuation
NEGATIONS = frozenset(NEGATE)


def valence_scorer(vader: SentimentIntensityAnalyzer) -> Callable[[str], dict[str, float]]:
    """`vader.polarity_scores`."""
    lexicon = vader.lexicon
    emoji = {key: value for key, value in vader.emojis.items() if len(key) == 1}
    score_valence = vader.score_valence

    def scores(text: str) -> dict[str, float]:
        if not emoji.keys().isdisjoint(text):
            text = _spelled_out(text, emoji)
        text = text.strip()
        words = []
        for token in text.split():
            stripped = token.strip(PUNCTUATION)
            words.append(token if len(stripped) <= 2 else stripped)
        lowered = [word.lower() for word in words]
        count = len(words)
        capitals = sum(1 for word in words if word.isupper())
        cap_differs = 0 < count - capitals < count
        sentiments: list[float] = []
        append = sentiments.append
        for i, word in enumerate(lowered):
            # boosters and "kind of" carry no sentiment of their own; nor does a word
            # outside the lexicon
            if word in BOOSTER_DICT or word not in lexicon or (
                    i < count - 1 and word == "kind" and lowered[i + 1] == "of"):
                append(0)
            else:
                append(_lexicon_word(lexicon, words, lowered, i, cap_differs))
        if "but" in lowered:
            _but(sentiments, lowered.index("but"))
        return score_valence(sentiments, text)

    return scores


def _spelled_out(text: str, emoji: dict[str, str]) -> str:
    """The emoji loop at the start of `polarity_scores`: each emoji character becomes its
    description, set apart from the word before it."""
    out: list[str] = []
    after_space = True
    for character in text:
        description = emoji.get(character)
        if description is None:
            out.append(character)
            after_space = character == " "
        else:
            if not after_space:
                out.append(" ")
            out.append(description)
            after_space = False
    return "".join(out)


def _but(sentiments: list[float], but_at: int) -> None:
    """`_but_check`: halves what comes before "but" and adds half to what follows.

    VADER walks the scores and changes, for each, the first place holding an equal
    score (`list.index`), which is not always its own place once earlier scores have
    changed; here a heap per score value keeps those first places, so the result is
    VADER's, place for place, without searching the list for each score.
    """
    places: dict[float, list[int]] = {}
    for place, value in enumerate(sentiments):
        places.setdefault(value, []).append(place)  # already in order: a valid heap
    for position in range(len(sentiments)):
        value = sentiments[position]
        heap = places[value]
        while sentiments[heap[0]] != value:  # places whose score has changed since
            heapq.heappop(heap)
        first = heap[0]
        if first < but_at:
            changed = value * 0.5
        elif first > but_at:
            changed = value * 1.5
        else:
            continue
        sentiments[first] = changed
        heapq.heappush(places.setdefault(changed, []), first)


def _lexicon_word(lexicon: dict[str, float], words: list[str], lowered: list[str], i: int,
                  cap_differs: bool) -> float:
    """`SentimentIntensityAnalyzer.sentiment_valence` for a word in the lexicon."""
    word = lowered[i]
    valence = lexicon[word]
    last = len(words) - 1
    if word == "no" and i != last and lowered[i + 1] in lexicon:
        valence = 0.0
    if (i > 0 and lowered[i - 1] == "no") or (i > 1 and lowered[i - 2] == "no") or (
            i > 2 and lowered[i - 3] == "no" and lowered[i - 1] in ("or", "nor")):
        valence = lexicon[word] * N_SCALAR
    if words[i].isupper() and cap_differs:
        if valence > 0:
            valence += C_INCR
        else:
            valence -= C_INCR
    for start in range(3):
        if i > start and lowered[i - (start + 1)] not in lexicon:
            scalar = _scalar(words[i - (start + 1)], lowered[i - (start + 1)], valence, cap_differs)
            if start == 1 and scalar != 0:
                scalar = scalar * 0.95
            if start == 2 and scalar != 0:
                scalar = scalar * 0.9
            valence = valence + scalar
            valence = _negation(valence, lowered, start, i)
            if start == 2:
                valence = _special_idioms(valence, lowered, i)
    return _least(valence, lexicon, lowered, i)


def _scalar(word: str, lower: str, valence: float, cap_differs: bool) -> float:
    """`scalar_inc_dec`."""
    scalar = 0.0
    if lower in BOOSTER_DICT:
        scalar = BOOSTER_DICT[lower]
        if valence < 0:
            scalar *= -1
        if word.isupper() and cap_differs:
            if valence > 0:
                scalar += C_INCR
            else:
                scalar -= C_INCR
    return scalar


def _negated(lower: str) -> bool:
    return lower in NEGATIONS or "n't" in lower


def _negation(valence: float, lowered: list[str], start: int, i: int) -> float:
    """`_negation_check`."""
    if start == 0:
        if _negated(lowered[i - 1]):
            valence = valence * N_SCALAR
    elif start == 1:
        if lowered[i - 2] == "never" and lowered[i - 1] in ("so", "this"):
            valence = valence * 1.25
        elif lowered[i - 2] == "without" and lowered[i - 1] == "doubt":
            pass
        elif _negated(lowered[i - 2]):
            valence = valence * N_SCALAR
    else:
        if (lowered[i - 3] == "never" and lowered[i - 2] in ("so", "this")) or (
                lowered[i - 1] in ("so", "this")):
            valence = valence * 1.25
        elif lowered[i - 3] == "without" and (lowered[i - 2] == "doubt" or lowered[i - 1] == "doubt"):
            pass
        elif _negated(lowered[i - 3]):
            valence = valence * N_SCALAR
    return valence


def _special_idioms(valence: float, lowered: list[str], i: int) -> float:
    """`_special_idioms_check`."""
    three, two, one, zero = lowered[i - 3], lowered[i - 2], lowered[i - 1], lowered[i]
    three_two_one = f"{three} {two} {one}"
    three_two = f"{three} {two}"
    two_one = f"{two} {one}"
    for sequence in (f"{one} {zero}", f"{two} {one} {zero}", two_one, three_two_one, three_two):
        if sequence in SPECIAL_CASES:
            valence = SPECIAL_CASES[sequence]
            break
    last = len(lowered) - 1
    if last > i:
        zero_one = f"{zero} {lowered[i + 1]}"
        if zero_one in SPECIAL_CASES:
            valence = SPECIAL_CASES[zero_one]
    if last > i + 1:
        zero_one_two = f"{zero} {lowered[i + 1]} {lowered[i + 2]}"
        if zero_one_two in SPECIAL_CASES:
            valence = SPECIAL_CASES[zero_one_two]
    for n_gram in (three_two_one, three_two, two_one):
        if n_gram in BOOSTER_DICT:
            valence = valence + BOOSTER_DICT[n_gram]
    return valence


def _least(valence: float, lexicon: dict[str, float], lowered: list[str], i: int) -> float:
    """`_least_check`."""
    if i > 1 and lowered[i - 1] not in lexicon and lowered[i - 1] == "least":
        if lowered[i - 2] != "at" and lowered[i - 2] != "very":
            valence = valence * N_SCALAR
    elif i > 0 and lowered[i - 1] not in lexicon and lowered[i - 1] == "least":
        valence = valence * N_SCALAR
    return valence
