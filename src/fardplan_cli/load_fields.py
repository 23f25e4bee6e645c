"""The shape checks of the model's builders: each field read as the type it must have, or a
problem recorded where it is not (load.py's builder and load_follow_up.py's share them)."""

from __future__ import annotations

from typing import Any

from fardplan_cli.i18n import STATUSES, t
from fardplan_cli.model import DEFAULT_STATUS, Position, Problem
from fardplan_cli.yamlfile import Document, PathKey, format_path


class FieldReader:
    """Reads a parsed document's fields for a builder, recording a problem for each node of the
    wrong shape (and positions only when ``positions``)."""

    def __init__(self, positions: bool = True) -> None:
        self.problems: list[Problem] = []
        self.positions = positions

    def _pos(self, doc: Document, path: PathKey) -> Position:
        return doc.position(path) if self.positions else Position(doc.file, 1, 1)

    # -- shape checks -------------------------------------------------------------------------

    def _problem(self, doc: Document, path: PathKey, code: str, message: str, *,
                 key: bool = False) -> None:
        pos = doc.position(path, key=key)
        self.problems.append(
            Problem(pos.file, pos.line, pos.column, "error", code, message, format_path(path))
        )

    def _mapping(self, doc: Document, value: Any, path: PathKey, what: str) -> dict[str, Any] | None:
        if isinstance(value, dict):
            return value
        if value is None and not path:
            self._problem(doc, path, "empty-file", t("the file is empty; it should hold {what}", what=t(what)))
        else:
            self._problem(doc, path, "wrong-type",
                          t("expected {what} (a mapping), found {kind}", what=t(what), kind=describe_value(value)))
        return None

    def _list(self, doc: Document, data: dict[str, Any], path: PathKey, key: str) -> list[Any]:
        value = data.get(key)
        if value is None:
            return []
        if isinstance(value, list):
            return value
        self._problem(doc, (*path, key), "wrong-type",
                      t("{key} should be a list, found {kind}", key=key, kind=describe_value(value)))
        return []

    def _str(
        self, doc: Document, data: dict[str, Any], path: PathKey, key: str, *, required: bool
    ) -> str | None:
        value = data.get(key)
        if value is None:
            if required:
                self._problem(doc, path, "missing-field", t("{field} is missing", field=format_path((*path, key))))
            return None
        if isinstance(value, str):
            return value
        if key == "id" and isinstance(value, int | float) and not isinstance(value, bool):
            raw = raw_scalar(doc, (*path, key)) or str(value)
            self._problem(
                doc, (*path, key), "id-not-string",
                t("the id {raw} was read as a number; quote it: id: \"{raw}\" (unquoted, 1.10 is the "
                  "number 1.1)", raw=raw),
            )
            return None
        self._problem(doc, (*path, key), "wrong-type",
                      t("{key} should be text, found {kind}", key=key, kind=describe_value(value)))
        return None

    def _str_list(self, doc: Document, data: dict[str, Any], path: PathKey, key: str) -> tuple[str, ...]:
        items = self._list(doc, data, path, key)
        if not items:
            return ()
        out: list[str] = []
        for index, item in enumerate(items):
            if isinstance(item, str):
                out.append(item)
            else:
                self._problem(doc, (*path, key, index), "wrong-type",
                              t("{key} should hold text, found {kind}", key=key, kind=describe_value(item)))
        return tuple(out)

    def _int(self, doc: Document, data: dict[str, Any], path: PathKey, key: str, *,
             required: bool = True) -> int | None:
        value = data.get(key)
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if value is None:
            if not required:
                return None
            self._problem(doc, path, "missing-field", t("{field} is missing", field=format_path((*path, key))))
        else:
            self._problem(doc, (*path, key), "wrong-type", t("{key} should be a whole number", key=key))
        return None

    def _status(self, doc: Document, entry: dict[str, Any], path: PathKey) -> str:
        status = self._str(doc, entry, path, "status", required=False) or DEFAULT_STATUS
        if status not in STATUSES:
            self._problem(doc, (*path, "status"), "bad-status",
                          t("unknown status {name!r}", name=status) + "; "
                          + t("choose one of {options}", options=", ".join(STATUSES)))
            status = DEFAULT_STATUS
        return status


def raw_scalar(doc: Document, path: PathKey) -> str | None:
    """The scalar's text as written in the file (``1.10``), which the parsed number has lost."""
    text = doc.source_text
    if text is None:
        return None
    pos: Position = doc.position(path)
    lines = text.splitlines()
    if not 0 < pos.line <= len(lines):
        return None
    rest = lines[pos.line - 1][pos.column - 1 :]
    token = rest.split(" #", 1)[0].strip().rstrip(",]}")
    return token or None


def describe_value(value: Any) -> str:
    """What a value is, for a message: 'text', 'a list', 'the number 3', ..."""
    if value is None:
        return t("nothing")
    if isinstance(value, bool):
        return t("true/false")
    if isinstance(value, int | float):
        return t("the number {value}", value=value)
    if isinstance(value, str):
        return t("text")
    if isinstance(value, list):
        return t("a list")
    if isinstance(value, dict):
        return t("a mapping")
    return type(value).__name__
