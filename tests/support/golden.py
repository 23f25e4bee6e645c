"""Golden files: the expected output of a command, kept under ``tests/golden/``.

One rule for line ends: they compare as ``\n``. A ``\r\n`` in the output or in the file (a
checkout that turned line ends into CRLF) counts as ``\n``; a lone ``\r`` is kept and shows as a
difference. Files are written in UTF-8 with ``\n``.

``FARDPLAN_UPDATE_GOLDEN=1 python -m pytest`` rewrites every golden file a test reaches with the
output it got (the test then passes); review the change with ``git diff tests/golden``.
"""

from __future__ import annotations

import os
from pathlib import Path

GOLDEN_DIR = Path(__file__).resolve().parent.parent / "golden"
UPDATE_VARIABLE = "FARDPLAN_UPDATE_GOLDEN"


def _lf(text: str) -> str:
    return text.replace("\r\n", "\n")


def assert_golden(name: str, actual: str) -> None:
    """Compare ``actual`` with ``tests/golden/<name>`` (``name`` may hold a subdirectory)."""
    path = GOLDEN_DIR / name
    if os.environ.get(UPDATE_VARIABLE) == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(_lf(actual).encode("utf-8"))
        return
    assert path.is_file(), f"no golden file {path}; run with {UPDATE_VARIABLE}=1 to create it"
    expected = _lf(path.read_bytes().decode("utf-8"))
    assert _lf(actual) == expected, f"output differs from {path} ({UPDATE_VARIABLE}=1 rewrites it)"
