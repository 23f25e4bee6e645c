"""``fardplan export``: the plan as a printable document in the order of the published roadmap."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from fardplan_cli.cli.common import echo_error, format_option, load_plans
from fardplan_cli.render.export import EXPORT_RENDERERS


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

    Per core: its character; per goal area the introduction, the direction, the common and the
    core-specific initiatives; the initiative map by place; the indicators (lägesbild).
    """
    import io
    import sys

    from fardplan_cli.export import plan_document, write_document
    from fardplan_cli.query import resolve_core

    repository, plan = load_plans(ctx)
    core_ids = [resolve_core(plan, core).id] if core else None
    document = plan_document(plan, core_ids)
    buffer = io.StringIO()
    EXPORT_RENDERERS[format](document, buffer)
    if output is None:
        sys.stdout.write(buffer.getvalue())
    else:
        from fardplan_cli.i18n import t

        text = buffer.getvalue()
        write_document(repository, output, text)
        echo_error(t("Wrote {path} ({format}, {size} bytes)", path=str(output), format=format,
                     size=len(text.encode("utf-8"))))

