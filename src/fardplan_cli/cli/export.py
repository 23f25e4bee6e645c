"""``fardplan export``: the plan as a printable document in the order of the published roadmap."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from fardplan_cli.cli.common import format_option, load_plans
from fardplan_cli.render.export import EXPORT_RENDERERS, labels_in


def export(
    ctx: typer.Context,
    *,
    core: Annotated[str | None, typer.Option(
        "--core", "-c", metavar="CORE", help="Only this core's plan (id or name); default: every core.")] = None,
    format: Annotated[str, format_option(
        EXPORT_RENDERERS, "Output format (html: one self-contained page for print).")] = "markdown",
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar="FILE",
        help="Write to FILE instead of stdout (never inside plans/, schemas/ or .git/).")] = None,
) -> None:
    """The whole plan as a printable document, in the order of the published roadmap.

    Per core: the cover, the contents and the introduction; its character; per goal area the
    introduction, the direction, the common and the core-specific initiatives; the initiative map
    by goal area; Genomförande; the indicators (lägesbild). In the plans' language unless --lang
    says otherwise; the plan's text is always as written.
    """
    import io
    import sys

    from fardplan_cli.export import plan_document, write_document
    from fardplan_cli.query import resolve_core

    repository, plan = load_plans(ctx)
    core_ids = [resolve_core(plan, core).id] if core else None
    document = plan_document(plan, core_ids)
    chosen = ctx.find_root().params.get("lang")  # --lang or FARDPLAN_LANG, else None
    buffer = io.StringIO()
    with labels_in(str(getattr(chosen, "value", chosen)) if chosen else document.language):
        EXPORT_RENDERERS[format](document, buffer)
    if output is None:
        sys.stdout.write(buffer.getvalue())
    else:
        write_document(repository, output, buffer.getvalue())

