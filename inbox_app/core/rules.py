"""Rules: what happens by itself when a customer writes.

"Mail from a VIP goes to Maya", "anything about a refund gets the label refund",
"negative reviews go to Priya". A rule has conditions, all of which must hold, and
actions. It looks at each customer message as it is stored — not at our own replies,
automatic out-of-office answers, or messages imported a second time — and:

- assigns the conversation, when nobody has it yet (a person's choice is never
  overridden; of several rules that assign, the first in the list wins — skipping anyone
  a person took this conversation from);
- labels the conversation (every matching rule's labels, but not one a person took off
  it).

Words match whole words or phrases, in any case, in the subject or the text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from typing import Any

from inbox_app.core.kinds import KIND_LABELS, KINDS
from inbox_app.core.models import NEGATIVE_AT

NAME_LIMIT = 80
MOST_WORDS = 50
WORD_LIMIT = 100


class RuleError(ValueError):
    """A rule that cannot work as written; the message is one sentence."""


@dataclass(frozen=True)
class Rule:
    name: str
    kinds: tuple[str, ...] = ()      # any channel when empty
    accounts: tuple[str, ...] = ()   # any account when empty
    words: tuple[str, ...] = ()      # any of these words or phrases; anything when empty
    tags: tuple[str, ...] = ()       # the customer has any of these tags
    negative: bool = False           # only messages VADER scores negative
    min_value: float | None = None   # the customer has spent at least this much
    assign: str | None = None
    labels: tuple[str, ...] = ()
    enabled: bool = True

    def describe(self) -> str:
        """The rule in one sentence, as the window and `rule list` show it."""
        conditions = []
        if self.kinds:
            conditions.append(" or ".join(KIND_LABELS.get(kind, kind) for kind in self.kinds))
        if self.accounts:
            conditions.append("on " + " or ".join(self.accounts))
        if self.tags:
            conditions.append("from a customer tagged " + " or ".join(self.tags))
        if self.min_value is not None:
            conditions.append(f"from a customer who has spent at least {_money(self.min_value)}")
        if self.negative:
            conditions.append("that sounds negative")
        if self.words:
            conditions.append("mentioning " + " or ".join(f'"{word}"' for word in self.words))
        actions = []
        if self.assign:
            actions.append(f"assign to {self.assign}")
        if self.labels:
            actions.append("label " + ", ".join(self.labels))
        when = " ".join(conditions) if conditions else "any"
        return f"When a customer writes ({when}): {'; '.join(actions)}."


@dataclass(frozen=True)
class Arrival:
    """What a rule can see of a customer's message as it is stored."""

    kind: str
    account: str
    text: str                        # subject and text
    compound: float | None
    customer_tags: frozenset[str] = field(default_factory=frozenset)
    customer_value: float | None = None

    @cached_property
    def folded(self) -> str:
        """The text as rules compare it, worked out once for all the rules."""
        return fold(self.text)


def checked(rule: Rule) -> Rule:
    """The rule tidied (spaces, repeats, case of channels), or RuleError saying why not."""
    name = " ".join(rule.name.split())
    if not name:
        raise RuleError("A rule needs a name.")
    if len(name) > NAME_LIMIT:
        raise RuleError(f"A rule's name is at most {NAME_LIMIT} characters.")
    kinds = _tidy(kind.lower() for kind in rule.kinds)
    unknown = [kind for kind in kinds if kind not in KINDS]
    if unknown:
        raise RuleError(f"{unknown[0]!r} is not a channel (try one of {', '.join(KINDS)}).")
    words = _tidy(rule.words)
    if len(words) > MOST_WORDS:
        raise RuleError(f"A rule looks for at most {MOST_WORDS} words or phrases.")
    if any(len(word) > WORD_LIMIT for word in words):
        raise RuleError(f"A word or phrase to look for is at most {WORD_LIMIT} characters.")
    if rule.min_value is not None and not 0 <= rule.min_value < 1e12:
        raise RuleError("What a customer has spent is an amount from 0 up.")
    assign = " ".join((rule.assign or "").split()) or None
    labels = _tidy(rule.labels)
    if not assign and not labels:
        raise RuleError(f"The rule {name} does nothing: give it someone to assign to or a "
                        "label.")
    return replace(rule, name=name, kinds=kinds, accounts=_tidy(rule.accounts), words=words,
                   tags=_tidy(rule.tags), assign=assign, labels=labels)


def _tidy(values) -> tuple[str, ...]:
    """Stripped, without empty ones or repeats (ignoring case), in the order given."""
    seen: dict[str, str] = {}
    for value in values:
        value = " ".join(str(value).split())
        if value and value.casefold() not in seen:
            seen[value.casefold()] = value
    return tuple(seen.values())


def matches(rule: Rule, arrival: Arrival) -> bool:
    if not rule.enabled:
        return False
    if rule.kinds and arrival.kind not in rule.kinds:
        return False
    if rule.accounts and arrival.account.casefold() not in {a.casefold() for a in rule.accounts}:
        return False
    if rule.tags and not {tag.casefold() for tag in arrival.customer_tags} & {
            tag.casefold() for tag in rule.tags}:
        return False
    if rule.negative and (arrival.compound is None or arrival.compound > NEGATIVE_AT):
        return False
    if rule.min_value is not None and (arrival.customer_value is None
                                       or arrival.customer_value < rule.min_value):
        return False
    return not rule.words or bool(_words_pattern(rule.words).search(arrival.folded))


# Scripts written without spaces between words (Chinese, Japanese, Thai, Lao, Khmer,
# Myanmar) and Korean, whose words carry their particles: a word there is found anywhere.
_UNSPACED = ("\u0e00-\u0eff\u1000-\u109f\u1100-\u11ff\u1780-\u17ff\u2e80-\u2fdf"
             "\u3040-\u30ff\u3100-\u318f\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
             "\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\uff66-\uffdc"
             "\U00020000-\U0003134f")
_UNSPACED_CHAR = re.compile(f"[{_UNSPACED}]")
# Curly and modifier apostrophes (phones, mail programs) read as the one on a keyboard.
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
# Turkish "İ" casefolds to "i" and a combining dot above, yet is the capital of "i".
_DOTTED_I = "i\u0307"


def fold(text: str) -> str:
    """The text as rules compare it: however its accents, width, case and apostrophes
    were typed (an accent apart from its letter, "ＲＥＦＵＮＤ", "haven’t", "İADE"), one
    spelling."""
    if text.isascii():
        return text.lower()
    return unicodedata.normalize("NFKC", text).casefold().translate(_APOSTROPHES).replace(
        _DOTTED_I, "i")


@lru_cache(maxsize=1)
def _word_char_classes() -> tuple[str, str]:
    """Two regex classes that together are the characters that continue a word in a
    spaced script: letters, digits and "_" outside the unspaced scripts, and the
    combining marks (Hindi vowel signs, Arabic vowels…) that re's word class leaves out."""
    marks = "".join(re.escape(chr(code)) for code in range(0x300, 0x10000)
                    if unicodedata.category(chr(code)).startswith("M")
                    and not _UNSPACED_CHAR.match(chr(code)))
    return f"[^\\W{_UNSPACED}]", f"[{marks}]"


def _continues_words(char: str) -> bool:
    return (char.isalnum() or char == "_" or unicodedata.category(char).startswith("M")
            ) and not _UNSPACED_CHAR.match(char)


@lru_cache(maxsize=256)
def _words_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """Any of the words or phrases, whole, in any case (on `fold`ed text); spaces in a
    phrase match any run of spaces or line breaks. "Whole" only where the word itself
    starts or ends with a letter of a spaced script: "#refund" and "😡" need no space
    before them, and in Chinese a word is found inside a sentence."""
    letter, mark = _word_char_classes()
    alternatives = []
    for word in words:
        folded = fold(word)
        body = r"\s+".join(re.escape(part) for part in folded.split())
        before = f"(?<!{letter})(?<!{mark})" if _continues_words(folded[0]) else ""
        after = f"(?!{letter}|{mark})" if _continues_words(folded[-1]) else ""
        alternatives.append(f"{before}{body}{after}")
    return re.compile("|".join(alternatives))


@dataclass(frozen=True)
class Outcome:
    """What the rules do to one conversation: who it goes to (and by which rule) and the
    labels it gets (each with its rule). `assign_choices`: everyone a matching rule would
    give it to, first rule first — the next one gets it when a person took it from the
    first."""

    assign: tuple[str, str] | None  # (staff, rule name)
    labels: tuple[tuple[str, str], ...]  # (label, rule name)
    assign_choices: tuple[tuple[str, str], ...] = ()


def outcome(rules: list[Rule], arrivals: list[Arrival]) -> Outcome:
    """What the rules do to a conversation that received these messages, in order. A
    label two rules give in two cases ("refund", "Refund") is one label, the first rule's:
    labels ignore case."""
    choices: dict[str, tuple[str, str]] = {}
    labels: dict[str, tuple[str, str]] = {}
    for arrival in arrivals:
        for rule in rules:
            if not matches(rule, arrival):
                continue
            if rule.assign:
                choices.setdefault(rule.assign.casefold(), (rule.assign, rule.name))
            for label in rule.labels:
                labels.setdefault(label.casefold(), (label, rule.name))
    ordered = tuple(choices.values())
    return Outcome(ordered[0] if ordered else None, tuple(labels.values()), ordered)


def rule_json(rule: Rule) -> dict[str, Any]:
    return {"name": rule.name, "kinds": list(rule.kinds), "accounts": list(rule.accounts),
            "words": list(rule.words), "tags": list(rule.tags), "negative": rule.negative,
            "min_value": rule.min_value, "assign": rule.assign, "labels": list(rule.labels), "enabled": rule.enabled}


def rule_from_json(data: dict[str, Any]) -> Rule:
    return Rule(
        name=str(data.get("name", "")),
        kinds=tuple(data.get("kinds") or ()),
        accounts=tuple(data.get("accounts") or ()),
        words=tuple(data.get("words") or ()),
        tags=tuple(data.get("tags") or ()),
        negative=bool(data.get("negative")),
        min_value=None if data.get("min_value") is None else float(data["min_value"]),
        assign=data.get("assign") or None,
        labels=tuple(data.get("labels") or ()),
        enabled=bool(data.get("enabled", True)),
    )


def _money(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"


def split_list(text: str) -> tuple[str, ...]:
    """"refund, broken grinder; late" → ("refund", "broken grinder", "late")."""
    return _tidy(re.split(r"[,;\n]", text))
