"""The writing commands of a core's follow-up: `dialogue add`, `activity add`,
`activity set-status`, `update` and `carry`. They run through the same edit runner as `assign`
(``cli/edit.py``): atomic, locked, validated as a whole, with --dry-run, --commit, -m, --strict."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from fardplan_cli.cli.edit import (
    CommitOption,
    DryRunOption,
    MessageOption,
    StrictOption,
    run_edit,
)

if TYPE_CHECKING:
    from collections.abc import Mapping

    from fardplan_cli.edit import EditResult
    from fardplan_cli.model import PlanSet

CoreRefArgument = Annotated[
    str,
    typer.Argument(metavar="REF", help="An initiative in a core: sodertalje:1.3 or sodertalje:2.2."),
]
NoteOption = Annotated[str | None, typer.Option("--note", metavar="TEXT", help="A note.")]

dialogue_app = typer.Typer(
    name="dialogue",
    help="A core's political dialogues (politiska samtal), which prioritise its initiatives.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
activity_app = typer.Typer(
    name="activity",
    help="The activities (aktiviteter) that make an initiative concrete in a core.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


@dialogue_app.command("add")
def dialogue_add(
    ctx: typer.Context,
    core: Annotated[str, typer.Argument(metavar="CORE", help="The core, by id or name.")],
    date: Annotated[str, typer.Option("--date", metavar="DATE",
                    help="The dialogue's date, YYYY-MM-DD.")],
    cycle: Annotated[str, typer.Option("--cycle", metavar="CYCLE",
                     help="The political cycle it prioritises for, e.g. 2027-2030.")],
    participant: Annotated[list[str] | None, typer.Option(
        "--participant", metavar="ACTOR", help="A participant (repeatable).")] = None,
    prioritize: Annotated[list[str] | None, typer.Option(
        "--prioritize", metavar="ID", help="An initiative it prioritised (repeatable).")] = None,
    note: NoteOption = None,
    dry_run: DryRunOption = False,
    commit: CommitOption = False,
    message: MessageOption = None,
    strict: StrictOption = False,
) -> None:
    """Record a political dialogue of a core: its date, cycle and what it prioritised."""
    from fardplan_cli import edit

    def make(plan: PlanSet, files: Mapping[str, bytes]) -> EditResult:
        return edit.add_dialogue(plan, files, core, date=date, cycle=cycle,
                                 participants=participant or (), prioritize=prioritize or (),
                                 note=note)

    run_edit(ctx, make, dry_run, commit, message, strict)


@activity_app.command("add")
def activity_add(
    ctx: typer.Context,
    ref: CoreRefArgument,
    title: Annotated[str, typer.Option("--title", metavar="TEXT", help="The title.")],
    owner: Annotated[str | None, typer.Option("--owner", metavar="ACTOR",
                     help="The actor that owns it.")] = None,
    participant: Annotated[list[str] | None, typer.Option(
        "--participant", metavar="ACTOR", help="A participant (repeatable).")] = None,
    start: Annotated[str | None, typer.Option("--start", metavar="DATE",
                     help="The start date, YYYY-MM-DD.")] = None,
    due: Annotated[str | None, typer.Option("--due", metavar="DATE",
                   help="The due date, YYYY-MM-DD.")] = None,
    note: NoteOption = None,
    dry_run: DryRunOption = False,
    commit: CommitOption = False,
    message: MessageOption = None,
    strict: StrictOption = False,
) -> None:
    """Add an activity to an initiative in a core, with the next free id; print its reference."""
    from fardplan_cli import edit
    from fardplan_cli.cli.edit import print_reference

    def make(plan: PlanSet, files: Mapping[str, bytes]) -> EditResult:
        return edit.add_activity(plan, files, ref, title=title, owner=owner,
                                 participants=participant or (), start=start, due=due, note=note)

    made = run_edit(ctx, make, dry_run, commit, message, strict)
    if not dry_run:
        print_reference(made)


@activity_app.command("set-status")
def activity_set_status(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(metavar="CORE:ACTIVITY",
                   help="An activity: sodertalje:1.3.1.")],
    status: Annotated[str, typer.Argument(metavar="STATUS", help="planned, ongoing, done, paused "
                      "or dropped (Swedish labels too).")],
    note: NoteOption = None,
    date: Annotated[str | None, typer.Option("--date", metavar="DATE",
                    help="With done: the day it was done (default: today).")] = None,
    dry_run: DryRunOption = False,
    commit: CommitOption = False,
    message: MessageOption = None,
    strict: StrictOption = False,
) -> None:
    """Set an activity's status; done records the day (done_on)."""
    from fardplan_cli import edit

    def make(plan: PlanSet, files: Mapping[str, bytes]) -> EditResult:
        return edit.set_activity_status(plan, files, ref, status, note=note, date=date)

    run_edit(ctx, make, dry_run, commit, message, strict)


def update(
    ctx: typer.Context,
    ref: CoreRefArgument,
    text: Annotated[str, typer.Argument(metavar="TEXT", help="What has happened.")],
    date: Annotated[str | None, typer.Option("--date", metavar="DATE",
                    help="The update's date, YYYY-MM-DD (default: today).")] = None,
    by: Annotated[str | None, typer.Option("--by", metavar="ACTOR",
                  help="The actor that reports it.")] = None,
    dry_run: DryRunOption = False,
    commit: CommitOption = False,
    message: MessageOption = None,
    strict: StrictOption = False,
) -> None:
    """Append a progress report (lägesrapport) to an initiative in a core."""
    from fardplan_cli import edit

    def make(plan: PlanSet, files: Mapping[str, bytes]) -> EditResult:
        return edit.add_update(plan, files, ref, text, date=date, by=by)

    run_edit(ctx, make, dry_run, commit, message, strict)


def carry(
    ctx: typer.Context,
    ref: CoreRefArgument,
    kind: Annotated[str, typer.Option("--kind", metavar="KIND",
                    help="assignment, operations, forum or funding.")],
    actor: Annotated[str | None, typer.Option("--actor", metavar="ACTOR",
                     help="Who decides, funds or convenes it.")] = None,
    name: Annotated[str | None, typer.Option("--name", metavar="TEXT",
                    help="The assignment's, forum's or call's name.")] = None,
    amount: Annotated[int | None, typer.Option("--amount", metavar="SEK",
                      help="The amount in SEK (funding).")] = None,
    decided: Annotated[str | None, typer.Option("--decided", metavar="DATE",
                       help="The day it was decided, YYYY-MM-DD.")] = None,
    dry_run: DryRunOption = False,
    commit: CommitOption = False,
    message: MessageOption = None,
    strict: StrictOption = False,
) -> None:
    """Record how an initiative is carried in a core: an assignment, operations, a forum or
    funding."""
    from fardplan_cli import edit

    def make(plan: PlanSet, files: Mapping[str, bytes]) -> EditResult:
        return edit.add_carrier(plan, files, ref, kind=kind, actor=actor, name=name,
                                amount=amount, decided=decided)

    run_edit(ctx, make, dry_run, commit, message, strict)
