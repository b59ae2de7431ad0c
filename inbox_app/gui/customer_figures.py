"""The customer's figures as their narrow tiles show them: whole units to 99,999, then
short ("$1.2M"), so the digits are never cut."""

from __future__ import annotations

from inbox_app.core.amounts import is_a_code, money


def compact_number(value: float) -> str:
    if value >= 1_000_000:
        return f"{value / 1_000_000:.1f}M"
    if value >= 10_000:
        return f"{value / 1000:.0f}k"
    if value >= 1_000:
        return f"{value / 1000:.1f}k"
    return f"{value:,.0f}"


def compact_money(value: float | None, currency: str = "") -> str:
    """Whole units to 99,999 ("€1,251"), then short ("€250k"): the tile is narrow, so a
    currency written with letters (CHF) goes in the tile's caption instead."""
    if value is None:
        return "–"
    sign = "" if is_a_code(currency) else currency
    if abs(value) < 100_000:
        return money(value, sign, cents=False)
    return ("-" if value < 0 else "") + sign + compact_number(abs(value))


def tile_caption(currency: str) -> str:
    return f"Value ({currency})" if is_a_code(currency) else "Value"
