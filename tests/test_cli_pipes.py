"""Output that cannot be written: a reader that went away, a full disk, a closed standard output.

Each case runs the installed program with its standard output as the case has it: a pipe whose
reader is gone, /dev/full, no descriptor at all. A reader that went away (`| head -1`) has what it
wanted: the status is the command's own (1 for plans with problems, never 0 because the pipe
closed). Any other failure is one message and status 1, without a traceback.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.support import PROJECT_ROOT

POSIX = pytest.mark.skipif(sys.platform == "win32", reason="/dev/full and closing a descriptor are POSIX")


def _program() -> list[str]:
    installed = Path(sys.executable).with_name("fardplan")
    return [str(installed)] if installed.exists() else [sys.executable, "-m", "fardplan_cli"]


def _run(*args: str, **how: Any) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "LANG": "C.UTF-8", "COLUMNS": "200", "NO_COLOR": "1"}
    env.pop("FARDPLAN_REPO", None)
    env.pop("LC_ALL", None)
    return subprocess.run([*_program(), *args], stderr=subprocess.PIPE, env=env, check=False, **how)


def into_a_closed_pipe(*args: str) -> subprocess.CompletedProcess[bytes]:
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first byte is written
    try:
        return _run(*args, stdout=write_end)
    finally:
        os.close(write_end)


def into_a_pipe_read_for_one_line(*args: str) -> tuple[subprocess.CompletedProcess[bytes], bytes]:
    """As `fardplan ARGS | head -1`: the reader takes one line and goes."""
    read_end, write_end = os.pipe()
    with os.fdopen(read_end, "rb") as reader:
        process = subprocess.Popen([*_program(), *args], stdout=write_end, stderr=subprocess.PIPE,
                                   env={**os.environ, "LANG": "C.UTF-8", "COLUMNS": "200"})
        os.close(write_end)
        first = reader.readline()
    stderr = process.stderr.read() if process.stderr is not None else b""
    process.wait()
    if process.stderr is not None:
        process.stderr.close()
    return subprocess.CompletedProcess(process.args, process.returncode, b"", stderr), first


def into_dev_full(*args: str) -> subprocess.CompletedProcess[bytes]:
    with Path("/dev/full").open("wb") as full:
        return _run(*args, stdout=full)


def with_stdout_closed(*args: str) -> subprocess.CompletedProcess[bytes]:
    return _run(*args, stdout=subprocess.DEVNULL, preexec_fn=lambda: os.close(1))


@pytest.fixture
def broken_plans(plan_dir: Path) -> Path:
    """The shipped plans with errors in more lines than a pipe's reader takes."""
    for name in ("haninge.yaml", "sodertalje.yaml"):
        path = plan_dir / "plans" / name
        path.write_text(path.read_text(encoding="utf-8").replace("status: planned", "status: someday"),
                        encoding="utf-8")
    return plan_dir


@POSIX
@pytest.mark.parametrize("fmt", ["text", "github", "json"])
def test_validate_keeps_its_status_when_the_reader_goes(broken_plans: Path, fmt: str) -> None:
    completed, first = into_a_pipe_read_for_one_line("--repo", str(broken_plans), "validate",
                                                     "--format", fmt)
    assert first  # the reader had its line
    assert completed.returncode == 1, completed.stderr
    assert b"Traceback" not in completed.stderr
    closed = into_a_closed_pipe("--repo", str(broken_plans), "validate", "--format", fmt)
    assert closed.returncode == 1 and b"Traceback" not in closed.stderr


@POSIX
@pytest.mark.parametrize(("command", "fmt"), [("list", "csv"), ("list", "markdown"), ("export", "json")])
def test_a_closed_pipe_is_not_an_error(command: str, fmt: str) -> None:
    completed = into_a_closed_pipe("--repo", str(PROJECT_ROOT), command, "--format", fmt)
    assert (completed.returncode, completed.stderr) == (0, b"")


@POSIX
def test_version_into_a_closed_pipe_is_not_an_error() -> None:
    completed = into_a_closed_pipe("--version")
    assert (completed.returncode, completed.stderr) == (0, b"")


@POSIX
def test_diff_exit_code_says_there_are_changes_even_into_a_closed_pipe(plan_repo: Path) -> None:
    path = plan_repo / "plans" / "sodertalje.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("status: planned", "status: ongoing", 1),
                    encoding="utf-8")
    for fmt in ("text", "json"):
        changed = into_a_closed_pipe("--repo", str(plan_repo), "diff", "HEAD", "--exit-code",
                                     "--format", fmt)
        assert (changed.returncode, changed.stderr) == (1, b""), changed.stderr
        plain = into_a_closed_pipe("--repo", str(plan_repo), "diff", "HEAD", "--format", fmt)
        assert (plain.returncode, plain.stderr) == (0, b""), plain.stderr


FAILED_OUTPUT = [
    ("--version",),
    ("--help",),
    ("list", "--core", "sodertalje"),
    ("list", "--format", "json"),
    ("validate",),
    ("report", "status", "--format", "csv"),
]


@POSIX
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
@pytest.mark.parametrize("args", FAILED_OUTPUT)
def test_a_full_disk_is_one_message_and_status_1(args: tuple[str, ...]) -> None:
    completed = into_dev_full("--repo", str(PROJECT_ROOT), *args)
    assert completed.returncode == 1
    assert completed.stderr.decode("utf-8").splitlines()[-1] == (
        "fardplan: the output could not be written: No space left on device")
    assert b"Traceback" not in completed.stderr


@POSIX
@pytest.mark.parametrize("args", FAILED_OUTPUT)
def test_a_closed_stdout_is_one_message_and_status_1(args: tuple[str, ...]) -> None:
    completed = with_stdout_closed("--repo", str(PROJECT_ROOT), *args)
    assert completed.returncode == 1
    assert completed.stderr.decode("utf-8").splitlines()[-1] == (
        "fardplan: the output could not be written: standard output is closed")


@POSIX
def test_the_message_is_in_the_language_of_the_run() -> None:
    completed = with_stdout_closed("--repo", str(PROJECT_ROOT), "--lang", "sv", "cores")
    assert completed.stderr.decode("utf-8").splitlines()[-1] == (
        "fardplan: utdata kunde inte skrivas: standardutmatningen är stängd")


@POSIX
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_new_into_a_full_disk_says_the_edit_is_made_and_fails(plan_repo: Path) -> None:
    """The initiative is written (and committed) before its reference is printed: a failure to
    print it does not undo the edit. stderr names the edit first, then the failure, so that the
    user does not add it a second time; the status says the command did not do all it was asked."""
    core = plan_repo / "plans" / "sodertalje.yaml"
    before = core.read_bytes()
    completed = into_dev_full("--repo", str(plan_repo), "new", "--core", "sodertalje", "--area", "1",
                              "--title", "Ny insats", "--lead", "sodertalje-kommun", "--commit")
    lines = completed.stderr.decode("utf-8").splitlines()
    assert completed.returncode == 1, lines
    assert lines[0].startswith("plans/sodertalje.yaml: ") and "(commit " in lines[0]
    assert lines[-1].startswith("fardplan: sodertalje:1.")
    assert lines[-1].endswith(" was written, but its reference could not be printed: No space left on device")
    assert core.read_bytes() != before
    assert "Ny insats" in core.read_text(encoding="utf-8")
    status = subprocess.run(["git", "status", "--porcelain"], cwd=plan_repo, capture_output=True,
                            text=True, check=True).stdout
    assert status == ""  # the commit was made too


@POSIX
def test_a_refused_edit_into_a_full_disk_changes_nothing(plan_dir: Path) -> None:
    core = plan_dir / "plans" / "sodertalje.yaml"
    before = core.read_bytes()
    completed = into_dev_full("--repo", str(plan_dir), "new", "--core", "sodertalje", "--area", "99",
                              "--title", "x")
    assert completed.returncode == 2
    assert core.read_bytes() == before


def test_the_installed_program_is_the_one_tested() -> None:
    assert shutil.which(_program()[0]) is not None


def test_diff_exit_code_keeps_1_for_differs_and_errors_above_it(plan_repo: Path) -> None:
    """As `git diff --exit-code`: 0 the same, 1 they differ, an error above 1."""
    core = plan_repo / "plans" / "sodertalje.yaml"
    text = core.read_text(encoding="utf-8")
    assert _run("--repo", str(plan_repo), "diff", "HEAD", "--exit-code", stdout=subprocess.DEVNULL).returncode == 0
    core.write_text(text.replace("status: planned", "status: ongoing", 1), encoding="utf-8")
    assert _run("--repo", str(plan_repo), "diff", "HEAD", "--exit-code", stdout=subprocess.DEVNULL).returncode == 1
    core.write_text(text.replace("status: planned", "status: someday", 1), encoding="utf-8")
    broken = _run("--repo", str(plan_repo), "diff", "HEAD", "--exit-code", stdout=subprocess.DEVNULL)
    assert broken.returncode == 2, broken.stderr  # the plans' problems: an error, not "differs"
    assert b"problem" in broken.stderr
    plain = _run("--repo", str(plan_repo), "diff", "HEAD", stdout=subprocess.DEVNULL)
    assert plain.returncode == 1  # without --exit-code, the plans' problems are 1 as everywhere
    unknown = _run("--repo", str(plan_repo), "diff", "no-such-revision", "--exit-code", stdout=subprocess.DEVNULL)
    assert unknown.returncode == 2


@POSIX
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_diff_exit_code_into_a_full_disk_is_an_error_not_differs(plan_repo: Path) -> None:
    core = plan_repo / "plans" / "sodertalje.yaml"
    core.write_text(core.read_text(encoding="utf-8").replace("status: planned", "status: ongoing", 1),
                    encoding="utf-8")
    assert into_dev_full("--repo", str(plan_repo), "diff", "HEAD", "--exit-code").returncode == 2
    assert into_dev_full("--repo", str(plan_repo), "diff", "HEAD").returncode == 1
