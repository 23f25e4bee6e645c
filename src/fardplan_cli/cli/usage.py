"""Command-line usage errors (click's, through typer) in the user's language.

Typer's click prints its usage errors in English only (``Error: Missing option '--core'.``).
``show_usage_error`` prints the same text, and in Swedish translates the lines and messages it
knows; a message it does not know stays as click wrote it, so nothing is ever lost. The patterns
follow the messages of the click that typer < 0.29 carries (``typer/_click``); a test runs every
one of them through the real CLI, so that a change there is noticed.
"""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Sequence
from typing import Any

# (pattern of a whole message, Swedish template), tried in order.
_MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.DOTALL), template) for pattern, template in (
        (r"No such option: (?P<name>\S+) \(Possible options: (?P<options>.*)\)",
         "okänd flagga: {name} (möjliga flaggor: {options})"),
        (r"No such option: (?P<name>\S+)", "okänd flagga: {name}"),
        (r"No such command '(?P<name>.*)'\. Did you mean '(?P<near>.*)'\?",
         "okänt kommando '{name}'. Menade du '{near}'?"),
        (r"No such command '(?P<name>.*)'\.", "okänt kommando '{name}'."),
        (r"Missing command\.", "ett kommando saknas."),
        (r"Missing argument '(?P<name>.*)'\.", "argumentet '{name}' saknas."),
        (r"Missing option '(?P<name>.*)'\.", "flaggan '{name}' saknas."),
        (r"Got unexpected extra argument\(s\) \((?P<args>.*)\)", "oväntade extra argument ({args})"),
        (r"Option '(?P<name>.*)' requires an argument\.", "flaggan '{name}' behöver ett värde."),
        (r"Option '(?P<name>.*)' requires (?P<count>\d+) arguments\.",
         "flaggan '{name}' behöver {count} värden."),
        (r"Option '(?P<name>.*)' does not take a value\.", "flaggan '{name}' tar inget värde."),
        (r"Invalid value for (?P<param>.*?): (?P<value>'.*') is not one of (?P<choices>.*)\.",
         "ogiltigt värde för {param}: {value} är inte ett av {choices}."),
        (r"Invalid value for (?P<param>.*?): (?P<value>'.*') is not a valid int(?:eger)?\.",
         "ogiltigt värde för {param}: {value} är inte ett heltal."),
        (r"Invalid value for (?P<param>.*?): (?P<value>'.*') is not in the range (?P<range>.*)\.",
         "ogiltigt värde för {param}: {value} ligger inte i intervallet {range}."),
        (r"Invalid value for (?P<param>.*?): (?P<rest>.*)", "ogiltigt värde för {param}: {rest}"),
    )
)
_USAGE = re.compile(r"Usage: (?P<usage>.*)")
_TRY = re.compile(r"Try '(?P<command>.*)' for help\.")
_ERROR = re.compile(r"Error: (?P<message>.*)", re.DOTALL)


def swedish(message: str) -> str:
    """One of click's messages in Swedish, or as it is when it is not one this module knows."""
    for pattern, template in _MESSAGES:
        found = pattern.fullmatch(message)
        if found is not None:
            return template.format(**found.groupdict())
    return message


def translate(text: str) -> str:
    """What click printed for a usage error (usage line, hint, error), in Swedish."""
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if (usage := _USAGE.fullmatch(line)) is not None:
            lines[index] = f"Användning: {usage['usage']}"
        elif (hint := _TRY.fullmatch(line)) is not None:
            lines[index] = f"Kör '{hint['command']}' för hjälp."
        elif (error := _ERROR.fullmatch(line)) is not None:
            lines[index] = f"Fel: {swedish(error['message'])}"
    return "\n".join(lines)


def requested_language(args: Sequence[str]) -> str:
    """The language the command line asks for (``--lang`` before the command), else the
    locale's: a usage error may come before the root options were read."""
    from fardplan_cli.cli.startup import OPTIONS_WITH_VALUE
    from fardplan_cli.i18n import detect_language

    index = 0
    while index < len(args) and args[index].startswith("-"):
        arg, value = args[index], None
        if arg in OPTIONS_WITH_VALUE:  # --repo PATH, --lang LANG: skip the value too
            value = args[index + 1] if arg == "--lang" and index + 1 < len(args) else None
            index += 2
        else:
            value = arg.partition("=")[2] if arg.startswith("--lang=") else None
            index += 1
        if value in ("sv", "en"):
            return value
    return detect_language()


def show_usage_error(error: Any, args: Sequence[str]) -> None:
    """Print a click exception as click would, translated when the language is Swedish."""
    if type(error).__name__ == "NoArgsIsHelpError":  # the help itself: English, as --help is
        error.show()
        return
    buffer = io.StringIO()
    error.show(file=buffer)
    text = buffer.getvalue()
    if requested_language(args) == "sv":
        text = translate(text)
    sys.stderr.write(text)
    sys.stderr.flush()
