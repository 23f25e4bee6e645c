"""Start-up: which command a command line invokes, before typer parses it.

Typer turns every registered command into a click command (signature, type hints, parameters) each
time the program starts, and importing a command's module costs too, although one process runs one
command. ``cli.app.app_for`` uses ``invoked_command`` to import and build only that command (none at
all for ``--version``), so start-up does not grow with the number of commands.
"""

from __future__ import annotations

from collections.abc import Sequence

# The root callback's options that take a value (see cli/app.py).
OPTIONS_WITH_VALUE = frozenset({"--repo", "--lang"})


def invoked_command(args: Sequence[str]) -> tuple[str | None, bool]:
    """The command that ``args`` name (None if none), and whether ``--version`` comes first.
    A ``--help`` before the command is the overall help, which lists every command: None."""
    index = 0
    while index < len(args):
        arg = args[index]
        if arg == "--help":
            return None, False
        if arg == "--version":
            return None, True
        if arg == "--":
            return (args[index + 1] if index + 1 < len(args) else None), False
        if arg in OPTIONS_WITH_VALUE:
            index += 2
            continue
        if arg.startswith("-"):
            index += 1
            continue
        return arg, False
    return None, False
