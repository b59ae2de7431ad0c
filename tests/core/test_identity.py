import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from inbox_app.core.identity import (
    IdentityError,
    format_phone,
    identity_refs,
    locale_region,
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


def test_a_number_kept_as_its_digits_is_shown_as_kept():
    """0151… cannot be made international for the US: "+1 01512345678" would read back as
    another number (+101512345678)."""
    kept = normalize_phone("0151 2345678", "US")
    assert kept == "01512345678"
    assert format_phone(kept, "US") == "01512345678"
    assert format_phone("+123", "US") == "+123"


@given(raw=st.from_regex(r"\A\+?[0-9][0-9 ()-]{2,17}\Z"),
       region=st.sampled_from(["US", "GB", "DE", "FR", "IT", "BR", "PH", "AU"]))
@example(raw="0151 2345678", region="US")
@example(raw="+630063917710", region="CA")  # E.164 "+63063917710" reads as +6363917710
@example(raw="0905-09541501", region="BR")  # reading again drops a carrier code
@example(raw="+39 06 1234 5678", region="US")  # Italy keeps its leading zero
def test_a_shown_number_reads_back_as_the_same_identity(raw, region):
    """What a customer's number is shown and exported as is typed and imported back."""
    try:
        stored = normalize_phone(raw, region)
    except IdentityError:
        assume(False)
    assert normalize_phone(format_phone(stored, region), region) == stored


def test_a_bare_handle_belongs_to_the_messages_network():
    (ref,) = identity_refs("bluesky", handle="@Ann.bsky.social", followers=12)
    assert (ref.kind, ref.value, ref.followers) == ("bluesky", "ann.bsky.social", 12)
    (ref,) = identity_refs("email", handle="ann")
    assert ref.kind == "handle"


def test_a_feed_author_is_an_identity_only_when_nothing_better_is_known():
    (ref,) = identity_refs("feed", author_name="Jo B.")
    assert (ref.kind, ref.value) == ("feed", "jo b.")
    assert [r.kind for r in identity_refs("feed", author_name="Jo", email="jo@x.org")] == ["email"]


@pytest.mark.parametrize("environ, region", [
    ({"LANG": "de_DE.UTF-8"}, "DE"),
    ({"LANG": "en_GB.UTF-8", "LC_TELEPHONE": "fr_CH.UTF-8"}, "CH"),
    ({"LC_ALL": "pt_BR", "LANG": "de_DE.UTF-8"}, "BR"),
    ({"LANG": "sr_RS@latin"}, "RS"),
    ({"LANG": "C.UTF-8"}, None),
    ({"LANG": "POSIX"}, None),
    ({}, None),
])
def test_the_region_a_computers_locale_names(environ, region):
    assert locale_region(environ) == region


@pytest.mark.parametrize("region", ["US", "CA", "GB", "DE"])
def test_a_number_dialled_abroad_with_00_is_the_same_number_in_any_region(region):
    """A US shop stored "0044 20 7946 0958" as the digits 00442079460958: a customer
    apart from the one who wrote "+44 20 7946 0958" (the US dials abroad with 011)."""
    assert normalize_phone("0044 20 7946 0958", region) == "+442079460958"
    assert normalize_phone("00 49 30 1234567", region) == "+49301234567"


def test_zeros_that_are_no_number_abroad_stay_digits():
    assert normalize_phone("0000 1234", "US") == "00001234"
