"""Tab completion: the shells' scripts are typer's; the values come from the plans.

``fardplan --install-completion`` and ``--show-completion`` are typer's own (bash, zsh, fish and
PowerShell). A shell asks for completions by running ``fardplan`` with ``_FARDPLAN_COMPLETE`` set;
``complete`` answers, before the language, the logging or any command is set up. Only then are the
commands' parameters given what to complete (``attach``): cores, references (``sodertalje:1.`` ->
``sodertalje:1.1`` ...), activities, actors, cycles and statuses, read from the working tree's
plans (the plan files alone: no git, no JSON Schema). ``--format`` completes its choices as any
click choice does. Anything that goes wrong while completing (no plan repository, a broken file)
completes nothing: a shell prints no error in the middle of a command line.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, MutableMapping
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from click.shell_completion import CompletionItem

    from fardplan_cli.model import PlanSet

COMPLETE_VARIABLE = "_FARDPLAN_COMPLETE"

# click's order of a completion instruction, ``bash_complete``, beside typer's ``complete_bash``.
_CLICK_STYLE = ("_complete", "_source")


def completing() -> bool:
    """Whether this run answers a shell's request for completions."""
    return bool(os.environ.get(COMPLETE_VARIABLE))


def complete(cli: click.Command, ctx_args: MutableMapping[str, Any], prog_name: str) -> int:
    """Answer the shell: print the completions (or the script) the instruction in
    ``_FARDPLAN_COMPLETE`` asks for; the exit status. Both typer's instructions (``complete_bash``,
    which its scripts send) and click's (``bash_complete``) are understood."""
    from typer._completion_classes import completion_init
    from typer.completion import shell_complete

    instruction = os.environ.get(COMPLETE_VARIABLE, "")
    for suffix in _CLICK_STYLE:
        if instruction.endswith(suffix):
            instruction = f"{suffix[1:]}_{instruction.removesuffix(suffix)}"
    completion_init()
    click.shell_completion.add_completion_class(_bash_class(), "bash")
    return shell_complete(cli, ctx_args, prog_name, COMPLETE_VARIABLE, instruction)


def _bash_class() -> type:
    from typer._completion_classes import BashComplete

    class ColonAwareBashComplete(BashComplete):
        """bash splits a word at ``:`` (``COMP_WORDBREAKS``): ``sodertalje:1.`` reaches us as
        ``sodertalje``, ``:``, ``1.``. The word is joined again to find its completions, and each
        completion is given without the part bash keeps as words of its own (what bash-completion's
        ``__ltrim_colon_completions`` does), so that bash puts back exactly what was typed."""

        def get_completion_args(self) -> tuple[list[str], str]:
            args, incomplete = super().get_completion_args()
            self.kept_prefix = ""
            if incomplete == ":" and args and not args[-1].startswith("-"):
                self.kept_prefix = args[-1] + ":"
                incomplete, args = self.kept_prefix, args[:-1]
            elif len(args) > 1 and args[-1] == ":" and not args[-2].startswith("-"):
                self.kept_prefix = args[-2] + ":"
                incomplete, args = self.kept_prefix + incomplete, args[:-2]
            return args, incomplete

        def format_completion(self, item: CompletionItem) -> str:
            value = str(item.value)
            return value.removeprefix(self.kept_prefix) if self.kept_prefix else value

    return ColonAwareBashComplete


# -- what each parameter completes -----------------------------------------------------------------

Values = Callable[["PlanSet", str], Iterable[str]]


def _cores(plan: PlanSet, incomplete: str) -> Iterable[str]:
    return (core.id for core in plan.cores)


def _actors(plan: PlanSet, incomplete: str) -> Iterable[str]:
    return (actor.id for actor in plan.actors)


def _cycles(plan: PlanSet, incomplete: str) -> Iterable[str]:
    return (cycle.id for cycle in plan.region.cycles)


def _statuses(plan: PlanSet | None, incomplete: str) -> Iterable[str]:
    from fardplan_cli.i18n import STATUSES

    return STATUSES


def _core_meant(plan: PlanSet, incomplete: str) -> str | None:
    """The core whose references are completed: the one named before ``:``, or the only core
    whose id starts with what is typed (so that a shell does not end ``sodertalje:`` with a
    space, as it does after a word it takes for complete)."""
    if ":" in incomplete:
        core_id = incomplete.partition(":")[0]
        return core_id if plan.core(core_id) is not None else None
    cores = [core.id for core in plan.cores if core.id.startswith(incomplete)]
    return cores[0] if incomplete and len(cores) == 1 else None


def _references(plan: PlanSet, incomplete: str) -> Iterable[str]:
    """``core:id`` of every initiative in each core's plan (common and core-specific), and the
    common initiatives' bare ids; before a ``:``, the cores themselves."""
    core_id = _core_meant(plan, incomplete)
    if core_id is not None:
        yield from (f"{core_id}:{initiative.id}" for initiative in plan.core_plan(core_id))
    elif ":" not in incomplete:
        yield from (f"{core.id}:" for core in plan.cores)
        yield from (initiative.id for initiative in plan.region.initiatives)


def _references_or_cores(plan: PlanSet, incomplete: str) -> Iterable[str]:
    yield from (core.id for core in plan.cores)
    yield from _references(plan, incomplete)


def _activities(plan: PlanSet, incomplete: str) -> Iterable[str]:
    core_id = _core_meant(plan, incomplete)
    if core_id is not None:
        for initiative in plan.core_plan(core_id):
            yield from (f"{core_id}:{activity.id}" for activity in initiative.activities)
    elif ":" not in incomplete:
        yield from (f"{core.id}:" for core in plan.cores)


# By the parameter's metavar, as the commands' help shows it.
_BY_METAVAR: dict[str, Values] = {
    "CORE": _cores,
    "ACTOR": _actors,
    "CYCLE": _cycles,
    "STATUS": _statuses,
    "REF": _references,
    "REF|CORE": _references_or_cores,
    "CORE:ACTIVITY": _activities,
    "[FROM]": _cycles,
    "[TO]": _cycles,
}


def attach(command: click.Command) -> None:
    """Give each parameter of ``command`` (and of its subcommands) that names a plan's thing
    the values to complete it with."""
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            attach(sub)
    for param in command.params:
        values = _BY_METAVAR.get(param.metavar or "")
        if values is not None:
            param._custom_shell_complete = _completer(values)


def _completer(values: Values) -> Callable[[click.Context, click.Parameter, str], list[str]]:
    def shell_complete(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
        plan = _plan(ctx, incomplete)
        if plan is None and values is not _statuses:
            return []
        found = values(plan, incomplete)  # type: ignore[arg-type]
        return sorted({value for value in found if value.startswith(incomplete)},
                      key=_natural_order)

    return shell_complete


def _natural_order(value: str) -> tuple[Any, ...]:
    """``sodertalje:1.2`` before ``sodertalje:1.10``."""
    import re

    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", value))


def _plan(ctx: click.Context, incomplete: str) -> PlanSet | None:
    """The working tree's plan set (of the repository ``--repo`` names, if given); only the
    files one core needs when the word names that core. None when there is none to read."""
    from fardplan_cli.errors import FardplanError
    from fardplan_cli.repository import find_repository

    repo = ctx.find_root().params.get("repo")
    try:
        repository = find_repository(repo if isinstance(repo, str) else None)
        core = incomplete.partition(":")[0] if ":" in incomplete else None
        return repository.read_plan_set(core=core)
    except (FardplanError, OSError, ValueError):
        return None
