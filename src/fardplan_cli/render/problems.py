"""Presentation of a validation result: text, JSON and GitHub workflow commands.

``PROBLEM_RENDERERS`` is the one table that both ``validate --format`` and the dispatch read from.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

from fardplan_cli.i18n import t, tn
from fardplan_cli.render import lazy_renderer

if TYPE_CHECKING:
    from fardplan_cli.model import Problem
    from fardplan_cli.validate import ValidationResult

ProblemRenderer = Callable[["ValidationResult", TextIO, TextIO], None]


def summary_line(result: ValidationResult) -> str:
    errors, warnings = len(result.errors), len(result.warnings)
    files = tn("{count} file checked", "{count} files checked", result.files)
    if not errors and not warnings:
        return t("{files}: no problems", files=files)
    return t("{errors}, {warnings} in {files}", errors=tn("{count} error", "{count} errors", errors),
             warnings=tn("{count} warning", "{count} warnings", warnings), files=files)


def _message(problem: Problem) -> str:
    """The message, after the document path of the node when there is one."""
    return f"{problem.path}: {problem.message}" if problem.path else problem.message


def render_text(result: ValidationResult, out: TextIO, err: TextIO) -> None:
    """``file:line:col: severity[code] path: message`` per problem (``Problem.format``, as an edit
    reports the warnings it leaves), then a summary line."""
    for problem in result.problems:
        out.write(problem.format() + "\n")
    out.write(summary_line(result) + "\n")


def render_json(result: ValidationResult, out: TextIO, err: TextIO) -> None:
    from fardplan_cli.render.jsonout import dumps
    from fardplan_cli.render.shapes import problems_json

    data = problems_json(result.problems, errors=len(result.errors), warnings=len(result.warnings),
                         files=result.files)
    out.write(dumps(data) + "\n")


def escape_data(text: str) -> str:
    """A workflow command's message: ``%``, CR and LF escaped as the Actions toolkit does."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value: also ``:`` and ``,``, which separate properties."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_command(problem: Problem) -> str:
    properties = ",".join(
        f"{name}={escape_property(value)}"
        for name, value in (
            ("file", problem.file),
            ("line", str(problem.line)),
            ("col", str(problem.column)),
            ("title", f"fardplan {problem.code}"),
        )
    )
    return f"::{problem.severity} {properties}::{escape_data(_message(problem))}"


def render_github(result: ValidationResult, out: TextIO, err: TextIO) -> None:
    """One workflow command per problem on stdout (every line is one); the summary on stderr."""
    for problem in result.problems:
        out.write(github_command(problem) + "\n")
    err.write(summary_line(result) + "\n")


PROBLEM_RENDERERS: dict[str, ProblemRenderer] = {
    "text": lazy_renderer("problems", "render_text"),
    "json": lazy_renderer("problems", "render_json", escapes_itself=True),
    "github": lazy_renderer("problems", "render_github"),
}
