"""Output into a pipe whose reader has gone (`fardplan list | head -1`) ends quietly, with exit 0."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import PROJECT_ROOT


@pytest.mark.skipif(sys.platform == "win32", reason="a closed pipe behaves differently on Windows")
@pytest.mark.parametrize(("command", "fmt"), [("list", "csv"), ("list", "markdown"), ("export", "json")])
def test_a_closed_pipe_is_not_an_error(command: str, fmt: str) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first byte is written
    try:
        completed = subprocess.run(
            [sys.executable, "-m", "fardplan_cli", "--repo", str(PROJECT_ROOT), command, "--format", fmt],
            stdout=write_end, stderr=subprocess.PIPE, check=False,
        )
    finally:
        os.close(write_end)
    stderr = completed.stderr.decode("utf-8")
    assert completed.returncode == 0, stderr
    assert stderr == ""
