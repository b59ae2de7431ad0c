"""A realistic demo business: six months of a small coffee roaster's customer messages.

Harbour Lane Coffee roasts beans, runs a café counter, ships subscriptions and
sells wholesale to a few restaurants. ~200 customers write by email, Mastodon,
Bluesky and Telegram, review sites and Reddit mention the shop (and its rivals),
and the counter logs phone calls. The shop keeps the hours of the computer it is shown
on: customers write and staff answer in its day by the local clock (quieter at
weekends), follow-ups fall due at 17:00. Deterministic for a seed, a time zone and an
hour.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import timedelta

from inbox_app.core.identity import identity_refs
from inbox_app.core.models import IncomingMessage
from inbox_app.core.rules import Rule
from inbox_app.core.timeutil import local, now
from inbox_app.demo_clock import (
    DAY,
    DUE_HOUR,
    HISTORY_DAYS,
    POSTED_FROM,
    POSTED_UNTIL,
    SNOOZE_HOUR,
    at_hour,
    demo_now,
    earlier_day_if_ahead,
    in_shop_hours,
    written_at,
)
from inbox_app.demo_texts import (
    COMPANIES,
    FIRST,
    FOLLOW_UPS,
    LAST,
    PHONE_TEXT,
    REPLIES,
    SOCIAL_TEXT,
    TEMPLATES,
    TOPICS,
)
from inbox_app.pipeline import ingest
from inbox_app.store import NotFound, Store, StoreError, open_store

BUSINESS = "Harbour Lane Coffee"
STAFF = ("Maya Okafor", "Theo Brandt", "Priya Raman")
BRAND_TERMS = ("Harbour Lane",)
COMPETITOR_TERMS = ("Bean Barons", "Roastery Nine")

@dataclass
class DemoCustomer:
    name: str
    email: str | None = None
    phone: str | None = None
    mastodon: str | None = None
    bluesky: str | None = None
    telegram: str | None = None
    followers: int = 0
    tags: list[str] = field(default_factory=list)
    value: float | None = None


def _customers(rng: random.Random, count: int) -> list[DemoCustomer]:
    people: list[DemoCustomer] = []
    used: set[str] = set()
    while len(people) < count:
        if len(people) < len(COMPANIES):
            name = COMPANIES[len(people)]
            slug = name.lower().replace("&", "and").replace("'", "").replace(" ", "")
            person = DemoCustomer(name, email=f"orders@{slug}.example", tags=["wholesale"])
            person.phone = f"+1 207 555 {1000 + len(people):04d}"
            person.value = round(rng.uniform(4000, 18000), 2)
        else:
            first, last = rng.choice(FIRST), rng.choice(LAST)
            name = f"{first} {last}"
            if name in used:
                continue
            slug = f"{first}.{last}".lower().replace("'", "")
            person = DemoCustomer(name)
            if rng.random() < 0.8:
                person.email = f"{slug}@{rng.choice(('mail', 'post', 'inbox', 'fastmail'))}.example"
            if rng.random() < 0.55:
                person.phone = f"+1 207 555 {rng.randrange(2000, 9999):04d}"
            if rng.random() < 0.3:
                person.mastodon = f"{first.lower()}{rng.randrange(10, 99)}@{rng.choice(('mastodon.social', 'fosstodon.org', 'mas.to'))}"
            if rng.random() < 0.3:
                person.bluesky = f"{slug.replace('.', '')}.bsky.social"
            if rng.random() < 0.15:
                person.telegram = f"{first.lower()}_{last.lower().replace(chr(39), '')}"
            if not (person.email or person.phone or person.mastodon or person.bluesky or person.telegram):
                person.email = f"{slug}@mail.example"
            person.followers = int(rng.paretovariate(1.2) * 40)
            if rng.random() < 0.35:
                person.value = round(rng.uniform(20, 900), 2)
            if rng.random() < 0.25:
                person.tags.append("subscriber")
            if person.value and person.value > 600:
                person.tags.append("VIP")
        used.add(name)
        people.append(person)
    return people


def _channels(person: DemoCustomer) -> list[str]:
    channels = []
    if person.email:
        channels += ["email"] * 4
    if person.phone:
        channels += ["phone"] * 3
    if person.mastodon:
        channels += ["mastodon"] * 2
    if person.bluesky:
        channels += ["bluesky"] * 2
    if person.telegram:
        channels += ["telegram"] * 2
    return channels


DEMO_RULES = (
    Rule("Refunds to Priya", words=("refund", "money back", "charged twice"),
         assign="Priya Raman", labels=("refund",)),
    Rule("Wholesale leads", words=("wholesale", "trade price", "bulk order"),
         labels=("wholesale-lead",)),
    Rule("VIP mail to Maya", kinds=("email",), tags=("VIP",), assign="Maya Okafor"),
)


def generate(seed: int = 7, now_at: int | None = None, customers: int = 200) -> list[dict]:
    """The demo as plans of conversations (pure; no store). Each plan lists its messages
    and what staff did. Its days are the local calendar's and its hours the local clock's:
    the same seed and hour give other times in another time zone."""
    rng = random.Random(seed)
    now_at = demo_now() if now_at is None else now_at
    today = local(now_at).date()
    first_day = today - timedelta(days=HISTORY_DAYS)
    people = _customers(rng, customers)
    plans = []
    order = 10400
    for index, person in enumerate(people):
        activity = 1 + int(rng.paretovariate(1.6))
        for _ in range(min(activity, 12)):
            kind = rng.choice(_channels(person))
            topic = rng.choice(
                ["wholesale"] * 4 + ["late_order", "question", "refund"]
                if "wholesale" in person.tags
                else list(TOPICS)
            )
            order += rng.randrange(1, 40)
            at = written_at(rng, first_day, now_at)
            # What became of it depends on how long ago it was: its own draws, so the
            # conversations after it are the same whatever the hour and zone.
            own = random.Random(rng.getrandbits(40))
            plans.append(_plan(own, person, kind, topic, at, order, index, today, now_at))
    plans.extend(_feed_plans(rng, first_day, now_at))
    plans.sort(key=lambda plan: plan["messages"][0]["at"])
    return plans


def _text_for(rng, kind, topic, order):
    if kind in ("mastodon", "bluesky", "telegram"):
        pool = SOCIAL_TEXT.get(topic) or TOPICS[topic][1]
        return rng.choice(pool).format(order=order)
    if kind == "phone":
        return (PHONE_TEXT.get(topic) or rng.choice(TOPICS[topic][1])).format(order=order)
    return rng.choice(TOPICS[topic][1]).format(order=order)


def _plan(rng, person, kind, topic, at, order, index, today, now_at) -> dict:
    first = person.name.split()[0]
    thread = f"demo:{kind}:{index}:{order}"
    subject = TOPICS[topic][0].format(order=order) if kind == "email" else None
    inbound = {
        "kind": kind, "id": f"{thread}:1", "text": _text_for(rng, kind, topic, order), "at": at,
        "title": subject, "thread": thread, "person": person,
    }
    messages = [inbound]
    age = now_at - at
    plan = {"messages": messages, "assign": None, "due": None, "close": None, "snooze": None,
            "label": None}
    answered = age > 2 * DAY or rng.random() < 0.45
    staff = rng.choice(STAFF)
    if topic == "wholesale":
        staff = STAFF[0]
    if answered:
        delay = int(rng.lognormvariate(8.3, 1.2))
        reply_at = in_shop_hours(rng, at + min(delay, 4 * DAY), first_thing=True)
        if reply_at < now_at:
            messages.append({
                "kind": kind, "id": f"{thread}:2", "direction": "out", "at": reply_at,
                "text": REPLIES[topic].format(first=first), "thread": thread, "staff": staff,
                "person": person,
            })
            if rng.random() < 0.35:
                mood = "negative" if topic in ("late_order", "refund", "cafe_complaint") and rng.random() < 0.6 else "positive"
                answered_back = in_shop_hours(rng, reply_at + rng.randrange(1800, DAY))
                text = rng.choice(FOLLOW_UPS[mood])
                if answered_back < now_at - 60:  # else the customer has not written back yet
                    messages.append({
                        "kind": kind, "id": f"{thread}:3", "at": answered_back,
                        "text": text, "thread": thread, "person": person,
                    })
            last = messages[-1]
            if age > 14 * DAY or (age > 3 * DAY and rng.random() < 0.8):
                closed_at = in_shop_hours(rng, last["at"] + rng.randrange(600, 2 * DAY))
                if closed_at < now_at - 60:
                    plan["close"] = (staff, closed_at)
    if plan["close"] is None:
        if rng.random() < 0.55:
            plan["assign"] = staff
            if rng.random() < 0.6:
                due_day = today + timedelta(days=rng.choice((-2, -1, 0, 0, 1, 2, 4)))
                plan["due"] = at_hour(due_day, DUE_HOUR)
        if rng.random() < 0.06:
            plan["snooze"] = at_hour(today + timedelta(days=rng.randrange(1, 5)), SNOOZE_HOUR)
    if topic in ("refund", "cafe_complaint") and rng.random() < 0.5:
        plan["label"] = "complaint"
    if topic == "wholesale":
        plan["label"] = "wholesale-lead"
    return plan


# A complaint's stars, by the 1–5 drawn for it: a review that says "rude service" is
# rated one or two, never four beside its red "negative" mark.
COMPLAINT_STARS = (1, 2, 1, 2, 1)


def _feed_plans(rng, first_day, now_at) -> list[dict]:
    plans = []
    reviewers = [f"{rng.choice(FIRST)} {rng.choice(LAST)[0]}." for _ in range(60)]
    for number in range(140):
        day = first_day + timedelta(days=rng.randrange(HISTORY_DAYS + 1))
        at = earlier_day_if_ahead(
            day, POSTED_FROM, rng.randrange((POSTED_UNTIL - POSTED_FROM) * 3600), now_at)
        if rng.random() < 0.35:
            text = rng.choice(SOCIAL_TEXT["competitor"])
            account, title = FEED_ACCOUNTS[1], "r/coffee mention"
            meta = {}
        else:
            topic = rng.choice(["praise", "praise", "praise", "cafe_complaint", "late_order"])
            text = rng.choice(SOCIAL_TEXT[topic])
            # Drawn as before (not for praise), so the rest of the demo stays the same.
            stars = COMPLAINT_STARS[rng.randint(1, 5) - 1] if topic != "praise" else 5
            account, title = FEED_ACCOUNTS[0], f"{stars}★ review"
            meta = {"rating": {"value": stars, "best": 5}}  # as review feeds give it
        author = rng.choice(reviewers)
        own = random.Random(rng.getrandbits(40))  # as for a customer's plan
        thread = f"demo:feed:{number}"
        plan = {
            "messages": [{
                "kind": "feed", "id": thread, "text": text, "at": at, "title": title,
                "thread": thread, "account": account, "author": author,
                "url": f"https://reviews.example/harbour-lane/{number}", "meta": meta,
            }],
            "assign": None, "due": None, "snooze": None, "label": None,
            "close": (own.choice(STAFF),
                      in_shop_hours(own, at + own.randrange(3600, 3 * DAY)))
            if now_at - at > 14 * DAY or (now_at - at > 5 * DAY and own.random() < 0.8)
            else None,
        }
        plans.append(plan)
    for account in FEED_ACCOUNTS:  # the newest review and mention wait for the shop
        newest = max((plan for plan in plans if plan["messages"][0]["account"] == account),
                     key=lambda plan: plan["messages"][0]["at"])
        newest["close"] = None
    return plans


def _merge_person(store: Store, person: DemoCustomer):
    """One customer per demo person: staff merged the identities they met separately."""
    found = []
    for identity in (person.email, person.phone, person.mastodon, person.bluesky, person.telegram):
        if not identity:
            continue
        try:
            customer = store.find_customer(identity)
        except StoreError:
            continue
        if customer.id not in [c.id for c in found]:
            found.append(customer)
    if not found:
        return None
    keep = found[0]
    for other in found[1:]:
        store.merge_customers(keep.id, other.id, staff=STAFF[0])
    return store.get_customer(keep.id)


ACCOUNT_OF_KIND = {
    "email": "hello@harbourlane.example",
    "mastodon": "@harbourlane@mastodon.social",
    "bluesky": "harbourlane.bsky.social",
    "telegram": "HarbourLaneBot",
    "phone": "Shop phone",
}
FEED_ACCOUNTS = ("Google reviews", "Reddit: coffee mentions")

# The demo's mark in its store: the accounts it made up. Only `fill(as_demo=True)` writes
# it (`inbox-app demo`, the demo window); it is no setting `inbox-app settings` or the
# window's Settings change, so a shop's own store never gets it by a slip.
MADE_UP_ACCOUNTS = "demo_made_up_accounts"


def mark_made_up(store: Store) -> None:
    """Records the accounts the demo made up, so replies on them are the demo's."""
    made_up = [*ACCOUNT_OF_KIND.values(), *FEED_ACCOUNTS]
    if sorted(store.get_setting(MADE_UP_ACCOUNTS) or []) != sorted(made_up):
        store.set_setting(MADE_UP_ACCOUNTS, made_up)


def is_made_up(store: Store, account: str) -> bool:
    """Whether `account` is one the demo made up and nobody has set up for real since: a
    reply on it cannot reach anyone, so it is recorded as the demo's, nothing sent. A real
    account of that name (added later, in any case) sends for real."""
    if not account or account not in (store.get_setting(MADE_UP_ACCOUNTS) or ()):
        return False
    try:
        store.get_account(account)
    except NotFound:
        return True
    except StoreError:  # two real accounts that name could be: real all the same
        return False
    return False


def _incoming(message: dict) -> IncomingMessage:
    kind = message["kind"]
    outbound = message.get("direction") == "out"
    if kind == "feed":
        identities = identity_refs("feed", author_name=message["author"])
        author = message["author"]
    else:
        person: DemoCustomer = message["person"]
        handle = {"mastodon": person.mastodon, "bluesky": person.bluesky,
                  "telegram": person.telegram}.get(kind)
        identities = identity_refs(
            kind,
            email=person.email if kind == "email" else None,
            phone=person.phone if kind in ("phone", "email") else None,
            handle=handle,
            followers=person.followers if handle else None,
            region="US",
        )
        author = message.get("staff") if outbound else person.name
    return IncomingMessage(
        kind=kind,
        external_id=message["id"],
        text=message["text"],
        at=message["at"],
        account=message.get("account") or ACCOUNT_OF_KIND.get(kind, ""),
        direction="out" if outbound else "in",
        thread=message["thread"],
        author_name=author or "",
        identities=identities,
        title=message.get("title"),
        url=message.get("url"),
        staff=message.get("staff") if outbound else None,
        delivery="sent" if outbound else None,
        meta={"demo": True, **message.get("meta", {})},
    )


def create_store() -> str:
    """A new demo store in its own temporary folder; returns its location."""
    import tempfile
    from pathlib import Path

    location = str(Path(tempfile.mkdtemp(prefix="inbox-app-demo-")) / "demo.db")
    store = open_store(location)
    try:
        fill(store, as_demo=True)
    finally:
        store.close()
    return location


# Internal notes that ask a colleague in (core/mentions.py): (who writes, the note).
DEMO_MENTIONS = (
    ("Theo Brandt", "@Maya can you take this one? You know them best."),
    ("Maya Okafor", "@Priya can you follow this up? I'm in the café all afternoon."),
)


def _ask_colleagues(store: Store, conversation_ids: list[int]) -> None:
    """Two open conversations where a colleague asks someone in, once per store."""
    open_ones = [conversation.id for conversation in map(store.get_conversation,
                                                         conversation_ids[-60:])
                 if conversation.status == "open"][-len(DEMO_MENTIONS):]
    for conversation_id, (author, text) in zip(open_ones, DEMO_MENTIONS, strict=False):
        if not any(note.text == text for note in store.notes(conversation_id=conversation_id)):
            store.add_note(text, conversation_id=conversation_id, staff=author)


def fill(store: Store, seed: int = 7, now_at: int | None = None, customers: int = 200,
         *, as_demo: bool = False) -> dict:
    """Writes the demo business into a store; returns what it wrote. `as_demo` (what
    `inbox-app demo` and the demo window make) marks it so, so replies on its made-up
    accounts are recorded as the demo's instead of failing; left off, the made-up shop
    stands in for a real one (tests that put a stand-in channel behind its accounts)."""
    plans = generate(seed, now_at, customers)
    if not store.get_setting("business_name"):
        store.set_setting("business_name", BUSINESS)
    store.set_setting("brand_terms", list(BRAND_TERMS))
    store.set_setting("competitor_terms", list(COMPETITOR_TERMS))
    store.set_setting("phone_region", "US")
    store.set_setting("currency", "$")
    if as_demo:
        mark_made_up(store)
    existing = {member.name for member in store.list_staff(include_inactive=True)}
    for name in STAFF:
        if name not in existing:
            store.add_staff(name)
    written = {template["name"].lower() for template in store.list_templates()}
    for name, body in TEMPLATES.items():
        if name.lower() not in written:
            store.save_template(name, body)
    items = [_incoming(message) for plan in plans for message in plan["messages"]]
    result = ingest(store, items, workers=0)
    people: dict[str, DemoCustomer] = {}
    for plan in plans:
        for message in plan["messages"]:
            if "person" in message:
                people[message["person"].name] = message["person"]
    keys = [plan["messages"][0]["thread"] for plan in plans]
    ids = store.conversation_ids_for_threads(keys)
    with store.transaction():
        for plan, key in zip(plans, keys, strict=True):
            conversation_id = ids.get(key)
            if conversation_id is None:
                continue
            conversation = store.get_conversation(conversation_id)
            if plan["label"]:
                store.label(conversation_id, plan["label"])
            if conversation.status != "open":
                continue
            if plan["close"]:
                staff, at = plan["close"]
                store.close_conversation(conversation_id, staff=staff, at=at)
            elif plan["snooze"] and conversation.awaiting_since is None:
                if plan["snooze"] > now():  # a demo made for a past hour (`demo --now`)
                    store.snooze(conversation_id, plan["snooze"], staff=plan["assign"])
            elif plan["assign"]:
                store.assign(conversation_id, plan["assign"], due_at=plan["due"],
                             staff=STAFF[0])
        for person in people.values():
            customer = _merge_person(store, person)
            if customer is None:
                continue
            for tag in person.tags:
                store.tag_customer(customer.id, tag, staff=STAFF[0])
            if person.value:
                store.set_customer_value(customer.id, person.value, staff=STAFF[0])
    _ask_colleagues(store, [ids[key] for key in keys if key in ids])
    # Saved after the history: they act on what arrives from now on (a call logged in the
    # demo, say), as a shop's new rules would.
    if not store.list_rules():
        for rule in DEMO_RULES:
            store.save_rule(rule, staff=STAFF[0])
    return {"messages": result.imported, "duplicates": result.duplicates,
            "conversations": len(ids), "customers": len(people)}
