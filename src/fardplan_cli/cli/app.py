"""The root of the CLI: the global options, and every command, built only when it is run.

``fardplan`` is a click group (``Commands``) whose ``list_commands`` names every command and whose
``get_command`` imports that one command's module and builds that one command: a process builds
the command it runs (none for ``--version``), so start-up does not grow with the number of commands.

Before click parses the command line, a lenient parse of the root's own options (click's
``resilient_parsing``) finds ``--lang`` (else ``FARDPLAN_LANG``, else the locale), so that click's
messages (``cli/click_catalog.py``) and the help (``cli/help_texts.py``) are in that language.
``outcome.run`` turns whatever the command raises into its message and exit status.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import click
import typer
from typer.core import TyperGroup

from fardplan_cli import __version__
from fardplan_cli.cli.completion import completing

if TYPE_CHECKING:
    from fardplan_cli.i18n import Language

HELP = "Keep Region Stockholm's roadmaps (färdplaner) for the regional urban cores as YAML in git."

# Every command in the order of --help: its name, and the module in cli/ and the attribute there
# that define it (a function, or a typer.Typer for a command with subcommands).
COMMANDS: dict[str, tuple[str, str]] = {
    "cores": ("cores", "cores"),
    "list": ("listing", "list_initiatives"),
    "show": ("show", "show"),
    "actors": ("actors", "actors"),
    "assign": ("edit", "assign"),
    "set-status": ("edit", "set_status"),
    "prioritize": ("edit", "prioritize"),
    "new": ("edit", "new"),
    "dialogue": ("followup", "dialogue_app"),
    "activity": ("followup", "activity_app"),
    "update": ("followup", "update"),
    "carry": ("followup", "carry"),
    "report": ("report", "report_app"),
    "diff": ("diff", "diff"),
    "log": ("log", "log"),
    "cycle": ("cycle", "cycle_app"),
    "export": ("export", "export"),
    "import": ("import_", "import_workbook"),
    "site": ("site", "site"),
    "validate": ("validate", "validate"),
    "migrate": ("migrate", "migrate"),
    "init": ("init", "init"),
}


class Lang(str, Enum):
    sv = "sv"
    en = "en"


def build_command(name: str) -> click.Command | None:
    """The click command ``name``, built from its module alone; None for an unknown name."""
    from fardplan_cli.cli.help_texts import translate_help

    place = COMMANDS.get(name)
    if place is None:
        return None
    module, attribute = place
    target = getattr(importlib.import_module(f"fardplan_cli.cli.{module}"), attribute)
    holder = typer.Typer(add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None)
    if isinstance(target, typer.Typer):  # a command with subcommands: built as a part of a group
        holder.add_typer(target, name=name, cls=Group)
        group = typer.main.get_command(holder)
        assert isinstance(group, click.Group)
        command = group.commands[name]
    else:
        holder.command(name)(target)
        command = typer.main.get_command(holder)
    translate_help(command)
    if completing():  # a shell asks what to complete: the parameters learn it from the plans
        from fardplan_cli.cli.completion import attach

        attach(command)
    return command


class Group(TyperGroup):
    """A group that suggests the nearest command names for a mistyped one, in the run's language.

    click words the error (``No such command 'x'.``) through its catalog; the suggestion is added
    here, from ``list_commands``, once, whatever click and typer would add themselves.
    """

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        # click's own: typer's suggests from the commands built already, which in the root are none.
        try:
            return click.Group.resolve_command(self, ctx, args)
        except click.UsageError as error:
            from difflib import get_close_matches

            near = get_close_matches(args[0], self.list_commands(ctx)) if args else []
            if not near:
                raise
            from fardplan_cli.i18n import t

            raise click.UsageError(t("{error} Did you mean {names}?", error=error.message,
                                     names=", ".join(repr(name) for name in near)), ctx) from None


class Commands(Group):
    """The root group: each command is imported and built when it is asked for."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self._built: dict[str, click.Command | None] = {}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self._built:
            self._built[cmd_name] = build_command(cmd_name)
        return self._built[cmd_name]

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """Run the command line ``args``; exit with its status (return it, outside standalone mode).
        With ``_FARDPLAN_COMPLETE`` set, a shell asks for completions: they are printed instead."""
        from fardplan_cli.cli.outcome import run

        arguments = list(sys.argv[1:] if args is None else args)
        name = prog_name or "fardplan"
        if completing():
            from fardplan_cli.cli.completion import complete

            sys.exit(complete(self, extra, name))
        contexts: list[click.Context] = []

        def invoke() -> object:
            self.choose_language(name, arguments)
            with self.make_context(name, list(arguments), **extra) as ctx:
                contexts.append(ctx)
                return self.invoke(ctx)

        # common.State, which a command fills in as it runs
        status = run(invoke, lambda: bool(contexts) and getattr(contexts[0].obj, "differs_is_status_1", False))
        if standalone_mode:
            sys.exit(status)
        return status

    def choose_language(self, prog_name: str, arguments: list[str]) -> None:
        """Set the language from ``--lang`` (read by a lenient parse of the root's options, which
        neither fails nor runs a command), else ``FARDPLAN_LANG``, else the locale."""
        # Without --help, whose text click words (and keeps) when it first builds the option.
        had_help, self.add_help_option = self.add_help_option, False
        try:
            lenient = self.make_context(prog_name, list(arguments), resilient_parsing=True)
        finally:
            self.add_help_option = had_help
        if lenient.params.get("version"):
            return  # click prints it as it reads it; the language is not needed
        chosen = lenient.params.get("lang")  # click's value: the choice's name, or None
        from fardplan_cli.cli.click_catalog import install_catalog
        from fardplan_cli.cli.help_texts import translate_help
        from fardplan_cli.i18n import detect_language, set_language

        language: Language = "sv" if chosen == Lang.sv else "en" if chosen == Lang.en else detect_language()
        set_language(language)
        install_catalog(language)
        translate_help(self)


def _print_version(ctx: click.Context, value: bool) -> bool:
    if value and not ctx.resilient_parsing:
        typer.echo(f"fardplan {__version__}")
        raise typer.Exit()
    return value  # the option's value, as the lenient parse sees it


def root(
    ctx: typer.Context,
    repo: Annotated[
        str | None,
        typer.Option("--repo", metavar="PATH", help="The plan repository (default: FARDPLAN_REPO, "
                     "else the nearest folder at or above here holding plans/region.yaml)."),
    ] = None,
    lang: Annotated[
        Lang | None,
        typer.Option("--lang", envvar="FARDPLAN_LANG", show_envvar=False,
                     help="Language of labels, messages and help (default: FARDPLAN_LANG, else sv "
                     "where the locale is Swedish, else en)."),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_print_version, is_eager=True, help="Print the version and exit."),
    ] = False,
    delimiter: Annotated[
        str | None,
        typer.Option("--delimiter", metavar="C", click_type=click.Choice([";", ",", "tab"]),
                     help="The separator C of --format csv: ';', ',' or 'tab' (default: ';' in "
                     "Swedish, as spreadsheet programs with Swedish settings read it, else ',')."),
    ] = None,
) -> None:
    """Keep Region Stockholm's roadmaps (färdplaner) for the regional urban cores as YAML in git."""
    from fardplan_cli.cli.common import state

    state(ctx).repo = repo
    from fardplan_cli.render.csvout import set_delimiter

    set_delimiter("\t" if delimiter == "tab" else delimiter)  # every run: None is the language's


app = typer.Typer(
    cls=Commands,
    name="fardplan",
    help=HELP,
    no_args_is_help=True,
    add_completion=True,  # typer's --install-completion and --show-completion (cli/completion.py)
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
app.callback()(root)


def main() -> None:
    for stream in (sys.stdout, sys.stderr):
        # JSON, CSV and the plans' Swedish text are UTF-8 on every platform, Windows consoles too.
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and (stream.encoding or "").lower().replace("-", "") != "utf8":
            reconfigure(encoding="utf-8")
    typer.main.get_command(app).main(prog_name="fardplan")
