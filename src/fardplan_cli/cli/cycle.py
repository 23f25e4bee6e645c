"""`fardplan cycle list` and `fardplan cycle close`: the political cycles and their tags."""

from __future__ import annotations

from typing import Annotated

import typer

from fardplan_cli.cli.common import FormatOption, ReadFormat, emit, handle_errors, load_plans

cycle_app = typer.Typer(
    name="cycle",
    help="The political cycles (mandatperioder) of plans/region.yaml and their git tags.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


@cycle_app.command("list")
@handle_errors
def list_cycles(ctx: typer.Context, format: FormatOption = ReadFormat.table) -> None:
    """Each cycle of plans/region.yaml, its tag and commit, and whether it is closed."""
    from fardplan_cli.grammar import CYCLE_TAG_PREFIX
    from fardplan_cli.history import cycle_tags
    from fardplan_cli.i18n import t
    from fardplan_cli.render import TableOutput

    repository, plan = load_plans(ctx)
    tags = cycle_tags(repository.root)
    known = [c.id for c in plan.region.cycles]
    names = {c.id: c.name for c in plan.region.cycles}
    rows, data = [], []
    for cycle_id in [*known, *sorted(set(tags) - set(known))]:
        tag = tags.get(cycle_id)
        data.append({
            "id": cycle_id,
            "name": names.get(cycle_id),
            "in_plans": cycle_id in names,
            "tag": CYCLE_TAG_PREFIX + cycle_id,
            "closed": tag is not None,
            "commit": tag.commit if tag else None,
            "date": tag.date if tag else None,
        })
        rows.append([
            cycle_id,
            names.get(cycle_id) or "",
            CYCLE_TAG_PREFIX + cycle_id,
            t("closed") if tag else t("open"),
            tag.commit[:10] if tag else "",
            tag.date[:10] if tag else "",
        ])
    columns = [t("Cycle"), t("Name"), t("Tag"), t("State"), t("Commit"), t("Date")]
    emit(TableOutput(columns, rows, data, title=t("Cycles")), format)


@cycle_app.command("close")
@handle_errors
def close(
    ctx: typer.Context,
    cycle: Annotated[str, typer.Argument(metavar="CYCLE", help="The cycle id, e.g. 2023-2026.")],
    message: Annotated[str | None, typer.Option(
        "--message", "-m", metavar="MSG",
        help="The tag's message (default: 'Close the political cycle CYCLE').")] = None,
) -> None:
    """Close a cycle: an annotated tag cycle/<id> on HEAD. Refuses invalid plans, uncommitted plan
    changes, an unknown cycle, or a cycle already closed."""
    from fardplan_cli.cli.common import open_repository
    from fardplan_cli.history import close_cycle
    from fardplan_cli.i18n import t

    repository = open_repository(ctx)
    files = repository.read_plan_files()
    known = _known_cycles(files)
    closed = close_cycle(repository.root, cycle, known, message, files)
    typer.echo(t("Closed cycle {cycle}: tag {tag} on commit {commit}", cycle=closed.cycle,
                 tag=closed.tag, commit=closed.commit[:10]))


def _known_cycles(files: dict[str, bytes]) -> list[str]:
    """The cycle ids of region.yaml, read without building the whole plan set (it may be broken;
    close_cycle reports that with every problem)."""
    from fardplan_cli.load import REGION_FILE
    from fardplan_cli.yamlfile import YamlProblemError, parse_document

    data = files.get(REGION_FILE)
    if data is None:
        return []
    try:
        document = parse_document(REGION_FILE, data)
    except YamlProblemError:
        return []
    cycles = document.data.get("cycles") if isinstance(document.data, dict) else None
    if not isinstance(cycles, list):
        return []
    return [c["id"] for c in cycles if isinstance(c, dict) and isinstance(c.get("id"), str)]
