from __future__ import annotations

import json
from typing import Any, TextIO

from fardplan_cli.render import Output


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def render_json(output: Output, stream: TextIO) -> None:
    stream.write(dumps(output.data) + "\n")
