"""When a feed entry was written, as epoch seconds: the dates feeds write, including
those feedparser reads wrongly (a zone name it does not know, no zone at all) and the
stand-ins for "no date" that generators write (1970, year 1).
"""

from __future__ import annotations

import calendar
import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

# Zone names feedparser reads as UTC (it knows only the North American ones and UT/GMT/Z).
_ZONES = {"CET": 60, "CEST": 120, "MET": 60, "MEST": 120, "WET": 0, "WEST": 60, "BST": 60,
          "EET": 120, "EEST": 180, "MSK": 180, "JST": 540, "KST": 540, "HKT": 480,
          "SGT": 480, "AWST": 480, "ACST": 570, "ACDT": 630, "AEST": 600, "AEDT": 660,
          "NZST": 720, "NZDT": 780, "HST": -600, "AKST": -540, "AKDT": -480}
_NAMED_ZONE = re.compile(r"^(.*\d{1,2}:\d{2}(?::\d{2})?)\s*([A-Za-z]{3,4})?\s*$")


# Before any feed existed: a generator's stand-in for "no date" (1 January 1970, year 1).
# Taken at its word, a new mention would be filed away as history nobody sees.
EARLIEST = 631_152_000  # 1990-01-01


def plausible(moment: int | None) -> int | None:
    """The moment, or None when it is before feeds existed (a stand-in for no date)."""
    return moment if moment is not None and moment >= EARLIEST else None


def entry_time(entry: Any) -> int | None:
    """When the entry was published (else updated, created), as epoch seconds; None when
    it says no date, or one before feeds existed."""
    for name in ("published", "updated", "created"):
        moment = entry.get(f"{name}_parsed")
        raw = (entry.get(name) or "").strip() if isinstance(entry.get(name), str) else ""
        own = _rfc822(raw) if raw else None
        if own is not None:
            return plausible(own)
        if moment:
            try:
                return plausible(calendar.timegm(moment))
            except (TypeError, ValueError, OverflowError):
                continue
    return None


def _rfc822(value: str) -> int | None:
    """An RFC 822 date feedparser gets wrong: with a zone name it does not know (read as
    UTC), or with no zone at all (not read). None where feedparser is to be trusted."""
    match = _NAMED_ZONE.match(value)
    if not match or not re.search(r"[A-Za-z]{3}", match.group(1)):
        return None
    zone = (match.group(2) or "").upper()
    if zone and zone not in _ZONES:
        return None
    minutes = _ZONES.get(zone, 0)
    sign = "-" if minutes < 0 else "+"
    offset = f"{sign}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"
    try:
        moment = parsedate_to_datetime(f"{match.group(1)} {offset}")
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return int(moment.timestamp())


def rfc3339(value: str) -> int | None:
    """A JSON Feed date (RFC 3339, or RFC 822 as some generators write it) as epoch seconds;
    a time without a zone is taken as UTC."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        try:
            moment = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return int(moment.timestamp())
