"""``fardplan report status`` and ``fardplan report responsibility``: thin, over ``report``."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from fardplan_cli.cli.common import emit, format_option, load_plans
from fardplan_cli.cli.filters import (
    ActorFilter,
    AreaFilter,
    CoreFilter,
    LeadFilter,
    OverdueFilter,
    OwnerFilter,
    PriorityFilter,
    ScopeFilter,
    StatusFilter,
    build_filter,
)
from fardplan_cli.render import REPORT_RENDERERS

if TYPE_CHECKING:
    from fardplan_cli.model import PlanSet
    from fardplan_cli.render import Output
    from fardplan_cli.repository import PlanRepository
    from fardplan_cli.stamp import PageStamp

ReportFormatOption = Annotated[str, format_option(
    REPORT_RENDERERS, "Output format (html: one self-contained page for print).")]

report_app = typer.Typer(
    help="Reports for the follow-up: status per core and goal area, and who is responsible "
    "for what.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


def _printed_page(ctx: typer.Context, repository: PlanRepository, plan: PlanSet) -> PageStamp:
    """A page for print is in the plans' language (region.yaml ``language``) unless ``--lang``
    (or ``FARDPLAN_LANG``) asks for another; its stamp says the plan, the day and the revision."""
    from fardplan_cli.i18n import LANGUAGES, set_language
    from fardplan_cli.stamp import page_stamp

    if ctx.find_root().params.get("lang") is None and plan.region.language in LANGUAGES:
        set_language("sv" if plan.region.language == "sv" else "en")
    return page_stamp(repository, plan.region.name)


@report_app.command("status")
def status(
    ctx: typer.Context,
    *,
    core: CoreFilter = None,
    area: AreaFilter = None,
    status: StatusFilter = None,
    actor: ActorFilter = None,
    lead: LeadFilter = None,
    scope: ScopeFilter = None,
    priority: PriorityFilter = None,
    owner: OwnerFilter = None,
    overdue: OverdueFilter = False,
    common: Annotated[bool, typer.Option(
        "--common", help="The common initiatives' status in every core: one row per initiative, "
        "one column per core.")] = False,
    cycle: Annotated[str | None, typer.Option(
        "--cycle", metavar="CYCLE", help="Count the priorities of this cycle (default: the "
        "current cycle, the latest that has started).")] = None,
    stale_days: Annotated[int | None, typer.Option(
        "--stale-days", min=0, metavar="N", help="Also list the initiatives whose last change in "
        "git is older than N days.")] = None,
    format: ReportFormatOption = "table",
) -> None:
    """Per core and goal area: initiatives by status, prioritised, without lead; and a total row.

    The filters are those of 'fardplan list', and the counts agree with it. With --core, the core's
    lägesbild follows the table. With --common, a matrix of the common initiatives' status in
    every core instead (only --area applies to it).
    """
    from datetime import date

    from fardplan_cli.query import resolve_cycle
    from fardplan_cli.render.report import status_output
    from fardplan_cli.report import current_cycle, status_report

    repository, plan = load_plans(ctx)
    if common:
        from fardplan_cli.errors import UsageError
        from fardplan_cli.i18n import t
        from fardplan_cli.query import resolve_area
        from fardplan_cli.render.report import common_status_output
        from fardplan_cli.report import common_status

        others = {"--core": core, "--status": status, "--actor": actor, "--lead": lead,
                  "--scope": scope, "--priority": priority, "--owner": owner,
                  "--overdue": overdue or None, "--cycle": cycle, "--stale-days": stale_days}
        given = [name for name, value in others.items() if value is not None]
        if given:
            raise UsageError(t("--common shows every core and every common initiative; it takes "
                               "only --area, not {options}", options=", ".join(given)))
        if format == "html":
            raise UsageError(t("--common has no page for print; use --format table, markdown, "
                               "csv or json"))
        chosen_area = resolve_area(plan, area) if area is not None else None
        emit(common_status_output(plan, common_status(plan, chosen_area)), format)
        return
    selection = build_filter(plan, core=core, area=area, status=status, actor=actor, lead=lead,
                             scope=scope, priority=priority, owner=owner, overdue=overdue)
    counted_cycle = resolve_cycle(plan, cycle) if cycle else current_cycle(plan, date.today())
    if stale_days is None:
        result = status_report(plan, selection, cycle=counted_cycle)
    else:
        from fardplan_cli.log import last_changed

        result = status_report(plan, selection, cycle=counted_cycle, stale_days=stale_days,
                               last_changed=lambda: last_changed(repository.root))
    if format == "html":
        from fardplan_cli.render.report_html import StatusPage

        stamp = _printed_page(ctx, repository, plan)
        REPORT_RENDERERS[format](StatusPage(plan, result, stamp), sys.stdout)
        return
    from fardplan_cli.clock import today

    emit(status_output(plan, result, single_table=format == "csv", today=today().isoformat()),
         format)


@report_app.command("responsibility")
def responsibility(
    ctx: typer.Context,
    *,
    actor: Annotated[str | None, typer.Option(
        "--actor", metavar="ACTOR", help="This actor's initiatives, with the path by which it is involved "
        "(id or name).")] = None,
    core: Annotated[str | None, typer.Option(
        "--core", "-c", metavar="CORE", help="Only this core (id or name).")] = None,
    format: ReportFormatOption = "table",
) -> None:
    """What each actor leads, takes part in, and is concerned in through part_of.

    With --actor, one row per initiative and way, saying the degree and through whom; without, a
    matrix of actors x cores with leads/takes part/concerned counts.
    """
    from fardplan_cli.query import resolve_actor, resolve_core
    from fardplan_cli.render.report import actor_output, matrix_output
    from fardplan_cli.report import actor_responsibility, responsibility_matrix

    repository, plan = load_plans(ctx)
    chosen_core = resolve_core(plan, core) if core else None
    core_id = chosen_core.id if chosen_core else None
    if format == "html":
        from fardplan_cli.render.report_html import ResponsibilityPage
        from fardplan_cli.report import actor_letter, actor_letters

        letters = ([actor_letter(plan, resolve_actor(plan, actor).id, core_id)] if actor
                   else actor_letters(plan, core_id))
        stamp = _printed_page(ctx, repository, plan)
        REPORT_RENDERERS[format](ResponsibilityPage(plan, tuple(letters), chosen_core, stamp),
                                 sys.stdout)
        return
    if actor:
        chosen = resolve_actor(plan, actor)
        rows = actor_responsibility(plan, chosen.id, core_id)
        output: Output = actor_output(plan, chosen, rows, core_id)
    else:
        output = matrix_output(plan, responsibility_matrix(plan, core_id), core_id)
    emit(output, format)
