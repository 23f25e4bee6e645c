"""The root of the CLI: global options, and every command wired in one place."""

from __future__ import annotations

import sys
from enum import Enum
from typing import Annotated

import typer

from fardplan_cli import __version__
from fardplan_cli.cli import actors, cores, edit, export, listing, report, show
from fardplan_cli.cli import cycle as cycle_cli
from fardplan_cli.cli import diff as diff_cli
from fardplan_cli.cli import init as init_command
from fardplan_cli.cli import log as log_cli
from fardplan_cli.cli import validate as validate_command
from fardplan_cli.cli.common import state


class Lang(str, Enum):
    sv = "sv"
    en = "en"


app = typer.Typer(
    name="fardplan",
    help="Keep Region Stockholm's roadmaps (färdplaner) for the regional urban cores as YAML in git.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"fardplan {__version__}")
        raise typer.Exit()


@app.callback()
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


app.command("cores")(cores.cores)
app.command("list")(listing.list_initiatives)
app.command("show")(show.show)
app.command("actors")(actors.actors)
app.command("assign")(edit.assign)
app.command("set-status")(edit.set_status)
app.command("prioritize")(edit.prioritize)
app.command("new")(edit.new)
app.add_typer(report.report_app, name="report")
app.command("diff")(diff_cli.diff)
app.command("log")(log_cli.log)
app.add_typer(cycle_cli.cycle_app, name="cycle")
app.command("export")(export.export)
app.command("validate")(validate_command.validate)
app.command("init")(init_command.init)

def main() -> None:
    for stream in (sys.stdout, sys.stderr):
        # JSON, CSV and the plans' Swedish text are UTF-8 on every platform, Windows consoles too.
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and (stream.encoding or "").lower().replace("-", "") != "utf8":
            reconfigure(encoding="utf-8")
    from fardplan_cli.cli.common import silence_stdout
    from fardplan_cli.cli.startup import for_argv

    try:
        for_argv(app, sys.argv[1:])(prog_name="fardplan")
    finally:
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            silence_stdout()
