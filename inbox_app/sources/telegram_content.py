"""What a Telegram message shows, in words: its text or caption with hidden links written
out, what it holds besides (`[photo]`, `[place: …]`), whose words a forward carries, and
which messages are Telegram's own notes of something done in a chat rather than said,
and an album's parts read as the one message the customer sent. A part of sources/telegram.py, kept apart so that module stays readable."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from inbox_app.core.models import IncomingMessage


def utf16_slice(text: str, offset: int, length: int) -> str:
    data = text.encode("utf-16-le")
    return data[offset * 2:(offset + length) * 2].decode("utf-16-le", errors="replace")


def with_hidden_links(text: str, entities: Any) -> str:
    """Links hidden behind words (`text_link`) are written out after the words."""
    links = [e for e in entities or [] if isinstance(e, dict) and e.get("type") == "text_link"
             and isinstance(e.get("offset"), int) and isinstance(e.get("length"), int)
             and isinstance(e.get("url"), str)]
    if not links:
        return text
    data = text.encode("utf-16-le")
    parts, position = [], 0
    for entity in sorted(links, key=lambda e: e["offset"]):
        end = entity["offset"] + entity["length"]
        if entity["offset"] < position or end * 2 > len(data):
            continue
        parts.append(utf16_slice(text, position, end - position))
        parts.append(f" ({entity['url']})")
        position = end
    parts.append(data[position * 2:].decode("utf-16-le", errors="replace"))
    return "".join(parts)


def words_of(message: dict[str, Any]) -> str:
    """What the customer wrote: the text, or a caption, with hidden links written out."""
    words = message.get("text")
    entities = message.get("entities")
    if words is None:
        words, entities = message.get("caption"), message.get("caption_entities")
    return with_hidden_links(words if isinstance(words, str) else "",
                             entities if isinstance(entities, list) else []).strip()


# Message fields by which Telegram reports something done in a chat (Bot API "service
# messages"): pinning, timers, payments, shared contacts' ids, members… — nobody wrote them.
SERVICE_FIELDS = frozenset({
    "new_chat_members", "left_chat_member", "new_chat_title", "new_chat_photo",
    "delete_chat_photo", "group_chat_created", "supergroup_chat_created",
    "channel_chat_created", "message_auto_delete_timer_changed", "migrate_to_chat_id",
    "migrate_from_chat_id", "pinned_message", "successful_payment", "refunded_payment",
    "users_shared", "chat_shared", "gift", "unique_gift", "connected_website",
    "write_access_allowed", "passport_data", "proximity_alert_triggered", "boost_added",
    "chat_background_set", "checklist_tasks_done", "checklist_tasks_added",
    "direct_message_price_changed", "forum_topic_created", "forum_topic_edited",
    "forum_topic_closed", "forum_topic_reopened", "general_forum_topic_hidden",
    "general_forum_topic_unhidden", "giveaway_created", "giveaway_completed",
    "paid_message_price_changed", "video_chat_scheduled", "video_chat_started",
    "video_chat_ended", "video_chat_participants_invited", "web_app_data",
})
DICE_GAMES = {"🎲": "dice", "🎯": "darts", "🏀": "basketball", "⚽": "football",
              "🎳": "bowling", "🎰": "slot machine"}
UNKNOWN_CONTENT = "[a kind of message the app cannot show; see it in Telegram]"


def attachment_of(message: dict[str, Any]) -> str | None:
    if message.get("photo"):
        return "[photo]"
    if isinstance(message.get("sticker"), dict):
        return f"[sticker {message['sticker'].get('emoji', '')}]".replace(" ]", "]")
    if isinstance(message.get("voice"), dict):
        return "[voice message]"
    if isinstance(message.get("video_note"), dict):
        return "[video message]"
    if isinstance(message.get("video"), dict):
        return "[video]"
    if isinstance(message.get("animation"), dict):
        return "[animation]"
    if isinstance(message.get("audio"), dict):
        return "[audio]"
    if isinstance(message.get("document"), dict):
        return f"[file: {message['document'].get('file_name') or 'document'}]"
    if isinstance(message.get("venue"), dict):
        venue = message["venue"]
        named = ", ".join(str(venue.get(k) or "").strip() for k in ("title", "address")
                          if str(venue.get(k) or "").strip())
        return f"[place: {named}]" if named else "[place]"
    if isinstance(message.get("location"), dict):
        place = message["location"]
        return f"[location: {place.get('latitude')}, {place.get('longitude')}]"
    if isinstance(message.get("contact"), dict):
        contact = message["contact"]
        return f"[contact: {contact.get('first_name', '')} {contact.get('phone_number', '')}]"
    if isinstance(message.get("poll"), dict):
        return f"[poll: {message['poll'].get('question', '')}]"
    if isinstance(message.get("dice"), dict):
        dice = message["dice"]
        # In words: the stored text is what is scored, and VADER reads 🎲 as "game die".
        game = DICE_GAMES.get(str(dice.get("emoji") or ""), "dice")
        return f"[{game}: {dice['value']}]" if isinstance(dice.get("value"), int) else f"[{game}]"
    for field, label in (("story", "[story]"), ("paid_media", "[paid photo or video]"),
                         ("giveaway", "[giveaway]")):
        if isinstance(message.get(field), dict):
            return label
    for field, label in (("game", "game"), ("invoice", "invoice"), ("checklist", "checklist")):
        if isinstance(message.get(field), dict):
            title = str(message[field].get("title") or "").strip()
            return f"[{label}: {title}]" if title else f"[{label}]"
    return None


def author_name(user: dict[str, Any]) -> str:
    return " ".join(str(user.get(k) or "").strip() for k in ("first_name", "last_name")).strip()


def forwarded_from(message: dict[str, Any]) -> str | None:
    """`[forwarded from …]` for a message the customer forwarded (Bot API `forward_origin`):
    the words are someone else's — a courier's, another shop's, the shop's own channel's."""
    origin = message.get("forward_origin")
    if not isinstance(origin, dict):
        return None
    sender = origin.get("sender_user")
    chat = origin.get("sender_chat") if isinstance(origin.get("sender_chat"), dict) \
        else origin.get("chat")
    if isinstance(sender, dict):
        name = author_name(sender) or str(sender.get("username") or "")
    elif isinstance(chat, dict):
        name = str(chat.get("title") or "").strip() or author_name(chat)
    else:
        name = str(origin.get("sender_user_name") or "").strip()
    return f"[forwarded from {name}]" if name else "[forwarded]"


def shown_parts(message: dict[str, Any]) -> tuple[str | None, str, str | None]:
    """(whose words a forward carries, the words, what it holds besides): a message's text
    is these on lines of their own."""
    words = words_of(message)
    return forwarded_from(message), words, attachment_of(message) or (
        None if words else UNKNOWN_CONTENT)


def albums_as_one(items: list[IncomingMessage],
                  parts: dict[str, tuple[str | None, str, str | None]],
                  ) -> tuple[list[IncomingMessage], int]:
    """Photos, videos or files sent at once (an album, `media_group_id`) are one message in
    the customer's chat, its caption on any one of them, but each its own message in the
    Bot API: stored so, the last bare `[photo]` was the conversation's preview and its
    feeling, and an angry caption hid behind it. Those read together become the first of
    them, holding every caption and attachment; how many were joined is returned too."""
    albums: dict[tuple[Any, str], list[int]] = {}
    for place, item in enumerate(items):
        album = item.meta.get("album")
        if album is not None:
            albums.setdefault((item.meta["chat_id"], album), []).append(place)
    joined: set[int] = set()
    for places in albums.values():
        if len(places) < 2:
            continue
        places.sort(key=lambda place: items[place].meta["message_id"])
        shown = [parts[items[place].external_id] for place in places]
        held: dict[str, int] = {}
        for _forward, _words, attachment in shown:
            if attachment:
                held[attachment] = held.get(attachment, 0) + 1
        lines = [*dict.fromkeys(forward for forward, _, _ in shown if forward),
                 *(words for _, words, _ in shown if words),
                 *(f"{attachment} ×{count}" if count > 1 else attachment
                   for attachment, count in held.items())]
        first = items[places[0]]
        refs = tuple(dict.fromkeys(ref for place in places for ref in items[place].refs))
        items[places[0]] = replace(first, text="\n".join(lines), refs=refs,
                                   at=min(items[place].at for place in places))
        joined.update(places[1:])
    if not joined:
        return items, 0
    return [item for place, item in enumerate(items) if place not in joined], len(joined)
