"""The ``table`` format when stdout is not a terminal: the plain format of ``render.plain``.

Tab-separated values with a header row for a table; a ``key: value`` block with indented sections
for one thing in full. It is written without rich, which is not even imported.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from fardplan_cli.render import DetailOutput, TableOutput
from fardplan_cli.render.plain import render_plain
from fardplan_cli.render.table import render_table
from tests.support import PROJECT_ROOT, run_cli

TERMINAL = {"TTY_COMPATIBLE": "1", "TERM": "xterm"}


def plain(output: TableOutput | DetailOutput) -> str:
    stream = io.StringIO()
    render_table(output, stream)
    return stream.getvalue()


def test_a_table_is_tab_separated_with_a_header_and_no_title() -> None:
    output = TableOutput(["Ref", "Titel", "Status"],
                         [["1.1", "Stärk kommunikationen", "Planerad"], ["1.2", "", "Pågående"]],
                         None, title="Insatser", caption="2 insatser")
    assert plain(output) == "Ref\tTitel\tStatus\n1.1\tStärk kommunikationen\tPlanerad\n1.2\t\tPågående\n"


def test_a_tab_or_line_break_in_a_cell_keeps_one_row_per_line() -> None:
    output = TableOutput(["A", "B"], [["a\tb", "första\nandra\n"], ["kort"]], None)
    assert plain(output) == "A\tB\na\\tb\tförsta\\nandra\\n\nkort\t\n"
    rows = list(csv.reader(io.StringIO(plain(output)), delimiter="\t"))
    assert [len(row) for row in rows] == [2, 2, 2]


def test_one_thing_in_full_is_a_key_value_block_with_indented_sections() -> None:
    table = TableOutput(["Indikator", "År"], [["Boende", "2026"]], None, title="Indikatorer",
                        caption="not shown")
    output = DetailOutput(
        "sodertalje:1.3  Fortsätt samverka",
        [("Kärna", "Södertälje stadskärna"), ("Ansvarig", ""), ("Platser", "a\nb")],
        [("Beskrivning", "Första stycket.\n\nAndra\tstycket.")], None, [table])
    assert plain(output) == (
        "sodertalje:1.3  Fortsätt samverka\n"
        "Kärna: Södertälje stadskärna\n"
        "Platser: a\\nb\n"
        "\n"
        "Beskrivning\n"
        "    Första stycket.\n"
        "\n"
        "    Andra\tstycket.\n"
        "\n"
        "Indikatorer\n"
        "    Indikator\tÅr\n"
        "    Boende\t2026\n"
    )


def test_the_cli_prints_the_plain_format_when_piped(plan_dir: Path) -> None:
    result = run_cli("--lang", "sv", "list", "--core", "sodertalje", repo=plan_dir)
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout), delimiter="\t", quoting=csv.QUOTE_NONE))
    assert rows[0] == ["Ref", "Typ", "Titel", "Ansvarig aktör", "Medverkande aktörer", "Status"]
    assert len(rows) == 18 and {len(row) for row in rows} == {6}
    assert rows[3][0] == "sodertalje:1.3"
    assert "━" not in result.stdout and "│" not in result.stdout


def test_a_terminal_gets_rich(plan_dir: Path) -> None:
    result = run_cli("list", "--core", "sodertalje", repo=plan_dir, env=TERMINAL)
    assert result.exit_code == 0, result.output
    assert "┏" in result.stdout and "Initiatives of Södertälje stadskärna" in result.stdout
    assert "\t" not in result.stdout


@pytest.mark.parametrize(("environment", "terminal"), [
    ({"TTY_COMPATIBLE": "1"}, True), ({"FORCE_COLOR": "1"}, True),
    ({"FORCE_COLOR": "1", "TTY_COMPATIBLE": "0"}, False), ({}, False)])
def test_a_forced_terminal_is_one_for_rich_too(
    environment: dict[str, str], terminal: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rich.console import Console

    from fardplan_cli.render.terminal import is_terminal

    for name in ("TTY_COMPATIBLE", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    stream = io.StringIO()
    assert is_terminal(stream) is terminal
    assert Console(file=stream).is_terminal is terminal


def test_plain_output_does_not_import_rich(plan_dir: Path) -> None:
    """``fardplan list`` piped, in a process of its own: rich is never imported."""
    code = (
        "import runpy, sys\n"
        "try:\n"
        "    runpy.run_module('fardplan_cli', run_name='__main__')\n"
        "except SystemExit:\n"
        "    pass\n"
        "sys.stdout.flush()\n"
        "print('rich' in sys.modules, [m for m in sys.modules if m.startswith('rich')][:3],"
        " file=sys.stderr)\n"
    )
    environment = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE")}
    environment["PYTHONPATH"] = str(PROJECT_ROOT / "src")
    for command in (["list", "--core", "sodertalje"], ["show", "sodertalje:1.3"], ["cores"]):
        completed = subprocess.run(
            [sys.executable, "-c", code, "--repo", str(plan_dir), *command],
            capture_output=True, text=True, encoding="utf-8", env=environment, check=False)
        assert completed.stdout, completed.stderr
        assert completed.stderr.strip() == "False []", (command, completed.stderr)


def test_render_plain_is_what_the_table_format_writes_when_piped() -> None:
    output = TableOutput(["A"], [["x"]], None, title="T")
    stream = io.StringIO()
    render_plain(output, stream)
    assert stream.getvalue() == plain(output) == "A\nx\n"


def test_a_table_without_a_title_in_a_detail_view_has_no_heading_line() -> None:
    output = DetailOutput("T", [], [], None, [TableOutput(["A"], [["x"]], None)])
    assert plain(output) == "T\n\n    A\n    x\n"
