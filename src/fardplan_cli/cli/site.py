"""``fardplan site OUT``: the plans, their follow-up and their history as a static website."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from fardplan_cli.cli.app import Lang
from fardplan_cli.cli.common import open_repository


def site(
    ctx: typer.Context,
    out: Annotated[Path, typer.Argument(
        metavar="OUT", help="The folder to write the site to (replaced whole; never inside "
        "plans/, schemas/ or .git/).")],
    *,
    base_url: Annotated[str | None, typer.Option(
        "--base-url", metavar="URL",
        help="Prefix every link with URL (default: relative links, so the folder works from "
        "anywhere).")] = None,
    lang: Annotated[Lang | None, typer.Option(
        "--lang", help="Language of the site's labels (default: the plans' language).")] = None,
) -> None:
    """Write the plans as a static website: the cores' plans and lägesbild, a page per
    initiative with its follow-up and history, a page per actor, the reports, the changes
    between cycles, and search.

    The plans are read from git at HEAD (commit them first); the history of every initiative
    comes from one walk over the commits.
    """
    from fardplan_cli.i18n import set_language, t
    from fardplan_cli.render.site_pages import render_site
    from fardplan_cli.site import build_site
    from fardplan_cli.site_search import SearchIndexSummary, index_site
    from fardplan_cli.site_writing import check_site_target, write_site

    repository = open_repository(ctx)
    check_site_target(repository.root, out)  # refused before anything is read
    site = build_site(repository.root, lang.value if lang is not None else None)
    set_language("en" if site.language == "en" else "sv")
    indexed: list[SearchIndexSummary] = []

    def index_for_search(folder: Path) -> None:  # the plans' text is in the plans' language
        indexed.append(index_site(folder, site.plan.region.language))

    written = write_site(repository.root, out, render_site(site, base_url),
                         before_publish=index_for_search)
    size = f"{written.size / 1_000_000:.1f} MB"
    typer.echo(t("Wrote the site to {folder}: {pages} pages, {files} files, {size}",
                 folder=str(out), pages=written.pages, files=written.files, size=size))
    for summary in indexed:
        typer.echo(t("Search index: {pages} pages, {files} files, {size}", pages=summary.pages,
                     files=summary.files, size=f"{summary.size / 1_000_000:.1f} MB"))
