"""What every command shares: global state, the --format option, loading, output and errors."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any, TextIO, TypeVar

import typer

from fardplan_cli.errors import EXIT_PROBLEMS, FardplanError, PlanProblemsError

if TYPE_CHECKING:
    from fardplan_cli.model import PlanSet, Problem
    from fardplan_cli.render import Output
    from fardplan_cli.repository import PlanRepository


class ReadFormat(str, Enum):
    """The formats of every read command; the same names as ``render.RENDERERS``."""

    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


FormatOption = Annotated[
    ReadFormat,
    typer.Option(
        "--format", "-f", case_sensitive=False, metavar="FORMAT", help="Output format: table, json, csv or markdown."
    ),
]


@dataclass
class State:
    repo: str | None = None


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


def emit(output: Output, format_name: str | ReadFormat) -> None:
    """Write a command's output to stdout in the chosen format."""
    from fardplan_cli.render import render

    name = format_name.value if isinstance(format_name, ReadFormat) else format_name
    stream: TextIO = sys.stdout
    if name == "csv":
        # A byte-order mark makes spreadsheet programs read the file as UTF-8 (å, ä, ö intact).
        stream.write("\ufeff")
    render(output, name, stream)


def echo_error(message: str) -> None:
    typer.echo(message, err=True)


def report_problems(problems: tuple[Problem, ...] | list[Problem]) -> None:
    for problem in problems:
        echo_error(problem.format())


def silence_stdout() -> None:
    """Point stdout at the null device, so that the final flush of a closed pipe does not fail."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass  # not a real file (e.g. under a test runner): nothing will be flushed to a pipe


F = TypeVar("F", bound=Callable[..., Any])


def handle_errors(function: F) -> F:
    """Turn the domain's errors into one clear message on stderr and the documented exit code."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from fardplan_cli.i18n import t

        try:
            return function(*args, **kwargs)
        except PlanProblemsError as exc:
            report_problems(exc.problems)
            if exc.revision is not None:  # `validate` checks the working tree, not a revision
                echo_error("fardplan: " + t(
                    "the plans at {label} have {count} problem(s), listed above",
                    label=exc.revision, count=len(exc.problems)))
            else:
                echo_error("fardplan: " + t(
                    "the plans have {count} problem(s); run 'fardplan validate' for the list",
                    count=len(exc.problems)))
            raise typer.Exit(exc.exit_code) from None
        except FardplanError as exc:
            problems = getattr(exc, "problems", ())
            if problems:
                report_problems(problems)
            echo_error(f"fardplan: {exc}")
            raise typer.Exit(exc.exit_code) from None
        except (typer.Exit, typer.Abort):
            raise
        except BrokenPipeError:
            # The reader went away (`fardplan list | head`): it has what it wanted; stop quietly.
            silence_stdout()
            raise typer.Exit(0) from None
        except Exception as exc:
            if os.environ.get("FARDPLAN_DEBUG"):
                raise
            echo_error("fardplan: " + t(
                "internal error: {error} (set FARDPLAN_DEBUG=1 to see the traceback)", error=repr(exc)))
            raise typer.Exit(EXIT_PROBLEMS) from None

    return wrapper  # type: ignore[return-value]
