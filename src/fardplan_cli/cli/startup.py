"""Start-up: build only the command that the command line invokes.

Typer turns every registered command into a click command (signature, type hints, parameters) each
time the program starts, ~1 ms a command, although one process runs one command. ``for_argv``
returns a copy of the app that holds only the invoked command (or none at all for ``--version``),
so start-up does not grow with the number of commands. When the command line names no known
command, or asks for the overall ``--help``, the app is returned whole, so usage errors, their
suggestions and the help text stay exactly as they are.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import typer

# The root callback's options that take a value (see cli/app.py).
_OPTIONS_WITH_VALUE = frozenset({"--repo", "--lang"})


def invoked_command(args: Sequence[str]) -> tuple[str | None, bool]:
    """The command that ``args`` name (None if none), and whether ``--version`` comes first."""
    index = 0
    while index < len(args):
        arg = args[index]
        if arg == "--version":
            return None, True
        if arg == "--":
            return (args[index + 1] if index + 1 < len(args) else None), False
        if arg in _OPTIONS_WITH_VALUE:
            index += 2
            continue
        if arg.startswith("-"):
            index += 1
            continue
        return arg, False
    return None, False


def for_argv(app: typer.Typer, args: Sequence[str]) -> typer.Typer:
    """The app, or a copy of it holding only what ``args`` invoke."""
    name, version = invoked_command(args)
    if version:
        return _copy_with(app, [], [])
    if name is None:
        return app
    for command in app.registered_commands:
        callback = command.callback
        own = command.name or (callback.__name__.lower().replace("_", "-") if callback else None)
        if own == name:
            return _copy_with(app, [command], [])
    for group in app.registered_groups:
        if group.name == name:
            return _copy_with(app, [], [group])
    return app


def _copy_with(app: typer.Typer, commands: list[typer.models.CommandInfo],
               groups: list[typer.models.TyperInfo]) -> typer.Typer:
    # Without a root callback Typer would turn an app of one command into that command itself.
    if app.registered_callback is None and app.info.callback is None:
        return app
    pruned = copy.copy(app)
    pruned.registered_commands = commands
    pruned.registered_groups = groups
    return pruned
