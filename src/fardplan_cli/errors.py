"""One exception hierarchy, and the exit statuses of the program; each error knows its status.

The CLI turns any ``FardplanError`` into one message on stderr and its ``exit_code``.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fardplan_cli.model import Problem


class ExitStatus(IntEnum):
    """What the program's exit status says (the README's table)."""

    OK = 0
    """The command did what was asked."""
    PROBLEMS = 1
    """The plans have problems, an edit was refused, or the output could not be written."""
    DIFFERS = 1
    """``diff --exit-code``: the revisions differ (as ``git diff --exit-code``); an error that would
    be 1 is then ``USAGE``, so that 1 says only "differs"."""
    USAGE = 2
    """The command line is wrong: an unknown option, command, core, initiative, actor, cycle or
    revision, or a value that does not fit."""
    INTERNAL = 3
    """A fault in fardplan itself (``FARDPLAN_DEBUG=1`` shows the traceback)."""
    INTERRUPTED = 130
    """Interrupted (Ctrl-C), as shells report a process ended by SIGINT."""


class FardplanError(Exception):
    """Base of every error the tool reports to its user."""

    exit_code: ExitStatus = ExitStatus.PROBLEMS


class UsageError(FardplanError):
    """The command line is wrong."""

    exit_code = ExitStatus.USAGE


class NotFoundError(UsageError):
    """The command line names a core, initiative, actor, cycle or revision that does not exist."""

    def __init__(self, message: str, suggestions: Sequence[str] = ()) -> None:
        self.suggestions = tuple(suggestions)
        super().__init__(message)


class RepositoryNotFoundError(UsageError):
    """No plan repository where the user pointed, or above the working directory."""


class PlanProblemsError(FardplanError):
    """The plan files have problems that stop the command (exit 1)."""

    def __init__(self, problems: Sequence[Problem], message: str | None = None, *,
                 revision: str | None = None) -> None:
        self.problems = tuple(problems)
        self.revision = revision  # the label of a git revision the problems are in (not the work tree)
        super().__init__(message or (problems[0].format() if problems else "the plans have problems"))


class EditRefusedError(FardplanError):
    """An edit was refused: it would break the plans, or the working tree is not in a state for it."""

    def __init__(self, message: str, problems: Sequence[Problem] = ()) -> None:
        self.problems = tuple(problems)
        super().__init__(message)


class GitError(FardplanError):
    """git failed or is not there."""
