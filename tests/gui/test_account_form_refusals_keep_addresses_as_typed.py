"""A refusal in the account form that starts with what was typed shows it as typed: an
address is not capitalized into one that means something else ("Http://…")."""

from __future__ import annotations

import pytest

from inbox_app.gui.account_forms import FormError, build_setup


def test_a_plain_http_feed_address_is_named_as_typed(accounts_dialog, qtbot):
    accounts_dialog.start_add("feed")
    accounts_dialog.set_field("name", "Reviews")
    accounts_dialog.set_field("--url", "http://reviews.example/feed")
    with qtbot.waitSignal(accounts_dialog.tested) as tested:
        accounts_dialog.ui.saveButton.click()
    text, ok = tested.args
    assert not ok
    assert text.startswith("http://reviews.example/feed uses plain http; use https://"), text
    assert accounts_dialog.ui.editResult.text() == text


@pytest.mark.parametrize("message, shown", [
    ("reviews.example answered 404.", "reviews.example answered 404."),
    ("the feed is empty", "The feed is empty."),
    ("'x' is not a web address", "'x' is not a web address."),
])
def test_only_words_are_capitalized(monkeypatch, message, shown):
    from inbox_app.sources import SourceError, feeds

    def refuse(_args):
        raise SourceError(message)

    monkeypatch.setattr(feeds, "account_config", refuse)
    with pytest.raises(FormError) as refused:
        build_setup("feed", "Reviews", {"--url": "https://reviews.example/feed"})
    assert str(refused.value) == shown


def test_test_connection_names_the_server_as_typed(monkeypatch):
    """Test connection's answer is the channel's own sentence: it read "Mastodon.social
    refused the access token", another server's name."""
    from inbox_app import accounts
    from inbox_app.gui.account_work import ConnectionProblem, verify
    from inbox_app.sources import SourceError

    def refused(*_args):
        raise SourceError("mastodon.social refused the access token")

    monkeypatch.setattr(accounts, "check_sign_in", refused)
    with pytest.raises(ConnectionProblem) as problem:
        verify("mastodon", {"server": "https://mastodon.social"}, "token")
    assert str(problem.value) == "mastodon.social refused the access token."
