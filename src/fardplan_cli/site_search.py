"""The site's full-text search: Pagefind's index, written into the site's ``pagefind/`` folder.

Pagefind reads the written pages (only the part marked ``data-pagefind-body`` where a page has
one), stems their words in the language given (Swedish for the plans: a search for "kärnans" finds
"kärnorna"), and writes its index in fragments together with its own search interface
(``pagefind-ui.js``, ``pagefind-ui.css``) and the WebAssembly that searches in the browser. The
search page loads them from that folder: nothing comes from elsewhere, and no server is needed
beyond one that serves files.

Pagefind is a program of its own: the ``pagefind`` Python package starts the binary that the
``pagefind_bin`` package ships and talks to it over a pipe. Besides git it is the only program
fardplan starts, and only here. Both packages are imported by this module alone, when a site is
built.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from fardplan_cli.errors import FardplanError
from fardplan_cli.i18n import t

if TYPE_CHECKING:
    from pagefind.index import IndexConfig

SEARCH_INDEX_FOLDER = "pagefind"
"""Where the index and Pagefind's interface go, relative to the site's root."""


NOT_SEARCHED = (
    "form.initiative-filters",  # the filters' options name every core, area and actor of a list
    "thead",  # a list's column headings, on every list
)
"""What Pagefind leaves out of the index within a page's ``data-pagefind-body``: text that is on
many pages and says nothing of the page (it would make every list a result for an actor's name)."""


@dataclass(frozen=True)
class SearchIndexSummary:
    """What the index holds: the pages indexed, in which language, and the files and bytes
    written into the site's ``pagefind/`` folder."""

    pages: int
    language: str
    files: int
    size: int


def index_site(folder: Path, language: str) -> SearchIndexSummary:
    """Index every HTML page under ``folder`` as text in ``language`` (an ISO 639-1 code such as
    ``sv``) and write the index into ``folder/pagefind/``.

    One index for the whole site, in the plans' language, whatever the pages' ``lang`` says:
    the interface of an English site still searches Swedish plan text with Swedish word forms.
    Raises ``FardplanError`` when Pagefind is missing or fails; the folder may then hold part of
    an index, so the caller builds in a folder that it throws away on failure.
    """
    root = folder.resolve()
    if not root.is_dir():
        raise FardplanError(t("cannot index {path} for search: it is not a folder", path=str(folder)))
    output = root / SEARCH_INDEX_FOLDER
    try:
        pages = _in_own_event_loop(root, output, language)
    except FardplanError:
        raise
    except FileNotFoundError as missing:
        raise FardplanError(t("cannot build the search index: Pagefind's program is not installed "
                              "(pip install 'pagefind[bin]'): {error}", error=str(missing))) from None
    except Exception as failed:  # Pagefind's service reports its errors as plain Exceptions
        raise FardplanError(t("cannot build the search index of {path}: {error}",
                              path=str(folder), error=_reason(failed))) from None
    files = [path for path in output.rglob("*") if path.is_file()]
    return SearchIndexSummary(pages=pages, language=language, files=len(files),
                              size=sum(path.stat().st_size for path in files))


def _in_own_event_loop(root: Path, output: Path, language: str) -> int:
    """Pagefind's Python API is asynchronous: run it to the end in an event loop of its own, on a
    thread of its own, so that a caller that already runs a loop (a browser driver, a notebook)
    can build a site too."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="pagefind") as worker:
        return worker.submit(asyncio.run, _index(root, output, language)).result()


async def _index(root: Path, output: Path, language: str) -> int:
    try:
        from pagefind.index import PagefindIndex
    except ImportError:
        raise FardplanError(t("cannot build the search index: the Python package pagefind is not "
                              "installed (pip install 'pagefind[bin]')")) from None
    config: IndexConfig = {
        "force_language": language,
        "exclude_selectors": list(NOT_SEARCHED),
        # The site links to folder/index.html so that it also works from files on disk; the
        # search results link the same way.
        "keep_index_url": True,
        "output_path": str(output),
    }
    async with PagefindIndex(config) as index:
        indexed = await index.add_directory(str(root), glob="**/*.html")
        # leaving the block writes the index to output_path
    return indexed["page_count"]


def _reason(error: Exception) -> str:
    """The first line of what Pagefind said (its errors carry the message, then the request)."""
    message = error.args[0] if error.args else error
    return str(message).strip().splitlines()[0] if str(message).strip() else type(error).__name__
