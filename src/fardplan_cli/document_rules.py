"""The rules of the document's own text, which a schema cannot express -> problems.

A shared section's id is unique in ``document.sections`` of region.yaml; a core replaces only a
section that exists there, and each at most once. (An unknown ``placement`` is the schema's
``unknown-placement``.) Like the other plan rules, these look only at nodes of the right shape and
check a core's references only when region.yaml could be read.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping
from typing import Any

from fardplan_cli.i18n import t
from fardplan_cli.load import REGION_FILE, is_core_file
from fardplan_cli.model import Problem
from fardplan_cli.rule_nodes import _items
from fardplan_cli.yamlfile import Document, PathKey, format_path


def _problem(doc: Document, path: PathKey, code: str, message: str) -> Problem:
    pos = doc.position(path)
    return Problem(pos.file, pos.line, pos.column, "error", code, message, format_path(path))


def _section_ids(doc: Document, where: PathKey, sections: Any) -> Iterator[tuple[PathKey, str]]:
    for index, section in _items({"sections": sections}, "sections"):
        if isinstance(section.get("id"), str):
            yield (*where, "sections", index, "id"), section["id"]


def _twice(doc: Document, ids: list[tuple[PathKey, str]]) -> Iterator[Problem]:
    first: dict[str, PathKey] = {}
    for path, section_id in ids:
        if section_id in first:
            yield _problem(doc, path, "duplicate-section", t(
                "section {id!r} is already defined on line {line}; give this one an id of its own",
                id=section_id, line=doc.position(first[section_id]).line))
        else:
            first.setdefault(section_id, path)


def document_problems(documents: Mapping[str, Document]) -> list[Problem]:
    """The problems of the document's text in every file whose top level is a mapping."""
    problems: list[Problem] = []
    shared: set[str] | None = None
    region = documents.get(REGION_FILE)
    if region is not None and isinstance(region.data, dict):
        document = region.data.get("document")
        ids = list(_section_ids(region, ("document",), document.get("sections"))) if isinstance(
            document, dict) else []
        problems += _twice(region, ids)
        shared = {section_id for _, section_id in ids}
    for path in sorted(documents):
        doc = documents[path]
        if not is_core_file(path) or not isinstance(doc.data, dict):
            continue
        ids = list(_section_ids(doc, (), doc.data.get("sections")))
        problems += _twice(doc, ids)
        if shared is None:
            continue
        for id_path, section_id in ids:
            if section_id in shared:
                continue
            message = t("plans/region.yaml has no shared section {id!r} to replace", id=section_id)
            near = difflib.get_close_matches(section_id, sorted(shared), n=3, cutoff=0.7)
            message += "; " + (t("did you mean {options}?", options=", ".join(near)) if near else
                               t("use the id of a section under document.sections in plans/region.yaml"))
            problems.append(_problem(doc, id_path, "unknown-section", message))
    return problems
