"""How a run ends: every exception turned into one message on stderr and its exit status.

``run`` is the one place that does it, for every command. Standard output is guarded while a
command runs: a failed write to it raises ``OutputError`` (not an ``OSError``, so that no handler
meant for files mistakes it for one), and

- a reader that went away (``fardplan validate | head -1``) ends the output quietly and leaves the
  status as the command decided it (``common.deliver``): a closed pipe never turns "problems found"
  into success;
- any other failure (a full disk, a closed standard output) is one message and status 1. An edit
  that was already written stays written; its line on stderr, written before the output, says so.
"""

from __future__ import annotations

import errno
import io
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from typing import Any, TextIO

import click

from fardplan_cli.errors import ExitStatus, FardplanError, PlanProblemsError

DEBUG_VARIABLE = "FARDPLAN_DEBUG"
CLOSED = "standard output is closed"


class OutputError(Exception):
    """Standard output could not be written."""

    def __init__(self, error: OSError) -> None:
        super().__init__(str(error))
        self.error = error

    @property
    def reader_gone(self) -> bool:
        """The reader closed the pipe: it has what it wanted."""
        if isinstance(self.error, BrokenPipeError):
            return True
        # Windows reports a pipe closed by its reader as EINVAL.
        return sys.platform == "win32" and self.error.errno == errno.EINVAL


class _ClosedOutput(io.TextIOBase):
    """Standard output when the process was started without one (``>&-``)."""

    encoding = "utf-8"

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, CLOSED)


class GuardedOutput:
    """Standard output whose write failures are ``OutputError``s; everything else is the stream's."""

    def __init__(self, stream: TextIO | io.TextIOBase) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        try:
            return self.stream.write(text)
        except OSError as error:
            raise OutputError(error) from error

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        try:
            self.stream.flush()
        except OSError as error:
            raise OutputError(error) from error

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


@contextmanager
def guarded_stdout() -> Iterator[None]:
    """Guard ``sys.stdout`` while a command runs; a missing one is a closed output."""
    original = sys.stdout
    stream: TextIO | io.TextIOBase = original
    if original is None:
        stream = _ClosedOutput()
        silence_stdout()  # so that no file the command opens is given descriptor 1
    sys.stdout = GuardedOutput(stream)
    try:
        yield
    finally:
        sys.stdout = original


def silence_stdout() -> None:
    """Point standard output's descriptor at the null device, so that what is still buffered for a
    closed pipe or a full disk is dropped at exit instead of failing again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.close(devnull)
    except OSError:
        pass


def echo_error(message: str) -> None:
    """One message on stderr, control characters from plan text escaped (a message must not command
    the terminal); a stderr that cannot be written is given up on, silently."""
    from fardplan_cli.render.escape import escape_controls

    with suppress(OSError):
        click.echo(escape_controls(message), err=True)


def report_problems(problems: Iterable[Any], *, in_work_tree: bool = True) -> None:
    """Each problem on stderr; a file of the working tree named from where the user stands, as
    ``validate`` names it (``sodertalje.yaml`` inside ``plans/``)."""
    listed = tuple(problems)
    if in_work_tree and listed:
        listed = _seen_from_here(listed)
    for problem in listed:
        echo_error(problem.format())


def _seen_from_here(problems: tuple[Any, ...]) -> tuple[Any, ...]:
    from pathlib import Path

    from fardplan_cli.errors import FardplanError
    from fardplan_cli.repository import find_repository
    from fardplan_cli.validate import ValidationResult

    context = click.get_current_context(silent=True)
    repo = getattr(context.find_root().obj, "repo", None) if context is not None else None
    try:
        root = find_repository(repo).root
    except (FardplanError, OSError):
        return problems
    return ValidationResult(problems, 0).seen_from(root, Path.cwd()).problems


def _say(message: str, **params: object) -> None:
    """``fardplan: message`` on stderr, in the language of the run."""
    from fardplan_cli.i18n import t

    echo_error("fardplan: " + t(message, **params))


def run(command: Callable[[], object], differs_is_status_1: Callable[[], bool] = lambda: False) -> int:
    """Run ``command`` under the guard and return the exit status it ends with. When
    ``differs_is_status_1()`` (``diff --exit-code``), an error that would exit 1 exits 2."""
    status, failed = _run(command)
    if failed and status == ExitStatus.PROBLEMS and differs_is_status_1():
        return ExitStatus.USAGE
    return status


def _run(command: Callable[[], object]) -> tuple[int, bool]:
    """The exit status, and whether an error ended the run (not the command's own status)."""
    try:
        with guarded_stdout():
            returned = command()
            sys.stdout.flush()
    except click.exceptions.Exit as done:
        return done.exit_code, False
    except click.ClickException as error:  # usage errors: click words them, in the language
        with suppress(OSError):
            error.show()
        return error.exit_code, True
    except (click.Abort, KeyboardInterrupt):
        echo_error("")  # closes the terminal's ^C
        _say("interrupted")
        return ExitStatus.INTERRUPTED, True
    except PlanProblemsError as error:
        from fardplan_cli.i18n import tn

        report_problems(error.problems, in_work_tree=error.revision is None)
        if error.revision is not None:  # `validate` checks the working tree, not a revision
            echo_error("fardplan: " + tn(
                "the plans at {label} have {count} problem, listed above",
                "the plans at {label} have {count} problems, listed above",
                len(error.problems), label=error.revision))
        else:
            echo_error("fardplan: " + tn(
                "the plans have {count} problem; run 'fardplan validate' for the list",
                "the plans have {count} problems; run 'fardplan validate' for the list",
                len(error.problems)))
        return error.exit_code, True
    except FardplanError as error:
        report_problems(getattr(error, "problems", ()))
        echo_error(f"fardplan: {error}")
        return error.exit_code, True
    except OutputError as error:
        silence_stdout()
        if error.reader_gone:
            return ExitStatus.OK, False  # a command whose status says more returns it (common.deliver)
        from fardplan_cli.i18n import t

        reason = t(CLOSED) if error.error.strerror == CLOSED else error.error.strerror or str(error.error)
        _say("the output could not be written: {reason}", reason=reason)
        return ExitStatus.PROBLEMS, True
    except Exception as error:
        if os.environ.get(DEBUG_VARIABLE):
            raise
        _say("internal error: {error} (set FARDPLAN_DEBUG=1 to see the traceback)", error=repr(error))
        return ExitStatus.INTERNAL, True
    return (returned if isinstance(returned, int) else ExitStatus.OK), False
