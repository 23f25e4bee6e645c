"""Start-up: the root group builds only the command a command line runs (none for --version)."""

from __future__ import annotations

import subprocess
import sys

import click
import pytest
import typer

from fardplan_cli.cli.app import COMMANDS, Commands, app, build_command


def _loaded_after(*args: str) -> set[str]:
    """The modules a run of ``fardplan ARGS`` has loaded when it ends."""
    probe = (
        "import sys\n"
        "from fardplan_cli.cli.app import main\n"
        f"sys.argv = ['fardplan', *{list(args)!r}]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "sys.stderr.write(' '.join(sorted(sys.modules)))\n"
    )
    completed = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                               encoding="utf-8", check=False)
    return set(completed.stderr.split())


def test_the_root_lists_every_command_and_builds_none() -> None:
    root = typer.main.get_command(app)
    assert isinstance(root, Commands)
    assert root.list_commands(click.Context(root)) == list(COMMANDS)
    assert root.commands == {}


@pytest.mark.parametrize("name", list(COMMANDS))
def test_each_command_is_built_from_its_own_module(name: str) -> None:
    command = build_command(name)
    assert command is not None and command.name == name
    assert command.help
    # typer's completion options are not there: the program has none.
    assert not {p.name for p in command.params} & {"install_completion", "show_completion"}


def test_an_unknown_name_is_no_command() -> None:
    assert build_command("lst") is None


def test_version_builds_no_command_and_imports_no_heavy_library() -> None:
    loaded = _loaded_after("--version")
    assert not {m for m in loaded if m.startswith("fardplan_cli.cli.") and m.rpartition(".")[2] in
                {module for module, _ in COMMANDS.values()}}
    assert not {m.partition(".")[0] for m in loaded} & {"jsonschema", "git", "ruamel", "rich"}


def test_a_command_imports_only_its_own_module() -> None:
    loaded = _loaded_after("list", "--help")
    assert "fardplan_cli.cli.listing" in loaded
    assert not {"fardplan_cli.cli.edit", "fardplan_cli.cli.diff", "fardplan_cli.cli.report"} & loaded
    assert not {m.partition(".")[0] for m in loaded} & {"jsonschema", "git"}


def test_the_overall_help_lists_every_command() -> None:
    completed = subprocess.run([sys.executable, "-m", "fardplan_cli", "--lang", "en", "--help"],
                               capture_output=True, text=True, encoding="utf-8", check=True)
    lines = completed.stdout.partition("Commands:")[2].splitlines()
    assert [line.split()[0] for line in lines if line.strip()] == list(COMMANDS)
