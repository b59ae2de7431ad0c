"""`inbox-app --help | head -0` (a reader that stopped before the help was written) exited
0, as if the help had been read, while every command writes into such a pipe as a shell
reports it: 141, quietly. argparse dropped the broken pipe without a word; the help, a
command's help and the version now end as the commands do. And a command whose output
was still buffered when it ended (stdout into a pipe is, unless PYTHONUNBUFFERED) exited
120 with Python's "Exception ignored … BrokenPipeError" on stderr."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def into_a_closed_pipe(*args: str, buffered: bool = True) -> subprocess.CompletedProcess:
    environment = {key: value for key, value in os.environ.items()
                   if key != "PYTHONUNBUFFERED" or not buffered}
    reading, writing = os.pipe()
    os.close(reading)  # the reader is gone before anything is written
    try:
        return subprocess.run([sys.executable, "-m", "inbox_app", *args], stdout=writing,
                              stderr=subprocess.PIPE, text=True, cwd=ROOT, timeout=120,
                              env=environment)
    finally:
        os.close(writing)


@pytest.mark.parametrize("buffered", [True, False])
@pytest.mark.parametrize("args", [("--help",), ("queue", "--help"), ("rule", "add", "-h"),
                                  ("--version",)])
def test_help_into_a_closed_pipe_ends_as_commands_do(args, buffered):
    done = into_a_closed_pipe(*args, buffered=buffered)
    assert (done.returncode, done.stderr) == (141, "")


@pytest.mark.parametrize("buffered", [True, False])
@pytest.mark.parametrize("args", [("settings",), ("stats", "--json"), ("queue",)])
def test_a_command_into_a_closed_pipe_ends_quietly(args, buffered):
    done = into_a_closed_pipe(*args, buffered=buffered)  # the data folder's store
    assert (done.returncode, done.stderr) == (141, "")


def test_a_mistake_still_says_so_when_the_output_is_closed():
    done = into_a_closed_pipe("queue", "--order", "sideways")
    assert done.returncode == 2
    assert "invalid choice: 'sideways'" in done.stderr
