"""Loading: positions kept in the model, the C parser in use, clear errors for broken files."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tracemalloc
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any
from unittest import mock

import pytest

from fardplan_cli.load import load_plan_set
from fardplan_cli.repository import PlanRepository
from fardplan_cli.yamlfile import (
    MAX_FILE_BYTES,
    PlanFiles,
    YamlProblemError,
    c_parser_in_use,
    parse_document,
)
from tests.support import PROJECT_ROOT, run_cli


def test_the_c_parser_is_in_use() -> None:
    assert c_parser_in_use()


def test_model_keeps_positions(plan_dir: Path) -> None:
    plan = load_plan_set(PlanRepository(plan_dir).read_plan_files())
    text = (plan_dir / "plans" / "sodertalje.yaml").read_text(encoding="utf-8").splitlines()
    initiative = plan.find_initiative("sodertalje", "1.3")
    assert initiative is not None
    assert initiative.pos.file == "plans/sodertalje.yaml"
    # The position is that of the mapping node: the line holding `- id: "1.3"`, the column of `id`.
    assert text[initiative.pos.line - 1][initiative.pos.column - 1 :].startswith('id: "1.3"')
    participants = initiative.position_of("participants")
    assert text[participants.line - 1][participants.column - 1 :].startswith("[sodertalje-kommun,")
    actor = plan.actor("trafikverket")
    assert actor is not None
    actors_text = (plan_dir / "plans" / "actors.yaml").read_text(encoding="utf-8").splitlines()
    assert actors_text[actor.pos.line - 1][actor.pos.column - 1 :] == "id: trafikverket"


def test_document_positions_of_keys_and_nested_values() -> None:
    doc = parse_document("f.yaml", b"a:\n  - x: 1\n    y: [p, q]\n")
    assert (doc.position(("a", 0, "y", 1)).line, doc.position(("a", 0, "y", 1)).column) == (3, 12)
    assert (doc.position(("a", 0, "y"), key=True).line, doc.position(("a", 0, "y"), key=True).column) == (3, 5)
    # A path that does not exist falls back to its nearest ancestor.
    assert doc.position(("a", 0, "missing")).line == 2


@pytest.mark.parametrize(
    ("source", "code", "line"),
    [
        (b"a: [1, 2\n", "yaml-syntax", 2),
        (b"a:\n\t- b\n", "yaml-syntax", 2),
        (b"a: &x 1\nb: *x\n", "yaml-anchor", 1),
        (b"a: 1\nb:\n  <<: {c: 1}\n", "yaml-merge-key", 3),
        (b"a: 1\na: 2\n", "duplicate-key", 2),
        (b"%YAML 1.1\n---\na: yes\n", "yaml-directive", 1),
        (b"a: !!binary aGk=\n", "yaml-tag", 1),
        (b"a: \xe5\n", "not-utf8", 1),
        (b"values:\n  - {year: 2026, value: .nan}\n", "not-finite", 2),
        (b"a: 1\nb: -.inf\n", "not-finite", 2),
    ],
)
def test_hostile_or_broken_yaml_is_one_problem(source: bytes, code: str, line: int) -> None:
    with pytest.raises(YamlProblemError) as caught:
        parse_document("plans/x.yaml", source)
    assert caught.value.problem.code == code
    assert caught.value.problem.line == line


def test_text_that_merely_contains_ampersands_is_fine() -> None:
    assert parse_document("f.yaml", b"t: R&D * 2 << 3\n").data == {"t": "R&D * 2 << 3"}


def test_timestamps_stay_strings() -> None:
    assert parse_document("f.yaml", b"d: 2026-01-01\n").data == {"d": "2026-01-01"}


def test_syntax_error_in_a_plan_file_gives_file_line_col_and_exit_1(plan_dir: Path) -> None:
    path = plan_dir / "plans" / "sodertalje.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[4] = "municipalities: [sodertalje-kommun\n"
    path.write_text("".join(lines), encoding="utf-8")
    result = run_cli("list", "--core", "sodertalje", repo=plan_dir)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("plans/sodertalje.yaml:6:")
    assert "error[yaml-syntax]" in result.stderr
    assert "Traceback" not in result.stderr


def test_unquoted_numeric_id_gets_a_hint_to_quote(plan_dir: Path) -> None:
    path = plan_dir / "plans" / "sodertalje.yaml"
    text = path.read_text(encoding="utf-8").replace('- id: "1.3"', "- id: 1.30", 1)
    path.write_text(text, encoding="utf-8")
    result = run_cli("list", repo=plan_dir)
    assert result.exit_code == 1
    assert 'quote it: id: "1.30"' in result.stderr


def test_missing_region_file_is_a_clear_error(plan_dir: Path) -> None:
    (plan_dir / "plans" / "actors.yaml").unlink()
    result = run_cli("list", repo=plan_dir)
    assert result.exit_code == 1
    assert "plans/actors.yaml:1:1: error[missing-file]" in result.stderr


def _modules_after(code: str) -> set[str]:
    probe = (
        "import sys\n"
        f"{code}\n"
        "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                         cwd=PROJECT_ROOT)
    return set(out.stdout.split())


def test_version_imports_no_heavy_library() -> None:
    loaded = _modules_after(
        "from fardplan_cli.cli.app import app\n"
        "try:\n    app(['--version'])\nexcept SystemExit:\n    pass"
    )
    assert not loaded & {"jsonschema", "git", "ruamel", "pydantic"}


def test_list_and_show_import_neither_git_nor_jsonschema() -> None:
    for args in (["list", "--core", "sodertalje"], ["show", "sodertalje:1.3"]):
        loaded = _modules_after(
            "from fardplan_cli.cli.app import app\n"
            f"try:\n    app(['--repo', {str(PROJECT_ROOT)!r}] + {args!r})\nexcept SystemExit:\n    pass"
        )
        assert "ruamel" in loaded  # the probe really ran the command
        assert not loaded & {"jsonschema", "git"}


def test_the_domain_imports_neither_typer_nor_rich() -> None:
    loaded = _modules_after(
        "import importlib, pkgutil, fardplan_cli\n"
        "for m in pkgutil.iter_modules(fardplan_cli.__path__):\n"
        "    if m.name not in ('cli', 'render', '__main__'):\n"
        "        importlib.import_module('fardplan_cli.' + m.name)"
    )
    assert "fardplan_cli" in loaded
    assert not loaded & {"typer", "rich", "click"}


def test_a_control_character_is_reported_at_its_line_and_column() -> None:
    with pytest.raises(YamlProblemError) as caught:
        parse_document("plans/x.yaml", b"id: x\nname: Han\x00inge\n")
    problem = caught.value.problem
    assert (problem.line, problem.column, problem.code) == (2, 10, "yaml-syntax")
    assert "U+0000" in problem.message
    assert "\n" not in problem.message


def test_unresolved_merge_conflict_is_named_as_such() -> None:
    source = b"id: x\n<<<<<<< HEAD\nname: A\n=======\nname: B\n>>>>>>> other\n"
    with pytest.raises(YamlProblemError) as caught:
        parse_document("plans/x.yaml", source)
    assert (caught.value.problem.code, caught.value.problem.line) == ("merge-conflict", 2)


def test_read_commands_point_at_the_same_place_as_validate(plan_dir: Path) -> None:
    # The read commands build the model without positions; a problem still has its own.
    path = plan_dir / "plans" / "sodertalje.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("status: planned", "status: halted", 1),
                    encoding="utf-8")
    listed = run_cli("list", "--core", "sodertalje", repo=plan_dir)
    validated = run_cli("validate", repo=plan_dir)
    assert listed.exit_code == validated.exit_code == 1
    where = [line.split(" ")[0] for line in validated.stdout.splitlines() if "bad-status" in line]
    assert len(where) == 1 and where[0].startswith("plans/sodertalje.yaml:")
    assert where[0] in listed.stderr


# -- reading safely: nothing outside the repository, nothing read that cannot be held ------------


@pytest.mark.parametrize(("source", "code", "line"), [
    (b'a: !!int "abc"\n', "yaml-tag-value", 1),
    (b"a: 1\nb: !!float x1\n", "yaml-tag-value", 2),
    (b"a: !!bool maybe\n", "yaml-tag-value", 1),
    (b"a: !!null x\n", "yaml-tag-value", 1),
    (b"a: " + b"7" * 5000 + b"\n", "number-too-large", 1),
    (b"a: -" + b"7" * 101 + b"\n", "number-too-large", 1),
    (b"a: " + b"[" * 900 + b"]" * 900 + b"\n", "yaml-too-deep", 1),
    (b"a:\n" + b"".join(b"  " * i + b"- \n" for i in range(1, 200)), "yaml-too-deep", 65),
])
@pytest.mark.parametrize("lazy", [False, True])
def test_a_value_that_cannot_be_held_is_one_problem_at_its_line(
    source: bytes, code: str, line: int, lazy: bool
) -> None:
    with pytest.raises(YamlProblemError) as caught:
        parse_document("f.yaml", source, lazy_positions=lazy)
    assert (caught.value.problem.code, caught.value.problem.line) == (code, line)


def test_standard_tags_whose_values_fit_are_read_as_plain_yaml_would() -> None:
    doc = parse_document("f.yaml", b'a: !!str 1.10\nb: !!int "12"\nc: !!float 3\nd: !!bool true\n'
                                   b"e: !!null null\nf: !!seq [x]\ng: !!map {h: 1}\n")
    assert doc.data == {"a": "1.10", "b": 12, "c": 3.0, "d": True, "e": None, "f": ["x"],
                        "g": {"h": 1}}


def test_the_limits_leave_every_plan_of_the_repository_readable() -> None:
    files = PlanRepository(PROJECT_ROOT).read_plan_files()
    assert files and not files.unread
    load_plan_set(files)


def _repository_with(plan_dir: Path, name: str, make: Callable[[Path], None]) -> PlanFiles:
    make(plan_dir / "plans" / name)
    return PlanRepository(plan_dir).read_plan_files()


@pytest.mark.parametrize("target", ["/etc/passwd", "inside"])
def test_a_plan_file_that_is_a_link_is_reported_without_being_opened(
    plan_dir: Path, target: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    (plan_dir / "secret.txt").write_text("root:x:0:0:SECRET\n", encoding="utf-8")
    where = Path(target) if target.startswith("/") else plan_dir / "secret.txt"
    (plan_dir / "plans" / "stolen.yaml").symlink_to(where)
    opened: list[str] = []
    real_open = os.open

    def spy(path: Any, *args: Any, **kwargs: Any) -> int:
        opened.append(str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", spy)
    files = PlanRepository(plan_dir).read_plan_files()
    assert "plans/stolen.yaml" not in files
    assert files.unread["plans/stolen.yaml"].code == "symbolic-link"
    assert not any("stolen" in path or "secret" in path or "passwd" in path for path in opened)

    monkeypatch.undo()
    result = run_cli("validate", "--format", "github", repo=plan_dir)
    assert result.exit_code == 1
    assert "symbolic-link" in result.stdout and "plans/stolen.yaml" in result.stdout
    assert "SECRET" not in result.output and "root:" not in result.output


def test_a_plans_folder_that_is_a_link_is_not_followed(tmp_path: Path, plan_dir: Path) -> None:
    outside = tmp_path / "outside"
    shutil.move(str(plan_dir / "plans"), outside)
    (plan_dir / "plans").symlink_to(outside)
    files = PlanRepository(plan_dir).read_plan_files()
    assert dict(files) == {} and files.unread["plans"].code == "symbolic-link"


def test_the_size_is_checked_before_anything_is_read(plan_dir: Path) -> None:
    huge = plan_dir / "plans" / "huge.yaml"
    with huge.open("wb") as handle:  # sparse: 1 GB that takes no room
        handle.truncate(1024**3)
    tracemalloc.start()
    try:
        files = PlanRepository(plan_dir).read_plan_files()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert files.unread["plans/huge.yaml"].code == "file-too-large"
    assert peak < MAX_FILE_BYTES  # not a byte of it read


def test_an_unreadable_plan_file_is_a_problem_not_an_internal_error(plan_dir: Path) -> None:
    real_open = os.open

    def refuse(path: Any, *args: Any, **kwargs: Any) -> int:
        if str(path).endswith("haninge.yaml"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    with mock.patch.object(os, "open", refuse):
        result = run_cli("validate", repo=plan_dir)
        listing = run_cli("list", repo=plan_dir)
    assert result.exit_code == 1 and "internal error" not in result.output
    assert "plans/haninge.yaml:1:1: error[unreadable-file]" in result.stdout
    assert "Permission denied" in result.stdout
    assert listing.exit_code == 1 and "unreadable-file" in listing.stderr


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root reads any file")
def test_a_file_without_read_permission(plan_dir: Path) -> None:  # pragma: no cover - not as root
    (plan_dir / "plans" / "haninge.yaml").chmod(0)
    result = run_cli("validate", repo=plan_dir)
    assert result.exit_code == 1 and "unreadable-file" in result.stdout


def test_a_deleted_working_directory_is_said_plainly(tmp_path: Path) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    script = ("import os, sys; folder = sys.argv[1]; sys.argv = ['fardplan', sys.argv[2]];"
              "os.chdir(folder); os.rmdir(folder); from fardplan_cli.__main__ import main; main()")
    for command in ("list", "validate"):
        gone.mkdir(exist_ok=True)
        done = subprocess.run([sys.executable, "-c", script, str(gone), command],
                              check=False, capture_output=True, text=True,
                              env={**os.environ, "LANG": "C.UTF-8"})
        assert done.returncode == 2, done.stderr
        assert "working directory no longer exists" in done.stderr
        assert "Traceback" not in done.stderr and "internal error" not in done.stderr


def test_a_decomposed_core_id_is_a_problem_at_its_line_for_every_command(plan_dir: Path) -> None:
    path = plan_dir / "plans" / "sodertalje.yaml"
    decomposed = unicodedata.normalize("NFD", "södertälje")
    text = path.read_text(encoding="utf-8")
    line = text.splitlines().index("id: sodertalje") + 1
    path.write_text(text.replace("id: sodertalje", f"id: {decomposed}", 1), encoding="utf-8")
    before = path.read_bytes()
    result = run_cli("set-status", "sodertalje:1.1", "paused", "--note", "x", repo=plan_dir)
    assert result.exit_code == 1
    assert f"plans/sodertalje.yaml:{line}:5: error[bad-format]" in result.stderr
    assert "does not exist" not in result.output
    assert path.read_bytes() == before


def test_one_initiative_is_built_as_the_whole_plan_set_builds_it(plan_dir: Path) -> None:
    from fardplan_cli.load import build_initiative

    files = PlanRepository(plan_dir).read_plan_files()
    plan = load_plan_set(files, positions=False)
    document = parse_document("plans/sodertalje.yaml", files["plans/sodertalje.yaml"])
    core = plan.core("sodertalje")
    assert core is not None
    items = document.data["initiatives"]
    built = [build_initiative(document, "sodertalje", index, item) for index, item in enumerate(items)]
    assert tuple(built) == core.initiatives
    broken = parse_document("plans/x.yaml", b"initiatives:\n  - id: 1.5\n    title: X\n")
    assert build_initiative(broken, "x", 0, broken.data["initiatives"][0]) is None
