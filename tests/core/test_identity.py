import pytest

from inbox_app.core.identity import (
    IdentityError,
    format_phone,
    identity_refs,
    normalize_email,
    normalize_handle,
    normalize_phone,
)


def test_email_is_lowercased_and_taken_out_of_a_display_name():
    assert normalize_email("Ann Smith <Ann.Smith@Example.COM>") == "ann.smith@example.com"
    assert normalize_email("  BOB@x.org ") == "bob@x.org"


def test_an_email_without_at_is_refused():
    with pytest.raises(IdentityError):
        normalize_email("not an address")


def test_handles_lose_the_leading_at_and_case():
    assert normalize_handle("@Alice@Mastodon.Social") == "alice@mastodon.social"
    assert normalize_handle("Bob.bsky.social") == "bob.bsky.social"


@pytest.mark.parametrize(
    "raw,region,expected",
    [
        ("(207) 555-0142", "US", "+12075550142"),
        ("+1 207 555 0142", "GB", "+12075550142"),
        ("020 7946 0018", "GB", "+442079460018"),
        ("+44 20 7946 0018", "US", "+442079460018"),
    ],
)
def test_phone_numbers_become_e164(raw, region, expected):
    assert normalize_phone(raw, region) == expected


def test_an_unparseable_phone_keeps_its_digits_so_it_still_matches_itself():
    assert normalize_phone("ext 12345", "US") == normalize_phone("ext. 12345", "US")


def test_phone_formats_nationally_at_home_and_internationally_abroad():
    assert format_phone("+12075550142", "US") == "(207) 555-0142"
    assert format_phone("+442079460018", "US").startswith("+44 20")


def test_a_bare_handle_belongs_to_the_messages_network():
    (ref,) = identity_refs("bluesky", handle="@Ann.bsky.social", followers=12)
    assert (ref.kind, ref.value, ref.followers) == ("bluesky", "ann.bsky.social", 12)
    (ref,) = identity_refs("email", handle="ann")
    assert ref.kind == "handle"


def test_a_feed_author_is_an_identity_only_when_nothing_better_is_known():
    (ref,) = identity_refs("feed", author_name="Jo B.")
    assert (ref.kind, ref.value) == ("feed", "jo b.")
    assert [r.kind for r in identity_refs("feed", author_name="Jo", email="jo@x.org")] == ["email"]
