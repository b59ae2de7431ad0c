"""Logging a call by hand — in the window's Log a call, or `inbox-app call log` — and
storing it once: the call the phone system's export lists in that minute, whichever of
the two was stored first, with or without its seconds."""

from __future__ import annotations

import re
from collections.abc import Sequence

from inbox_app.core.identity import format_phone
from inbox_app.core.models import IncomingMessage
from inbox_app.core.timeutil import TimeError, last_clock_time, parse_when
from inbox_app.core.timeutil import now as current_time
from inbox_app.sources.phone import (
    DOTTED_DATE,
    EXIT_OK,
    FUTURE_GRACE,
    Call,
    CallError,
    call_id,
    call_message,
    format_duration,
    own_lines,
    parse_call_time,
    parse_duration,
    phone_line,
    usage_error,
)
from inbox_app.store import Store

# The same call written another way: to the minute, or with its seconds


def stored_in_their_minute(store: Store, calls: Sequence[tuple[IncomingMessage, Call]]
                           ) -> set[int]:
    """The positions of `calls` stored already with their time written otherwise: a call
    written to the minute stored with its seconds, or one with seconds stored to the
    minute. (The same time written alike is found as a duplicate by the import itself.)"""
    # Only numbers that have called before, and calls not stored as written: the calls
    # stored in each one's minute are read in one look-up for the batch.
    known_numbers = store.conversation_ids_for_threads(
        sorted({message.thread or "" for message, _call in calls}))
    stored_as_written = {external_id for _, _, external_id in store.existing_keys(
        [message for message, _call in calls if message.thread in known_numbers])}
    wanted: dict[int, set[str]] = {}
    for index, (message, call) in enumerate(calls):
        if message.thread not in known_numbers or message.external_id in stored_as_written:
            continue
        minute = message.at - message.at % 60
        if call.to_the_minute:
            moments = range(minute + 1, minute + 60)
        elif message.at % 60:
            moments = range(minute, minute + 1)
        else:
            continue
        number = message.meta["call"]["number"]
        wanted[index] = {call_id(number, at, message.direction) for at in moments}
    if not wanted:
        return set()
    stored = store.calls_in_minutes(
        [(calls[index][0].direction, calls[index][0].at - calls[index][0].at % 60)
         for index in wanted])
    return {index for index, ids in wanted.items() if not ids.isdisjoint(stored)}


def save_logged_call(store: Store, message: IncomingMessage, call: Call,
                     staff: str | None = None) -> int | None:
    """Stores a call logged by hand; its conversation, or None when that call is stored
    already — at the same second, or in its minute written otherwise (the phone system's
    export imported first, to the minute or with the call's real seconds)."""
    if stored_in_their_minute(store, [(message, call)]):
        return None
    result = store.save_messages([message], staff=staff)
    return next(iter(result.conversation_ids)) if result.imported else None


# Logging a call by hand (`inbox-app call log`)


def log_call_command(ctx) -> int:
    """`inbox-app call log …`: one call from the command line."""
    args, store = ctx.args, ctx.store
    try:
        at = logged_time(args.at)
    except TimeError as error:
        return usage_error(f"{str(error)[0].upper()}{str(error)[1:]}.")
    try:
        call = Call(
            number=args.phone, at=at, direction=args.direction,
            duration=parse_duration(args.duration), name=args.name or "",
            notes=args.summary or "", status=args.status or "answered",
            to_the_minute=bool((args.at or "").strip()) and at % 60 == 0,
        )
        account = phone_line(store, args.account)
        staff = ctx.staff
        message = call_message(call, region=store.phone_region(), account=account, staff=staff,
                               lines=own_lines(store))
    except CallError as error:
        return usage_error(f"{str(error)[0].upper()}{str(error)[1:]}.")
    if staff and call.direction == "in":
        message.meta["taken_by"] = staff
    conversation = save_logged_call(store, message, call, staff)
    shown = format_phone(message.meta["call"]["number"], store.phone_region())
    who = f"{call.name.strip()} at {shown}" if call.name.strip() else shown
    if conversation is None:
        print(f"that call with {who} is already logged")
        return EXIT_OK
    what = {"missed": "a missed call", "voicemail": "a voicemail"}.get(
        call.status, "an incoming call" if call.direction == "in" else "an outgoing call")
    length = f" ({format_duration(call.duration)})" if call.duration else ""
    way = "from" if call.direction == "in" else "to"
    print(f"logged {what}{length} {way} {who} in #{conversation}")
    return EXIT_OK


# "-20m" or "20 min ago" (one of the two)
_AGO = re.compile(r"^(?P<minus>-)?\s*(?P<amount>\d+)\s*(?P<unit>m|mins?|minutes?|h|hrs?|hours?"
                  r"|d|days?)(?P<ago>\s+ago)?$")


def logged_time(text: str | None, now_at: int | None = None) -> int:
    """When a call logged by hand happened: now, `-20m` or `20 min ago`, a time of day
    (`09:30`, `3pm`: the last time the clock said so), or a date and time (ISO, or dotted
    and day first: `02.03.2026 10:15`)."""
    moment = current_time() if now_at is None else now_at
    raw = (text or "").strip().lower()
    if raw in ("", "now"):
        return moment
    if (ago := _AGO.match(raw)) and bool(ago["minus"]) != bool(ago["ago"]):
        return moment - int(ago["amount"]) * {"m": 60, "h": 3600, "d": 86400}[ago["unit"][0]]
    if (clock := last_clock_time(raw, moment)) is not None:
        return clock
    if DOTTED_DATE.match(raw):  # 02.03.2026 10:15, as phones and call logs write it
        try:
            at = parse_call_time(raw, "dmy")
        except CallError as error:
            raise TimeError(f"{text!r} is not a date or time ({error})") from None
    else:
        at = parse_when(text, now_at=moment, end_of_date=False)
    if at > moment + FUTURE_GRACE:
        raise TimeError(f"{text!r} is in the future; a call is logged after it happened")
    return at
