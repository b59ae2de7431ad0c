"""The `inbox-app` command (also `python -m inbox_app` and the bundle's program).

The garbage collector is off while the app starts: importing and building the window
makes some 40,000 objects that live as long as the app and frees almost none, and
collecting as they came cost a few hundredths of a second of every start. The window
turns it back on once it is up (gui.app.keep_the_event_loop_moving); a command, before
it runs (cli.main).

The bundle (build_spec.py) starts its helper processes — scoring a bulk import, the
window's parsing (sources/parse_worker.py) — as itself: `freeze_support` turns such a
start into the helper instead of a second app.
"""

import gc
import sys


def run() -> int:
    gc.disable()
    if getattr(sys, "frozen", False):
        import multiprocessing

        multiprocessing.freeze_support()
    from inbox_app.cli import main

    return main()


if __name__ == "__main__":  # worker processes re-import this module; only the parent runs
    raise SystemExit(run())
