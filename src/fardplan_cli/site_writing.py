"""Writing the site's folder: whole or not at all.

The pages are written to a new folder beside the target, and only when every page is there does
that folder take the target's place: a reader, or a failure half-way, finds the old site or the
new one. The target is refused inside ``plans/``, ``schemas/`` or a git directory, and when it is
the plan repository itself or holds it; an existing folder is replaced only when it is empty or a
site that fardplan wrote (it holds the marker file ``.fardplan-site``), so that a mistyped folder
is never deleted.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from fardplan_cli.errors import FardplanError, UsageError
from fardplan_cli.i18n import t

if TYPE_CHECKING:
    from fardplan_cli.site_search import SearchIndexSummary, SiteSearch

MARKER_FILE = ".fardplan-site"


@dataclass(frozen=True)
class WrittenSite:
    """What was written: where, how many pages (HTML files), how many files and bytes in all
    (the search index's own not counted), and what the search index holds."""

    folder: Path
    pages: int
    files: int
    size: int
    search: SearchIndexSummary | None = None


def check_site_target(repo_root: Path, target: Path) -> Path:
    """The resolved target folder; ``UsageError`` where a site must not be written."""
    resolved = target.resolve()
    root = repo_root.resolve()
    if resolved == root or resolved in root.parents:
        raise UsageError(t("refusing to write the site to {path}: it would replace the plan "
                           "repository", path=str(target)))
    for kept in (root / "plans", root / "schemas"):
        if resolved == kept or kept in resolved.parents:
            raise UsageError(t("refusing to write {path}: it is inside {folder}/",
                               path=str(target), folder=kept.name))
    if ".git" in resolved.parts:
        raise UsageError(t("refusing to write {path}: it is inside {folder}/", path=str(target),
                           folder=".git"))
    if resolved.exists() and not resolved.is_dir():
        raise UsageError(t("{path} is not a folder", path=str(target)))
    if resolved.is_dir() and any(resolved.iterdir()) and not (resolved / MARKER_FILE).is_file():
        raise UsageError(t("refusing to replace {path}: the folder is not empty and is not a site "
                           "that fardplan wrote (no {marker} in it)", path=str(target),
                           marker=MARKER_FILE))
    if not resolved.parent.is_dir():
        raise UsageError(t("the folder of {path} does not exist", path=str(target)))
    return resolved


def write_site(repo_root: Path, target: Path, files: Iterable[tuple[str, str | bytes]],
               search: SiteSearch | None = None) -> WrittenSite:
    """Write ``files`` (``relative/path``, text or bytes) as the site at ``target``, whole or not
    at all. With ``search``, the pages it searches are indexed as they are written (Pagefind
    reads them while the next ones are made), and the index is written into the new folder
    before it takes the target's place."""
    import tempfile

    folder = check_site_target(repo_root, target)
    building = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".building",
                                     dir=folder.parent))
    pages = count = size = 0
    try:
        with contextlib.ExitStack() as running:
            indexer = running.enter_context(search.indexing(building)) if search else None
            searched = search.searches if search is not None else None
            for relative, content in files:
                path = building.joinpath(*relative.split("/"))
                path.parent.mkdir(parents=True, exist_ok=True)
                data = content.encode("utf-8") if isinstance(content, str) else content
                path.write_bytes(data)
                pages += relative.endswith(".html")
                count += 1
                size += len(data)
                if indexer is not None and searched is not None and searched(relative):
                    indexer.page_written(relative)
            (building / MARKER_FILE).write_text(
                "This folder is a site written by 'fardplan site'; the next run replaces it.\n",
                encoding="utf-8")
            indexed = indexer.write_index() if indexer is not None else None
        _replace(building, folder)
    except OSError as error:
        with contextlib.suppress(OSError):
            shutil.rmtree(building)
        raise FardplanError(t("the site could not be written to {path}: {reason}",
                              path=str(target), reason=error.strerror or str(error))) from error
    except BaseException:
        with contextlib.suppress(OSError):
            shutil.rmtree(building)
        raise
    return WrittenSite(folder, pages, count, size, indexed)


def _replace(building: Path, folder: Path) -> None:
    """Put ``building`` where ``folder`` is: the old site is moved aside first, and put back if
    the new one cannot take its place."""
    import tempfile

    if not folder.exists():
        building.rename(folder)
        return
    aside = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".old", dir=folder.parent))
    aside.rmdir()
    folder.rename(aside)
    try:
        building.rename(folder)
    except OSError:
        aside.rename(folder)
        raise
    remove_folder(aside)


REMOVING_THREADS = 8


def remove_folder(folder: Path) -> None:
    """Remove ``folder`` and all it holds, as far as it can be (what cannot be is left). The
    files are removed by several threads at once, then the folders, the deepest first: the
    system's work of freeing a file is mostly waiting on the disk, which threads wait for side
    by side (the old site of 15,000 initiatives, some 53,000 files and folders: 15 s one after
    the other, 5 s so)."""
    import os
    from concurrent.futures import ThreadPoolExecutor

    files: list[str] = []
    folders: dict[int, list[str]] = {}
    for where, _, names in os.walk(folder):
        folders.setdefault(where.count(os.sep), []).append(where)
        files.extend(f"{where}{os.sep}{name}" for name in names)

    def remove(paths: list[str], how: Callable[[str], None]) -> None:
        for path in paths:
            with contextlib.suppress(OSError):
                how(path)

    def in_parts(paths: list[str]) -> list[list[str]]:
        return [paths[start:start + 256] for start in range(0, len(paths), 256)]

    with ThreadPoolExecutor(REMOVING_THREADS, thread_name_prefix="site-removing") as threads:
        list(threads.map(lambda part: remove(part, os.unlink), in_parts(files)))
        for depth in sorted(folders, reverse=True):
            list(threads.map(lambda part: remove(part, os.rmdir), in_parts(folders[depth])))
    shutil.rmtree(folder, ignore_errors=True)  # what a link or a file made meanwhile left
