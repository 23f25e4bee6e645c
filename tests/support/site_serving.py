"""The site served as a static host serves it, for the browser tests: a plain web server on the
loopback address, and the results of the search page.

Browsers refuse ``fetch()`` from pages opened as files, and Pagefind's search reads its index with
``fetch()``: the search is tested on the site served over HTTP.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

# The search page's message once a search is done: "3.5 gav 2 träffar", "Inga träffar",
# "2 results for 3.5", "No results for 3.5".
_DONE = r"/(gav|träff|results? for)/i"


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@dataclass
class ServedPage:
    page: Any
    root: str
    """The server's address, ending in ``/``."""
    requests: list[str] = field(default_factory=list)
    """Every request the page made, in order."""

    def outside(self) -> list[str]:
        """The requests that went anywhere but the site's server."""
        return [url for url in self.requests if not url.startswith(self.root)]


@contextmanager
def served_page(browser: Any, folder: Path, address: str = "") -> Iterator[ServedPage]:
    """``folder`` served over HTTP, ``address`` (relative to it) open in a browser context of its
    own (its own cache: servers on a reused port never share one), closed after the block."""
    with serving(folder) as root:
        context = browser.new_context()
        try:
            served = ServedPage(context.new_page(), root)
            served.page.on("request", lambda request: served.requests.append(request.url))
            served.page.goto(root + address)
            yield served
        finally:
            context.close()


@contextmanager
def serving(folder: Path) -> Iterator[str]:
    """Serve ``folder`` at ``http://127.0.0.1:PORT/`` (a free port) while the block runs; yields
    that address, ending in ``/``."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def search_results(page: Any, timeout: float = 60_000) -> list[str]:
    """The addresses the search page's results link to, once the search it shows is done and
    its results (the first page of them) are loaded."""
    page.wait_for_function(
        "() => { const m = document.querySelector('.pagefind-ui__message');"
        f" return m !== null && {_DONE}.test(m.textContent); }}", timeout=timeout)
    shown = page.evaluate("() => document.querySelectorAll('.pagefind-ui__result').length")
    if shown:
        page.wait_for_function(
            "() => [...document.querySelectorAll('.pagefind-ui__result')]"
            ".every(r => r.querySelector('.pagefind-ui__result-link'))", timeout=timeout)
    links: list[str] = page.eval_on_selector_all(
        ".pagefind-ui__result-link", "links => links.map(a => a.getAttribute('href'))")
    return links
