"""A review's stars: from the feed's own rating element (the App Store's <im:rating>, the
RSS review module's <rev:rating>), else as the title writes them ("★★★★☆ Great",
"Rated 4/5")."""

from __future__ import annotations

import re
from typing import Any

# A rating, where a review feed gives one in its own element (the App Store's <im:rating>,
# the RSS review module's <rev:rating>).
_RATING_KEYS = ("im_rating", "rev_rating", "review_rating", "rating")
_BEST_KEYS = ("rev_maxrating", "review_maxrating", "review_bestrating", "bestrating",
              "maxrating")


def rating(entry: Any, title: str) -> tuple[float, float] | None:
    """A review's rating (value, best): from its own element, else from its title."""
    for key in _RATING_KEYS:
        value = _number(entry.get(key))
        if value is not None:
            best = next((b for b in (_number(entry.get(k)) for k in _BEST_KEYS) if b), 5.0)
            if 0 <= value <= best <= 100:
                return value, best
    return title_rating(title)


# A rating review sites write into the title instead: a run of five or ten stars at its
# start or end ("★★★★☆ Great", "⭐⭐⭐"), or words that say it is one ("Rated 4/5", "4 out of 5 stars",
# "Rating: 8/10"). A bare "3/5" is not taken: it is as often a date or a part of a series.
_STARS = r"((?:[\u2605\u2606]{5}){1,2}|(?:\u2b50\ufe0f?){1,5})"  # out of 5 or 10; emoji of 5
_STAR_RUN = re.compile(r"^\s*" + _STARS + r"(?=\s|$)|(?:^|\s)" + _STARS + r"\s*$")
_NUMBER = r"(\d{1,2}(?:[.,]\d)?)"
_RATED_WORDS = re.compile(
    r"\b(?:rated|rating|rates|score)\s*:?\s*" + _NUMBER + r"\s*(?:/|out of|of)\s*(5|10)\b|"
    + _NUMBER + r"\s*(?:/|out of|of)\s*(5|10)\s*stars?\b|"
    r"\brated\s+(?:it\s+)?" + _NUMBER + r"\s*stars?\b", re.I)


def title_rating(title: str) -> tuple[float, float] | None:
    """The rating a review's title states in stars or in words, else None."""
    stars = _STAR_RUN.search(title)
    if stars:
        run = (stars.group(1) or stars.group(2)).replace("\ufe0f", "")
        if "\u2b50" in run:
            return float(len(run)), 5.0
        return float(run.count("\u2605")), float(len(run))
    words = _RATED_WORDS.search(title)
    if not words:
        return None
    groups = words.groups()
    if groups[4] is not None:
        value, best = groups[4], "5"
    else:
        value, best = (groups[0], groups[1]) if groups[0] is not None else (groups[2], groups[3])
    rating = float(value.replace(",", ".")), float(best)
    return rating if rating[0] <= rating[1] else None


def _number(value: Any) -> float | None:
    if isinstance(value, dict):
        value = value.get("value") or value.get("content")
    try:
        number = float(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if number == number and abs(number) != float("inf") else None
