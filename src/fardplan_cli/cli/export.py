"""``fardplan export``: the plan as a printable document in the order of the published roadmap."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import click
import typer

from fardplan_cli.cli.common import echo_error, format_option, load_plans
from fardplan_cli.cli.filters import ActorFilter, AreaFilter
from fardplan_cli.render.export import EXPORT_RENDERERS, labels_in

if TYPE_CHECKING:
    from fardplan_cli.model import PlanSet
    from fardplan_cli.repository import PlanRepository

# xlsx is the follow-up workbook (``sheet_write``), written beside the document's renderers.
EXPORT_FORMATS = {**EXPORT_RENDERERS, "xlsx": None}


def export(
    ctx: typer.Context,
    *,
    core: Annotated[str | None, typer.Option(
        "--core", "-c", metavar="CORE", help="Only this core's plan (id or name); default: every core.")] = None,
    format: Annotated[str, format_option(
        EXPORT_FORMATS, "Output format (html: one self-contained page for print; xlsx: the "
        "follow-up workbook that 'fardplan import' reads back).")] = "markdown",
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar="FILE",
        help="Write to FILE instead of stdout (never inside plans/, schemas/ or .git/).")] = None,
    actor: ActorFilter = None,
    area: AreaFilter = None,
    lang: Annotated[str | None, typer.Option(
        "--lang", metavar="LANG", click_type=click.Choice(["sv", "en"]),
        help="The language of the labels (headings, the workbook's headers and instructions); the "
        "plan's text stays as written (default: fardplan's --lang or FARDPLAN_LANG, else the "
        "plans' language).")] = None,
) -> None:
    """The whole plan as a printable document, in the order of the published roadmap.

    Per core: the cover, the contents and the introduction; its character; per goal area the
    introduction, the direction, the common and the core-specific initiatives; the initiative map
    by goal area; Genomförande; the indicators (lägesbild). In the plans' language unless --lang
    says otherwise; the plan's text is always as written.
    """
    import io
    import sys
    from dataclasses import replace

    from fardplan_cli.export import plan_document, write_document
    from fardplan_cli.query import resolve_core

    repository, plan = load_plans(ctx)
    if lang is None:
        chosen = ctx.find_root().params.get("lang")  # fardplan's --lang or FARDPLAN_LANG
        lang = str(getattr(chosen, "value", chosen)) if chosen else None
    if format == "xlsx":
        _export_workbook(repository, plan, core, actor, area, lang, output)
        return
    if actor is not None or area is not None:
        from fardplan_cli.errors import UsageError
        from fardplan_cli.i18n import t

        raise UsageError(t("--actor and --area go with --format xlsx"))
    core_ids = [resolve_core(plan, core).id] if core else None
    document = plan_document(plan, core_ids)
    if format == "html":  # a page for print says which plans it shows, as the reports do
        from fardplan_cli.stamp import page_stamp

        document = replace(document, stamp=page_stamp(repository, plan.region.name))
    buffer = io.StringIO()
    with labels_in(lang or document.language):
        EXPORT_RENDERERS[format](document, buffer)
    if output is None:
        sys.stdout.write(buffer.getvalue())
    else:
        from fardplan_cli.i18n import t

        text = buffer.getvalue()
        write_document(repository, output, text)
        echo_error(t("Wrote {path} ({format}, {size} bytes)", path=str(output), format=format,
                     size=len(text.encode("utf-8"))))


def _export_workbook(repository: PlanRepository, plan: PlanSet, core: str | None,
                     actor: str | None, area: int | None, lang: str | None,
                     output: Path | None) -> None:
    from fardplan_cli.errors import UsageError
    from fardplan_cli.export import write_document
    from fardplan_cli.i18n import Language, t
    from fardplan_cli.query import resolve_actor, resolve_area, resolve_core
    from fardplan_cli.sheet import WorkbookFilter
    from fardplan_cli.sheet_write import make_workbook

    if output is None:
        raise UsageError(t("--format xlsx writes a file: give it with -o FILE"))
    selection = WorkbookFilter(
        core=resolve_core(plan, core).id if core else None,
        actor=resolve_actor(plan, actor).id if actor else None,
        area=resolve_area(plan, area) if area is not None else None)
    language: Language = "en" if (lang or plan.region.language) == "en" else "sv"
    write_document(repository, output, make_workbook(repository, plan, selection, language))
