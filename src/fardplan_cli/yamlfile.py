"""Reading plan files safely and fast, keeping each node's source position.

Plan files are parsed with ruamel's C parser (``ruamel.yaml.clib``) into a list of events, and one
builder here turns the events into plain Python data, recording (when asked) the 1-based line and
column of every value and every mapping key. Building from the events ourselves, without ruamel's
node graph or its Python constructor, is faster (docs/benchmark.md), and lets us refuse what plan files
must not contain before anything expands it: aliases (an alias bomb is a few hundred bytes that
expand to billions of nodes), anchors, merge keys, tags other than YAML's standard ones, a standard
tag whose value is not of its kind, directives, duplicate keys, nesting deeper than ``MAX_DEPTH``
and whole numbers longer than ``MAX_INTEGER_DIGITS``. Timestamps stay strings.

Round-trip loading (comments, quoting, key order kept) is for the lines an edit changes; see
``round_trip_yaml``. Writing plan files is ``writing``'s.
"""

from __future__ import annotations

import collections
import functools
import math
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fardplan_cli.i18n import t, yaml_problem_text
from fardplan_cli.model import Position, Problem

if TYPE_CHECKING:
    from ruamel.yaml import YAML

MAX_FILE_BYTES = 5 * 1024 * 1024

PathKey = tuple[str | int, ...]

_TAG = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _NULL = (_TAG + n for n in ("str", "int", "float", "bool", "null"))
_TIMESTAMP, _MAP, _SEQ, _MERGE = (_TAG + n for n in ("timestamp", "map", "seq", "merge"))
_VALUE_TAGS = frozenset({_INT, _FLOAT, _BOOL, _NULL, _TIMESTAMP})
_DIRECTIVE_LINE = re.compile(rb"(?m)^%")


@dataclass(frozen=True)
class Document:
    """One parsed plan file: plain data plus the position of every node in it."""

    file: str
    data: Any
    positions: Mapping[PathKey, tuple[int, int]] = field(repr=False)
    key_positions: Mapping[PathKey, tuple[int, int]] = field(repr=False)
    source_text: str | None = field(default=None, repr=False, compare=False)

    def position(self, path: Iterable[str | int] = (), *, key: bool = False) -> Position:
        """The position of the node at ``path``, or of its nearest ancestor that has one."""
        path = path if type(path) is tuple else tuple(path)
        if key and path in self.key_positions:
            line, column = self.key_positions[path]
            return Position(self.file, line, column)
        found = self.positions.get(path)  # the common case, first: the node is there
        while found is None and path:
            path = path[:-1]
            found = self.positions.get(path)
        line, column = found or (1, 1)
        return Position(self.file, line, column)


class YamlProblemError(Exception):
    """The file cannot be read as a plan document; carries the one problem that says why."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(problem.format())


class PlanFiles(dict[str, bytes]):
    """Plan files by repository-relative posix path, as read from a folder; ``unread`` holds a
    problem for each plan file that was there but could not be read safely (a symbolic link, a
    file too large, one without permission to read), which takes no further part."""

    def __init__(self, files: Mapping[str, bytes] = {}, unread: Mapping[str, Problem] = {}) -> None:
        super().__init__(files)
        self.unread: dict[str, Problem] = dict(unread)


def unread_problems(files: Mapping[str, bytes]) -> dict[str, Problem]:
    """The problems of the plan files that ``files`` lists but could not read (see ``PlanFiles``)."""
    return files.unread if isinstance(files, PlanFiles) else {}


def read_plan_file(root: Path, relative: str) -> bytes:
    """The bytes of the file at ``relative`` (a posix path) under ``root``, read safely.

    A symbolic link is refused without being opened (it could point at any file on the machine,
    whose text would then be echoed in messages), as is anything but a regular file; the size is
    checked before anything is read. Raises ``YamlProblemError`` with the problem that says why.
    """
    import os
    import stat

    path = root.joinpath(*relative.split("/"))
    try:
        info = path.lstat()
        if stat.S_ISLNK(info.st_mode):
            raise YamlProblemError(_problem(relative, 1, 1, "symbolic-link", t(
                "{file} is a symbolic link; fardplan reads only regular files inside the "
                "repository: replace the link by the file itself", file=relative)))
        if not stat.S_ISREG(info.st_mode):
            raise YamlProblemError(_problem(relative, 1, 1, "not-a-file", t(
                "{file} is not a regular file", file=relative)))
        # O_NOFOLLOW: a link put in the file's place since the check is not followed either.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(descriptor, "rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            if size > MAX_FILE_BYTES:
                raise YamlProblemError(_too_large(relative, size))
            data = stream.read(size + 1)  # one byte more shows a file that grew meanwhile
    except OSError as exc:
        raise YamlProblemError(_problem(relative, 1, 1, "unreadable-file", t(
            "{file} cannot be read: {error}", file=relative,
            error=exc.strerror or type(exc).__name__))) from None
    if len(data) > size and len(data) > MAX_FILE_BYTES:  # it grew while being read
        raise YamlProblemError(_too_large(relative, len(data)))
    return data


def _too_large(file: str, size: int) -> Problem:
    return _problem(file, 1, 1, "file-too-large",
                    t("the file is {size:,} bytes; plan files may be at most {limit:,} bytes",
                      size=size, limit=MAX_FILE_BYTES))


def format_path(path: Iterable[str | int]) -> str:
    """``("initiatives", 2, "lead")`` -> ``initiatives[2].lead``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _problem(file: str, line: int, column: int, code: str, message: str, path: str = "") -> Problem:
    return Problem(file, line, column, "error", code, message, path)


_safe_yaml: YAML | None = None


def _c_safe_yaml() -> YAML:
    global _safe_yaml
    if _safe_yaml is None:
        from ruamel.yaml import YAML

        _safe_yaml = YAML(typ="safe", pure=False)
        _safe_yaml.Resolver = _yaml12_resolver()
    return _safe_yaml


def _events(text: str) -> Iterator[Any]:
    """The parser's events for ``text``. With the C extension, straight from its parser: ruamel's
    ``YAML.parse`` builds a loader class and a constructor on every call (which costs as much as
    parsing an initiative), and the events are the same (the C parser asks no resolver for them)."""
    from ruamel.yaml import main

    yaml = _c_safe_yaml()
    c_parser = getattr(main, "CParser", None)  # None without the C extension
    if c_parser is None or yaml.Parser is not c_parser:
        yield from yaml.parse(text)
        return
    parser = c_parser(text)
    try:
        while parser.check_event():
            yield parser.get_event()
    finally:
        parser.dispose()


def _yaml12_resolver() -> type:
    """ruamel's resolver works out the YAML version again for every scalar (a third of the time
    spent composing). Plan files cannot carry a %YAML directive (it is refused), so the version is
    always the default: work the rules out once per document."""
    from ruamel.yaml.resolver import VersionedResolver

    class Yaml12Resolver(VersionedResolver):
        @property
        def versioned_resolver(self) -> Any:
            cached = self.__dict__.get("_fardplan_rules")
            if cached is None:
                cached = VersionedResolver.versioned_resolver.fget(self)  # type: ignore[attr-defined]
                self.__dict__["_fardplan_rules"] = cached
            return cached

    return Yaml12Resolver


def c_parser_in_use() -> bool:
    """Whether reading goes through the C extension (pure Python is far slower)."""
    return _c_safe_yaml().Parser.__module__.startswith("ruamel.yaml.clib") or (
        "CParser" in _c_safe_yaml().Parser.__name__
    )


def parse_document(file: str, data: bytes, *, lazy_positions: bool = False) -> Document:
    """Parse one plan file's bytes. Raises ``YamlProblemError`` for anything a plan must not be.

    With ``lazy_positions`` the positions are worked out only when first asked for (by parsing
    the text again): ``validate`` needs them only for the few files that have problems. The data,
    the positions and the problems are the same either way.
    """
    if len(data) > MAX_FILE_BYTES:
        raise YamlProblemError(_too_large(file, len(data)))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise YamlProblemError(
            _problem(file, line, column, "not-utf8",
                     t("the file is not UTF-8 (byte 0x{byte:02x}); save it as UTF-8", byte=data[exc.start]))
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if "&" in text or "*" in text or "<<" in text or _DIRECTIVE_LINE.search(data):
        _reject_conflict_markers(file, text)
        _reject_anchors_and_directives(file, text)

    from ruamel.yaml.composer import ComposerError
    from ruamel.yaml.error import MarkedYAMLError, YAMLError
    from ruamel.yaml.events import DocumentStartEvent

    # All the events first, so that a syntax error anywhere is the problem reported, as composing
    # the whole document before building it would report it; building from events skips ruamel's
    # node graph and its Python resolver, which cost more than the C parser itself.
    events: list[Any] = []
    try:
        first_document: Any = None
        for event in _events(text):
            if type(event) is DocumentStartEvent:
                if first_document is not None:
                    raise ComposerError("expected a single document in the stream",
                                        first_document.start_mark, "but found another document",
                                        event.start_mark)
                first_document = event
            events.append(event)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        message = t("YAML syntax error: {problem}", problem=yaml_problem_text(exc.problem or exc.context))
        if "\t" in "".join(text.splitlines()[line - 1 : line]):
            message += " " + t("(tabs are not allowed for indentation; use spaces)")
        from fardplan_cli.yaml_hints import syntax_hint

        line, column, message = syntax_hint(text, line, column, message)
        raise YamlProblemError(_problem(file, line, column, "yaml-syntax", message)) from None
    except YAMLError as exc:
        raise YamlProblemError(_reader_problem(file, text, exc)) from None

    builder = _Builder(file, events, positions=not lazy_positions)
    try:
        value = builder.document()
    except YamlProblemError:
        if lazy_positions:
            _Builder(file, events).document()  # the same problem, with its path in the document
        raise
    if lazy_positions:
        tables = _LazyPositions(file, text)
        return Document(file, value, tables.positions, tables.key_positions, text)
    return Document(file, value, builder.positions, builder.key_positions, text)


_CONFLICT_MARKER = re.compile(r"(?m)^(<<<<<<<|>>>>>>>) ")


def _reject_conflict_markers(file: str, text: str) -> None:
    """A file left mid-merge is the likeliest YAML error after a pull request; say so plainly."""
    marker = _CONFLICT_MARKER.search(text)
    if marker is not None:
        line = text.count("\n", 0, marker.start()) + 1
        raise YamlProblemError(_problem(
            file, line, 1, "merge-conflict",
            t("the file has an unresolved git merge conflict ({marker}); resolve it, then validate again",
              marker=marker.group(1))))


def _reader_problem(file: str, text: str, exc: Exception) -> Problem:
    """An error of YAML's reader (a control character, say), at its line and column."""
    position = getattr(exc, "position", None)
    character = getattr(exc, "character", None)
    if isinstance(position, int) and 0 <= position <= len(text):
        line = text.count("\n", 0, position) + 1
        column = position - (text.rfind("\n", 0, position) + 1) + 1
    else:
        line, column = 1, 1
    if isinstance(character, int):
        message = t("the file holds the control character U+{code:04X}, which YAML does not allow; remove it",
                    code=character)
    else:
        message = t("YAML error: {problem}", problem=yaml_problem_text(str(exc).splitlines()[0]))
    return _problem(file, line, column, "yaml-syntax", message)


def _reject_anchors_and_directives(file: str, text: str) -> None:
    """The slow, exact check, run only when the text holds a character that could start one."""
    from ruamel.yaml.error import YAMLError
    from ruamel.yaml.events import AliasEvent, DocumentStartEvent

    try:
        for event in _events(text):
            mark = event.start_mark
            where = (mark.line + 1, mark.column + 1)
            if isinstance(event, AliasEvent):
                raise YamlProblemError(_problem(
                    file, *where, "yaml-alias",
                    t("alias *{name} is not allowed in plan files; write the value out", name=event.anchor)))
            anchor = getattr(event, "anchor", None)
            if anchor:
                raise YamlProblemError(_problem(
                    file, *where, "yaml-anchor",
                    t("anchor &{name} is not allowed in plan files; write the value out", name=anchor)))
            if isinstance(event, DocumentStartEvent) and (event.version or event.tags):
                raise YamlProblemError(_problem(
                    file, *where, "yaml-directive",
                    t("YAML directives (%YAML, %TAG) are not allowed in plan files; remove the line")))
    except YAMLError:
        return  # the syntax error is reported, with its position, by the compose step


@functools.lru_cache(maxsize=1)
def _resolvers_by_first_character() -> Mapping[str, tuple[tuple[str, Any], ...]]:
    """ruamel's YAML 1.2 rules for plain scalars, by first character (directives are refused)."""
    from ruamel.yaml.resolver import VersionedResolver

    # ruamel compiles its patterns lazily, behind a proxy that costs a call per use: unwrap them.
    table = VersionedResolver(version=(1, 2)).versioned_resolver
    anywhere = tuple((str(tag), regexp.match) for tag, regexp in table.get(None, ()))
    rules: dict[str, tuple[tuple[str, Any], ...]] = {
        first: (*((str(tag), regexp.match) for tag, regexp in by_first), *anywhere)
        for first, by_first in table.items()
        if first is not None
    }
    if anywhere:  # a rule for any first character: no shortcut for the others
        return collections.defaultdict(lambda: anywhere, rules)
    return rules


MAX_DEPTH = 64
"""How deeply a plan file may nest (the plans nest six levels; a deeper file is refused before
anything recurses through it)."""

MAX_INTEGER_DIGITS = 100
"""The longest whole number a plan file may hold (a year or a count needs a few digits)."""


class _Builder:
    """Builds plain data from the parser's events, refusing what plans must not hold, and (with
    ``positions``) recording the position of every node. It walks the events the way ruamel's
    composer would, without making nodes. Without positions it does not track where in the
    document it is (the paths cost more than the rest of the building): a problem found then is
    found again with positions, to say its path."""

    def __init__(self, file: str, events: list[Any], *, positions: bool = True) -> None:
        from ruamel.yaml import events as kinds

        self.file = file
        self.positions: dict[PathKey, tuple[int, int]] = {}
        self.key_positions: dict[PathKey, tuple[int, int]] = {}
        self._record = positions
        self._depth = 0
        self._next = iter(events).__next__
        self._resolvers = _resolvers_by_first_character()
        self._alias, self._scalar_event = kinds.AliasEvent, kinds.ScalarEvent
        self._mapping_start, self._mapping_end = kinds.MappingStartEvent, kinds.MappingEndEvent
        self._sequence_start, self._sequence_end = kinds.SequenceStartEvent, kinds.SequenceEndEvent
        self._stream_end = kinds.StreamEndEvent

    def _fail(self, event: Any, code: str, message: str, path: PathKey) -> YamlProblemError:
        mark = event.start_mark
        return YamlProblemError(
            _problem(self.file, mark.line + 1, mark.column + 1, code, message, format_path(path))
        )

    def document(self) -> Any:
        self._next()  # the stream's start
        event = self._next()
        if type(event) is self._stream_end:
            return None
        value = self.build(self._next(), ())
        self._next()  # the document's end
        return value

    def _scalar_tag(self, event: Any) -> str:
        tag = event.ctag  # the `tag` property turns it into a string on every access
        if tag is not None and tag != "!":
            return str(tag)
        if not event.implicit[0]:  # quoted or block text: a string
            return _STR
        value: str = event.value
        rules = self._resolvers.get(value[:1])
        if rules:
            for tag_name, match in rules:
                if match(value):
                    return tag_name
        return _STR

    def build(self, event: Any, path: PathKey) -> Any:
        kind = type(event)
        if kind is self._scalar_event:
            if event.anchor:
                raise self._anchor(event, path)
            if self._record:
                mark = event.start_mark
                self.positions[path] = (mark.line + 1, mark.column + 1)
            if event.ctag is None and not event.implicit[0]:
                return event.value  # quoted or block text, the bulk of a plan: no rule to try
            return self._scalar(event, self._scalar_tag(event), path)
        if kind is self._alias:
            raise self._fail(event, "yaml-alias", t("aliases are not allowed in plan files"), path)
        if event.anchor:
            raise self._anchor(event, path)
        if self._depth >= MAX_DEPTH:
            raise self._fail(event, "yaml-too-deep", t(
                "the document nests more than {depth} levels deep here; plan files are flat",
                depth=MAX_DEPTH), path)
        record = self._record
        if record:
            mark = event.start_mark
            self.positions[path] = (mark.line + 1, mark.column + 1)
        tag = event.ctag
        if kind is self._mapping_start:
            if tag is not None and str(tag) not in ("!", _MAP):
                raise self._fail(event, "yaml-tag", t("the tag {tag} is not allowed in plan files", tag=tag),
                                 path)
            self._depth += 1
            mapping = self._mapping(path)
            self._depth -= 1
            return mapping
        if tag is not None and str(tag) not in ("!", _SEQ):
            raise self._fail(event, "yaml-tag", t("the tag {tag} is not allowed in plan files", tag=tag), path)
        self._depth += 1
        items: list[Any] = []
        sequence_end, next_event, build = self._sequence_end, self._next, self.build
        while True:
            item = next_event()
            if type(item) is sequence_end:
                self._depth -= 1
                return items
            items.append(build(item, (*path, len(items)) if record else path))

    def _anchor(self, event: Any, path: PathKey) -> YamlProblemError:
        return self._fail(event, "yaml-anchor", t(
            "anchor &{name} is not allowed in plan files; write the value out", name=event.anchor), path)

    def _mapping(self, path: PathKey) -> dict[str, Any]:
        result: dict[str, Any] = {}
        record, key_positions = self._record, self.key_positions
        scalar_event, mapping_end, next_event = self._scalar_event, self._mapping_end, self._next
        build = self.build
        while True:
            key_event = next_event()
            kind = type(key_event)
            if kind is mapping_end:
                return result
            if kind is scalar_event and not key_event.anchor:
                # A plain key, the usual case: what build() would do, without the bookkeeping.
                if key_event.ctag is None and not key_event.implicit[0]:
                    key = key_event.value
                else:
                    tag = self._scalar_tag(key_event)
                    if tag == _MERGE:
                        raise self._fail(key_event, "yaml-merge-key",
                                         t("merge keys (<<) are not allowed in plan files"), path)
                    key = key_event.value if tag == _STR else self._scalar(
                        key_event, tag, (*path, "<key>"))
            else:
                key = build(key_event, (*path, "<key>"))
                self.positions.pop((*path, "<key>"), None)
            if not isinstance(key, str | int | float | bool) and key is not None:
                raise self._fail(key_event, "yaml-complex-key",
                                 t("mapping keys must be plain text"), path)
            if not isinstance(key, str):
                # Plan keys are field names: say a key such as null, true or 1.10 as it is written.
                key = key_event.value
            key_path: PathKey = (*path, key) if record else path
            if key in result:
                raise self._fail(key_event, "duplicate-key", t("duplicate key {key!r}", key=key), key_path)
            if record:
                kmark = key_event.start_mark
                key_positions[key_path] = (kmark.line + 1, kmark.column + 1)
            result[key] = build(next_event(), key_path)

    def _fits(self, tag: str, value: str) -> bool:
        """Whether a value written with an explicit standard tag (``!!int 12``) is what the tag
        says: a value YAML would read as that kind unmarked (a float may be written as a whole
        number)."""
        kinds = (_INT, _FLOAT) if tag == _FLOAT else (tag,)
        return any(name in kinds and match(value) for name, match in self._resolvers.get(value[:1], ()))

    def _scalar(self, event: Any, tag: str, path: PathKey) -> Any:
        value: str = event.value
        if tag == _STR:
            return value
        if event.ctag is not None and tag in _VALUE_TAGS and not self._fits(tag, value):
            raise self._fail(event, "yaml-tag-value", t(
                "{value!r} is not a value of its tag {tag}; remove the tag, or write a value of "
                "that kind", value=value, tag="!!" + tag.removeprefix(_TAG)), path)
        if tag == _TIMESTAMP:
            return value
        if tag == _INT:
            digits = value.replace("_", "").lstrip("+-")
            if len(digits) > MAX_INTEGER_DIGITS:
                raise self._fail(event, "number-too-large", t(
                    "the number has {count:,} digits; plan files hold numbers of at most {limit} "
                    "digits", count=len(digits), limit=MAX_INTEGER_DIGITS), path)
            digits = value.replace("_", "")
            try:
                return int(digits, 0)
            except ValueError:
                return int(digits, 10)
        if tag == _FLOAT:
            # .inf, .nan (and 1e999) have no place in a plan, and JSON output could not hold them.
            number = math.nan if value.lower().lstrip("+-") in (".inf", ".nan") else float(value.replace("_", ""))
            if not math.isfinite(number):
                raise self._fail(event, "not-finite", t(
                    "the number {value} is not finite; plan files hold finite numbers only", value=value), path)
            return number
        if tag == _BOOL:
            return value.lower() == "true"
        if tag == _NULL:
            return None
        raise self._fail(event, "yaml-tag", t("the tag {tag} is not allowed in plan files", tag=tag), path)


class _LazyPositions:
    """The position tables of one document, worked out on first use (by parsing it again, with
    positions)."""

    def __init__(self, file: str, text: str) -> None:
        self._file, self._text = file, text
        self._tables: tuple[dict[PathKey, tuple[int, int]], dict[PathKey, tuple[int, int]]] | None
        self._tables = None
        self.positions: Mapping[PathKey, tuple[int, int]] = _LazyTable(self, 0)
        self.key_positions: Mapping[PathKey, tuple[int, int]] = _LazyTable(self, 1)

    def table(self, which: int) -> dict[PathKey, tuple[int, int]]:
        if self._tables is None:
            builder = _Builder(self._file, list(_events(self._text)))
            builder.document()
            self._tables = (builder.positions, builder.key_positions)
        return self._tables[which]


class _LazyTable(Mapping[PathKey, tuple[int, int]]):
    def __init__(self, owner: _LazyPositions, which: int) -> None:
        self._owner, self._which = owner, which

    def __getitem__(self, path: PathKey) -> tuple[int, int]:
        return self._owner.table(self._which)[path]

    def __iter__(self) -> Iterator[PathKey]:
        return iter(self._owner.table(self._which))

    def __len__(self) -> int:
        return len(self._owner.table(self._which))


def round_trip_yaml() -> YAML:
    """The round-trip YAML instance in the style the plans are written in: keys indented by 2,
    list items by 4 with the dash at 2, quotes kept as written, text folded only past 4096 columns.
    Edits read and write one initiative's lines with it (``fardplan_cli.edit``)."""
    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    return yaml
