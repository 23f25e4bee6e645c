"""The site's full-text search: Pagefind's index, written into the site's ``pagefind/`` folder.

Pagefind reads the written pages (only the part marked ``data-pagefind-body`` where a page has
one), stems their words in the language given (Swedish for the plans: a search for "kärnans" finds
"kärnorna"), and writes its index in fragments together with its own search interface
(``pagefind-ui.js``, ``pagefind-ui.css``) and the WebAssembly that searches in the browser. The
search page loads them from that folder: nothing comes from elsewhere, and no server is needed
beyond one that serves files.

Pagefind is a program of its own: the ``pagefind`` Python package starts the binary that the
``pagefind_bin`` package ships and talks to it over a pipe. Besides git (and Python itself,
for a second process of fardplan's own: the charts of a site, a large workbook's import) it is
the only program fardplan starts, and only here. Both packages are imported by this module
alone, when a site is built.

The index is built while the site is written: ``SearchIndexer`` hands Pagefind the pages in
batches as they are written, and Pagefind reads a batch on the machine's other cores while the
next pages are rendered. Its requests are few (a batch is ``PAGES_PER_REQUEST`` pages): the
Python package reads each answer after a pause of its own.

Not every page is searched: a result should be the page that holds a thing, not every list and
report that repeats it (``searched_pages``).
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Awaitable, Collection, Coroutine, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from fardplan_cli.errors import FardplanError
from fardplan_cli.i18n import t
from fardplan_cli.site import SEARCH_INDEX_FOLDER

if TYPE_CHECKING:
    from pagefind.index import IndexConfig, PagefindIndex
    from pagefind.service import PagefindService

    from fardplan_cli.site import Site

__all__ = ["NOT_SEARCHED", "PAGES_PER_REQUEST", "SEARCH_INDEX_FOLDER", "SearchIndexSummary",
           "SearchIndexer", "SiteSearch", "searched_pages"]

_T = TypeVar("_T")

NOT_SEARCHED = (
    "form.initiative-filters",  # the filters' options name every core, area and actor of a list
    "thead",  # a list's column headings, on every list
    "table.initiatives tbody",  # a list's rows: each initiative's own page holds it (an actor's lists)
    "div.initiative",  # a core plan's initiatives, each on its own page
    "ul.map",  # a core plan's map of its initiatives: their ids and titles
    "nav.contents",  # a core plan's table of contents: its headings, which are searched as they are
)
"""What Pagefind leaves out of the index within a page's ``data-pagefind-body``: text that is on
many pages, or that another page holds, and says nothing of this page (it would make every list
a result for an actor's name, and a core's plan a result for each of its initiatives)."""

PAGES_PER_REQUEST = 1000
"""The pages handed to Pagefind at a time: enough that the requests are a few dozen for the
largest plans, few enough that Pagefind reads the pages while the next ones are rendered."""

_GLOB_SPECIAL = frozenset("\\*?$:<>()[]{},")
"""The characters that mean something in Pagefind's globs, escaped with ``\\`` in a page's path."""


@dataclass(frozen=True)
class SearchIndexSummary:
    """What the index holds: the pages indexed, in which language, and the files and bytes
    written into the site's ``pagefind/`` folder."""

    pages: int
    language: str
    files: int
    size: int


def searched_pages(site: Site) -> frozenset[str]:
    """The pages of ``site`` that the search indexes, as the site's files (``sodertalje/1-3/
    index.html``): the start page, each core's plan (its own text; its initiatives are left out
    by ``NOT_SEARCHED``), each core's own initiatives, each common initiative once (its own page
    shows every core's follow-up of it) and each actor's page (its name and note; its lists are
    left out).

    Not searched, as they repeat what those pages hold: the lists of initiatives and actors, the
    lägesbild and the reports, the changes between cycles (each initiative's page shows its
    own), a core's page of a common initiative, and the search page itself.
    """
    def page(folder: str) -> str:
        return f"{folder}index.html"

    found = {page("")}
    found.update(page(core.path) for core in site.cores)
    found.update(page(found_page.path) for found_page in site.initiatives
                 if found_page.core is None or found_page.initiative.scope != "common")
    found.update(page(actor.path) for actor in site.actors)
    return frozenset(found)


@dataclass(frozen=True)
class SiteSearch:
    """What of a site the search indexes: ``pages`` (as the site's files) or, None, every page;
    ``language`` is the plans' (an ISO 639-1 code such as ``sv``)."""

    language: str
    pages: frozenset[str] | None = None

    def searches(self, page: str) -> bool:
        return page.endswith(".html") and (self.pages is None or page in self.pages)

    @contextmanager
    def indexing(self, folder: Path) -> Iterator[SearchIndexer]:
        """A ``SearchIndexer`` of the pages written into ``folder``; Pagefind is stopped when the
        block ends, whether or not the index was written."""
        indexer = SearchIndexer(folder, self.language,
                                expected=len(self.pages) if self.pages is not None else None)
        try:
            yield indexer
        finally:
            indexer.close()


class SearchIndexer:
    """Pagefind's index of the pages written into ``folder``, built while they are written: tell
    it each page once it is on disk (``page_written``), then ``write_index``.

    One index for the whole site, in the plans' language, whatever the pages' ``lang`` says:
    the interface of an English site still searches Swedish plan text with Swedish word forms.
    Pagefind runs on a thread of its own with an event loop of its own (its Python API is
    asynchronous), so that a caller that already runs a loop (a browser driver, a notebook) can
    build a site too. Pages are handed to Pagefind ``batch`` at a time (``PAGES_PER_REQUEST``
    unless given). With ``expected`` (the number of pages to be indexed), the index is written as
    soon as the last of them is there, while the rest of the site is.

    Raises ``FardplanError`` when Pagefind is missing or fails, from the call that learns of it;
    the folder may then hold part of an index, so the caller builds in a folder that it throws
    away on failure.
    """

    _lock: asyncio.Lock  # made on Pagefind's thread, in its loop

    def __init__(self, folder: Path, language: str, *, expected: int | None = None,
                 batch: int | None = None) -> None:
        self.folder = folder.resolve()
        if not self.folder.is_dir():
            raise FardplanError(t("cannot index {path} for search: it is not a folder",
                                  path=str(folder)))
        self.language = language
        self.expected = expected
        self.batch = batch or PAGES_PER_REQUEST
        self.output = self.folder / SEARCH_INDEX_FOLDER
        self._waiting: list[str] = []  # written pages not yet handed to Pagefind
        self._written = 0
        self._requests: list[Future[int]] = []
        self._writing: Future[None] | None = None
        self._service: PagefindService | None = None
        self._index: PagefindIndex | None = None
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="pagefind", daemon=True)
        self._thread.start()
        try:
            self._wait(self._submit(self._start()))
        except BaseException:
            self.close()
            raise

    # -- the caller's side ------------------------------------------------------------------

    def page_written(self, page: str) -> None:
        """``page`` (relative to the folder, ``/``-separated) is written: index it with the next
        batch."""
        self._raise_failure()
        if self._writing is not None:
            raise ValueError(f"the search index is already written; {page} is not in it")
        self._waiting.append(page)
        self._written += 1
        if self.expected is not None and self._written >= self.expected:
            self._start_writing()
        elif len(self._waiting) >= self.batch:
            self._hand_over()

    def write_index(self) -> SearchIndexSummary:
        """Index the pages not yet handed over, write the index into ``pagefind/`` and say what
        it holds."""
        if self._writing is None:
            self._start_writing()
        assert self._writing is not None
        pages = sum(self._wait(request) for request in self._requests)
        self._wait(self._writing)
        files = [path for path in self.output.rglob("*") if path.is_file()]
        return SearchIndexSummary(pages=pages, language=self.language, files=len(files),
                                  size=sum(path.stat().st_size for path in files))

    def close(self) -> None:
        """Stop Pagefind and the thread that talks to it (after ``write_index``, or to give up)."""
        if self._thread.is_alive():
            if self._service is not None:
                # A failure stopping it follows one already reported (or the index is written).
                with contextlib.suppress(Exception):
                    self._submit(self._stop()).result()
            # Requests still waiting (when a page or a request failed) end here, not when the
            # stopped loop's coroutines are collected.
            with contextlib.suppress(Exception):
                self._submit(self._cancel_waiting()).result()
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join()
        if not self._loop.is_closed():
            self._loop.close()

    def __enter__(self) -> SearchIndexer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _hand_over(self) -> None:
        if self._waiting:
            glob = pages_glob(self._waiting)
            self._waiting = []
            self._requests.append(self._submit(self._add(glob)))

    def _start_writing(self) -> None:
        self._hand_over()
        self._writing = self._submit(self._write())

    def _submit(self, work: Coroutine[Any, Any, _T]) -> Future[_T]:
        return asyncio.run_coroutine_threadsafe(work, self._loop)

    def _wait(self, request: Future[_T]) -> _T:
        try:
            return request.result()
        except FardplanError:
            raise
        except FileNotFoundError as missing:
            raise FardplanError(t("cannot build the search index: Pagefind's program is not "
                                  "installed (pip install 'pagefind[bin]'): {error}",
                                  error=str(missing))) from None
        except Exception as failed:  # Pagefind's service reports its errors as plain Exceptions
            raise FardplanError(t("cannot build the search index of {path}: {error}",
                                  path=str(self.folder), error=_reason(failed))) from None

    def _raise_failure(self) -> None:
        """Raise now what a finished request failed with, rather than after the whole site."""
        for request in self._requests:
            if request.done():
                self._wait(request)

    # -- Pagefind's side, on its thread --------------------------------------------------------

    async def _start(self) -> None:
        try:
            from pagefind.service import PagefindService
        except ImportError:
            raise FardplanError(t("cannot build the search index: the Python package pagefind is "
                                  "not installed (pip install 'pagefind[bin]')")) from None
        config: IndexConfig = {
            "force_language": self.language,
            "exclude_selectors": list(NOT_SEARCHED),
            # The site links to folder/index.html so that it also works from files on disk; the
            # search results link the same way.
            "keep_index_url": True,
        }
        self._lock = asyncio.Lock()  # one request at a time: Pagefind answers them in turn
        service = PagefindService()
        await service.launch()
        self._service = service
        self._index = await self._answer(service.create_index(config))

    async def _add(self, glob: str) -> int:
        assert self._index is not None
        async with self._lock:
            indexed = await self._answer(self._index.add_directory(str(self.folder), glob=glob))
        return int(indexed["page_count"])

    async def _write(self) -> None:
        assert self._index is not None
        async with self._lock:
            await self._answer(self._index.write_files(str(self.output)))

    async def _answer(self, request: Awaitable[_T]) -> _T:
        """Pagefind's answer to ``request``, or ``FardplanError`` as soon as its program ends
        without one: the Python package reads the program's answers on a task of its own, which
        stops when the program ends, and would leave the request waiting for ever."""
        reading = _reading_task(self._service)
        asking = asyncio.ensure_future(request)
        if reading is None:  # a Pagefind package that reads its answers otherwise
            return await asking
        await asyncio.wait({asking, reading}, return_when=asyncio.FIRST_COMPLETED)
        if asking.done():
            try:
                return asking.result()
            except ConnectionError:  # the program ended before it took the request
                await asyncio.wait({reading}, timeout=5)
        else:
            asking.cancel()
            with contextlib.suppress(BaseException):
                await asking
        raise FardplanError(t("cannot build the search index: Pagefind's program stopped: {reason}",
                              reason=await _why_ended(self._service, reading)))

    async def _cancel_waiting(self) -> None:
        current = asyncio.current_task()
        waiting = [task for task in asyncio.all_tasks() if task is not current]
        for task in waiting:
            task.cancel()
        await asyncio.gather(*waiting, return_exceptions=True)

    async def _stop(self) -> None:
        assert self._service is not None
        service, self._service = self._service, None
        reading = _reading_task(service)
        program = _program(service)
        ended = (reading is not None and reading.done()) or (
            program is not None and program.returncode is not None)
        try:
            if not ended:  # else Pagefind's ``close`` would wait for answers that cannot come
                await service.close()
                return
        except Exception:
            # Pagefind's ``close`` gives up before stopping its program when a request failed:
            # stop it here, so that no program outlives the command.
            await _end(reading, program)
            raise
        await _end(reading, program)


def pages_glob(pages: Collection[str]) -> str:
    """A Pagefind glob that matches exactly ``pages`` (paths relative to the folder indexed)."""
    escaped = ["".join(f"\\{c}" if c in _GLOB_SPECIAL else c for c in page) for page in pages]
    return escaped[0] if len(escaped) == 1 else "{" + ",".join(escaped) + "}"


def _reading_task(service: PagefindService | None) -> asyncio.Task[None] | None:
    """The task on which Pagefind's Python package reads its program's answers."""
    found = getattr(service, "_poll_task", None)
    return found if isinstance(found, asyncio.Task) else None


def _program(service: PagefindService | None) -> asyncio.subprocess.Process | None:
    found = getattr(service, "_backend", None)
    return found if isinstance(found, asyncio.subprocess.Process) else None


async def _end(reading: asyncio.Task[None] | None,
               program: asyncio.subprocess.Process | None) -> None:
    """Stop reading Pagefind's answers, and its program if it still runs."""
    if reading is not None:
        reading.cancel()
    if program is not None and program.returncode is None:
        program.kill()
        await program.wait()


async def _why_ended(service: PagefindService | None, reading: asyncio.Task[None] | None) -> str:
    """What Pagefind's program said as it ended (the first line it wrote that was not an
    answer), else how it ended."""
    failure = reading.exception() if reading is not None and reading.done() \
        and not reading.cancelled() else None
    if isinstance(failure, asyncio.IncompleteReadError):
        said = failure.partial.decode("utf-8", "replace").strip()
        if said:
            return said.splitlines()[0]
    program = _program(service)
    if program is not None:
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(program.wait(), timeout=5)
        if program.returncode is not None:
            return t("it ended with exit status {status}", status=program.returncode)
    return _reason(failure) if failure is not None else t("it ended without an answer")


def _reason(error: BaseException) -> str:
    """The first line of what Pagefind said (its errors carry the message, then the request)."""
    message = error.args[0] if error.args else error
    return str(message).strip().splitlines()[0] if str(message).strip() else type(error).__name__

