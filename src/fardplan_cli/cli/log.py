"""`fardplan log REF`: the history of one initiative."""

from __future__ import annotations

from typing import Annotated

import typer

from fardplan_cli.cli.common import FormatOption, ReadFormat, emit, handle_errors, load_plans


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
    from fardplan_cli.query import resolve_core, resolve_initiative
    from fardplan_cli.render import TableOutput
    from fardplan_cli.render.diff_common import describe_changes

    repository, plan = load_plans(ctx)
    try:
        found = resolve_initiative(plan, ref)
        core, initiative_id = found.core, found.id
    except NotFoundError as missing:
        # It may have been removed since: look for it in the history of its file.
        core_part, colon, initiative_id = ref.strip().rpartition(":")
        core = resolve_core(plan, core_part).id if colon else None
        try:
            entries = initiative_history(repository.root, core, initiative_id.strip())
        except NotFoundError:
            raise missing from None
    else:
        entries = initiative_history(repository.root, core, initiative_id)
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
    shown = ref if not entries else entries[0].ref
    emit(TableOutput(columns, rows, data, title=t("History of {ref}", ref=shown),
                     caption=t("{count} commits", count=len(entries))), format)
