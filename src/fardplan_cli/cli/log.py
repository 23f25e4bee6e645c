"""`fardplan log REF`: the history of one initiative."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from fardplan_cli.cli.common import (
    FormatOption,
    ReadFormat,
    echo_error,
    emit,
    handle_errors,
    load_plans,
    open_repository,
)

if TYPE_CHECKING:
    from fardplan_cli.errors import NotFoundError
    from fardplan_cli.model import Initiative, PlanSet
    from fardplan_cli.repository import PlanRepository


@handle_errors
def log(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(metavar="REF", help="An initiative: sodertalje:1.3, or a "
                   "common one's id, 1.1.")],
    format: FormatOption = ReadFormat.table,
) -> None:
    """Every commit that changed an initiative, newest first, with date, author, message and what
    changed; follows renumbering back through 'replaces'."""
    from fardplan_cli.diff import DiffResult
    from fardplan_cli.errors import NotFoundError
    from fardplan_cli.history import initiative_history
    from fardplan_cli.i18n import t
    from fardplan_cli.query import resolve_core
    from fardplan_cli.render import TableOutput
    from fardplan_cli.render.diff_common import describe_changes

    repository, plan, narrow = _plans(ctx, ref)
    found = _find(plan, ref)
    if isinstance(found, NotFoundError) and narrow:
        # The narrow plan set lacks what this answer needs (a core named by its name, or
        # suggestions from every core): read every file, as for any other command.
        repository, plan = load_plans(ctx)
        found = _find(plan, ref)
    unchanged = None
    if isinstance(found, NotFoundError):
        # It may have been removed since: look for it in the history of its file.
        core_part, colon, initiative_id = ref.strip().rpartition(":")
        core = resolve_core(plan, core_part).id if colon else None
        try:
            entries = initiative_history(repository.root, core, initiative_id.strip())
        except NotFoundError:
            raise found from None
    else:
        try:
            entries = initiative_history(repository.root, found.core, found.id)
        except NotFoundError:
            # In the working tree, but no commit has touched it yet: an empty history.
            entries, unchanged = [], found.ref
            echo_error("fardplan: " + t(
                "no commit has changed {ref} yet: it is only in the working tree", ref=found.ref))
    names = DiffResult((), {c.id: c.name for c in plan.cores}, {a.id: a.name for a in plan.actors},
                       {}, {i.ref: i.title for i in plan.all_initiatives()})
    rows, data = [], []
    for entry in entries:
        lines = describe_changes(names, entry.changes)
        info = entry.commit
        rows.append([info.authored[:16].replace("T", " "), info.author, info.commit[:10],
                     info.subject, "\n".join(lines)])
        data.append({
            "commit": info.commit,
            "date": info.authored,
            "author": info.author,
            "email": info.email,
            "message": info.message,
            "ref": entry.ref,
            "changes": [c.as_dict() for c in entry.changes],
        })
    columns = [t("Date"), t("Author"), t("Commit"), t("Message"), t("Changes")]
    shown = (unchanged or ref) if not entries else entries[0].ref
    caption = t("1 commit") if len(entries) == 1 else t("{count} commits", count=len(entries))
    emit(TableOutput(columns, rows, data, title=t("History of {ref}", ref=shown), caption=caption),
         format)


def _plans(ctx: typer.Context, ref: str) -> tuple[PlanRepository, PlanSet, bool]:
    """The plan files that the history of ``ref`` needs, and whether that is fewer than all:
    the region, the actors and, for a core's initiative named by the core's id, that core's file.
    The history itself is read from git."""
    from fardplan_cli.grammar import split_reference

    repository = open_repository(ctx)
    plan = repository.read_narrow_plan_set(split_reference(ref)[0])
    if plan is not None:
        return repository, plan, True
    repository, plan = load_plans(ctx)
    return repository, plan, False


def _find(plan: PlanSet, ref: str) -> Initiative | NotFoundError:
    from fardplan_cli.errors import NotFoundError
    from fardplan_cli.query import resolve_initiative

    try:
        return resolve_initiative(plan, ref)
    except NotFoundError as missing:
        return missing
