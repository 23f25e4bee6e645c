"""Control characters in plan text never reach the output raw: every command, every format."""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from fardplan_cli.render.escape import escape_controls, shown
from tests.support import SHIPPED_PLANS, SHIPPED_SCHEMAS, commit_all, init_git_repo, run_cli

# Sets the terminal's title and clears the screen; then a C1 CSI, DEL and a right-to-left override.
HOSTILE = "\x1b]0;pwned\x07\x1b[2J\x9b31m\x7f\u202e"
SHOWN = "\\x1b]0;pwned\\x07\\x1b[2J\\x9b31m\\x7f\\u202e"
YAML_HOSTILE = "\\e]0;pwned\\a\\e[2J\\x9b31m\\x7f\\u202e"  # the same, in a double-quoted YAML scalar

RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
STYLE = re.compile(r"\x1b\[[0-9;]*m")  # rich's own styles on a terminal
TERMINAL = {"TTY_COMPATIBLE": "1", "TERM": "xterm"}


def test_escape_controls() -> None:
    assert escape_controls("Södertälje\tC\n") == "Södertälje\tC\n"
    assert escape_controls(HOSTILE) == SHOWN
    assert escape_controls("a\rb\x00\u2028\u2066\u200f") == "a\\x0db\\x00\\u2028\\u2066\\u200f"


def test_shown_copies_only_what_changes() -> None:
    @dataclass(frozen=True)
    class Inner:
        text: str
        count: int

    kept = Inner("ren text", 1)
    value = {"a": [kept, Inner("\x1b", 2)], "b": ("x", None)}
    result = shown(value)
    assert result == {"a": [kept, Inner("\\x1b", 2)], "b": ("x", None)}
    assert result["a"][0] is kept and result["b"] is value["b"]
    assert shown(value["b"]) is value["b"]


def test_shown_indexes_a_copy_as_its_class_does(plan_dir: Path) -> None:
    from fardplan_cli.load import load_plan_set
    from fardplan_cli.repository import PlanRepository

    plan = load_plan_set(PlanRepository(plan_dir).read_plan_files())
    core = plan.cores[0]
    hostile = replace(plan, cores=(replace(core, name="Kärna\x1b"), *plan.cores[1:]))
    indexed = shown(hostile).core(core.id)
    assert indexed is not None and indexed.name == "Kärna\\x1b"  # its index holds the escaped core


@pytest.fixture(scope="module")
def hostile_plans(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped plans in git, then a commit that puts control characters into a core's name,
    an initiative's title and an actor's name (and its message)."""
    root = tmp_path_factory.mktemp("hostile") / "plans-repo"
    shutil.copytree(SHIPPED_PLANS, root / "plans")
    shutil.copytree(SHIPPED_SCHEMAS, root / "schemas")
    init_git_repo(root)
    commit_all(root, "Import the plans")
    core = root / "plans" / "sodertalje.yaml"
    text = core.read_text(encoding="utf-8")
    text = text.replace("name: Södertälje stadskärna", f'name: "Södertälje{YAML_HOSTILE}"', 1)
    text = re.sub(r"title: (Fortsätt)( samverka kring stations- och stadsmiljöerna.*)",
                  lambda m: f'title: "{m[1]}{YAML_HOSTILE}{m[2]}"', text, count=1)
    core.write_text(text, encoding="utf-8")
    actors = root / "plans" / "actors.yaml"
    actors.write_text(actors.read_text(encoding="utf-8").replace(
        "name: Region Stockholm", f'name: "Region{YAML_HOSTILE} Stockholm"', 1), encoding="utf-8")
    commit_all(root, f"Fientlig text{HOSTILE}")
    return root


@pytest.fixture
def hostile_repo(hostile_plans: Path) -> Path:
    """``hostile_plans``, for a test that only reads it."""
    assert run_cli("validate", repo=hostile_plans).exit_code == 0
    return hostile_plans


def assert_no_raw_control(text: str, what: object, *, terminal: bool = False) -> None:
    if terminal:
        text = STYLE.sub("", text)
    text = text.replace("\r\n", "\n")  # CSV's line ends
    assert not RAW.search(text), (what, RAW.findall(text))


READS = [
    ("cores",), ("list",), ("list", "--core", "sodertalje"), ("show", "sodertalje"),
    ("show", "sodertalje:1.3"), ("show", "1.1"), ("actors",), ("report", "status"),
    ("report", "status", "--core", "sodertalje"), ("report", "responsibility"),
    ("report", "responsibility", "--actor", "region-stockholm"), ("log", "sodertalje:1.3"),
]


def escaped_in(text: str) -> bool:
    """Whether the hostile text is in ``text``, escaped (Markdown escapes the escapes' brackets)."""
    return "x1b" in text and "pwned" in text and "u202e" in text


def strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in strings(item)]
    return []


@pytest.mark.parametrize("command", READS, ids=" ".join)
def test_every_read_command_and_format(hostile_repo: Path, command: tuple[str, ...]) -> None:
    for fmt in ("table", "csv", "markdown"):
        result = run_cli(*command, "--format", fmt, repo=hostile_repo)
        assert result.exit_code == 0, (command, fmt, result.output)
        assert_no_raw_control(result.stdout + result.stderr, (command, fmt))
        assert escaped_in(result.stdout), (command, fmt)
    on_terminal = run_cli(*command, repo=hostile_repo, env=TERMINAL)
    assert_no_raw_control(on_terminal.stdout, command, terminal=True)
    assert escaped_in(on_terminal.stdout), command
    as_json = run_cli(*command, "--format", "json", repo=hostile_repo)
    assert_no_raw_control(as_json.stdout, (command, "json"))
    if command != ("show", "1.1"):  # its JSON names the lead by id
        assert any(HOSTILE in text for text in strings(json.loads(as_json.stdout))), command


def test_the_escaped_text_is_what_the_reader_sees(hostile_repo: Path) -> None:
    listing = run_cli("list", "--core", "sodertalje", repo=hostile_repo)
    assert f"Fortsätt{SHOWN} samverka" in listing.stdout
    show = run_cli("show", "sodertalje", repo=hostile_repo)
    assert show.stdout.startswith(f"Södertälje{SHOWN}\n")
    data = json.loads(run_cli("cores", "--format", "json", repo=hostile_repo).stdout)
    assert {c["name"] for c in data} >= {f"Södertälje{HOSTILE}"}


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json"])
def test_diff(hostile_repo: Path, fmt: str) -> None:
    result = run_cli("diff", "HEAD~1", "HEAD", "--format", fmt, repo=hostile_repo)
    assert result.exit_code == 0, result.output
    assert_no_raw_control(result.stdout + result.stderr, fmt)
    if fmt != "json":
        assert escaped_in(result.stdout)
    terminal = run_cli("diff", "HEAD~1", "HEAD", repo=hostile_repo, env=TERMINAL)
    assert_no_raw_control(terminal.stdout, "terminal", terminal=True)


@pytest.mark.parametrize("fmt", ["markdown", "html", "json"])
def test_export(hostile_repo: Path, fmt: str) -> None:
    result = run_cli("export", "--core", "sodertalje", "--format", fmt, repo=hostile_repo)
    assert result.exit_code == 0, result.output
    assert_no_raw_control(result.stdout + result.stderr, fmt)


@pytest.mark.parametrize("fmt", ["text", "github", "json"])
def test_validation_problems(hostile_plans: Path, tmp_path: Path, fmt: str) -> None:
    hostile_repo = tmp_path / "repo"
    shutil.copytree(hostile_plans, hostile_repo)
    core = hostile_repo / "plans" / "sodertalje.yaml"
    core.write_text(core.read_text(encoding="utf-8").replace(
        "municipalities: [sodertalje-kommun]", f'municipalities: ["okänd{YAML_HOSTILE}"]', 1),
        encoding="utf-8")
    result = run_cli("validate", "--format", fmt, repo=hostile_repo)
    assert result.exit_code == 1, result.output
    assert_no_raw_control(result.stdout + result.stderr, fmt)
    assert "x1b" in result.stdout, result.stdout


def test_messages_on_stderr(hostile_repo: Path) -> None:
    result = run_cli("show", f"nowhere{HOSTILE}", repo=hostile_repo)
    assert result.exit_code == 2
    assert_no_raw_control(result.stderr, "show")
    assert "x1b" in result.stderr
