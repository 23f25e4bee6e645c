"""The edits, on round-trip documents: assign, set-status, prioritize, new.

Each edit function is pure: it takes the plan set and the plan files' bytes, resolves what the user
typed (unknown names raise ``NotFoundError``, exit 2), edits the round-trip document of the one
file concerned and returns an ``EditResult`` with the new text. ``perform`` runs one under the
plan lock: it reads the files, makes the edit, validates the whole plan set with the edit applied,
writes atomically and, if asked, commits exactly that file.

Comments: ruamel keeps a comment on its own line with the node *before* it. Before editing, the
initiative list is normalised so that every own-line comment belongs to the key or list item that
follows it (that is where a reader sees it belong); only the comments after the list's very last
value stay behind it. Inserting and deleting keys and items then moves no comment onto the wrong
initiative. A comment at the end of a line stays on its line; it is dropped only with its key.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from fardplan_cli.errors import EditRefusedError, FardplanError, UsageError
from fardplan_cli.grammar import typed_text
from fardplan_cli.i18n import t
from fardplan_cli.load import REGION_FILE
from fardplan_cli.model import Initiative, PlanSet, Problem

if TYPE_CHECKING:
    from pathlib import Path

    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    from fardplan_cli.repository import PlanRepository
    from fardplan_cli.validate import ValidationResult

# Where a key that an edit adds goes in an initiative: after the nearest key before it here.
INITIATIVE_KEY_ORDER = (
    "id", "title", "description", "lead", "participants", "status", "status_note", "priority",
    "replaces", "places",
)
# Where ``initiatives`` goes in a core file that has none yet.
CORE_KEY_ORDER = (
    "schema_version", "id", "name", "municipalities", "character", "directions", "initiatives",
    "indicators",
)


@dataclass(frozen=True)
class EditResult:
    """One edit of one plan file."""

    path: str  # repository-relative, posix
    old_text: str
    new_text: str
    summary: str  # one line, also the commit message: "assign sodertalje:1.3: lead x, +y"
    ref: str  # the initiative edited or created

    @property
    def changed(self) -> bool:
        return self.old_text != self.new_text

    def diff(self) -> str:
        """The unified diff of the file, as ``git diff`` shows it."""
        return "".join(difflib.unified_diff(
            self.old_text.splitlines(keepends=True), self.new_text.splitlines(keepends=True),
            fromfile=f"a/{self.path}", tofile=f"b/{self.path}",
        ))


@dataclass(frozen=True)
class EditOutcome:
    result: EditResult
    written: bool
    commit: str | None  # the new commit's id, with --commit
    warnings: tuple[Problem, ...] = ()  # what `validate` warns about in the edited initiative


# -- the round-trip text ----------------------------------------------------------------------


@dataclass
class _RoundTrip:
    """A file's round-trip document and what ruamel does not keep itself: BOM and line endings."""

    doc: Any
    newline: str
    bom: str

    @classmethod
    def load(cls, text: str) -> _RoundTrip:
        from fardplan_cli.yamlfile import round_trip_yaml

        bom = "\ufeff" if text.startswith("\ufeff") else ""
        body = text[len(bom):]
        newline = "\r\n" if "\r\n" in body.split("\n", 1)[0] + "\n" else "\n"
        doc = round_trip_yaml().load(body.replace("\r\n", "\n"))
        return cls(doc, newline, bom)

    def dump(self) -> str:
        import io

        from fardplan_cli.yamlfile import round_trip_yaml

        stream = io.StringIO()
        round_trip_yaml().dump(self.doc, stream)
        text = stream.getvalue()
        if self.newline != "\n":
            text = text.replace("\n", self.newline)
        return self.bom + text


def _open_initiatives(text: str) -> tuple[_RoundTrip, CommentedSeq | None]:
    """The round-trip document with its initiative list's comments normalised (see module doc).

    If the normalised document does not give back the file's text (a layout this code does not
    know, or not the plans' style), the comments are left where ruamel put them: an edit may then
    place one less well, but loses none.
    """

    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    rt = _RoundTrip.load(text)
    doc = rt.doc
    if not isinstance(doc, CommentedMap):
        raise UsageError(t("the file is not a mapping"))
    seq = doc.get("initiatives")
    if not isinstance(seq, CommentedSeq):
        return rt, None
    _normalise_comments(seq)
    if rt.dump() != text:
        rt = _RoundTrip.load(text)
        seq = rt.doc["initiatives"]
    return rt, seq


def _normalise_comments(seq: CommentedSeq) -> None:
    from ruamel.yaml.comments import CommentedMap

    for index, item in enumerate(seq):
        if not isinstance(item, CommentedMap):
            continue
        keys = list(item.keys())
        for position, key in enumerate(keys):
            lines = _take_trailing(item, key)
            if not lines:
                continue
            if position + 1 < len(keys):
                _prepend_pre(item.ca.items, keys[position + 1], lines)
            elif index + 1 < len(seq):
                _prepend_pre(seq.ca.items, index + 1, lines)
            else:
                _put_trailing(item, key, lines)


# ruamel's comment slots: a mapping key's entry is [post-key, pre-key comments, post-value,
# pre-value]; a list item's is [post-item, pre-item comments, ...]. Own-line comments after a
# value are in the post-value token ("\n    # c\n", or "# c\n" after a block scalar, whose text
# already ended the line); pre comments are one token per comment line, blank lines appended.


def _is_block_scalar(value: Any) -> bool:
    from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

    return isinstance(value, LiteralScalarString | FoldedScalarString)


def _take_trailing(mapping: CommentedMap, key: Any) -> list[str]:
    """Remove and return the own-line comment lines after ``key``'s value (indentation kept)."""
    entry = mapping.ca.items.get(key)
    if not entry or len(entry) < 3 or entry[2] is None:
        return []
    token = entry[2]
    value = str(token.value)
    eol: str | None
    rest: str
    if _is_block_scalar(mapping[key]):
        eol, rest = None, " " * token.column + value
    elif value.startswith("\n"):
        eol, rest = None, value[1:]
    else:
        first, _, rest = value.partition("\n")
        eol = first + "\n"
    if not rest:
        return []
    entry[2] = _comment_token(eol, token.column) if eol else None
    _sync_flow_comment(mapping[key], entry[2])
    return rest.splitlines(keepends=True)


def _put_trailing(mapping: CommentedMap, key: Any, lines: Sequence[str]) -> None:
    """Append own-line comment lines after ``key``'s value (keeping its end-of-line comment)."""
    if not lines:
        return
    entry = mapping.ca.items.setdefault(key, [None, None, None, None])
    while len(entry) < 4:
        entry.append(None)
    old = entry[2]
    text = "".join(lines)
    if _is_block_scalar(mapping[key]):
        previous = (" " * old.column + old.value) if old is not None else ""
        combined = previous + text
        stripped = combined.lstrip(" ")
        entry[2] = _comment_token(stripped, len(combined) - len(stripped))
    elif old is not None:
        entry[2] = _comment_token(old.value + text, old.column)
    else:
        entry[2] = _comment_token("\n" + text, 0)
    _sync_flow_comment(mapping[key], entry[2])


def _sync_flow_comment(value: Any, token: Any) -> None:
    """A flow list at the end of a line shares the post-value token with its mapping."""
    from ruamel.yaml.comments import CommentedSeq

    if isinstance(value, CommentedSeq) and value.ca.comment:
        value.ca.comment[0] = token


def _prepend_pre(items: dict[Any, Any], key: Any, lines: Sequence[str]) -> None:
    tokens = _pre_tokens(lines)
    entry = items.setdefault(key, [None, None, None, None])
    entry[1] = tokens + list(entry[1] or [])


def _take_pre(items: dict[Any, Any], key: Any) -> list[str]:
    entry = items.get(key)
    if not entry or not entry[1]:
        return []
    tokens = entry[1]
    entry[1] = None
    lines: list[str] = []
    for token in tokens:
        lines += (" " * token.column + token.value).splitlines(keepends=True)
    return lines


def _pre_tokens(lines: Sequence[str]) -> list[Any]:
    tokens: list[Any] = []
    for line in lines:
        if not line.strip() and tokens:
            tokens[-1] = _comment_token(tokens[-1].value + "\n", tokens[-1].column)
            continue
        stripped = line.lstrip(" ")
        tokens.append(_comment_token(stripped if stripped.endswith("\n") else stripped + "\n",
                                     len(line) - len(stripped)))
    return tokens


def _comment_token(value: str, column: int) -> Any:
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    return CommentToken(value, CommentMark(column), None)


def _insert_key(mapping: CommentedMap, key: str, value: Any, order: Sequence[str]) -> None:
    """Add an absent key after the nearest key that comes before it in ``order``."""
    rank = order.index(key)
    keys = list(mapping.keys())
    anchor = None
    for existing in keys:
        if existing in order and order.index(existing) < rank:
            anchor = existing
    position = keys.index(anchor) + 1 if anchor is not None else 0
    lines = _take_trailing(mapping, anchor) if anchor is not None else []
    mapping.insert(position, key, value)
    _put_trailing(mapping, key, lines)


def _delete_key(mapping: CommentedMap, key: str, following: tuple[Any, Any] | None) -> None:
    """Remove a key, keeping the comments above and below it (its end-of-line comment goes).

    ``following``: where comments go when the key is the mapping's last one, (items, key) of
    the next list item's comment slot, or None when the mapping is the list's last item.
    """
    keys = list(mapping.keys())
    index = keys.index(key)
    if index == 0:
        raise UsageError(t("cannot remove the first key {key}", key=key))
    lines = _take_pre(mapping.ca.items, key) + _take_trailing(mapping, key)
    del mapping[key]
    mapping.ca.items.pop(key, None)
    if not lines:
        return
    if index < len(keys) - 1:
        _prepend_pre(mapping.ca.items, keys[index + 1], lines)
    elif following is not None:
        _prepend_pre(following[0], following[1], lines)
    else:
        _put_trailing(mapping, keys[index - 1], lines)


# -- scalars as YAML 1.1 readers see them -----------------------------------------------------

_YAML11_SPECIAL = re.compile(
    r"""^(?:
        y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF
      | ~|null|Null|NULL|=|<<
      | [-+]?0b[01_]+ | [-+]?0o?[0-7_]+ | [-+]?(?:0|[1-9][0-9_]*) | [-+]?0x[0-9a-fA-F_]+
      | [-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+
      | [-+]?(?:[0-9][0-9_]*)?\.[0-9_]*(?:[eE][-+]?[0-9]+)?
      | [-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
      | [-+]?\.(?:inf|Inf|INF) | \.(?:nan|NaN|NAN)
      | [0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[\ \t]+)[0-9].*)?
    )$""",
    re.VERBOSE,
)


def yaml11_ambiguous(text: str) -> bool:
    """Whether a YAML 1.1 reader would take this plain scalar for a bool, null, number or date."""
    return bool(_YAML11_SPECIAL.match(text)) or text in ("", ".")


def plain_scalar(text: str) -> Any:
    """A new string value, double-quoted where a YAML 1.1 reader would misread it."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

    typed_text(text)

    if "\n" in text:
        return LiteralScalarString(text)
    if yaml11_ambiguous(text):
        return DoubleQuotedScalarString(text)
    return text


def text_scalar(text: str) -> Any:
    """A description: a literal block when it has lines, folded like the plans' when it is one
    paragraph, else a (quoted where needed) plain scalar."""
    from ruamel.yaml.scalarstring import FoldedScalarString

    typed_text(text)

    if "\n" not in text and text and text == text.strip() and not yaml11_ambiguous(text):
        return FoldedScalarString(text)
    return plain_scalar(text)


def _id_scalar(initiative_id: str) -> Any:
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    return DoubleQuotedScalarString(initiative_id)


def _flow_list(values: Iterable[str]) -> Any:
    from ruamel.yaml.comments import CommentedSeq

    seq = CommentedSeq([plain_scalar(v) for v in values])
    seq.fa.set_flow_style()
    return seq


# -- finding the initiative in its file -------------------------------------------------------


def file_of(initiative: Initiative) -> str:
    return REGION_FILE if initiative.core is None else f"plans/{initiative.core}.yaml"


def _text_of(files: Mapping[str, bytes], path: str) -> str:
    try:
        return files[path].decode("utf-8")
    except KeyError:
        raise UsageError(t("{path} does not exist", path=path)) from None


def _locate(seq: CommentedSeq | None, initiative_id: str, path: str) -> tuple[int, CommentedMap]:
    from ruamel.yaml.comments import CommentedMap

    for index, item in enumerate(seq or ()):
        if isinstance(item, CommentedMap) and str(item.get("id")) == initiative_id:
            return index, item
    raise UsageError(t("{path} has no initiative {id}", path=path, id=initiative_id))


def _following(seq: CommentedSeq, index: int) -> tuple[Any, Any] | None:
    return (seq.ca.items, index + 1) if index + 1 < len(seq) else None


class _Edit:
    """The round-trip document of one initiative's file, opened for editing."""

    def __init__(self, files: Mapping[str, bytes], initiative: Initiative) -> None:
        self.path = file_of(initiative)
        self.ref = initiative.ref
        self.old_text = _text_of(files, self.path)
        self.rt, seq = _open_initiatives(self.old_text)
        if seq is None:
            raise UsageError(t("{path} has no initiative {id}", path=self.path, id=initiative.id))
        self.seq = seq
        self.index, self.item = _locate(seq, initiative.id, self.path)

    def set(self, key: str, value: Any) -> None:
        if key in self.item:
            self.item[key] = value
        else:
            _insert_key(self.item, key, value, INITIATIVE_KEY_ORDER)

    def delete(self, key: str) -> None:
        if key in self.item:
            _delete_key(self.item, key, _following(self.seq, self.index))

    def result(self, summary: str) -> EditResult:
        return EditResult(self.path, self.old_text, self.rt.dump(), summary, self.ref)


def _set_list(edit: _Edit, key: str, values: Sequence[str]) -> None:
    """Make the list ``key`` hold ``values``, editing the existing list in place (style kept)."""
    from ruamel.yaml.comments import CommentedSeq

    current = edit.item.get(key)
    if not values:
        edit.delete(key)
        return
    if not isinstance(current, CommentedSeq):
        edit.set(key, _flow_list(values))
        return
    old_width = _flow_width(current)
    for index in reversed(range(len(current))):
        if current[index] not in values:
            del current[index]
    for position, value in enumerate(values):
        if position >= len(current) or current[position] != value:
            current.insert(position, plain_scalar(value))
    _keep_comment_gap(edit.item, key, old_width)


def _flow_width(seq: CommentedSeq) -> int | None:
    """The width of a flow list of plain or quoted strings as written, None for another list."""
    from ruamel.yaml.scalarstring import ScalarString

    if not seq.fa.flow_style() or not all(isinstance(v, str) for v in seq):
        return None
    quoted = sum(2 for v in seq if isinstance(v, ScalarString))
    return len("[" + ", ".join(str(v) for v in seq) + "]") + quoted


def _keep_comment_gap(mapping: CommentedMap, key: str, old_width: int | None) -> None:
    """Keep the space between a flow list and its end-of-line comment when the list changes
    width (ruamel keeps the comment's old column, or squeezes it to one space)."""
    entry = mapping.ca.items.get(key)
    token = entry[2] if entry and len(entry) > 2 else None
    new_width = _flow_width(mapping[key])
    if token is None or token.value.startswith("\n") or old_width is None or new_width is None:
        return
    column = token.column + new_width - old_width
    if column > 0:
        entry[2] = _comment_token(token.value, column)
        _sync_flow_comment(mapping[key], entry[2])


# -- the edits ----------------------------------------------------------------------------------


def assign(
    plan: PlanSet,
    files: Mapping[str, bytes],
    ref: str,
    *,
    lead: str | None = None,
    no_lead: bool = False,
    add: Sequence[str] = (),
    remove: Sequence[str] = (),
) -> EditResult:
    """Set or remove the lead, add and remove participants.

    A new lead who was a participant stops being one (a lead is not also a participant).
    Adding a participant already there, or removing one who is not, changes nothing.
    """
    from fardplan_cli.query import resolve_actor, resolve_initiative

    if lead is not None and no_lead:
        raise UsageError(t("give either --lead or --no-lead, not both"))
    if lead is None and not no_lead and not add and not remove:
        raise UsageError(t("nothing to assign: give --lead, --no-lead, --add or --remove"))
    initiative = resolve_initiative(plan, ref)
    new_lead = resolve_actor(plan, lead).id if lead is not None else None
    added = [resolve_actor(plan, a).id for a in add]
    removed = [resolve_actor(plan, a).id for a in remove]
    if both := sorted(set(added) & set(removed)):
        raise UsageError(t("{actors}: both --add and --remove", actors=", ".join(both)))
    final_lead = None if no_lead else (new_lead or initiative.lead)
    if final_lead is not None and final_lead in added:
        raise UsageError(t(
            "{actor} is the lead of {ref}; a lead is not also listed as a participant",
            actor=final_lead, ref=initiative.ref))

    participants = [p for p in initiative.participants if p not in removed and p != final_lead]
    participants += [a for a in dict.fromkeys(added) if a not in participants]

    edit = _Edit(files, initiative)
    parts: list[str] = []
    if no_lead:
        if initiative.lead is not None:
            edit.delete("lead")
            parts.append("no lead")
    elif new_lead is not None and new_lead != initiative.lead:
        edit.set("lead", plain_scalar(new_lead))
        parts.append(f"lead {new_lead}")
    if participants != list(initiative.participants):
        _set_list(edit, "participants", participants)
    parts += [f"+{a}" for a in dict.fromkeys(added) if a not in initiative.participants]
    parts += [f"-{r}" for r in dict.fromkeys(removed) if r in initiative.participants]
    return edit.result(f"assign {initiative.ref}: " + (", ".join(parts) or "no change"))


def set_status(
    plan: PlanSet, files: Mapping[str, bytes], ref: str, status: str, *, note: str | None = None
) -> EditResult:
    """Set the status, and its reason with ``note``.

    A status note explains the status it was written for: changing the status without ``--note``
    removes the old note; ``--note ""`` (or blanks) removes it too.
    """
    from fardplan_cli.query import resolve_initiative, resolve_status

    initiative = resolve_initiative(plan, ref)
    new_status = resolve_status(status)
    if note is not None:
        note = note.strip()  # a note of blanks says nothing: it removes the note, as "" does
    edit = _Edit(files, initiative)
    parts: list[str] = []
    if new_status != initiative.status or "status" not in edit.item:
        edit.set("status", plain_scalar(new_status))
        parts.append(f"{initiative.status} -> {new_status}")
    if note:
        if note != initiative.status_note:
            edit.set("status_note", plain_scalar(note))
            parts.append(f"note {note!r}")
    elif initiative.status_note is not None and (note == "" or new_status != initiative.status):
        edit.delete("status_note")
        parts.append("note removed")
    return edit.result(f"set-status {initiative.ref}: " + (", ".join(parts) or "no change"))


def prioritize(
    plan: PlanSet, files: Mapping[str, bytes], ref: str, cycle: str, *, remove: bool = False
) -> EditResult:
    """Record (or, with ``remove``, take back) that a cycle's political dialogue prioritised it.

    The list is kept in the order of the region's cycles; removing the last one removes the key.
    """
    from fardplan_cli.query import resolve_cycle, resolve_initiative

    initiative = resolve_initiative(plan, ref)
    cycle_id = resolve_cycle(plan, cycle)
    edit = _Edit(files, initiative)
    current = list(initiative.priority)
    if remove:
        wanted = [c for c in current if c != cycle_id]
        part = f"-{cycle_id}"
    else:
        order = [c.id for c in plan.region.cycles]
        wanted = current if cycle_id in current else sorted(
            [*current, cycle_id], key=lambda c: order.index(c) if c in order else len(order))
        part = f"+{cycle_id}"
    if wanted == current:
        return edit.result(f"prioritize {initiative.ref}: no change")
    _set_list(edit, "priority", wanted)
    return edit.result(f"prioritize {initiative.ref}: {part}")


def next_initiative_id(plan: PlanSet, core_id: str, area: int) -> str:
    """One more than the highest number in the area among the core's and the common initiatives
    (a core-specific id must not reuse a common one)."""
    core = plan.core(core_id)
    pool = [*plan.region.initiatives, *(core.initiatives if core is not None else ())]
    numbers = [i.number for i in pool if i.area == area]
    return f"{area}.{max(numbers, default=0) + 1}"


def new_initiative(
    plan: PlanSet,
    files: Mapping[str, bytes],
    *,
    core: str,
    area: int,
    title: str,
    description: str | None = None,
    lead: str | None = None,
    participants: Sequence[str] = (),
) -> EditResult:
    """A new core-specific initiative with the next free id, placed after the area's last one."""

    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    from fardplan_cli.query import resolve_actor, resolve_area, resolve_core

    the_core = resolve_core(plan, core)
    resolve_area(plan, area)
    if not title.strip():
        raise UsageError(t("the title must not be empty"))
    lead_id = resolve_actor(plan, lead).id if lead is not None else None
    participant_ids = list(dict.fromkeys(resolve_actor(plan, p).id for p in participants))
    if lead_id is not None and lead_id in participant_ids:
        raise UsageError(t(
            "{actor} is the lead of {ref}; a lead is not also listed as a participant",
            actor=lead_id, ref=f"{the_core.id}:{area}.*"))
    new_id = next_initiative_id(plan, the_core.id, area)

    item = CommentedMap()
    item["id"] = _id_scalar(new_id)
    item["title"] = plain_scalar(title)
    if description:
        item["description"] = text_scalar(description)
    if lead_id is not None:
        item["lead"] = plain_scalar(lead_id)
    if participant_ids:
        item["participants"] = _flow_list(participant_ids)
    item["status"] = "planned"

    path = the_core.file
    old_text = _text_of(files, path)
    rt, seq = _open_initiatives(old_text)
    if seq is None:
        seq = CommentedSeq()
        _insert_key(rt.doc, "initiatives", seq, CORE_KEY_ORDER)
    position = _insert_position(seq, area)
    if position == len(seq) and seq:
        # The comments after the list's last value stay after the list.
        last = seq[-1]
        lines = _take_trailing(last, list(last)[-1]) if isinstance(last, CommentedMap) else []
        seq.insert(position, item)
        _put_trailing(item, "status", lines)
    else:
        seq.insert(position, item)
    ref = f"{the_core.id}:{new_id}"
    summary = f"new {ref}: {_shorten(title)}"
    return EditResult(path, old_text, rt.dump(), summary, ref)


def _insert_position(seq: CommentedSeq, area: int) -> int:
    """After the area's last initiative; else before the first of a higher area; else at the end."""
    areas = []
    for item in seq:
        raw = str(item.get("id", "")) if isinstance(item, dict) else ""
        head = raw.split(".", 1)[0]
        areas.append(int(head) if head.isdigit() else 0)
    in_area = [index for index, a in enumerate(areas) if a == area]
    if in_area:
        return in_area[-1] + 1
    return next((index for index, a in enumerate(areas) if a > area), len(seq))


def _shorten(text: str, width: int = 60) -> str:
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 1].rstrip() + "…"


# -- validating, writing, committing ----------------------------------------------------------


def _check_after_edit(files: Mapping[str, bytes], root: Path) -> ValidationResult:
    """The whole plan set validated as it would be with the edit applied."""
    from fardplan_cli.validate import read_repository_schemas, validate_files

    return validate_files(files, schemas=read_repository_schemas(root))


def _warnings_about(result: EditResult, warnings: Iterable[Problem]) -> tuple[Problem, ...]:
    """The warnings that concern the edited initiative (its node and everything under it)."""
    return tuple(w for _, w in _initiative_warnings(result, result.new_text, warnings))


def _initiative_warnings(
    result: EditResult, text: str, warnings: Iterable[Problem]
) -> list[tuple[tuple[str, str, str], Problem]]:
    """The warnings about the edited initiative in ``text`` (its file before or after the edit),
    each with a key that stays the same when the edit moves the initiative's lines: its code,
    its path below the initiative and its message."""
    from fardplan_cli.yamlfile import YamlProblemError, parse_document

    initiative_id = result.ref.rpartition(":")[2]
    try:
        data = parse_document(result.path, text.encode("utf-8")).data
    except YamlProblemError:
        return []
    entries = data.get("initiatives") if isinstance(data, dict) else None
    index = next((i for i, entry in enumerate(entries or [])
                  if isinstance(entry, dict) and entry.get("id") == initiative_id), None)
    if index is None:
        return []
    prefix = f"initiatives[{index}]"
    return [((w.code, w.path[len(prefix):], w.message), w) for w in warnings
            if w.file == result.path
            and (w.path == prefix or w.path.startswith((prefix + ".", prefix + "[")))]


def _new_warnings(result: EditResult, warnings: tuple[Problem, ...],
                  files: Mapping[str, bytes], root: Path) -> tuple[Problem, ...]:
    """Of the edited initiative's warnings, those it did not have before the edit."""
    if not warnings:
        return ()
    before = _check_after_edit(files, root)  # the plans as they are: what the edit did not cause
    old_text = files.get(result.path, b"").decode("utf-8", "replace")
    had = {key for key, _ in _initiative_warnings(result, old_text, before.warnings)}
    return tuple(w for key, w in _initiative_warnings(result, result.new_text, warnings)
                 if key not in had)


class WriteFailedError(FardplanError):
    """The plan file could not be written; it is as it was."""


Maker = Callable[[PlanSet, Mapping[str, bytes]], EditResult]


def perform(
    repository: PlanRepository,
    make: Maker,
    *,
    dry_run: bool = False,
    commit: bool = False,
    message: str | None = None,
    strict: bool = False,
) -> EditOutcome:
    """Make one edit under the plan lock: read, edit, validate, write, commit. With ``strict``,
    a warning the edit causes on its initiative refuses it, as ``validate --strict`` would fail
    (one it had before does not: it can then be mended one edit at a time)."""
    from fardplan_cli.load import load_plan_set
    from fardplan_cli.yamlfile import atomic_write_text, plan_lock

    with plan_lock(repository.root):
        files = repository.read_plan_files()
        plan = load_plan_set(files)
        result = make(plan, files)
        if not result.changed:
            return EditOutcome(result, written=False, commit=None)
        if commit:
            from fardplan_cli import gitops

            gitops.check_can_commit(repository.root, result.path)
        edited = {**files, result.path: result.new_text.encode("utf-8")}
        checked = _check_after_edit(edited, repository.root)
        if checked.errors:
            raise EditRefusedError(
                t("edit refused, nothing written: the plans would have {count} problem(s)",
                  count=len(checked.errors)),
                checked.errors,
            )
        warnings = _warnings_about(result, checked.warnings)
        caused = _new_warnings(result, warnings, files, repository.root) if strict else ()
        if caused:
            raise EditRefusedError(
                t("edit refused, nothing written: with --strict, its {count} warning(s) count as "
                  "errors", count=len(caused)),
                tuple(replace(w, severity="error") for w in caused),
            )
        if dry_run:  # checked like the real edit, so that a dry run tells what the edit would do
            return EditOutcome(result, written=False, commit=None, warnings=warnings)
        target = repository.path_of(result.path)
        try:
            atomic_write_text(target, result.new_text)
        except OSError as exc:
            raise WriteFailedError(t(
                "could not write {path}: {error}; the file is as it was",
                path=result.path, error=exc.strerror or exc)) from None
        commit_id = None
        if commit:
            from fardplan_cli import gitops

            text = result.summary if not message else f"{message}\n\n{result.summary}"
            commit_id = gitops.commit_file(repository.root, result.path, text)
        return EditOutcome(result, written=True, commit=commit_id, warnings=warnings)
