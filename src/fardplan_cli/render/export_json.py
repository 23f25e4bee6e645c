"""``fardplan export --format json``: the document's structure, in the published order."""

from __future__ import annotations

from typing import TextIO

from fardplan_cli.export import PlanDocument
from fardplan_cli.render.jsonout import dumps
from fardplan_cli.render.shapes import plan_document_json


def render_json_document(document: PlanDocument, stream: TextIO) -> None:
    stream.write(dumps(plan_document_json(document)) + "\n")
