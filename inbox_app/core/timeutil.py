"""Times as the store keeps them (epoch seconds, UTC) and as people write them."""

from __future__ import annotations

import math
import re
import time
from datetime import UTC, date, datetime, timedelta


class TimeError(ValueError):
    """A time or date a person typed that cannot be read."""


def now() -> int:
    return int(time.time())


# The times the app keeps: every calendar it shows them in (and Windows' clock functions)
# ends well before Python's year 1 to 9999, which a time zone pushes over the edge.
EARLIEST = 0  # 1970-01-01
LATEST = 4_102_444_800  # 2100-01-01


def within_calendar(epoch: int) -> bool:
    return EARLIEST <= epoch < LATEST


def parse_iso(text: str) -> int:
    """ISO 8601 to epoch seconds; a time without offset is local time."""
    if not isinstance(text, str) or not text.strip():
        raise TimeError("the time is empty")
    raw = text.strip()
    try:
        moment = datetime.fromisoformat(raw)
        if moment.tzinfo is None:
            moment = moment.astimezone()
        epoch = int(moment.timestamp())
    except (ValueError, OverflowError, OSError):
        raise TimeError(f"{raw!r} is not an ISO 8601 time") from None
    if not within_calendar(epoch):
        raise TimeError(f"{raw!r} is outside the years 1970 to 2099")
    return epoch


def iso(epoch: int | None) -> str | None:
    if epoch is None:
        return None
    return datetime.fromtimestamp(epoch, UTC).isoformat().replace("+00:00", "Z")


def local(epoch: int) -> datetime:
    return datetime.fromtimestamp(epoch).astimezone()


def start_of_day(epoch: int) -> int:
    """Local midnight at the start of the day that `epoch` falls in. From the local date,
    not by replacing the hour: that kept the moment's UTC offset, an hour off on the days
    the clocks change."""
    day = local(epoch)
    return int(time.mktime((day.year, day.month, day.day, 0, 0, 0, 0, 0, -1)))


def end_of_day(epoch: int) -> int:
    """The last second of the local day that `epoch` falls in."""
    day = local(epoch)
    return int(time.mktime((day.year, day.month, day.day + 1, 0, 0, 0, 0, 0, -1))) - 1


# "+3h", "2d", "in 3 days", "30 minutes", "in 1 week"
_RELATIVE = re.compile(
    r"^(?:\+|in\s+)?(\d+)\s*(m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?)$")
_UNIT_SECONDS = {"m": 60, "h": 3600, "d": 86400, "w": 604800}
MOST_DAYS_AHEAD = 36_500  # further off, "+Nd" is a typo: seconds, not a calendar day
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# "tomorrow", "fri", "next friday 14:30", "tomorrow 9", "at 9am", "17:00": a day, a clock
# time or both
_DAY_AND_TIME = re.compile(
    r"^(?:(?P<day>today|tomorrow|(?:next\s+)?[a-z]{3,9})(?:\s+(?:at\s+)?|$)|at\s+)?"
    r"(?:(?P<hour>\d{1,2})(?::(?P<minute>\d{2}))?\s*(?P<half>am|pm)?)?$")


def parse_when(text: str, *, now_at: int | None = None, end_of_date: bool = True) -> int:
    """A due date or snooze time as a person types it.

    Accepts ISO dates and times; `today`, `tomorrow` and weekday names (`friday`,
    `fri`: the next one, never today; `next friday` is the same day, the earlier reading
    of words people use both ways, so a follow-up comes early rather than late; `next
    week` is next Monday), each with a time or not (`friday 14:30`, `tomorrow at 9am`);
    a time alone (`17:00`, `at 3pm`: the next time the clock says so); and offsets
    such as `+3h`, `2d`, `1w`, `in 3 days`, `30 minutes`. A day without a time means the end of that day
    (a follow-up due on Friday is not overdue until Friday is over) unless
    `end_of_date` is False, in which case it means 9:00 that morning (a snooze).
    """
    base = now() if now_at is None else now_at
    raw = " ".join(text.strip().lower().split())
    moment = _day_and_time(raw, base, end_of_date)
    if moment is not None:
        return moment
    match = _RELATIVE.match(raw)
    if match:
        amount, unit = int(match.group(1)), match.group(2)[0]
        if unit in "dw":
            return _days_later(base, amount * (7 if unit == "w" else 1))
        return base + amount * _UNIT_SECONDS[unit]
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
        try:
            return _date_at(date.fromisoformat(raw), end_of_date)
        except ValueError:
            raise TimeError(f"{text!r} is not a date") from None
    try:
        return parse_iso(text)
    except TimeError:
        raise TimeError(
            f"{text!r} is not a date or time (try tomorrow, friday 14:00, 2026-12-01 or +3h)"
        ) from None


def _days_later(base: int, days: int) -> int:
    """The same clock time `days` calendar days on: "in 2 days" said at 10:00 is 10:00,
    also across a change of summer time (48 hours would be 9:00 or 11:00). A century or
    more ahead is a typo ("+99999999d"): counted in seconds, for the caller to refuse."""
    if days > MOST_DAYS_AHEAD:
        return base + days * _UNIT_SECONDS["d"]
    return int((datetime.fromtimestamp(base) + timedelta(days=days)).astimezone().timestamp())


def _day_and_time(raw: str, base: int, end_of_date: bool) -> int | None:
    """`parse_when` for a day name, a clock time or both; None when `raw` is neither."""
    match = _DAY_AND_TIME.match(raw)
    if not match or not raw or raw.isdigit():
        return None
    word, hour = match.group("day"), match.group("hour")
    today = local(base).date()
    if word is None:
        day = today
    elif word in ("today", "tomorrow"):
        day = today + timedelta(days=1 if word == "tomorrow" else 0)
    else:
        word = word.removeprefix("next ").lstrip()
        if word == "week":
            word = WEEKDAYS[0]
        named = [index for index, name in enumerate(WEEKDAYS) if name.startswith(word)]
        if len(named) != 1:
            return None
        day = today + timedelta(days=(named[0] - today.weekday() - 1) % 7 + 1)
    if hour is None:
        return _date_at(day, end_of_date)
    hours, minutes = _clock(match, raw)
    moment = _on(day, hours, minutes)
    if word is None and moment <= base:  # "17:00" at six in the evening: tomorrow's
        moment = _on(day + timedelta(days=1), hours, minutes)
    return moment


def last_clock_time(text: str, now_at: int) -> int | None:
    """When the clock last read `text` (`09:30`, `3pm`, `at 15:00`): today's, or
    yesterday's when today's is still to come — for when something happened. None when
    `text` is not a time of day alone."""
    raw = " ".join(text.strip().lower().split())
    match = _DAY_AND_TIME.match(raw)
    if not match or match.group("day") or not match.group("hour") or raw.isdigit():
        return None
    hours, minutes = _clock(match, raw)
    today = local(now_at).date()
    moment = _on(today, hours, minutes)
    return moment if moment <= now_at else _on(today - timedelta(days=1), hours, minutes)


def _clock(match: re.Match[str], raw: str) -> tuple[int, int]:
    hours, minutes = int(match.group("hour")), int(match.group("minute") or 0)
    if half := match.group("half"):
        if not 1 <= hours <= 12:
            raise TimeError(f"{raw!r} is not a time of day")
        hours = hours % 12 + (12 if half == "pm" else 0)
    if hours > 23 or minutes > 59:
        raise TimeError(f"{raw!r} is not a time of day")
    return hours, minutes


def _on(day: date, hours: int, minutes: int) -> int:
    return int(datetime(day.year, day.month, day.day, hours, minutes).astimezone().timestamp())


def _date_at(day: date, end_of_date: bool) -> int:
    if end_of_date:
        moment = datetime(day.year, day.month, day.day, 23, 59, 59)
    else:
        moment = datetime(day.year, day.month, day.day, 9, 0, 0)
    return int(moment.astimezone().timestamp())


def relative(epoch: int, now_at: int | None = None) -> str:
    """Short age for a list: `now`, `3 min`, `5 h`, `Tue`, `12 Mar`, `12 Mar 2024`."""
    current = now() if now_at is None else now_at
    age = current - epoch
    if age < -60:
        return _ahead(epoch, current)
    if age < 60:
        return "now"
    if age < 3600:
        return f"{age // 60} min"
    moment, today = local(epoch), local(current)
    if age < 86400 and moment.date() == today.date():
        return f"{age // 3600} h"
    if age < 6 * 86400:
        return moment.strftime("%a")
    if moment.year == today.year:
        return f"{moment.day} {moment.strftime('%b')}"
    return f"{moment.day} {moment.strftime('%b %Y')}"


def _ahead(epoch: int, current: int) -> str:
    wait = epoch - current
    moment, today = local(epoch), local(current)
    if wait < 3600:
        return f"in {wait // 60} min"
    if moment.date() == today.date():
        return f"in {wait // 3600} h"
    if (moment.date() - today.date()).days == 1:
        return "tomorrow"
    if wait < 6 * 86400:
        return moment.strftime("%a")
    if moment.year == today.year:
        return f"{moment.day} {moment.strftime('%b')}"
    return f"{moment.day} {moment.strftime('%b %Y')}"


def spoken(epoch: int) -> str:
    """A moment in the reader's own time zone, weekday first: `Fri 11 Dec 2026, 23:59`."""
    moment = local(epoch)
    return f"{moment:%a} {moment.day} {moment:%b %Y, %H:%M}"


def until_in_words(epoch: int, now_at: int | None = None) -> str:
    """When something waiting ends, for "Snoozed until …": `17:30` today, `tomorrow
    09:00`, `Tue 09:00` within the week, `Sat 14 Mar 09:00` and `Mon 4 Jan 2027 09:00`
    further off. Always with the time (`relative` gives "tomorrow" or "Tue" alone, and
    "in 3 h", which cannot follow "until"); days are local dates, so "tomorrow" is right
    at 23:50 and across a change of summer time."""
    current = now() if now_at is None else now_at
    moment, today = local(epoch), local(current).date()
    clock = f"{moment:%H:%M}"
    days = (moment.date() - today).days
    if days == 0:
        return clock
    if days == 1:
        return f"tomorrow {clock}"
    if 1 < days < 7:
        return f"{moment:%a} {clock}"
    year = f" {moment.year}" if moment.year != today.year else ""
    return f"{moment:%a} {moment.day} {moment:%b}{year} {clock}"


def due_label(due_at: int, now_at: int | None = None) -> str:
    """`due Fri`, `due in 3 h`, or `overdue 2.1 d`: a date passed must not read as one
    to come (a weekday alone would, for both)."""
    current = now() if now_at is None else now_at
    if due_at < current:
        return f"overdue {duration(current - due_at)}"
    return f"due {relative(due_at, current)}"


def duration(seconds: float | None) -> str:
    """Human duration for response times: `45 s`, `12 min`, `3.5 h`, `2.1 d`."""
    if seconds is None:
        return "–"
    if seconds < 60:
        return f"{seconds:.0f} s"
    if seconds < 3600:
        return f"{seconds / 60:.0f} min"
    if seconds < 86400:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 86400:.1f} d"


def in_words(seconds: float) -> str:
    """A wait as a person says it — `20 s`, `3 min`, `2 h 30 min` — rounded up, never down:
    a try is never promised sooner than it happens (150 s is `3 min`, not `2 min`)."""
    if seconds < 90:
        return f"{max(math.ceil(seconds), 1)} s"
    minutes = math.ceil(seconds / 60)
    if minutes < 90:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h" + (f" {minutes} min" if minutes else "")


def wait_until(moment: int | None, at: int | None = None) -> str | None:
    """How long until `moment` in words (`3 min`), None when it is not ahead: when the
    poller tries a failing account next, as the command line and the window both say it."""
    wait = (moment or 0) - (now() if at is None else at)
    return in_words(wait) if wait > 0 else None


def ago(moment: int, at: int | None = None) -> str:
    """When something happened, as a sentence says it: `a moment ago`, `2 minutes ago`,
    `3 hours ago`, `today at 07:10`, `yesterday at 23:10`, `on Tue at 14:05`,
    `on Thu 12 Mar at 09:05`, `on Tue 12 Mar 2024 at 09:05`. One wording for the refusals
    ("closed by Theo Brandt 2 minutes ago") and the accounts' health; a list's narrow
    column says `relative`. Days are local days, so "yesterday" is right across a change
    of summer time; a moment a little ahead of this clock (a colleague's runs fast) is
    `a moment ago`."""
    current = now() if at is None else at
    age = current - moment
    if age < 60:
        return "a moment ago"
    if age < 3600:
        return f"{age // 60} minute{'s' if age // 60 != 1 else ''} ago"
    if age < 12 * 3600:
        return f"{age // 3600} hour{'s' if age // 3600 != 1 else ''} ago"
    then, today = local(moment), local(current).date()
    clock = f"{then:%H:%M}"
    days = (today - then.date()).days
    if days == 0:
        return f"today at {clock}"
    if days == 1:
        return f"yesterday at {clock}"
    if days < 7:
        return f"on {then:%a} at {clock}"
    year = f" {then.year}" if then.year != today.year else ""
    return f"on {then:%a} {then.day} {then:%b}{year} at {clock}"
