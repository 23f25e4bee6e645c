"""An initiative's lines in its plan file, opened for an edit, and what an edit gives back.

An edit reads the lines of the one initiative it concerns (or of a core's follow-up of a common
initiative) as a round-trip document (``roundtrip``), and only the lines of the keys it reads and
writes (``_Window``); the lines before and after stay as they are. ``EditedFiles`` keeps the
files' text as a batch of edits leaves them (an import), and an ``EditResult`` is the file's new
text with the diff and summary of the edit.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from fardplan_cli.edit.plantext import COMMON_KEY, LIST_KEY, Block, PlanText
from fardplan_cli.edit.roundtrip import (
    delete_key,
    dump_block,
    id_scalar,
    insert_key,
    open_block,
)
from fardplan_cli.errors import EditRefusedError, UsageError
from fardplan_cli.i18n import t
from fardplan_cli.load import REGION_FILE
from fardplan_cli.model import Core, Initiative, PlanSet

if TYPE_CHECKING:
    from ruamel.yaml.comments import CommentedMap

# Where a key that an edit adds goes in an initiative: after the nearest key before it here.
# A core's follow-up of a common initiative (``common: "2.2": ...``) keeps the same order.
INITIATIVE_KEY_ORDER = (
    "id", "title", "description", "lead", "lead_unit", "participants", "status", "status_note",
    "priority", "replaces", "places", "activities", "updates", "carried_by",
)
# Where a top-level key (``dialogues``, ``common``, ``initiatives``) goes in a core file without it.
CORE_KEY_ORDER = (
    "schema_version", "id", "name", "municipalities", "character", "directions", "dialogues",
    "common", "initiatives", "indicators",
)
# An initiative's lines are read and written by ruamel under this key, as the plans write them.
_WRAPPER = f"{LIST_KEY}:\n"
_DIFF_CONTEXT = 3


@dataclass(frozen=True)
class EditResult:
    """One edit of one plan file."""

    path: str  # repository-relative, posix
    old_text: str
    new_text: str
    summary: str  # one line, also the commit message: "assign sodertalje:1.3: lead x, +y"
    ref: str  # the initiative edited or created
    index: int | None  # its place in the file's initiatives list, after the edit (None: not one)
    old_index: int | None  # and before it (None: new, or not in the initiatives list)
    shared: bool = False  # a common initiative's shared text: the change applies to every core
    node: str | None = None  # the edited node's path where it is not in the initiatives list
    # (a core's follow-up: ``common.2.2``), as validate's problems name it
    new_plan_text: PlanText | None = field(default=None, compare=False, repr=False)
    # where the blocks are in ``new_text``, when the edit knows it without reading the file
    # again (it replaced one block): the next edit of a batch (``EditedFiles``) starts from it

    def node_path(self, index: int | None) -> str | None:
        """The path of the edited node at ``index`` (``index`` or ``old_index``)."""
        return f"{LIST_KEY}[{index}]" if index is not None else self.node

    @property
    def changed(self) -> bool:
        return self.old_text != self.new_text

    def diff(self) -> str:
        """The unified diff of the file, as ``git diff`` shows it.

        Only the lines between the first and the last that differ, with their context, are
        compared: an edit changes one block, and comparing a large file whole costs far more.
        """
        old = self.old_text.splitlines(keepends=True)
        new = self.new_text.splitlines(keepends=True)
        same_start = 0
        while same_start < min(len(old), len(new)) and old[same_start] == new[same_start]:
            same_start += 1
        same_end = 0
        while (same_end < min(len(old), len(new)) - same_start
               and old[-1 - same_end] == new[-1 - same_end]):
            same_end += 1
        # difflib aligns the longer of the common start and end first (the start on a tie); the
        # window keeps more of that one than of the other, so that it aligns the same way.
        wide, narrow = 4 * _DIFF_CONTEXT, _DIFF_CONTEXT
        before, after = (wide, narrow) if same_start >= same_end else (narrow, wide)
        skip = max(same_start - before, 0)
        keep = max(same_end - after, 0)
        lines = difflib.unified_diff(
            old[skip:len(old) - keep], new[skip:len(new) - keep],
            fromfile=f"a/{self.path}", tofile=f"b/{self.path}", n=_DIFF_CONTEXT)
        return "".join(_shift_hunk(line, skip) for line in lines)


def _shift_hunk(line: str, lines_before: int) -> str:
    """A hunk header of a diff of a file's middle, numbered as in the whole file."""
    if not lines_before or not line.startswith("@@ "):
        return line

    def shift(match: re.Match[str]) -> str:
        start = int(match.group(2))
        count = match.group(3)
        number = start + lines_before if (start or count != ",0") else lines_before
        return f"{match.group(1)}{number}{count or ''}"

    return re.sub(r"([-+])(\d+)(,\d+)?", shift, line, count=2)


def file_of(initiative: Initiative) -> str:
    return REGION_FILE if initiative.core is None else f"plans/{initiative.core}.yaml"


class EditedFiles(Mapping[str, bytes]):
    """The plan files' bytes while several edits are made one after the other (an import): an
    edit made on them is applied with ``apply``, and the next edit of the same file finds its
    blocks where the last one left them (``EditResult.new_plan_text``) instead of reading the whole file
    again. An edit takes them as it takes any files' bytes."""

    def __init__(self, files: Mapping[str, bytes]) -> None:
        self._bytes = dict(files)
        self._texts: dict[str, PlanText] = {}
        self.opened: dict[str, Any] = {}
        """The round-trip documents of the lines edits opened (``open_block``), by their text,
        as read: an import sets the status of a thousand initiatives whose lines read the same."""
        self.written: dict[tuple[str, tuple[tuple[str, type, str], ...]], str] = {}
        """The text of such lines after the same keys were set to the same values (or deleted),
        as ruamel writes it (``_Edit.new_text``), by the lines as read and those changes."""

    def __getitem__(self, path: str) -> bytes:
        return self._bytes[path]

    def __iter__(self) -> Iterator[str]:
        return iter(self._bytes)

    def __len__(self) -> int:
        return len(self._bytes)

    def apply(self, result: EditResult) -> None:
        self._bytes[result.path] = result.new_text.encode("utf-8")
        if result.new_plan_text is not None:
            self._texts[result.path] = result.new_plan_text
        else:
            self._texts.pop(result.path, None)

    def plan_text(self, path: str) -> PlanText:
        found = self._texts.get(path)
        if found is None:
            found = self._texts[path] = PlanText(path, _text_of(self._bytes, path))
        return found


def _plan_text(files: Mapping[str, bytes], path: str) -> PlanText:
    """The file's text and where its blocks are (kept from the last edit in a batch)."""
    if isinstance(files, EditedFiles):
        return files.plan_text(path)
    return PlanText(path, _text_of(files, path))


def _opened_of(files: Mapping[str, bytes]) -> dict[str, Any] | None:
    return files.opened if isinstance(files, EditedFiles) else None


def _written_of(files: Mapping[str, bytes]) -> dict[tuple[str, tuple[tuple[str, type, str], ...]],
                                                     str] | None:
    return files.written if isinstance(files, EditedFiles) else None


def _text_of(files: Mapping[str, bytes], path: str) -> str:
    try:
        return files[path].decode("utf-8")
    except KeyError:
        raise UsageError(t("{path} does not exist", path=path)) from None
    except UnicodeDecodeError:
        raise EditRefusedError(t(
            "edit refused, nothing written: {path} is not UTF-8; run 'fardplan validate'",
            path=path)) from None


def _layout_refusal(path: str, initiative_id: str, too_deep: bool) -> EditRefusedError:
    if too_deep:
        return EditRefusedError(t(
            "edit refused, nothing written: initiative {id} in {path} is nested too deeply to "
            "edit; run 'fardplan validate'", path=path, id=initiative_id))
    return EditRefusedError(t(
        "edit refused, nothing written: {path} writes initiative {id} in a layout that fardplan "
        "cannot edit without rewriting lines it does not change; write it as the shipped plans "
        "do (\"  - id: ...\", its keys indented by 4 spaces), or edit the file by hand",
        path=path, id=initiative_id))


@dataclass(frozen=True)
class _Window:
    """The lines of an initiative (or of a core's follow-up of one) that an edit opens as a
    round-trip document: from the first key it reads or writes to the last, or where a key it
    adds goes (after the key that ``insert_key`` would put it after). ruamel's round trip costs
    what the text it reads costs, and most of an initiative's lines are its activities and
    updates, which setting its status does not touch. The lines before and after the window
    are kept as they are; within it the edit works as on the whole initiative: a key added or
    removed moves the comments around it exactly as it would there.

    ``text`` is what is opened: ``head`` (a key that stands for the initiative's first key, or
    a follow-up's id and first key, so that the window's keys are a mapping's keys that are not
    its first), the window's lines, and where
    keys follow them, ``end``: a key that stands for those (so that, as there, the window's last
    key is not the mapping's last, and its value is not the document's end)."""

    text: str
    head: str = ""
    before: str = ""  # the block's lines before the window (the head among them)
    after: str = ""  # and after it
    end: str = ""
    keys: frozenset[str] | None = None
    """The block's keys, where they were found (an edit asks whether a key is there without
    opening the lines)."""

    def lines(self, dumped: str) -> str | None:
        """The window's lines in ``dumped`` (``text`` after the edit), without the head and
        the end; None if they are not there."""
        if not (dumped.startswith(self.head) and dumped.endswith(self.end)):
            return None
        return dumped[len(self.head):len(dumped) - len(self.end)]

    def around(self, window: str) -> str:
        """The block's text with ``window`` (the window's lines after the edit, without the
        head) in place of the window's lines."""
        return self.before + window + self.after

    @classmethod
    def of(cls, wrapper: str, text: str, keys: Sequence[str] | None,
           order: Sequence[str]) -> _Window:
        """The window of ``text`` (a block, as under ``wrapper``) for an edit of ``keys``; the
        whole block where ``keys`` is None or the block's keys are not plainly laid out."""
        from fardplan_cli.edit.plantext import block_keys

        found = block_keys(wrapper + text) if keys is not None else None
        if keys is None or found is None:
            return cls(text)
        names = [name for name, _, _ in found]
        starts = [start - len(wrapper) for _, start, _ in found] + [len(text)]
        if len(set(names)) != len(names) or starts[0] < 0:
            return cls(text)
        needed = []
        for key in keys:
            if key in names:
                needed.append(names.index(key))
            else:  # where insert_key puts it: after the last key that comes before it in order
                rank = order.index(key)
                needed.append(max((i for i, name in enumerate(names)
                                   if name in order and order.index(name) < rank), default=0))
        first, last = min(needed), max(needed)
        end = starts[last + 1]
        column = found[0][2]
        if starts[0] == 0:  # an initiative: a stand-in for its first key (its id), so that
            # the windows of many initiatives are the same text (``EditedFiles.opened``)
            head = f"{text[:column]}{_WINDOW_START}: 0\n"
            plain_head = True
        else:  # a follow-up: its id and first key
            head = text[:starts[1]] if len(starts) > 2 else text
            plain_head = all(line.strip() and not line.lstrip().startswith("#")
                             for line in head.splitlines())
        closing = f"{' ' * column}{_WINDOW_END}: 0\n" if end < len(text) else ""
        present = frozenset(name for name in names if name is not None)
        if first <= 1 or not plain_head:
            return cls(text[:end] + closing, after=text[end:], end=closing, keys=present)
        return cls(head + text[starts[first]:end] + closing, head, text[:starts[first]],
                   text[end:], closing, present)


_WINDOW_START, _WINDOW_END = "fardplan-window-start", "fardplan-window-end"
_DELETED = object()  # a key ``delete``d before the lines were opened


class _Edit:
    """The lines of one initiative in its file, opened as a round-trip document."""

    key_order: tuple[str, ...] = INITIATIVE_KEY_ORDER  # where a key the edit adds goes
    _opened: dict[str, Any] | None = None  # documents opened before, in a batch of edits
    _written: dict[tuple[str, tuple[tuple[str, type, str], ...]], str] | None = None
    changes: list[tuple[str, type, str]] | None = None
    """The keys set (to a string) or deleted, in order, when the edit changes its lines by
    ``set`` and ``delete`` alone and says so (``set_status``): the lines it writes are then
    those of any edit that opened the same lines and made the same changes."""

    def __init__(self, files: Mapping[str, bytes], initiative: Initiative,
                 keys: Sequence[str] | None = None) -> None:
        self._opened = _opened_of(files)
        self._written = _written_of(files)
        self.path = file_of(initiative)
        self.ref = initiative.ref
        self.text = _plan_text(files, self.path)
        self.old_text = self.text.source
        if self.text.list_flow:
            raise self.text.refuse_flow(LIST_KEY)
        index = self.text.item_index(initiative.id)
        if index is None:
            raise UsageError(t("{path} has no initiative {id}", path=self.path, id=initiative.id))
        self.index: int | None = index
        self._open(LIST_KEY, self.text.items[index], t("initiative {id}", id=initiative.id),
                   initiative.id, keys)

    def _open(self, wrapper: str, block: Block, what: str, name: str,
              keys: Sequence[str] | None = None) -> None:
        """Open ``block`` (one item or entry under the top-level key ``wrapper``): all of it,
        or with ``keys`` (the keys the edit reads and writes) only the lines of the keys from
        the first of those to the last (``_Window``)."""
        self.block: Block | None = block
        self._wrapper = f"{wrapper}:\n"
        if block.flow:
            raise self.text.refuse_flow(what)
        if not block.own_lines:
            raise _layout_refusal(self.path, name, too_deep=False)
        text = self.text.text_of(block)
        self._window = _Window.of(self._wrapper, text, keys, self.key_order)
        self._name = name

    _item: CommentedMap | None = None
    _doc: Any = None
    _pending: tuple[tuple[str, Any], ...] = ()
    """What ``set`` and ``delete`` did before the lines were opened (``_DELETED`` for a key
    deleted): done on the document when it is opened."""

    def _load(self) -> None:
        """Open the window's lines as a round-trip document: when the edit first reads them,
        or when no edit before it wrote the same lines with the same changes (``new_text``)."""
        assert self.block is not None
        name = self._name
        self._doc = open_block(self._wrapper + self._window.text,
                               lambda deep: _layout_refusal(self.path, name, deep), self._opened)
        container = self._doc[self._wrapper[:-2]]
        self._item = (container[0] if isinstance(container, list)
                      else next(iter(container.values())))
        pending, self._pending = self._pending, ()
        for key, value in pending:
            self._change(key, value)

    @property
    def doc(self) -> Any:
        if self._doc is None:
            self._load()
        return self._doc

    @property
    def item(self) -> CommentedMap:
        if self._item is None:
            self._load()
        assert self._item is not None
        return self._item

    def holds(self, key: str) -> bool:
        """Whether the initiative (or follow-up) has ``key``; read from where its keys were
        found, without opening its lines, where that is known."""
        if self._item is None and not self._pending and self._window.keys is not None:
            return key in self._window.keys
        return key in self.item

    def _change(self, key: str, value: Any) -> None:
        if self._item is None and self.block is not None:  # not opened (yet)
            self._pending = (*self._pending, (key, value))
        elif value is _DELETED:
            if key in self.item:
                delete_key(self.item, key, None)
        elif key in self.item:
            self.item[key] = value
        else:
            insert_key(self.item, key, value, self.key_order)

    def set(self, key: str, value: Any) -> None:
        if self.changes is not None:
            self.changes.append((key, type(value), str(value)))
        self._change(key, value)

    def delete(self, key: str) -> None:
        if self.changes is not None:
            self.changes.append((key, type(None), ""))
        self._change(key, _DELETED)

    def new_text(self) -> str:
        assert self.block is not None
        written = self._written if self.changes is not None else None
        key = (self._wrapper + self._window.text, tuple(self.changes or ()))
        dumped = written.get(key) if written is not None else None
        if dumped is None:
            dumped = dump_block(self.doc)
            if written is not None:
                written[key] = dumped
        lines = self._window.lines(dumped[len(self._wrapper):])
        if lines is None:
            raise _layout_refusal(self.path, self._name, too_deep=False)
        return self.text.with_text(self.block.start, self.block.end, self._window.around(lines))

    node: str | None = None

    def result(self, summary: str, *, shared: bool = False) -> EditResult:
        new_text = self.new_text()
        if self.block is not None:
            text: PlanText | None = self.text.replaced(self.block, new_text)
        else:  # an entry added, or none
            text = self.text if new_text == self.old_text else None
        return EditResult(self.path, self.old_text, new_text, summary, self.ref, self.index,
                          self.index, shared, self.node, text)


class _FollowUpEdit(_Edit):
    """A core's follow-up of one common initiative (``common: "2.2": ...`` in the core's file),
    opened as a round-trip document; an entry that is not there yet is added (with the
    ``common`` key where the file has none) when the edit gives it anything to hold."""

    def __init__(self, files: Mapping[str, bytes], core: Core, initiative_id: str,
                 keys: Sequence[str] | None = None) -> None:
        from ruamel.yaml.comments import CommentedMap

        self._opened = _opened_of(files)
        self._written = _written_of(files)
        self.path = core.file
        self.ref = f"{core.id}:{initiative_id}"
        self.initiative_id = initiative_id
        self.index = None
        self.node = f"{COMMON_KEY}.{initiative_id}"
        self.text = _plan_text(files, self.path)
        self.old_text = self.text.source
        if self.text.common_flow and not _holds_nothing(self.text, COMMON_KEY):
            raise self.text.refuse_flow(COMMON_KEY)
        index = self.text.entry_index(self.text.common, initiative_id)
        if index is None:
            self.block = None
            self._item = CommentedMap()
        else:
            self._open(COMMON_KEY, self.text.common[index],
                       t("the follow-up of {id}", id=initiative_id), initiative_id, keys)

    def new_text(self) -> str:
        if self.block is not None:
            return super().new_text()
        if not self.item:
            return self.old_text
        dumped = dump_block({COMMON_KEY: {id_scalar(self.initiative_id): self.item}})
        entries = self.text.common
        if entries:  # in id order among the entries (at the end when they are in no order)
            later = [e for e in entries if _id_rank(e.name) > _id_rank(self.initiative_id)]
            at = later[0].start if later else entries[-1].end
            self._inserted_at = at
            return self.text.with_text(at, at, dumped[len(COMMON_KEY) + 2:])
        return _with_top_level_key(self.text, COMMON_KEY, dumped)

    _inserted_at: int | None = None  # where ``new_text`` put the entry among the others

    def result(self, summary: str, *, shared: bool = False) -> EditResult:
        found = super().result(summary, shared=shared)
        at = self._inserted_at
        body = self.text.body
        if at is None or found.new_plan_text is not None or (
                at == len(body) and body and body[-1] not in "\r\n"):
            return found  # (after a last line without a line break, a line break is added too)
        return replace(found, new_plan_text=self.text.with_entry(at, found.new_text,
                                                                 self.initiative_id))


def _id_rank(initiative_id: str | None) -> tuple[int, ...]:
    parts = (initiative_id or "").split(".")
    return tuple(int(p) if p.isdigit() else 0 for p in parts)


def _holds_nothing(text: PlanText, key: str) -> bool:
    """Whether the top-level ``key`` holds nothing: no value, null, ``[]`` or ``{}``."""
    block = text.keys[key]
    value = text.body[block.start:block.end].split(":", 1)[1].split("#", 1)[0].strip()
    return value in ("", "~", "null", "[]", "{}")


def _with_top_level_key(text: PlanText, key: str, dumped: str) -> str:
    """The file with ``dumped`` (the key and its value) in place of an empty ``key`` (null,
    ``[]``, ``{}``), or else added at its place in ``CORE_KEY_ORDER``."""
    if text.top_flow:
        raise text.refuse_flow(t("the file"))
    if key in text.keys:
        block = text.keys[key]
        if not _holds_nothing(text, key):
            raise EditRefusedError(t(
                "edit refused, nothing written: {path} has a {key} key that fardplan cannot add "
                "to; run 'fardplan validate'", path=text.path, key=key))
        return text.with_text(block.start, block.end, dumped)
    rank = CORE_KEY_ORDER.index(key)
    before = [b for name, b in text.keys.items()
              if name in CORE_KEY_ORDER and CORE_KEY_ORDER.index(name) < rank]
    at = max(b.end for b in before) if before else min(
        (b.start for b in text.keys.values()), default=len(text.body))
    return text.with_text(at, at, dumped)


def _target(files: Mapping[str, bytes], plan: PlanSet, initiative: Initiative,
            keys: Sequence[str] | None = None) -> _Edit:
    """Where an edit of ``initiative`` is written: a common initiative as followed up in a core
    in that core's follow-up, any other in its own lines; with ``keys``, only the lines of
    those keys (``_Window``) are opened."""
    if initiative.followed_in is not None:
        core = plan.core(initiative.followed_in)
        assert core is not None
        return _FollowUpEdit(files, core, initiative.id, keys)
    return _Edit(files, initiative, keys)
