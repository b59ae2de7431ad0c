"""The Mastodon server as people paste it: the shop's handle (`@shop@mastodon.social`) or
its profile's address name the server; a space or a sign-in name inside an address is no
server. `@shop@mastodon.social` was stored as `https://@shop@mastodon.social`, a profile's
address was refused as "not a Mastodon server", and `mastodon .social` was taken."""

from __future__ import annotations

import argparse
import json

import pytest

from inbox_app.sources import SourceError
from inbox_app.sources.apis import base_url
from inbox_app.sources.mastodon import server_address


@pytest.mark.parametrize("typed", [
    "mastodon.social", "https://mastodon.social/", "@shop@mastodon.social",
    "shop@mastodon.social", "https://mastodon.social/@shop", " https://mastodon.social/@shop/ ",
])
def test_the_server_is_read_from_what_people_paste(typed):
    assert server_address(typed) == "https://mastodon.social"


def test_a_server_under_a_path_keeps_it():
    assert server_address("https://example.org/social") == "https://example.org/social"


@pytest.mark.parametrize("typed", ["mastodon .social", "https://@shop@mastodon.social",
                                   "https://shop:pw@mastodon.social"])
def test_a_space_or_a_sign_in_name_in_the_address_is_refused(typed):
    with pytest.raises(argparse.ArgumentTypeError, match="is not a server's address"):
        server_address(typed)
    with pytest.raises(SourceError, match="is not a server's address"):
        base_url(typed, option="--service")


def test_the_command_line_stores_the_handle_as_its_server(run_cli):
    code, _out, err = run_cli("account", "add", "mastodon", "--name", "Shop on Mastodon",
                              "--server", "@shop@mastodon.social", "--no-check",
                              stdin="token\n")
    assert code == 0, err
    code, out, _ = run_cli("account", "list", "--json")
    (account,) = json.loads(out)
    assert account["config"]["server"] == "https://mastodon.social"
