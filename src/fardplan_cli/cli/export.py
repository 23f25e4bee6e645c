"""``fardplan export``: the plan as a printable document in the order of the published roadmap."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from fardplan_cli.cli.common import format_option, load_plans
from fardplan_cli.render.export import EXPORT_RENDERERS

if TYPE_CHECKING:
    from fardplan_cli.repository import PlanRepository


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

    from fardplan_cli.export import plan_document
    from fardplan_cli.query import resolve_core

    repository, plan = load_plans(ctx)
    core_ids = [resolve_core(plan, core).id] if core else None
    document = plan_document(plan, core_ids)
    buffer = io.StringIO()
    EXPORT_RENDERERS[format](document, buffer)
    if output is None:
        sys.stdout.write(buffer.getvalue())
    else:
        write_output(repository, output, buffer.getvalue())


def write_output(repository: PlanRepository, target: Path, text: str) -> None:
    """Write the document to ``target`` whole or not at all; never inside plans/, schemas/ or a
    git directory (an export there would replace a plan, a schema or git's own files)."""
    from fardplan_cli.errors import FardplanError, UsageError
    from fardplan_cli.i18n import t
    from fardplan_cli.yamlfile import atomic_write_text

    resolved = target.resolve()
    for kept in (repository.plans_dir.resolve(), (repository.root / "schemas").resolve()):
        if resolved == kept or kept in resolved.parents:
            raise UsageError(t("refusing to write {path}: it is inside {folder}/",
                               path=str(target), folder=kept.name))
    if ".git" in resolved.parts:
        raise UsageError(t("refusing to write {path}: it is inside {folder}/", path=str(target),
                           folder=".git"))
    if resolved.is_dir():
        raise UsageError(t("{path} is a folder, not a file", path=str(target)))
    if not resolved.parent.is_dir():
        raise UsageError(t("the folder of {path} does not exist", path=str(target)))
    try:
        if resolved.exists() and not resolved.is_file():
            # A device or a pipe (/dev/null, /dev/stdout) is written to, never replaced by a file.
            with resolved.open("w", encoding="utf-8", newline="") as stream:
                stream.write(text)
        else:
            atomic_write_text(resolved, text)
    except OSError as error:
        raise FardplanError(t("the output could not be written to {path}: {reason}", path=str(target),
                              reason=error.strerror or str(error))) from error
