"""Normalizing identities, so the same person seen twice is recognized as one.

Email addresses are lowercased, handles lose a leading `@` and case, phone numbers
become E.164 with a default region for numbers written without a country code.
"""

from __future__ import annotations

import os
import re
from contextlib import suppress
from functools import lru_cache

from inbox_app.core.models import IdentityRef

SOCIAL_HANDLE_KINDS = ("mastodon", "bluesky", "telegram", "feed")
IDENTITY_KINDS = ("email", "phone", "mastodon", "bluesky", "telegram", "feed", "handle")
DEFAULT_REGION = "US"
# POSIX locale variables, strongest first, that can name where this computer is ("de_DE.UTF-8")
_LOCALE_VARIABLES = ("LC_ALL", "LC_TELEPHONE", "LANG")

_EMAIL_RE = re.compile(r"^[^@\s<>]+@[^@\s<>]+$")


class IdentityError(ValueError):
    """An identity that cannot be understood, e.g. an email address without `@`."""


@lru_cache(maxsize=65536)
def normalize_email(raw: str) -> str:
    simple = raw.strip().lower()
    if "<" not in simple and _EMAIL_RE.match(simple):
        return simple
    from email.utils import parseaddr  # the email package is a slow import: only for "Name <a@b>"

    _, address = parseaddr(raw.strip())
    address = (address or raw).strip().lower()
    if not _EMAIL_RE.match(address):
        raise IdentityError(f"{raw!r} is not an email address")
    return address


def normalize_handle(raw: str) -> str:
    handle = raw.strip().lower()
    if handle.startswith("@"):
        handle = handle[1:]
    if not handle or any(c.isspace() for c in handle):
        raise IdentityError(f"{raw!r} is not a handle")
    return handle


@lru_cache(maxsize=65536)
def normalize_phone(raw: str, region: str = DEFAULT_REGION) -> str:
    """E.164 when the number parses and reads back as itself; otherwise its digits, so it
    still matches itself."""
    import phonenumbers  # a tenth of a second to import: only when a number turns up

    text = raw.strip()
    try:
        number = phonenumbers.parse(text, region or DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        number = None
    if number is not None and phonenumbers.is_possible_number(number):
        e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        if e164 == text or _reads_as_itself(e164):
            return e164
    digits = re.sub(r"\D", "", text)
    if digits.startswith("00") and not text.startswith("+"):
        # "0044 20 …", as most of the world dials abroad, in a shop whose own region dials
        # abroad otherwise (the US: 011): read it as "+44 20 …" when that is a real number.
        with suppress(phonenumbers.NumberParseException):
            abroad = phonenumbers.parse("+" + digits[2:])
            if phonenumbers.is_valid_number(abroad):
                return phonenumbers.format_number(abroad, phonenumbers.PhoneNumberFormat.E164)
    if len(digits) < 3:
        raise IdentityError(f"{raw!r} is not a phone number")
    return ("+" if text.startswith("+") else "") + digits


def _reads_as_itself(e164: str) -> bool:
    """Whether reading the E.164 form gives it back: some drop a zero or a carrier code
    when read again ("+63063917710" reads as +6363917710), and a number stored so would
    not match itself; such a number keeps its digits."""
    import phonenumbers

    try:
        number = phonenumbers.parse(e164)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164) == e164


def format_phone(stored: str, region: str = DEFAULT_REGION) -> str:
    """A stored number as a person in `region` would write it. What is shown is typed,
    searched and exported back, so a form that `normalize_phone` would read as another
    number (a number kept as its digits: 01512345678 is not "+1 01512345678") is shown
    as stored."""
    import phonenumbers

    region = region or DEFAULT_REGION
    try:
        number = phonenumbers.parse(stored, region)
    except phonenumbers.NumberParseException:
        return stored
    if not phonenumbers.is_possible_number(number):
        return stored
    if phonenumbers.region_code_for_number(number) == region:
        shown = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    else:
        shown = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    return shown if normalize_phone(shown, region) == stored else stored


def handle_kind(message_kind: str) -> str:
    """A bare `handle` belongs to the network the message came from."""
    return message_kind if message_kind in SOCIAL_HANDLE_KINDS else "handle"


def identity_refs(
    message_kind: str,
    *,
    email: str | None = None,
    handle: str | None = None,
    phone: str | None = None,
    followers: int | None = None,
    author_name: str = "",
    region: str = DEFAULT_REGION,
) -> tuple[IdentityRef, ...]:
    """The normalized identities named on one message."""
    refs: list[IdentityRef] = []
    if email:
        refs.append(IdentityRef("email", normalize_email(email), email.strip()))
    if handle:
        refs.append(
            IdentityRef(handle_kind(message_kind), normalize_handle(handle), handle.strip(), followers)
        )
    if phone:
        refs.append(IdentityRef("phone", normalize_phone(phone, region), phone.strip()))
    if not refs and message_kind == "feed" and author_name.strip():
        refs.append(IdentityRef("feed", author_name.strip().lower(), author_name.strip()))
    return tuple(refs)


def display_name(author_name: str, identities: tuple[IdentityRef, ...]) -> str:
    """The name a new customer gets: the author's name, else the first identity."""
    if author_name.strip():
        return author_name.strip()
    for ref in identities:
        if ref.display:
            return ref.display
        return ref.value
    return "Unknown"


def first_name(name: str) -> str:
    parts = name.strip().split()
    return parts[0] if parts else ""


def locale_region(environ: dict[str, str] | None = None) -> str | None:
    """The region this computer's locale names (de_DE.UTF-8: DE), when phone numbers are
    known for it; None for C, POSIX or an unknown one."""
    variables = os.environ if environ is None else environ
    value = next((variables[name] for name in _LOCALE_VARIABLES if variables.get(name)), "")
    region = value.partition(".")[0].partition("@")[0].partition("_")[2].upper()
    if len(region) != 2 or not region.isalpha():
        return None  # C, POSIX: asked at every look-up of an unset region, so no import
    if region == DEFAULT_REGION:
        return region
    import phonenumbers

    return region if region in phonenumbers.SUPPORTED_REGIONS else None
