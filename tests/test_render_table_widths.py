"""On a terminal, at widths from 60 to 260, tables and blocks stay inside it and lose no column."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.support import run_cli

# A terminal, as rich reads these variables (NO_COLOR is set: styles but no colours).
TERMINAL = {"TTY_COMPATIBLE": "1", "TERM": "xterm"}
STYLE = re.compile(r"\x1b\[[0-9;]*m")


def shown(text: str) -> str:
    """What the terminal shows: the text without its styles."""
    return STYLE.sub("", text)

COMMANDS = [
    ("list",),
    ("list", "--core", "sodertalje"),
    ("cores",),
    ("actors",),
    ("report", "status"),
    ("report", "responsibility"),
    ("show", "sodertalje"),
    ("show", "sodertalje:1.3"),
]
# Labels of columns after the first (in blocks the first cell is the heading, without its label).
HEADERS = {
    "list": {"sv": ["Titel", "Status"], "en": ["Title", "Participants", "Status"]},
}


@pytest.mark.parametrize("widths", [
    (80, 120),
    pytest.param((60, 61, 67, 99, 260), marks=pytest.mark.slow),  # the sweep: .ci/run runs it
], ids=["usual", "sweep"])
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_no_line_too_wide_and_nothing_cut(plan_dir: Path, lang: str, widths: tuple[int, ...],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    for width in widths:
        monkeypatch.setenv("COLUMNS", str(width))
        for args in COMMANDS:
            result = run_cli("--lang", lang, *args, repo=plan_dir, env=TERMINAL)
            assert result.exit_code == 0, result.output
            text = shown(result.stdout)
            for line in text.splitlines():
                assert len(line) <= width, (args, width, line)
            assert "…" not in text, (args, width)
            for header in HEADERS.get(args[0], {}).get(lang, []):
                assert header in text, (args, width, header)


@pytest.mark.parametrize("columns", ["0", "10", "22"])
def test_a_tiny_width_loses_no_text(plan_dir: Path, columns: str) -> None:
    for fmt_args in (("list", "--core", "sodertalje"), ("show", "sodertalje:1.3")):
        result = run_cli("--lang", "sv", *fmt_args, repo=plan_dir, env={"COLUMNS": columns, **TERMINAL})
        assert result.exit_code == 0, result.output
        text = " ".join(shown(result.stdout).split())
        assert "Södertälje kommun, Region Stockholm, fastighetsägare" in text


EVERYDAY = [*COMMANDS, ("report", "status", "--core", "sodertalje"), ("report", "responsibility",
            "--actor", "sodertalje-kommun"), ("show", "sodertalje:2.2"), ("list", "--status", "planned")]


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("width", [80, 120])
def test_a_normal_terminal_gets_no_line_too_wide_no_trailing_space_and_whole_ids(
        plan_dir: Path, lang: str, width: int, monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    ids = {a["id"] for a in json.loads(run_cli("actors", "--format", "json", repo=plan_dir).stdout)}
    monkeypatch.setenv("COLUMNS", str(width))
    for args in EVERYDAY:
        result = run_cli("--lang", lang, *args, repo=plan_dir, env=TERMINAL)
        assert result.exit_code == 0, result.output
        lines = shown(result.stdout).splitlines()
        for line in lines:
            assert len(line) <= width, (args, line)
            assert line == line.rstrip(), (args, line)
        if args == ("actors",):
            words = set(" ".join(lines).split())
            assert ids <= words, "an actor's id is broken"


def test_report_status_is_a_table_at_80_and_120_columns(plan_dir: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Not a block per row: at 120 one table, a row per core and goal area; at 80 a small table
    per core, a column per goal area."""
    monkeypatch.setenv("COLUMNS", "120")
    wide = shown(run_cli("--lang", "sv", "report", "status", repo=plan_dir, env=TERMINAL).stdout)
    header = next(line for line in wide.splitlines() if line.startswith("Kärna"))
    assert header.split()[:4] == ["Kärna", "Målområde", "Insatser", "Planerad"]
    assert len(wide.splitlines()) < 60
    monkeypatch.setenv("COLUMNS", "80")
    narrow = shown(run_cli("--lang", "sv", "report", "status", repo=plan_dir, env=TERMINAL).stdout)
    lines = narrow.splitlines()
    assert len(lines) < 130
    at = lines.index("Södertälje stadskärna")
    assert lines[at + 1].split() == ["Målområde", "1", "2", "3", "4"]
    assert lines[at + 3].split() == ["Insatser", "5", "3", "5", "4"]


def test_a_responsibility_matrix_too_wide_says_so_and_names_the_actor_view(
        plan_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    text = " ".join(shown(run_cli("--lang", "sv", "report", "responsibility", repo=plan_dir,
                                  env=TERMINAL).stdout).split())
    assert "Terminalen är för smal för en kolumn per kärna" in text
    assert "'fardplan report responsibility --actor AKTÖR'" in text
    assert "Alla kärnor" in text and "Arlanda-Märsta" not in text
    monkeypatch.setenv("COLUMNS", "260")
    wide = shown(run_cli("--lang", "sv", "report", "responsibility", repo=plan_dir,
                         env=TERMINAL).stdout)
    assert "Arlanda-Märsta" in wide and "för smal" not in wide


@pytest.mark.parametrize("width", [80, 120])
def test_the_diff_on_a_terminal_wraps_under_its_item(plan_repo: Path, width: int,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    long = "Samverka kring planerad stadsutveckling invid Södertälje sjukhus " * 3
    result = run_cli("--lang", "sv", "new", "--core", "sodertalje", "--area", "2", "--title",
                     "Ny insats", "--description", long.strip(), "--lead", "sodertalje-kommun",
                     repo=plan_repo)
    assert result.exit_code == 0, result.output
    lines = shown(run_cli("--lang", "sv", "diff", "HEAD", repo=plan_repo, env=TERMINAL).stdout
                  ).splitlines()
    assert all(len(line) <= width and line == line.rstrip() for line in lines), lines
    at = next(i for i, line in enumerate(lines) if line.startswith("    Beskrivning: {+"))
    assert lines[at + 1].startswith("      ") and not lines[at + 1].startswith("       ")
    assert "    Ansvarig aktör: {+Södertälje kommun+}" in lines
