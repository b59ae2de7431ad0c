"""The server stops letting this computer's login in while the window is open (the
password changed, the login disabled): the banner says the server refused, not that it
cannot be reached, and the window comes back by itself once the login works again."""

from __future__ import annotations

import os
from urllib.parse import urlsplit, urlunsplit

import pytest

from tests.gui.conftest import settle

pytestmark = pytest.mark.postgres


@pytest.fixture
def clerk_location(pg_demo_location, pg_databases):
    """The demo shop reached as a login of its own, which the test can refuse."""
    role = f"clerk_{os.getpid()}"
    admin = pg_databases.admin
    admin.execute(f'CREATE ROLE "{role}" LOGIN SUPERUSER')
    parts = urlsplit(pg_demo_location)
    yield role, urlunsplit(parts._replace(netloc=f"{role}@127.0.0.1:{parts.port}"))
    admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s",
                  (role,))
    admin.execute(f'DROP ROLE IF EXISTS "{role}"')


def test_a_refused_login_is_called_refused_and_the_window_comes_back(
        make_window, clerk_location, pg_databases, qtbot):
    role, url = clerk_location
    window = make_window(url)
    pg_databases.admin.execute(f'ALTER ROLE "{role}" NOLOGIN')
    with qtbot.waitSignal(window.went_offline, timeout=15000):
        window.connection.check_now()
    banner = window.ui.offlineText.text()
    assert banner.startswith(f"The database server refused postgresql://{role}@127.0.0.1"), banner
    assert "not permitted to log in" in banner and "Cannot reach" not in banner
    with qtbot.waitSignal(window.came_back, timeout=15000):
        pg_databases.admin.execute(f'ALTER ROLE "{role}" LOGIN')
    assert not window.ui.offlineBanner.isVisible()
    settle(qtbot, window)
