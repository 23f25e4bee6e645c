"""The writing commands: assign, set-status, prioritize, new (and the edit runner that the
follow-up commands of ``cli/followup.py`` share)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from fardplan_cli.cli.common import echo_error, open_repository, report_problems

if TYPE_CHECKING:
    from collections.abc import Mapping

    from fardplan_cli.edit import EditResult, Maker
    from fardplan_cli.model import PlanSet

DryRunOption = Annotated[
    bool, typer.Option("--dry-run", help="Print the unified diff of the file; write nothing.")
]
CommitOption = Annotated[
    bool, typer.Option("--commit", help="Commit exactly the edited file with a message saying "
                       "what changed.")
]
MessageOption = Annotated[
    str | None, typer.Option("--message", "-m", metavar="MSG", help="The commit message's first "
                             "line (the summary of the change follows it).")
]
StrictOption = Annotated[
    bool, typer.Option("--strict", help="Refuse the edit if it leaves a warning on the initiative "
                       "(as `validate --strict` would fail).")
]
RefArgument = Annotated[
    str,
    typer.Argument(metavar="REF", help="An initiative: sodertalje:1.3, or a common one's id, 1.1."),
]


def run_edit(ctx: typer.Context, make: Maker, dry_run: bool, commit: bool, message: str | None,
         strict: bool) -> str:
    """Make the edit, report it on stderr (the diff on stdout with --dry-run); return its ref."""
    from fardplan_cli.edit import perform
    from fardplan_cli.errors import UsageError
    from fardplan_cli.i18n import t

    if dry_run and commit:
        raise UsageError(t("--dry-run and --commit exclude each other"))
    if message is not None and not commit:
        raise UsageError(t("-m/--message goes with --commit"))
    outcome = perform(open_repository(ctx), make, dry_run=dry_run, commit=commit, message=message,
                      strict=strict)
    result = outcome.result
    if dry_run:
        _print(result.diff(), "the diff could not be printed: {error}", ref=result.ref)
    if not result.changed:
        echo_error(result.summary)  # which says "no change"
    elif outcome.commit:
        echo_error(t("{path}: {summary} (commit {commit})", path=result.path,
                     summary=result.summary, commit=outcome.commit[:12]))
    elif outcome.written:
        echo_error(f"{result.path}: {result.summary}")
    # Written all the same (warnings refuse an edit only with --strict), but `validate --strict`
    # will fail on them.
    report_problems(outcome.warnings)
    return result.ref


def assign(
    ctx: typer.Context,
    ref: RefArgument,
    lead: Annotated[str | None, typer.Option("--lead", metavar="ACTOR",
                    help="The lead (ansvarig aktör), by id or name.")] = None,
    no_lead: Annotated[bool, typer.Option("--no-lead", help="Remove the lead.")] = False,
    add: Annotated[list[str] | None, typer.Option("--add", metavar="ACTOR",
                   help="Add a participant (repeatable).")] = None,
    remove: Annotated[list[str] | None, typer.Option("--remove", metavar="ACTOR",
                      help="Remove a participant (repeatable).")] = None,
    lead_unit: Annotated[str | None, typer.Option("--lead-unit", metavar="ACTOR",
                         help="The unit of the lead that leads it (e.g. an administration).")
                         ] = None,
    no_lead_unit: Annotated[bool, typer.Option("--no-lead-unit",
                            help="Remove the lead unit.")] = False,
    dry_run: DryRunOption = False,
    commit: CommitOption = False,
    message: MessageOption = None,
    strict: StrictOption = False,
) -> None:
    """Set an initiative's lead, lead unit and participants (in one core for CORE:ID of a common
    initiative; its bare id changes the shared ones, in every core)."""
    from fardplan_cli import edit

    def make(plan: PlanSet, files: Mapping[str, bytes]) -> EditResult:
        return edit.assign(plan, files, ref, lead=lead, no_lead=no_lead, add=add or (),
                           remove=remove or (), lead_unit=lead_unit, no_lead_unit=no_lead_unit)

    run_edit(ctx, make, dry_run, commit, message, strict)


def set_status(
    ctx: typer.Context,
    ref: RefArgument,
    status: Annotated[str, typer.Argument(metavar="STATUS", help="planned, ongoing, done, paused "
                      "or dropped (Swedish labels too).")],
    note: Annotated[str | None, typer.Option("--note", metavar="TEXT", help="Why (status_note); "
                    "\"\" removes it.")] = None,
    dry_run: DryRunOption = False,
    commit: CommitOption = False,
    message: MessageOption = None,
    strict: StrictOption = False,
) -> None:
    """Set an initiative's status in a core, with the reason."""
    from fardplan_cli import edit

    def make(plan: PlanSet, files: Mapping[str, bytes]) -> EditResult:
        return edit.set_status(plan, files, ref, status, note=note)

    run_edit(ctx, make, dry_run, commit, message, strict)


def prioritize(
    ctx: typer.Context,
    ref: RefArgument,
    cycle: Annotated[str, typer.Option("--cycle", metavar="CYCLE",
                     help="The political cycle whose dialogue prioritised it, e.g. 2027-2030.")],
    dialogue: Annotated[str | None, typer.Option("--dialogue", metavar="DATE",
                        help="The dialogue's date (YYYY-MM-DD); a date without one adds it.")
                        ] = None,
    remove: Annotated[bool, typer.Option("--remove", help="Take the priority back.")] = False,
    dry_run: DryRunOption = False,
    commit: CommitOption = False,
    message: MessageOption = None,
    strict: StrictOption = False,
) -> None:
    """Record that a core's political dialogue prioritised an initiative."""
    from fardplan_cli import edit

    def make(plan: PlanSet, files: Mapping[str, bytes]) -> EditResult:
        return edit.prioritize(plan, files, ref, cycle, dialogue=dialogue, remove=remove)

    run_edit(ctx, make, dry_run, commit, message, strict)


def new(
    ctx: typer.Context,
    core: Annotated[str, typer.Option("--core", metavar="CORE", help="The core, by id or name.")],
    area: Annotated[int, typer.Option("--area", metavar="N", help="The goal area, 1-9.")],
    title: Annotated[str, typer.Option("--title", metavar="TEXT", help="The title.")],
    description: Annotated[str | None, typer.Option("--description", metavar="TEXT",
                           help="The description.")] = None,
    lead: Annotated[str | None, typer.Option("--lead", metavar="ACTOR", help="The lead.")] = None,
    participant: Annotated[list[str] | None, typer.Option("--participant", metavar="ACTOR",
                           help="A participant (repeatable).")] = None,
    dry_run: DryRunOption = False,
    commit: CommitOption = False,
    message: MessageOption = None,
    strict: StrictOption = False,
) -> None:
    """Add a core-specific initiative with the next free id in its area; print its reference."""
    from fardplan_cli import edit

    def make(plan: PlanSet, files: Mapping[str, bytes]) -> EditResult:
        return edit.new_initiative(plan, files, core=core, area=area, title=title,
                                   description=description, lead=lead,
                                   participants=participant or ())

    ref = run_edit(ctx, make, dry_run, commit, message, strict)
    if not dry_run:
        print_reference(ref)


def print_reference(ref: str) -> None:
    """Print the new initiative's reference. The initiative is written by now: if stdout cannot
    take it (a full disk), say so plainly rather than as an internal error."""
    _print(ref + "\n", "{ref} was written, but its reference could not be printed: {error}", ref=ref)


def _print(text: str, failure: str, *, ref: str) -> None:
    """Print on stdout; an output that cannot take it is one clear message, exit 1 (a reader that
    went away has what it wanted)."""
    import sys

    from fardplan_cli.cli.outcome import OutputError, silence_stdout
    from fardplan_cli.errors import FardplanError
    from fardplan_cli.i18n import t

    try:
        typer.echo(text, nl=False)
        if sys.stdout is not None:
            sys.stdout.flush()
    except OutputError as exc:
        if exc.reader_gone:
            silence_stdout()
            return
        error = exc.error.strerror or exc.error
        raise FardplanError(t(failure, ref=ref, error=error)) from None
