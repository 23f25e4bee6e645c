"""The root of the CLI: global options, and every command wired in one place."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterable, Sequence
from enum import Enum
from typing import Annotated

import typer

from fardplan_cli import __version__
from fardplan_cli.cli.common import state


class Lang(str, Enum):
    sv = "sv"
    en = "en"


def _new_app() -> typer.Typer:
    """The root app, with its global options and no command yet."""
    new = typer.Typer(
        name="fardplan",
        help="Keep Region Stockholm's roadmaps (färdplaner) for the regional urban cores as YAML in git.",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
    )
    new.callback()(root)
    return new


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"fardplan {__version__}")
        raise typer.Exit()


def _print_version_alone() -> None:
    """``fardplan --version`` and nothing else: what ``_print_version`` prints, without building
    the click command first (a third of that command's time above importing typer)."""
    typer.echo(f"fardplan {__version__}")


def root(
    ctx: typer.Context,
    repo: Annotated[
        str | None,
        typer.Option("--repo", metavar="PATH", help="The plan repository (default: FARDPLAN_REPO, "
                     "else the nearest folder at or above here holding plans/region.yaml)."),
    ] = None,
    lang: Annotated[
        Lang | None,
        typer.Option("--lang", help="Language of labels and messages (default: sv where LC_ALL/LANG "
                     "starts with sv, else en)."),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_print_version, is_eager=True, help="Print the version and exit."),
    ] = False,
) -> None:
    """Keep Region Stockholm's roadmaps (färdplaner) for the regional urban cores as YAML in git."""
    from fardplan_cli.i18n import detect_language, set_language

    set_language(lang.value if lang is not None else detect_language())
    state(ctx).repo = repo


# Every command, wired in this one place, in the order of --help: (name, module in cli/, attribute,
# whether it is a group). A process imports only the module of the command it runs.
COMMANDS: tuple[tuple[str, str, str, bool], ...] = (
    ("cores", "cores", "cores", False),
    ("list", "listing", "list_initiatives", False),
    ("show", "show", "show", False),
    ("actors", "actors", "actors", False),
    ("assign", "edit", "assign", False),
    ("set-status", "edit", "set_status", False),
    ("prioritize", "edit", "prioritize", False),
    ("new", "edit", "new", False),
    ("report", "report", "report_app", True),
    ("diff", "diff", "diff", False),
    ("log", "log", "log", False),
    ("cycle", "cycle", "cycle_app", True),
    ("export", "export", "export", False),
    ("validate", "validate", "validate", False),
    ("init", "init", "init", False),
)


def build_app(names: Iterable[str] | None = None) -> typer.Typer:
    """The app with the commands ``names`` (every command when None)."""
    wanted = None if names is None else set(names)
    built = _new_app()
    for name, module, attribute, group in COMMANDS:
        if wanted is not None and name not in wanted:
            continue
        target = getattr(importlib.import_module(f"fardplan_cli.cli.{module}"), attribute)
        if group:
            built.add_typer(target, name=name)
        else:
            built.command(name)(target)
    return built


def app_for(args: Sequence[str]) -> typer.Typer:
    """The app a command line needs: only the command it invokes, none for --version; the whole app
    when it names no known command or asks for the overall --help, so that usage errors, their
    suggestions and the help stay as they are."""
    from fardplan_cli.cli.startup import invoked_command

    name, version = invoked_command(args)
    if version:
        return build_app([])
    if name is not None and any(name == known for known, *_ in COMMANDS):
        return build_app([name])
    return build_app()


def __getattr__(name: str) -> typer.Typer:
    # `app`, the whole app, is built on first use (tests, the --help reference), not at import.
    if name == "app":
        whole = build_app()
        globals()["app"] = whole
        return whole
    raise AttributeError(name)


def main() -> None:
    for stream in (sys.stdout, sys.stderr):
        # JSON, CSV and the plans' Swedish text are UTF-8 on every platform, Windows consoles too.
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and (stream.encoding or "").lower().replace("-", "") != "utf8":
            reconfigure(encoding="utf-8")
    from fardplan_cli.cli.common import silence_stdout

    args = sys.argv[1:]
    code = 0
    try:
        if args == ["--version"]:
            try:
                _print_version_alone()
            except BrokenPipeError:
                silence_stdout()  # the reader went away: it has what it wanted
            return
        code = run(app_for(args), args)
    finally:
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            silence_stdout()
    sys.exit(code)


def run(app: typer.Typer, args: Sequence[str]) -> int:
    """Run the app on ``args`` and return the exit code. Usage errors are printed as click prints
    them, in Swedish where that is the language (``cli/usage.py``)."""
    try:
        returned = app(args=list(args), prog_name="fardplan", standalone_mode=False)
    except typer.TyperException as error:  # click's usage errors, and other click exceptions
        from fardplan_cli.cli.usage import show_usage_error

        show_usage_error(error, args)
        return int(getattr(error, "exit_code", 1))
    except typer.Abort:
        from fardplan_cli.cli.usage import requested_language

        sys.stderr.write("Avbrutet!\n" if requested_language(args) == "sv" else "Aborted!\n")
        return 1
    return returned if isinstance(returned, int) else 0
