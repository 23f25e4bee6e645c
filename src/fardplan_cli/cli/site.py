"""``fardplan site OUT``: the plans, their follow-up and their history as a static website."""

from __future__ import annotations

from collections.abc import Iterator
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
        "--lang", help="Language of the site's labels (default: fardplan's --lang or "
        "FARDPLAN_LANG, else the plans' language).")] = None,
) -> None:
    """Write the plans as a static website: the cores' plans and lägesbild, a page per
    initiative with its follow-up and history, a page per actor, the reports, the changes
    between cycles, and search.

    The plans are read from git at HEAD (commit them first); the history of every initiative
    comes from one walk over the commits.
    """
    from fardplan_cli.i18n import current_language, decimal, set_language, t
    from fardplan_cli.render.charts import ChartsDrawnAhead
    from fardplan_cli.render.site_pages import draw_charts_ahead, render_site
    from fardplan_cli.site import build_site, check_base_url
    from fardplan_cli.site_search import SiteSearch, searched_pages
    from fardplan_cli.site_writing import check_site_target, write_site

    if base_url is not None:
        check_base_url(base_url)
    repository = open_repository(ctx)
    check_site_target(repository.root, out)  # refused before anything is read
    # The site's language: its own --lang, else fardplan's (--lang, FARDPLAN_LANG), else the plans'.
    chosen = lang or ctx.find_root().params.get("lang")  # click's value: the choice's name
    language = chosen.value if isinstance(chosen, Lang) else chosen if chosen in ("sv", "en") else None
    messages = current_language()
    # The charts are drawn by a worker process while the history is walked.
    with ChartsDrawnAhead() as charts:
        site = build_site(repository.root, language, plan_read=lambda plan, language:
                          draw_charts_ahead(charts, plan, language))

        def in_site_language(files: Iterator[tuple[str, str | bytes]],
                             ) -> Iterator[tuple[str, str | bytes]]:
            """The pages rendered in the site's language; what goes wrong while they are
            written and indexed is said as any message."""
            while True:
                set_language("en" if site.language == "en" else "sv")
                try:
                    found = next(files, None)
                finally:
                    set_language(messages)
                if found is None:
                    return
                yield found

        # The index is in the plans' text's language, whatever the labels'.
        search = SiteSearch(site.plan.region.language, searched_pages(site))
        written = write_site(repository.root, out,
                             in_site_language(render_site(site, base_url, charts=charts)), search)
    size = f"{decimal(written.size / 1_000_000, 1)} MB"
    typer.echo(t("Wrote the site to {folder}: {pages} pages, {files} files, {size}",
                 folder=str(out), pages=written.pages, files=written.files, size=size))
    if written.search is not None:
        typer.echo(t("Search index: {pages} pages, {files} files, {size}",
                     pages=written.search.pages, files=written.search.files,
                     size=f"{decimal(written.search.size / 1_000_000, 1)} MB"))
    if site.uncommitted:
        typer.echo(t("note: the site shows the plans as last committed; the uncommitted changes "
                     "to {files} are not in it", files=", ".join(site.uncommitted)), err=True)
