"""Concurrent edits lose nothing; a writer killed at any moment leaves the old or the new file."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from fardplan_cli.load import load_plan_set
from fardplan_cli.repository import PlanRepository
from tests.support import run_cli
from tests.support.edit import snapshot

# A writer process: ``python -c WRITER ROOT KIND LABEL COUNT`` makes COUNT edits, one at a time,
# each through the same path as the CLI (lock, read, edit, validate, write).
WRITER = """
import sys
from fardplan_cli import edit
from fardplan_cli.repository import PlanRepository

root, kind, label, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
repository = PlanRepository(__import__("pathlib").Path(root))
print("ready", flush=True)
number = 0
while count < 0 or number < count:
    if kind == "new":
        area = int(label.split("-")[1])
        def make(plan, files, title=f"{label} {number}", area=area):
            return edit.new_initiative(plan, files, core="sodertalje", area=area, title=title)
    else:
        status = ("ongoing", "planned")[number % 2]
        def make(plan, files, status=status):
            return edit.set_status(plan, files, "sodertalje:1.3", status)
    edit.perform(repository, make)
    number += 1
"""


def _writer(root: Path, kind: str, label: str, count: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(root), kind, label, str(count)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
    )


@pytest.mark.slow  # a sweep of processes racing: .ci/run runs it
def test_two_processes_making_25_edits_each_lose_none(plan_dir: Path) -> None:
    writers = [_writer(plan_dir, "new", "area-1", 25), _writer(plan_dir, "new", "area-3", 25)]
    for writer in writers:
        _, stderr = writer.communicate(timeout=300)
        assert writer.returncode == 0, stderr
    plan = load_plan_set(PlanRepository(plan_dir).read_plan_files())
    core = plan.core("sodertalje")
    assert core is not None
    titles = {i.title: i.id for i in core.initiatives}
    for area, first in ((1, 6), (3, 6)):
        for number in range(25):
            assert f"area-{area} {number}" in titles
        ids = sorted(i.number for i in core.initiatives if i.title.startswith(f"area-{area} "))
        assert ids == list(range(first, first + 25))


@pytest.mark.slow  # a sweep of processes racing: .ci/run runs it
def test_a_writer_killed_at_any_moment_leaves_old_or_new(plan_dir: Path) -> None:
    file = plan_dir / "plans" / "sodertalje.yaml"
    planned = file.read_bytes()
    ongoing = planned.replace(
        b"    participants: [sodertalje-kommun, region-stockholm, fastighetsagare]\n"
        b"    status: planned\n",
        b"    participants: [sodertalje-kommun, region-stockholm, fastighetsagare]\n"
        b"    status: ongoing\n", 1)
    assert ongoing != planned
    others = {k: v for k, v in snapshot(plan_dir).items() if k != "plans/sodertalje.yaml"}
    chance = random.Random(4)
    for _ in range(12):
        writer = _writer(plan_dir, "toggle", "-", -1)
        assert writer.stdout is not None
        assert writer.stdout.readline() == "ready\n"
        # Kill it somewhere in its stream of edits: between them, or in the middle of one.
        time.sleep(chance.uniform(0.0, 0.4))
        writer.kill()
        writer.wait(timeout=60)
        assert file.read_bytes() in (planned, ongoing)
        load_plan_set(PlanRepository(plan_dir).read_plan_files())
        after = snapshot(plan_dir)
        assert {k: v for k, v in after.items()
                if k != "plans/sodertalje.yaml" and not k.endswith(".tmp")} == others
        # A killed writer may leave its temporary file; it is never read as a plan.
        assert all(name.endswith(".yaml") for name in PlanRepository(plan_dir).plan_file_names())


def test_a_failing_rename_leaves_the_file_intact(
    plan_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(plan_dir)

    def refuse(source: object, target: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    result = run_cli("set-status", "sodertalje:1.3", "ongoing", repo=plan_dir)
    assert result.exit_code == 1
    assert "could not write plans/sodertalje.yaml: No space left on device" in result.stderr
    assert snapshot(plan_dir) == before  # the temporary file is gone too


def test_the_file_mode_is_kept(plan_dir: Path) -> None:
    if os.name == "nt":
        pytest.skip("POSIX file modes")
    file = plan_dir / "plans" / "sodertalje.yaml"
    file.chmod(0o640)
    assert run_cli("set-status", "sodertalje:1.3", "ongoing", repo=plan_dir).exit_code == 0
    assert file.stat().st_mode & 0o777 == 0o640


def test_edit_modules_import_neither_typer_rich_nor_git() -> None:
    code = (
        "import sys\n"
        "import fardplan_cli.edit, fardplan_cli.gitstore.commits, fardplan_cli.cli.app\n"
        "loaded = {m.split('.')[0] for m in sys.modules}\n"
        "print(sorted(loaded & {'rich', 'git', 'ruamel', 'jsonschema', 'filelock'}))\n"
    )
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                               check=True)
    assert completed.stdout.strip() == "[]"
    domain = (
        "import sys\n"
        "import fardplan_cli.edit, fardplan_cli.gitstore.commits\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'typer', 'rich', 'click'}))\n"
    )
    completed = subprocess.run([sys.executable, "-c", domain], capture_output=True, text=True,
                               check=True)
    assert completed.stdout.strip() == "[]"


# -- a lock location that cannot hold a lock: a clear message, nothing written ----------------


def _lock_in_plans(root: Path) -> Path:
    from fardplan_cli.writing import lock_path

    return lock_path(root)


@pytest.mark.parametrize("kind", ["folder", "symlink-loop", "symlink-out", "read-only"])
def test_a_lock_location_that_cannot_be_a_lock_is_said_at_once(
    plan_dir: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    lock = _lock_in_plans(plan_dir)
    if kind == "folder":
        lock.mkdir()
    elif kind == "symlink-loop":
        if os.name == "nt":
            pytest.skip("symbolic links need privileges on Windows")
        lock.symlink_to(lock.name)
    elif kind == "symlink-out":
        if os.name == "nt":
            pytest.skip("symbolic links need privileges on Windows")
        outside = plan_dir.parent / "outside.lock"
        lock.symlink_to(outside)
    else:  # the tests may run as root, for whom nothing is read-only: refuse as the OS would
        real_open = os.open

        def read_only(path: object, flags: int, *args: object) -> int:
            if Path(str(path)) == lock:
                raise PermissionError(13, "Permission denied")
            return real_open(path, flags, *args)  # type: ignore[arg-type]

        monkeypatch.setattr(os, "open", read_only)
    before = snapshot(plan_dir)
    started = time.monotonic()
    result = run_cli("set-status", "sodertalje:1.3", "ongoing", repo=plan_dir)
    assert time.monotonic() - started < 30  # not the lock's 60 s timeout
    assert result.exit_code == 1, result.output
    assert "fardplan: edit refused, nothing written: the edit lock" in result.stderr
    assert "cannot be opened" in result.stderr
    assert "internal error" not in result.stderr
    assert snapshot(plan_dir) == before
    if kind.startswith("symlink"):
        assert "(it is a symbolic link)" in result.stderr
        assert not (plan_dir.parent / "outside.lock").exists()


def test_the_lock_in_git_that_is_a_folder_is_said_at_once(plan_repo: Path) -> None:
    lock = _lock_in_plans(plan_repo)
    assert ".git" in lock.parts
    lock.mkdir()
    before = snapshot(plan_repo)
    result = run_cli("new", "--core", "sodertalje", "--area", "1", "--title", "X", repo=plan_repo)
    assert result.exit_code == 1, result.output
    assert "the edit lock" in result.stderr and "cannot be opened" in result.stderr
    assert snapshot(plan_repo) == before


# -- nesting deeper than a plan file may go --------------------------------------------------


def test_an_initiative_nested_too_deeply_to_edit_is_refused(plan_dir: Path) -> None:
    path = plan_dir / "plans" / "sodertalje.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index('  - id: "1.4"')
    end = text.index("\n", text.index("    status:", start)) + 1
    path.write_text(text[:end] + "    extra: " + "[" * 900 + "]" * 900 + "\n" + text[end:],
                    encoding="utf-8")
    before = snapshot(plan_dir)
    # The reader caps nesting, so the plans have a problem at its line before any edit looks at
    # the initiative; the initiative itself and its neighbours alike are refused.
    for ref in ("sodertalje:1.4", "sodertalje:1.3"):
        result = run_cli("set-status", ref, "ongoing", repo=plan_dir)
        assert result.exit_code == 1, result.output
        assert "plans/sodertalje.yaml:" in result.stderr and "error[yaml-too-deep]" in result.stderr
    assert "internal error" not in result.stderr
    assert snapshot(plan_dir) == before


def test_new_with_stdout_on_a_full_disk_says_the_initiative_was_written(plan_dir: Path) -> None:
    full = Path("/dev/full")
    if not full.exists():
        pytest.skip("no /dev/full on this system")
    with full.open("w") as stdout:
        completed = subprocess.run(
            [sys.executable, "-m", "fardplan_cli", "--repo", str(plan_dir), "new", "--core",
             "sodertalje", "--area", "1", "--title", "Ny", "--lead", "trafikverket"],
            stdout=stdout, stderr=subprocess.PIPE, text=True, encoding="utf-8", check=False)
    assert completed.returncode == 1, completed.stderr
    assert ("fardplan: sodertalje:1.6 was written, but its reference could not be printed: "
            "No space left on device") in completed.stderr
    assert "internal error" not in completed.stderr
    assert 'id: "1.6"' in (plan_dir / "plans" / "sodertalje.yaml").read_text(encoding="utf-8")


def test_an_unreadable_plan_file_refuses_the_edit(
    plan_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The tests may run as root, who can read anything: fail as the OS would.
    import os

    real_open = os.open

    def unreadable(path: Any, *args: Any, **kwargs: Any) -> int:
        if str(path).endswith("haninge.yaml"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    before = snapshot(plan_dir)
    monkeypatch.setattr(os, "open", unreadable)
    result = run_cli("set-status", "sodertalje:1.3", "ongoing", repo=plan_dir)
    monkeypatch.undo()
    assert result.exit_code == 1, result.output
    assert "error[unreadable-file]" in result.stderr and "haninge.yaml" in result.stderr
    assert "internal error" not in result.stderr
    assert snapshot(plan_dir) == before


def test_a_dry_run_with_stdout_on_a_full_disk_is_one_message(plan_dir: Path) -> None:
    full = Path("/dev/full")
    if not full.exists():
        pytest.skip("no /dev/full on this system")
    before = snapshot(plan_dir)
    with full.open("w") as stdout:
        completed = subprocess.run(
            [sys.executable, "-m", "fardplan_cli", "--repo", str(plan_dir), "set-status",
             "sodertalje:1.3", "ongoing", "--dry-run"],
            stdout=stdout, stderr=subprocess.PIPE, text=True, encoding="utf-8", check=False)
    assert completed.returncode == 1, completed.stderr
    assert completed.stderr.strip().splitlines()[-1] == (
        "fardplan: the diff could not be printed: No space left on device")
    assert snapshot(plan_dir) == before


def test_a_refused_edit_names_files_from_where_the_user_stands(
    plan_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sodertalje = plan_repo / "plans" / "sodertalje.yaml"
    sodertalje.write_text(sodertalje.read_text(encoding="utf-8").replace(
        "status: ongoing", "status: pågående", 1).replace(
        "status: planned", "status: pågående", 1), encoding="utf-8")
    before = sodertalje.read_bytes()
    monkeypatch.chdir(plan_repo / "plans")
    result = run_cli("set-status", "sodertalje:1.4", "paused", repo=plan_repo)
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("sodertalje.yaml:"), result.stderr
    assert "plans/sodertalje.yaml" not in result.stderr
    assert sodertalje.read_bytes() == before
