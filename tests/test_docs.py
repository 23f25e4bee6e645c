from __future__ import annotations

from typing import Any

import click
import pytest
import typer

from fardplan_cli.cli.app import app
from fardplan_cli.cli.reference import generate, replace_section
from tests.support import PROJECT_ROOT


def test_readme_command_reference_matches_help() -> None:
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    assert replace_section(readme, generate()) == readme, (
        "README's command reference is out of date: run python -m fardplan_cli.cli.reference --write"
    )


def test_every_command_has_help_text() -> None:
    def walk(command: Any) -> list[Any]:
        found = [command]
        if isinstance(command, click.Group):
            for name in command.list_commands(None):  # type: ignore[arg-type]
                found += walk(command.get_command(None, name))  # type: ignore[arg-type]
        return found

    for command in walk(typer.main.get_command(app)):
        assert (command.help or "").strip(), f"{command.name} has no help text"


def test_readme_quick_start_has_the_two_commands() -> None:
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    commands = [line for line in readme.splitlines() if line.startswith("python3 -m venv .venv")]
    assert len(commands) == 2
    assert commands[0].endswith("fardplan list --core sodertalje")
    assert commands[1].endswith("-m pytest")
    # CI runs the very same test command.
    assert commands[1] in (PROJECT_ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_the_reference_tool_reads_its_options_with_argparse(capsys: pytest.CaptureFixture[str]) -> None:
    from fardplan_cli.cli.reference import main

    assert main([]) == 0
    assert capsys.readouterr().out == generate() + "\n"
    with pytest.raises(SystemExit) as stopped:
        main(["--wirte"])  # a mistyped option is an error, not a print
    assert stopped.value.code == 2
