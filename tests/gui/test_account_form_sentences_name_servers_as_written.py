"""The account form says a channel's refusal as the command line does, with the server it
names as written: "Reviews.example's certificate…" or "Imap.shop.example:993…" named a
server that does not exist (the form's own rule missed a possessive and a port)."""

from __future__ import annotations

import pytest

from inbox_app.gui.account_forms import FormError, build_setup


@pytest.mark.parametrize("message", [
    "reviews.example's security certificate could not be verified.",
    "imap.shop.example:993 did not answer in time.",
    "mastodon.social refused the sign-in.",
])
def test_a_refusal_that_starts_with_a_server_names_it_as_written(monkeypatch, message):
    from inbox_app.sources import SourceError, feeds

    def refuse(_args):
        raise SourceError(message)

    monkeypatch.setattr(feeds, "account_config", refuse)
    with pytest.raises(FormError) as refused:
        build_setup("feed", "Reviews", {"--url": "https://reviews.example/feed"})
    assert str(refused.value) == message
