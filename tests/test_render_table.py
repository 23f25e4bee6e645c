"""The plain renderer (piped output, no rich) prints exactly what rich prints.

``render.table`` lays out tables and blocks itself when the output is not a terminal; these tests
compare it with rich's own rendering (the path it replaces) on the shipped plans' outputs at many
widths and on random tables, including the characters that send it back to rich.
"""

from __future__ import annotations

import io
import random
from pathlib import Path

import pytest

from fardplan_cli.render import DetailOutput, Output, TableOutput
from fardplan_cli.render import table as table_module
from tests.support import run_cli

COMMANDS = [
    ("list",),
    ("list", "--core", "sodertalje"),
    ("cores",),
    ("actors",),
    ("report", "status"),
    ("report", "status", "--core", "sodertalje"),
    ("report", "responsibility"),
    ("report", "responsibility", "--actor", "trafikforvaltningen"),
    ("show", "sodertalje"),
    ("show", "sodertalje:1.3"),
]
WIDTHS = [23, 40, 61, 80, 120, 200]


def rich_render(output: Output, width: int) -> str:
    """The rich path of ``render_table`` (as when the plain one declines), at ``width``."""
    stream = io.StringIO()
    console = table_module.console_for(stream)
    console.width = width
    with console.capture() as captured:
        table_module._render_to(output, console)
    return "\n".join(line.rstrip() for line in captured.get().split("\n"))


def plain_render(output: Output, width: int) -> str | None:
    lines = table_module.plain_lines(output, width)
    return None if lines is None else "".join(line.rstrip() + "\n" for line in lines)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_commands_print_the_same_as_rich(
    plan_dir: Path, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    captured: list[Output] = []
    real = table_module.render_table

    def record(output: Output, stream: io.TextIOBase) -> None:
        captured.append(output)
        real(output, stream)  # type: ignore[arg-type]

    monkeypatch.setattr(table_module, "render_table", record)
    for args in COMMANDS:
        result = run_cli("--lang", lang, *args, repo=plan_dir)
        assert result.exit_code == 0, result.output
    assert len(captured) == len(COMMANDS)
    for output in captured:
        for width in WIDTHS:
            plain = plain_render(output, width)
            assert plain is not None or width < 40, (output, width)
            assert plain is None or plain == rich_render(output, width), (output, width)


def test_the_cli_uses_the_plain_path_when_piped(plan_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = run_cli("list", "--core", "sodertalje", repo=plan_dir)
    monkeypatch.setattr(table_module, "plain_width", lambda stream: None)
    through_rich = run_cli("list", "--core", "sodertalje", repo=plan_dir)
    assert result.stdout == through_rich.stdout


ALPHABET = [*"abcdefghij ABC åäöÅÄÖ é–-.,/()[]\n:", "  ", "ordsomärmycketlångt", "x" * 30]


def random_text(rng: random.Random, longest: int) -> str:
    return "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, longest))).strip("\n")


def random_table(rng: random.Random) -> TableOutput:
    count = rng.randint(1, 6)
    columns = [random_text(rng, 4) or "c" for _ in range(count)]
    rows = [[random_text(rng, rng.choice([2, 5, 20, 60])) for _ in range(rng.randint(1, count))]
            for _ in range(rng.randint(0, 6))]
    title = rng.choice([None, "", random_text(rng, 30)])
    caption = rng.choice([None, random_text(rng, 80)])
    return TableOutput(columns, rows, None, title, caption)


def test_random_tables_print_the_same_as_rich() -> None:
    rng = random.Random(20240611)
    compared = 0
    for _ in range(400):
        output: Output = random_table(rng)
        if rng.random() < 0.2:
            output = DetailOutput(random_text(rng, 30) or "t",
                                  [(random_text(rng, 8), random_text(rng, 40)) for _ in range(3)],
                                  [(random_text(rng, 10), random_text(rng, 200))], None,
                                  [random_table(rng)])
        for width in (rng.randint(10, 40), rng.randint(40, 120), rng.randint(120, 260)):
            plain = plain_render(output, width)
            if plain is not None:
                compared += 1
                assert plain is None or plain == rich_render(output, width), (output, width)
    assert compared > 600


@pytest.mark.parametrize("text", ["a\tb", "wide 漢字", "e\u0301", "zero\u200bwidth", "a :smile: b",
                                  "bell\x07", "cr\r"])
def test_text_rich_alone_renders_right_goes_to_rich(text: str) -> None:
    output = TableOutput(["A", "B"], [["x", text]], None)
    assert table_module.plain_lines(output, 80) is None


def test_characters_taken_as_one_cell_are_one_cell_for_rich() -> None:
    from rich.cells import cell_len

    for code in range(0xA0, 0x3000):
        char = chr(code)
        try:
            table_module._check(char)
        except table_module._NotPlain:
            continue
        assert cell_len(char) == 1, hex(code)


def test_plain_width_follows_rich(monkeypatch: pytest.MonkeyPatch) -> None:
    from rich.console import Console

    for columns in ("200", "57", "abc", None):
        if columns is None:
            monkeypatch.delenv("COLUMNS", raising=False)
        else:
            monkeypatch.setenv("COLUMNS", columns)
        stream = io.StringIO()
        assert table_module.plain_width(stream) == Console(file=stream).width
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert table_module.plain_width(io.StringIO()) is None
    monkeypatch.setenv("TTY_COMPATIBLE", "0")
    assert table_module.plain_width(io.StringIO()) is not None
