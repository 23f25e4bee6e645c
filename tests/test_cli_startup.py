"""The root: it builds only the command a command line runs (none for --version), and ends
every run with one of the documented exit statuses."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click
import pytest
import typer

from fardplan_cli.cli.app import COMMANDS, Commands, app, build_command
from fardplan_cli.errors import ExitStatus
from tests.support import PROJECT_ROOT, run_cli


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
    # Nor anything for the language: click prints the version as it reads the option.
    assert not {"fardplan_cli.i18n", "fardplan_cli.cli.click_catalog", "fardplan_cli.render"} & loaded


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


def test_an_internal_error_is_status_3_with_the_debug_hint(plan_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from fardplan_cli import query

    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("a fault")

    monkeypatch.setattr(query, "select_initiatives", broken)
    result = run_cli("list", repo=plan_dir)
    assert result.exit_code == ExitStatus.INTERNAL
    assert ExitStatus.INTERNAL.value == 3
    assert result.stderr == ("fardplan: internal error: ZeroDivisionError('a fault') "
                             "(set FARDPLAN_DEBUG=1 to see the traceback)\n")
    swedish = run_cli("--lang", "sv", "list", repo=plan_dir)
    assert swedish.exit_code == 3 and "FARDPLAN_DEBUG=1" in swedish.stderr
    monkeypatch.setenv("FARDPLAN_DEBUG", "1")
    with pytest.raises(ZeroDivisionError):
        run_cli("list", repo=plan_dir)


def test_an_interrupt_is_status_130(plan_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from fardplan_cli import query

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(query, "select_initiatives", interrupted)
    result = run_cli("list", repo=plan_dir)
    assert result.exit_code == ExitStatus.INTERRUPTED
    assert ExitStatus.INTERRUPTED.value == 130
    assert result.stderr.endswith("fardplan: interrupted\n")


@pytest.mark.parametrize(("args", "status"), [
    (("validate",), ExitStatus.OK),
    (("show", "sodertalje:9.9"), ExitStatus.USAGE),
    (("list", "--core", "nowhere"), ExitStatus.USAGE),
    (("list", "--actor", "nobody"), ExitStatus.USAGE),
    (("report", "status", "--cycle", "1999-2002"), ExitStatus.USAGE),
    (("list", "--bogus"), ExitStatus.USAGE),
    (("set-status", "sodertalje:1.1", "someday"), ExitStatus.USAGE),
])
def test_exit_statuses(args: tuple[str, ...], status: ExitStatus, plan_dir: Path) -> None:
    assert run_cli(*args, repo=plan_dir).exit_code == status


def test_plans_with_problems_are_status_1(plan_dir: Path) -> None:
    (plan_dir / "plans" / "haninge.yaml").write_text("id: [\n", encoding="utf-8")
    assert run_cli("validate", repo=plan_dir).exit_code == ExitStatus.PROBLEMS
    assert run_cli("list", "--core", "Haninge", repo=plan_dir).exit_code == ExitStatus.PROBLEMS


def test_exit_statuses_are_the_readme_table() -> None:
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.partition("## Exit codes")[2].partition("\n\n")[2].partition("\n\n")[0]
    codes = [int(line.split("|")[1]) for line in table.splitlines()[2:]]
    assert codes == sorted({int(status) for status in ExitStatus})
