from __future__ import annotations

import csv
from typing import TextIO

from fardplan_cli.render import DetailOutput, Output


def render_csv(output: Output, stream: TextIO) -> None:
    # The CLI writes CSV to stdout as UTF-8 (with a BOM when asked for a spreadsheet, see cli).
    writer = csv.writer(stream, lineterminator="\r\n")
    if isinstance(output, DetailOutput):
        writer.writerow(["field", "value"])
        writer.writerows(output.fields)
        writer.writerows(output.sections)
        return
    writer.writerow(output.columns)
    writer.writerows(output.rows)
