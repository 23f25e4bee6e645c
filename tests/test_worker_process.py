"""The second process that reads a large workbook and draws a site's charts."""

from __future__ import annotations

import os
import signal

import pytest

from fardplan_cli.worker_process import one_worker


def test_the_worker_is_another_process_that_leaves_ctrl_c_to_the_command() -> None:
    worker = one_worker()
    assert worker is not None
    try:
        assert worker.submit(os.getpid).result() != os.getpid()
        # Ctrl-C reaches every process of the terminal: the command stops, the worker says nothing
        assert worker.submit(signal.getsignal, signal.SIGINT).result() == signal.SIG_IGN
    finally:
        worker.shutdown()


def test_where_no_process_can_be_started_there_is_no_worker(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import concurrent.futures

    def no_process(*args: object, **kwargs: object) -> None:
        raise OSError("no processes here")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", no_process)

    assert one_worker() is None
