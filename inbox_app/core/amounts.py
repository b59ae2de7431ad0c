"""Amounts of money as shop systems and people write them.

"$1,234.56", "1.234,56 €", "£99", "1 234,56", "CHF 1'200.50", "(12.50)" and "-12" are
all read; the decimal mark is whichever of `.` and `,` comes last, unless it appears
more than once or is followed by exactly three digits ("1,200" and "1.200" are twelve
hundred: shop exports write cents as two digits). Anything else that is not a
currency sign or code is refused, so "about 12" or "n/a" is never read as a number.

Amounts are shown with the shop's currency as it writes it (the `currency` setting):
a sign before the number ("€1,234.56"), one with letters after a space ("CHF 1,234.56",
"R$ 12.00"). The number keeps the report's grouping (1,234.56) whatever the currency.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")
# More than any small business's customer has spent: larger is a misread cell.
MOST = Decimal(10) ** 12

_CURRENCY_CODE = re.compile(r"^[A-Z]{3}\s*|\s*[A-Z]{3}$")
_CURRENCY_SIGNS = re.compile(r"[$€£¥₹₽₩₺₴₦₱₪฿₫₡₲₵₸₭₮]|\bkr\.?|\bzł|\bR\$|\bCHF\b|\bFr\.")
_GROUPING = re.compile(r"[\s\u00a0\u202f']")
_NUMBER = re.compile(r"^\d[\d.,]*$|^[.,]\d+$")
CURRENCY_LONGEST = 5  # "€", "$", "CHF", "R$", "kr.": a sign or a code, never a sentence


class AmountError(ValueError):
    """Text that is not an amount of money; the message says which."""


def parse_amount(text: str) -> float | None:
    """The amount written in `text`, rounded to cents; None for an empty cell."""
    raw = text.strip()
    if not raw or raw in {"-", "–", "—"}:
        return None
    shown = raw if len(raw) <= 40 else raw[:37] + "…"
    body = _CURRENCY_SIGNS.sub("", _CURRENCY_CODE.sub("", raw)).strip()
    negative = False
    if body.startswith("(") and body.endswith(")"):
        negative, body = True, body[1:-1].strip()
    if body.startswith(("-", "−")) or body.endswith(("-", "−")):
        negative, body = True, body.strip("-−").strip()
    body = _CURRENCY_SIGNS.sub("", _CURRENCY_CODE.sub("", body)).strip()
    body = _GROUPING.sub("", body)
    if not _NUMBER.match(body):
        raise AmountError(f"{shown!r} is not an amount of money")
    plain = _plain_number(body)
    if plain is None:
        raise AmountError(f"{shown!r} is not an amount of money")
    number = Decimal(plain)
    if number > MOST:  # before rounding: 27 digits and cents are more than Decimal holds
        raise AmountError(f"{shown!r} is too large to be what a customer has spent")
    value = number.quantize(CENT, ROUND_HALF_UP)
    return float(-value if negative else value)


def _plain_number(body: str) -> str | None:
    """Digits with at most one `.` as the decimal mark; None when the marks are not
    grouping and a decimal mark as amounts are written ("12..5", "1,2,3")."""
    last = max(body.rfind("."), body.rfind(","))
    if last < 0:
        return body
    mark = body[last]
    other = "," if mark == "." else "."
    whole, fraction = body[:last], body[last + 1:]
    if other not in body and (body.count(mark) > 1 or (len(fraction) == 3 and whole
                                                       and whole != "0")):
        groups, fraction = body.split(mark), ""  # only grouping: "1,200", "1.234.567"
    elif mark in whole:
        return None
    else:
        groups = whole.split(other)
    if len(groups) > 1 and not (
            1 <= len(groups[0]) <= 3 and len(groups[-1]) == 3
            and all(len(group) in (2, 3) for group in groups[1:-1])):  # 12,34,567: lakh
        return None
    digits = "".join(groups) or "0"
    return digits + ("." + fraction if fraction else "")


def checked_currency(text: str) -> str:
    """The currency as the shop writes it before amounts; "" for none."""
    if not isinstance(text, str):
        raise AmountError("The currency is text, such as € or CHF")
    currency = text.strip()
    if len(currency) > CURRENCY_LONGEST or any(
            c.isdigit() or c.isspace() or c in "-−,()" for c in currency):
        raise AmountError(f"{currency[:20]!r} is not a currency: write its sign (€, £, $) or"
                          f" its code (EUR, CHF), at most {CURRENCY_LONGEST} characters")
    return currency


def money(value: float, currency: str = "", *, cents: bool = True) -> str:
    """An amount for people to read: "€1,234.56", "CHF 1,234.56", "-£12.50"."""
    # Half up, as the amount was typed and as people round: formatting the float rounded
    # €1,234.50 to "1,234" and €2.675 to "2.67" (halves to even, and binary fractions).
    step = Decimal("0.01") if cents else Decimal("1")
    try:
        number = f"{Decimal(repr(abs(value))).quantize(step, rounding=ROUND_HALF_UP):,}"
    except InvalidOperation:  # past Decimal's 28 digits, or not a number at all
        number = f"{abs(value):,.2f}" if cents else f"{abs(value):,.0f}"
    sign = "-" if value < 0 and number.strip("0.,") else ""
    if not currency:
        return sign + number
    space = " " if is_a_code(currency) else ""
    return f"{sign}{currency}{space}{number}"


def is_a_code(currency: str) -> bool:
    """Written with letters (CHF, kr., R$), so set apart from the number by a space."""
    return any(c.isalpha() for c in currency)
