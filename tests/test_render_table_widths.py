"""At every width from 60 to 260, tables and blocks stay inside the terminal and lose no column."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import run_cli

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


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_no_line_too_wide_and_nothing_cut(plan_dir: Path, lang: str,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    for width in range(60, 261, 7):
        monkeypatch.setenv("COLUMNS", str(width))
        for args in COMMANDS:
            result = run_cli("--lang", lang, *args, repo=plan_dir)
            assert result.exit_code == 0, result.output
            for line in result.stdout.splitlines():
                assert len(line) <= width, (args, width, line)
            assert "…" not in result.stdout, (args, width)
            for header in HEADERS.get(args[0], {}).get(lang, []):
                assert header in result.stdout, (args, width, header)


@pytest.mark.parametrize("columns", ["0", "10", "22"])
def test_a_tiny_width_loses_no_text(plan_dir: Path, columns: str) -> None:
    for fmt_args in (("list", "--core", "sodertalje"), ("show", "sodertalje:1.3")):
        result = run_cli("--lang", "sv", *fmt_args, repo=plan_dir, env={"COLUMNS": columns})
        assert result.exit_code == 0, result.output
        text = " ".join(result.stdout.split())
        assert "Södertälje kommun, Region Stockholm, fastighetsägare" in text
