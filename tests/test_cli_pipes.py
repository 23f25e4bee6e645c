"""Output into a pipe whose reader has gone (`fardplan list | head -1`) ends quietly, with exit 0."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import PROJECT_ROOT


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


def _into_a_closed_pipe(*args: str) -> subprocess.CompletedProcess[bytes]:
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run([sys.executable, "-m", "fardplan_cli", *args], stdout=write_end,
                              stderr=subprocess.PIPE, check=False)
    finally:
        os.close(write_end)


@pytest.mark.skipif(sys.platform == "win32", reason="a closed pipe behaves differently on Windows")
def test_version_into_a_closed_pipe_is_not_an_error() -> None:
    completed = _into_a_closed_pipe("--version")
    assert (completed.returncode, completed.stderr) == (0, b"")


@pytest.mark.skipif(sys.platform == "win32", reason="a closed pipe behaves differently on Windows")
def test_diff_exit_code_says_there_are_changes_even_into_a_closed_pipe(plan_repo: Path) -> None:
    path = plan_repo / "plans" / "sodertalje.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("status: planned", "status: ongoing", 1),
                    encoding="utf-8")
    for fmt in ("text", "json"):
        changed = _into_a_closed_pipe("--repo", str(plan_repo), "diff", "HEAD", "--exit-code",
                                      "--format", fmt)
        assert (changed.returncode, changed.stderr) == (1, b""), changed.stderr
        plain = _into_a_closed_pipe("--repo", str(plan_repo), "diff", "HEAD", "--format", fmt)
        assert (plain.returncode, plain.stderr) == (0, b""), plain.stderr


def test_the_language_of_a_usage_error_skips_the_values_of_root_options(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from fardplan_cli.cli.usage import requested_language

    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    assert requested_language(["--repo", ".", "--lang", "sv", "list", "--bogus"]) == "sv"
    assert requested_language(["--repo", "sv", "--lang=en", "show"]) == "en"
    assert requested_language(["--repo", "--lang", "list"]) == "en"  # --lang is --repo's value
    monkeypatch.setenv("LC_ALL", "sv_SE.UTF-8")
    assert requested_language(["--repo", "--lang", "list"]) == "sv"  # so the locale's
    assert requested_language(["list", "--lang", "en"]) == "sv"  # after the command: not a root option
