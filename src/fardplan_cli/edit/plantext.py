"""Where an initiative is in its plan file's text, and the text with one block replaced.

An edit changes one initiative, or adds one. Only that initiative's lines go through ruamel's
round trip (``roundtrip``); every other character of the file is kept as it is: its line endings
(LF, CRLF or a lone CR), a byte-order mark, flow style (``{...}``, ``[...]``) and comments outside
the edited initiative. Finding the lines takes one pass of the C parser over the file, so an edit
costs what reading the file costs, plus ruamel's round trip of one initiative.

What cannot be edited this way is refused, with the reason, rather than rewritten: an initiative
list or an initiative written in flow style (as JSON is), and an initiative whose layout ruamel
does not give back as it was (``roundtrip.open_block``).
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from typing import Any

from fardplan_cli.errors import EditRefusedError
from fardplan_cli.i18n import t

LIST_KEY = "initiatives"
DIALOGUES_KEY = "dialogues"  # a core's political dialogues: a list, each item named by its date
COMMON_KEY = "common"  # a core's follow-up of common initiatives: a mapping keyed by id
_NULLS = ("", "~", "null", "Null", "NULL")
_BREAKS = "\r\n"


@dataclass(frozen=True)
class Block:
    """The lines of one top-level key and its value, or of one initiative, in the file's text.

    ``start`` is the offset of its first line's start, ``end`` the offset just after the line
    break that ends its last line of content (comments and blank lines after it are not in it).
    """

    start: int
    end: int
    flow: bool
    name: str | None  # the key, or the initiative's id
    own_lines: bool = True  # an initiative: its first line is indentation, "-", spaces, its key


def newline_of(text: str) -> str:
    """The file's line ending: that of its first line (LF for a file of one line)."""
    index = next((i for i, c in enumerate(text) if c in _BREAKS), -1)
    if index < 0 or text[index] == "\n":
        return "\n"
    return "\r\n" if text.startswith("\r\n", index) else "\r"


def to_lf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _line_start(body: str, position: int) -> int:
    """The start of the line holding ``position`` (for a block's first line, the parser's mark
    says it at once: its index less its column)."""
    # Near it first: a search for a break the file does not use would run to its start.
    low = max(position - 4096, 0)
    near = max(body.rfind("\n", low, position), body.rfind("\r", low, position))
    if near >= 0 or low == 0:
        return near + 1
    return max(body.rfind("\n", 0, low), body.rfind("\r", 0, low)) + 1


def _line_end(body: str, position: int) -> int:
    """The offset after the line break that ends the line holding ``position``."""
    found = _LINE_BREAK.search(body, position)
    return found.end() if found is not None else len(body)


def _previous_line_start(body: str, line_end: int) -> int:
    """The start of the line that ``line_end`` ends (after its line break)."""
    end = line_end
    if body.startswith("\r\n", end - 2):
        end -= 2
    elif end > 0 and body[end - 1] in _BREAKS:
        end -= 1
    return _line_start(body, end)


class PlanText:
    """A plan file's text, and where its top-level keys and its initiatives are in it."""

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.source = text  # the whole file
        self.bom = "\ufeff" if text.startswith("\ufeff") else ""
        self.body = text[len(self.bom):]
        self.newline = newline_of(self.body)
        self.is_mapping = False
        self.top_flow = False
        self.keys: dict[str, Block] = {}
        self.list_flow: bool | None = None  # None: no block or flow list under `initiatives`
        self.list_empty = False  # `initiatives:` holds nothing: null, or []
        self.items: list[Block] = []
        self.dialogues: list[Block] = []  # named by their date
        self.dialogues_flow: bool | None = None
        self.common: list[Block] = []  # a core's follow-up entries, named by their id
        self.common_flow: bool | None = None
        self._scan()

    # -- reading where things are ---------------------------------------------------------------

    def _scan(self) -> None:
        from ruamel.yaml import events as kinds
        from ruamel.yaml.error import YAMLError

        from fardplan_cli.yamlfile import _events

        self._kinds = kinds
        events = _events(self.body)  # one at a time: a large file's events would fill memory
        try:
            self._scan_document(events)
        except (YAMLError, StopIteration):
            raise EditRefusedError(t(
                "edit refused, nothing written: {path} is not valid YAML; run 'fardplan validate'",
                path=self.path)) from None

    def _scan_document(self, events: Any) -> None:
        kinds = self._kinds
        next(events)  # the stream's start
        if not isinstance(next(events), kinds.DocumentStartEvent):
            return
        top = next(events)
        if not isinstance(top, kinds.MappingStartEvent):
            return
        self.is_mapping, self.top_flow = True, bool(top.flow_style)
        while not isinstance(key := next(events), kinds.MappingEndEvent):
            value = next(events)
            name = key.value if isinstance(key, kinds.ScalarEvent) else None
            if name == LIST_KEY and isinstance(value, kinds.SequenceStartEvent):
                self.list_flow = bool(value.flow_style)
                end, last = self._scan_items(value, events, self.items, "id")
                self.list_empty = not self.items
            elif name == DIALOGUES_KEY and isinstance(value, kinds.SequenceStartEvent):
                self.dialogues_flow = bool(value.flow_style)
                end, last = self._scan_items(value, events, self.dialogues, "date")
            elif name == COMMON_KEY and isinstance(value, kinds.MappingStartEvent):
                self.common_flow = bool(value.flow_style)
                end, last = self._scan_entries(value, events, self.common)
            else:
                if name == LIST_KEY and isinstance(value, kinds.ScalarEvent):
                    self.list_empty = value.implicit[0] and value.value in _NULLS
                self._skip(key, events)
                end, last = self._skip(value, events)
            start = key.start_mark.index - key.start_mark.column
            if name is not None and name not in self.keys:
                self.keys[name] = Block(start, self._content_end(start, end, last),
                                        bool(top.flow_style), name)

    def _scan_items(self, sequence: Any, events: Any, items: list[Block],
                    name_key: str) -> tuple[int, Any]:
        """The items of a list of mappings, each named by its ``name_key``'s value."""
        kinds = self._kinds
        end, last = sequence.end_mark.index, sequence
        while not isinstance(item := next(events), kinds.SequenceEndEvent):
            initiative_id = None
            if isinstance(item, kinds.MappingStartEvent):
                end, last = item.start_mark.index, item
                while not isinstance(key := next(events), kinds.MappingEndEvent):
                    self._skip(key, events)
                    value = next(events)
                    if isinstance(key, kinds.ScalarEvent) and key.value == name_key \
                            and isinstance(value, kinds.ScalarEvent):
                        initiative_id = value.value
                    end, last = self._skip(value, events)
                if item.flow_style:
                    end, last = key.end_mark.index, key
            else:
                end, last = self._skip(item, events)
            start = item.start_mark.index - item.start_mark.column
            items.append(Block(
                start, self._content_end(start, end, last),
                bool(getattr(item, "flow_style", False)), initiative_id,
                _is_item_prefix(self.body[start:item.start_mark.index])))
        if sequence.flow_style:
            end, last = item.end_mark.index, item  # its closing bracket
        return end, last

    def _scan_entries(self, mapping: Any, events: Any, entries: list[Block]) -> tuple[int, Any]:
        """The entries of a mapping (a core's ``common:``), each from its key's line to the end
        of its value's content, named by its key."""
        kinds = self._kinds
        end, last = mapping.end_mark.index, mapping
        while not isinstance(key := next(events), kinds.MappingEndEvent):
            self._skip(key, events)
            end, last = self._skip(value := next(events), events)
            if mapping.flow_style:
                continue
            start = key.start_mark.index - key.start_mark.column
            name = key.value if isinstance(key, kinds.ScalarEvent) else None
            entries.append(Block(
                start, self._content_end(start, end, last), bool(getattr(value, "flow_style",
                                                                       False)),
                name, not self.body[start:key.start_mark.index].strip(" ")))
        if mapping.flow_style:
            end, last = key.end_mark.index, key
        return end, last

    def _skip(self, event: Any, events: Any) -> tuple[int, Any]:
        """Read past the node that starts with ``event``; return where its last content ends
        (the end of its last scalar or flow collection: a block collection's end is only where
        the next token starts, past any comments) and the event that ends there."""
        kinds = self._kinds
        end, last = event.end_mark.index, event
        if not isinstance(event, kinds.CollectionStartEvent):
            return end, last
        flows = [bool(event.flow_style)]
        while flows:
            inner = next(events)
            if isinstance(inner, kinds.CollectionEndEvent):
                if flows.pop():
                    end, last = inner.end_mark.index, inner
            elif isinstance(inner, kinds.CollectionStartEvent):
                flows.append(bool(inner.flow_style))
            else:
                end, last = inner.end_mark.index, inner
        return end, last

    def _content_end(self, start: int, end: int, last: Any) -> int:
        """The offset after the line break of the line where a block's content ends."""
        body = self.body
        if getattr(last, "style", None) in ("|", ">"):
            # A block scalar's end is past its trailing blank lines, where the next token starts.
            stop: int = end - int(last.end_mark.column)
            if body[stop:end].strip(" "):
                return end  # the text ends the file without a line break
            if last.value.endswith("\n\n"):
                return stop  # kept (|+) trailing blank lines are its text
            while stop > start:
                previous = _previous_line_start(body, stop)
                if body[previous:stop].strip(" \t\r\n") or previous <= start:
                    break
                stop = previous
            return stop
        return _line_end(body, end) if end > start else start

    # -- the blocks' text -----------------------------------------------------------------------

    def item_index(self, initiative_id: str) -> int | None:
        return next((i for i, item in enumerate(self.items) if item.name == initiative_id), None)

    def entry_index(self, blocks: list[Block], name: str) -> int | None:
        return next((i for i, block in enumerate(blocks) if block.name == name), None)

    def text_of(self, block: Block) -> str:
        """The block's text, with LF line endings (what ruamel reads and writes)."""
        return to_lf(self.body[block.start:block.end])

    def with_text(self, start: int, end: int, text: str) -> str:
        """The whole file with ``text`` (LF line endings) in place of ``start``..``end``, written
        with the line ending of the lines it replaces (the file's own, where it replaces none, or
        the file mixes them); everything else as it was."""
        if start == end == len(self.body) and self.body and self.body[-1] not in _BREAKS:
            text = "\n" + text  # after a last line without a line break
        replaced = _LINE_BREAK.search(self.body, start, end)
        newline = replaced.group() if replaced is not None else self.newline
        if newline != "\n":
            text = text.replace("\n", newline)
        return self.bom + self.body[:start] + text + self.body[end:]

    def replaced(self, block: Block, text: str) -> PlanText:
        """The plan text of ``text``, the whole file as ``with_text`` made it with ``block``
        replaced, found without reading the file again: the blocks after it move by the change
        in length, those around it (its top-level key) end that much later, the others stay.
        The replaced block reaches to the end of its new lines (with any comment lines that close
        them), where reading the file again could end it before such comments: the next edit of
        it then round-trips those comments with it, and checks, as every edit does, that they
        come back as they were."""
        successor = copy.copy(self)
        successor.source = text
        successor.body = text[len(self.bom):]
        shift = len(successor.body) - len(self.body)

        def moved(other: Block) -> Block:  # (not dataclasses.replace: ten times slower)
            if other.start >= block.end and other != block:
                return Block(other.start + shift, other.end + shift, other.flow, other.name,
                             other.own_lines)
            if other.end >= block.end:  # the block itself, or the top-level key around it
                return Block(other.start, other.end + shift, other.flow, other.name,
                             other.own_lines)
            return other

        successor.keys = {name: moved(b) for name, b in self.keys.items()}
        successor.items = [moved(b) for b in self.items]
        successor.dialogues = [moved(b) for b in self.dialogues]
        successor.common = [moved(b) for b in self.common]
        return successor

    def with_entry(self, at: int, text: str, name: str) -> PlanText:
        """The plan text of ``text``, the whole file as ``with_text`` made it with a new entry of
        the core's follow-up (``common``) named ``name`` inserted at ``at`` (the start of an entry,
        or the end of the last), found without reading the file again: the blocks from ``at`` on
        move by the entry's length, the ``common`` key around it ends that much later, and the
        entry is among the others where it was put."""
        successor = copy.copy(self)
        successor.source = text
        successor.body = text[len(self.bom):]
        shift = len(successor.body) - len(self.body)

        def moved(other: Block) -> Block:
            if other.start >= at:
                return Block(other.start + shift, other.end + shift, other.flow, other.name,
                             other.own_lines)
            if other.end >= at and other.name == COMMON_KEY:  # the top-level key around it
                return Block(other.start, other.end + shift, other.flow, other.name,
                             other.own_lines)
            return other

        successor.keys = {key: moved(b) for key, b in self.keys.items()}
        successor.items = [moved(b) for b in self.items]
        successor.dialogues = [moved(b) for b in self.dialogues]
        before = [b for b in self.common if b.start < at]
        successor.common = [*before, Block(at, at + shift, False, name),
                            *(moved(b) for b in self.common[len(before):])]
        return successor

    def refuse_flow(self, what: str) -> EditRefusedError:
        return EditRefusedError(t(
            "edit refused, nothing written: {path} writes {what} in flow style ({{...}} or [...], "
            "as JSON does); fardplan edits only block-style YAML, so as not to rewrite lines it "
            "does not change: write it in block style, as the shipped plans do, or edit the file "
            "by hand", path=self.path, what=what))


def _is_item_prefix(text: str) -> bool:
    """Whether a line starts an item as the plans do: indentation, a dash, a space or more."""
    stripped = text.lstrip(" ")
    return stripped.startswith("-") and len(stripped) > 1 and not stripped[1:].strip(" ")


def block_keys(text: str) -> list[tuple[str | None, int, int]] | None:
    """Where the keys of the one block mapping in ``text`` (``"<key>:\\n"`` and one initiative
    list item or one ``common`` entry, LF line endings) start: each key with the offset of its
    line's start and its column. None where that mapping is not a block mapping (or ``text``
    not such YAML)."""
    from ruamel.yaml import events as kinds
    from ruamel.yaml.error import YAMLError

    from fardplan_cli.yamlfile import _events

    events = _events(text)  # a generator: closing it frees the C parser
    try:
        for _ in range(4):  # the stream, the document, the top-level mapping, its key
            event = next(events)
        event = next(events)
        if isinstance(event, kinds.MappingStartEvent):  # a `common` entry: its key, its value
            next(events)
            event = next(events)
        elif isinstance(event, kinds.SequenceStartEvent):  # an initiative: the list's item
            event = next(events)
        if not isinstance(event, kinds.MappingStartEvent) or event.flow_style:
            return None
        keys: list[tuple[str | None, int, int]] = []
        while not isinstance(key := next(events), kinds.MappingEndEvent):
            column = key.start_mark.column
            keys.append((key.value if isinstance(key, kinds.ScalarEvent) else None,
                         key.start_mark.index - column, column))
            _skip_node(key, events)
            _skip_node(next(events), events)
        return keys
    except (YAMLError, StopIteration):
        return None
    finally:
        close = getattr(events, "close", None)
        if close is not None:
            close()


def _skip_node(event: Any, events: Any) -> None:
    from ruamel.yaml import events as kinds

    depth = 1 if isinstance(event, kinds.CollectionStartEvent) else 0
    while depth:
        inner = next(events)
        if isinstance(inner, kinds.CollectionStartEvent):
            depth += 1
        elif isinstance(inner, kinds.CollectionEndEvent):
            depth -= 1
