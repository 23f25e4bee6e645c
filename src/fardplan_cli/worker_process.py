"""A second Python process of fardplan's own, for work that runs beside the command's.

On two cores and more, work that needs only its input can be done while the command does the
rest: a large workbook is read while the plans are parsed, the site's charts are drawn while the
history is walked. The worker is a fresh interpreter (``spawn``), the same on every system (Windows
has no other), with no copy of the command's threads and open pipes (git's, Pagefind's). Its
input and results travel pickled, so they are plain data.

Where no process can be started (a sandbox, a system out of processes), ``one_worker`` gives
None and the caller does the work itself; so it does when the worker dies (``BrokenProcessPool``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor


def one_worker() -> ProcessPoolExecutor | None:
    """A pool of one worker process, or None where none can be started. Stop it with
    ``shutdown``; Ctrl-C stops the command, which stops the worker."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    try:
        return ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_leave_interrupts_to_the_command)
    except (OSError, RuntimeError, ValueError):
        return None


def _leave_interrupts_to_the_command() -> None:
    """In the worker: Ctrl-C (sent to every process of the terminal's) stops the command, which
    stops the worker; the worker itself says nothing of it (no traceback of its own)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
