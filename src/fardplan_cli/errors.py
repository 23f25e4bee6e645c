"""One exception hierarchy; each class knows its exit code.

The CLI turns any ``FardplanError`` into one line on stderr and its ``exit_code``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fardplan_cli.model import Problem

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2


class FardplanError(Exception):
    """Base of every error the tool reports to its user."""

    exit_code = EXIT_PROBLEMS


class UsageError(FardplanError):
    """The command line is wrong."""

    exit_code = EXIT_USAGE


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
