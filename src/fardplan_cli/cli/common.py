"""What every command shares: global state, the --format option, loading and output.

Errors are not handled here: ``outcome.run`` turns every exception into a message and a status.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import click
import typer

from fardplan_cli.cli.outcome import OutputError, echo_error, report_problems, silence_stdout
from fardplan_cli.errors import ExitStatus
from fardplan_cli.render import RENDERERS

if TYPE_CHECKING:
    from fardplan_cli.model import PlanSet
    from fardplan_cli.render import Output
    from fardplan_cli.repository import PlanRepository


def format_option(registry: Mapping[str, object], help: str) -> Any:
    """The ``--format`` option whose choices are the names of a renderer registry (``render``)."""
    return typer.Option("--format", "-f", click_type=click.Choice(list(registry), case_sensitive=False),
                        help=help)


FormatOption = Annotated[str, format_option(RENDERERS, "Output format.")]


@dataclass
class State:
    repo: str | None = None
    differs_is_status_1: bool = False
    """``diff --exit-code``: status 1 says only that the revisions differ, so an error that would
    exit 1 exits 2 instead (as ``git diff --exit-code`` keeps 1 for "differs" and errors above it)."""


def state(ctx: typer.Context) -> State:
    root = ctx.find_root()
    if not isinstance(root.obj, State):
        root.obj = State()
    return root.obj


def open_repository(ctx: typer.Context) -> PlanRepository:
    from fardplan_cli.repository import find_repository

    return find_repository(state(ctx).repo)


def load_plans(ctx: typer.Context, *, core: str | None = None) -> tuple[PlanRepository, PlanSet]:
    """The plan set; with ``core`` (as typed), only the files that core's plan needs when it can."""
    repository = open_repository(ctx)
    return repository, repository.read_plan_set(core=core)


def emit(output: Output, name: str) -> None:
    """Write a command's output to stdout in the chosen format."""
    from fardplan_cli.render import render

    stream: TextIO = sys.stdout
    if name == "csv":
        # A byte-order mark makes spreadsheet programs read the file as UTF-8 (å, ä, ö intact).
        stream.write("\ufeff")
    render(output, name, stream)


def deliver(status: ExitStatus, write: Callable[[], object]) -> ExitStatus:
    """Write a command's output, then return the command's status, which was decided before: a
    reader that went away (``fardplan validate | head -1``) has what it wanted and does not change
    the status; any other failure to write is reported by ``outcome.run``."""
    try:
        write()
        sys.stdout.flush()
    except OutputError as error:
        if not error.reader_gone:
            raise
        silence_stdout()
    return status


__all__ = [
    "FormatOption", "State", "deliver", "echo_error", "emit", "format_option", "load_plans",
    "open_repository", "report_problems", "state",
]
