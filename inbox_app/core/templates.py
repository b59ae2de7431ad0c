"""Canned replies: placeholders such as `{first_name}` filled for one conversation.

A template's text may name `{first_name}`, `{name}`, `{business}`, `{staff}` and
`{staff_name}`; `{{` and `}}` write a literal brace. Filling never fails on a value
that is missing (the placeholder's fallback is used, e.g. "there" for an unknown
first name, so "Hi {first_name}," still reads well), but a misspelt placeholder is
caught when the template is saved, in one sentence.

The email signature (Settings) is written the same way and added under every email
reply by `signed()`; there a line whose placeholder has no value is left out, so
"{staff} at {business}" never goes out as " at Harbour Lane".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from inbox_app.core.identity import first_name as first_word
from inbox_app.core.text import MAX_TEXT

PLACEHOLDERS: dict[str, str] = {
    "first_name": "the customer's first name",
    "name": "the customer's full name",
    "business": "the business name (Settings)",
    "staff": "your first name",
    "staff_name": "your full name",
}
FALLBACKS = {"first_name": "there", "name": "there", "business": "", "staff": "",
             "staff_name": ""}

MAX_NAME = 80  # a template's name is one row of the picker's list

# Words written before a name that are not the person's first name ("Dr. Ann Lee": Ann).
TITLES = frozenset({
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "rev",
    "revd", "fr", "herr", "frau", "mme", "mlle", "sr", "sra", "srta",
})

# Words written after a name and a comma that are not a first name ("Smith, Jr.").
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "phd", "md", "esq"})

# Words joining two people ("Mr and Mrs Smith"): no first name to greet.
JOINING = frozenset({"and", "&", "+", "und", "et", "y"})

# Words that begin a surname ("van der Berg", "de la Cruz"): written in lower case (or in a
# name all in capitals) they are no first name; "Van Morrison" is.
PARTICLES = frozenset({
    "van", "von", "vom", "zu", "zum", "zur", "de", "der", "den", "del", "della", "di", "da",
    "du", "des", "la", "le", "dos", "das", "ten", "ter",
})

# What the store calls a customer it knows nothing of (store/conversations.py): no name.
NO_NAME = "unknown"

# A web address or a Bluesky handle ("alice.bsky.social"), which a customer without a
# display name is stored under; "J.R." (initials) ends with its full stop.
_DOMAIN = re.compile(r"[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}")
# Emoji modifiers that ride on a picture: a variation selector, a zero-width joiner.
_EMOJI_PARTS = frozenset("\ufe0e\ufe0f\u200d")

_EMPTY = "\x00"
_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")


class TemplateError(ValueError):
    """A template that cannot be used as written; the message says what to fix."""


@dataclass(frozen=True)
class TemplateValues:
    """What the placeholders stand for in one conversation."""

    customer_name: str = ""
    business: str = ""
    staff: str = ""

    def value(self, placeholder: str) -> str:
        match placeholder:
            case "first_name":
                found = _person_first_name(self.customer_name)
            case "name":
                found = self.customer_name.strip()
                found = "" if found.casefold() == NO_NAME or _only_an_address(found) \
                    else found
            case "business":
                found = self.business.strip()
            case "staff":
                found = first_word(self.staff)
            case "staff_name":
                found = self.staff.strip()
            case _:
                found = ""
        return found or FALLBACKS.get(placeholder, "")


def _person_first_name(name: str) -> str:
    """A first name only when the name looks like a person's: not a handle, an address or
    a number (an unknown caller is stored under their number).

    Titles are passed over ("Dr. Ann Lee": Ann; "Dr. Smith" stays whole, a surname with
    its title), "Lee, Ann" as mail headers write it greets Ann, and a name in lower case
    or in capitals reads as a person writes it ("ANN-MARIE": Ann-Marie). Emoji and quotes
    around a name are no part of it ("🌸 Mia Wong": Mia)."""
    if name.strip().casefold() == NO_NAME:
        return ""
    words = _surname_last(name).split()
    while words and not any(ch.isalnum() for ch in words[0]):
        words.pop(0)  # "🌸 Mia", "— Ann"
    while words and not any(ch.isalnum() for ch in words[-1]):
        words.pop()  # "Dr. Smith 🌸"
    if not words or not _could_be_a_name(words[0]):
        return ""
    words = [_undecorated(word) or word for word in words]  # "&" stays
    if len(words) == 1 and _DOMAIN.fullmatch(words[0]):
        return ""  # a handle is the whole name; "St.John Rivers" is a person
    titles = 0
    while titles < len(words) and words[titles].rstrip(".").lower() in TITLES:
        titles += 1
    rest = words[titles:]
    surname_only = len(rest) > 1 and _is_particle(rest[0], name)  # "van der Berg"
    if titles and ((len(rest) == 1 and any(ch.isalpha() for ch in rest[0]))
                   or surname_only):
        return " ".join(words)  # "Dr. Smith", "Sir Ian", "Dr. van der Berg"
    if surname_only:
        return ""
    word = rest[0].rstrip(",;:") if rest else ""
    if not any(ch.isalpha() for ch in word) or not _could_be_a_name(word) \
            or word.lower() in JOINING:
        return ""  # only titles, or "Mr. & Mrs. Smith", "Mr and Mrs Smith"
    if word.islower() or (word.isupper() and len(word) > 2):  # "JP" is two initials
        return word.title()
    return word


def _undecorated(word: str) -> str:
    """The word without the quotes, brackets or emoji around it ('"Ann', "(Ann)",
    "Mia🌸"); a full stop after it stays ("J.", "Dr.")."""
    start, end = 0, len(word)
    while start < end and unicodedata.category(word[start])[0] not in "LN":
        start += 1
    while end > start and (word[end - 1] in _EMOJI_PARTS or (
            unicodedata.category(word[end - 1])[0] not in "LMN" and word[end - 1] != ".")):
        end -= 1
    return word[start:end]


def _could_be_a_name(word: str) -> bool:
    """Not an address, a number or a username ("coffee_lover")."""
    return ("@" not in word and "_" not in word and "/" not in word and not word.startswith("+")
            and not any(ch.isdigit() for ch in word))


def _is_particle(word: str, name: str) -> bool:
    return word.lower() in PARTICLES and (word.islower() or name.isupper())


def _only_an_address(name: str) -> bool:
    """A customer known only by a phone number, an email address or a handle (what the
    store names them after when they gave no name): no reply calls them by it."""
    if not any(ch.isalpha() for ch in name):
        return True  # "+1 207 555 0101"
    words = name.strip("<>").split()
    if len(words) != 1:
        return False
    word = words[0]
    return ("@" in word or "://" in word or word.startswith("did:")
            or bool(_DOMAIN.fullmatch(word)))


def _surname_last(name: str) -> str:
    """ "Lee, Ann" (or "van der Berg, Ann") as "Ann Lee"; "Ann Lee, PhD" is left as it is (a
    name before the comma)."""
    before, comma, after = name.partition(",")
    surname = before.split()
    if (comma and surname and all(_is_particle(word, name) for word in surname[:-1])
            and after.strip() and "," not in after
            and after.split()[0].rstrip(".").lower() not in SUFFIXES):
        return f"{after.strip()} {before.strip()}"
    return name


def placeholders_in(body: str) -> list[str]:
    """The placeholders a template uses, in order of first use."""
    found: list[str] = []
    for match in _TOKEN.finditer(body):
        name = match.group(1)
        if name is not None and name.strip() not in found:
            found.append(name.strip())
    return found


def check_template(name: str, body: str) -> None:
    """Raises TemplateError when a template cannot be saved as written."""
    if not name.strip():
        raise TemplateError("A template needs a name.")
    if len(name.strip()) > MAX_NAME:
        raise TemplateError(f"A template's name is at most {MAX_NAME} characters.")
    if not body.strip():
        raise TemplateError("A template needs some text.")
    if len(body.strip()) > MAX_TEXT:  # it could never be sent as a reply
        raise TemplateError(f"A template can be at most {MAX_TEXT:,} characters, as a reply can;"
                            f" this one has {len(body.strip()):,}.")
    check_placeholders(body)


def check_placeholders(body: str) -> None:
    """Raises TemplateError for a lone brace or a placeholder that does not exist."""
    for match in _TOKEN.finditer(body):
        token, placeholder = match.group(0), match.group(1)
        if placeholder is None and token in "{}":
            raise TemplateError(
                f"The text has a lone “{token}”; write “{token * 2}” for a brace, or use a "
                f"placeholder such as {{first_name}}.")
        if placeholder is not None and placeholder.strip() not in PLACEHOLDERS:
            known = ", ".join("{" + key + "}" for key in PLACEHOLDERS)
            raise TemplateError(f"{{{placeholder}}} is not a placeholder (use {known}).")


def fill(body: str, values: TemplateValues) -> str:
    """The template's text for one conversation; unknown placeholders stay as typed."""

    def replace(match: re.Match[str]) -> str:
        token, placeholder = match.group(0), match.group(1)
        if token == "{{":
            return "{"
        if token == "}}":
            return "}"
        if placeholder is None:
            return token
        key = placeholder.strip()
        if key not in PLACEHOLDERS:
            return token
        return values.value(key) or _EMPTY

    text = _TOKEN.sub(replace, body)
    # "from  , the team" reads badly: an empty value takes the space before it along.
    text = re.sub(r"[ \t]*" + _EMPTY + r"(?=[,.!?;:])", "", text)
    return text.replace(_EMPTY, "")


MAX_SIGNATURE = 2000


def check_signature(signature: str) -> None:
    """Raises TemplateError when the email signature cannot be saved as written."""
    if len(signature) > MAX_SIGNATURE:
        raise TemplateError(f"The email signature is {len(signature):,} characters long; keep "
                            f"it under {MAX_SIGNATURE:,}.")
    try:
        check_placeholders(signature)
    except TemplateError as error:
        said = str(error)
        raise TemplateError(f"In the email signature, {said[:1].lower()}{said[1:]}") from None


def fill_signature(signature: str, values: TemplateValues) -> str:
    """The signature for one sender: a line naming a placeholder without a value is left
    out (no staff name on a command-line reply, no business name yet)."""
    lines = []
    for line in signature.strip().splitlines():
        used = [name for name in placeholders_in(line) if name in PLACEHOLDERS]
        if any(not values.value(name) for name in used):
            continue
        lines.append(fill(line, values).rstrip())
    return "\n".join(lines).strip("\n")


def signed(text: str, signature: str, values: TemplateValues) -> str:
    """The reply with the signature under it, unless it already ends with it (a template
    that signs off the same way)."""
    filled = fill_signature(signature, values)
    if not filled.strip():
        return text
    ending, sign_off = " ".join(text.split()), " ".join(filled.split())
    if ending == sign_off or ending.endswith(" " + sign_off):
        return text
    return f"{text.rstrip()}\n\n{filled}"
