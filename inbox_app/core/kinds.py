"""Channel kinds and the families the channel-mix ratios are computed over."""

KINDS = ("email", "mastodon", "bluesky", "telegram", "feed", "phone")
FAMILIES = ("email", "social", "phone")

FAMILY_OF_KIND = {
    "email": "email",
    "mastodon": "social",
    "bluesky": "social",
    "telegram": "social",
    "feed": "social",
    "phone": "phone",
}

KIND_LABELS = {
    "email": "Email",
    "mastodon": "Mastodon",
    "bluesky": "Bluesky",
    "telegram": "Telegram",
    "feed": "Feeds & reviews",
    "phone": "Phone",
}


def family_of(kind: str) -> str:
    return FAMILY_OF_KIND[kind]
