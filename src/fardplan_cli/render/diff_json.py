from __future__ import annotations

from typing import TextIO

from fardplan_cli.render.diff_common import DiffReport, diff_json
from fardplan_cli.render.jsonout import dumps


def render_diff_json(report: DiffReport, stream: TextIO) -> None:
    stream.write(dumps(diff_json(report)) + "\n")
