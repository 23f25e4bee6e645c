"""Round-trip YAML for the edits: ruamel's documents, their comments, and new scalars.

ruamel keeps a comment on its own line with the node *before* it. Before editing, an initiative
list is normalised so that every own-line comment belongs to the key or list item that follows it
(that is where a reader sees it belong); only the comments after the list's very last value stay
behind it. Inserting and deleting keys and items then moves no comment onto the wrong initiative.
A comment at the end of a line stays on its line; it is dropped only with its key.

ruamel's comment slots: a mapping key's entry is [post-key, pre-key comments, post-value,
pre-value]; a list item's is [post-item, pre-item comments, ...]. Own-line comments after a value
are in the post-value token ("\\n    # c\\n", or "# c\\n" after a block scalar, whose text already
ended the line); pre comments are one token per comment line, blank lines appended.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

from fardplan_cli.errors import UsageError
from fardplan_cli.i18n import t

if TYPE_CHECKING:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq


@cache
def _yaml() -> Any:
    """One round-trip YAML instance for every load and dump (making one looks for ruamel's
    plug-ins on disk: it cost as much as reading a small block)."""
    from fardplan_cli.yamlfile import round_trip_yaml

    return round_trip_yaml()


def load_block(text: str) -> Any:
    """The round-trip document of a piece of block YAML (LF line endings)."""
    return _yaml().load(text)


def dump_block(doc: Any) -> str:
    """The text of a round-trip document, in the plans' style (LF line endings)."""
    import io

    stream = io.StringIO()
    _yaml().dump(doc, stream)
    return stream.getvalue()


def open_block(text: str, refuse: Callable[[bool], Exception],
               opened: dict[str, Any] | None = None) -> Any:
    """The round-trip document of ``text`` (top-level keys with their values, LF line endings),
    with the comments of its initiative list normalised (see the module's docstring). With
    ``opened`` (the documents opened before, by their text), a text opened before is not read
    again: its document is copied.

    If the normalised document does not give back the text (a layout this code does not know),
    the comments are left where ruamel put them: an edit may then place one less well, but loses
    none. If ruamel does not give back the text at all, ``refuse(False)`` is raised: an edit
    would rewrite lines it does not change; if it is nested too deeply for ruamel (which reads and
    writes recursively), ``refuse(True)``.
    """
    from copy import deepcopy

    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if opened is not None and text in opened:
        return deepcopy(opened[text])
    try:
        doc = load_block(text)
        seq = doc.get("initiatives") if isinstance(doc, CommentedMap) else None
        if isinstance(seq, CommentedSeq):
            normalise_comments(seq)
        if dump_block(doc) != text:
            doc = load_block(text)
            if dump_block(doc) != text:
                raise refuse(False)
        if opened is not None:
            opened[text] = deepcopy(doc)
        return doc
    except RecursionError:
        raise refuse(True) from None


def normalise_comments(seq: CommentedSeq) -> None:
    from ruamel.yaml.comments import CommentedMap

    for index, item in enumerate(seq):
        if not isinstance(item, CommentedMap):
            continue
        keys = list(item.keys())
        for position, key in enumerate(keys):
            lines = take_trailing(item, key)
            if not lines:
                continue
            if position + 1 < len(keys):
                _prepend_pre(item.ca.items, keys[position + 1], lines)
            elif index + 1 < len(seq):
                _prepend_pre(seq.ca.items, index + 1, lines)
            else:
                put_trailing(item, key, lines)


def _is_block_scalar(value: Any) -> bool:
    from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

    return isinstance(value, LiteralScalarString | FoldedScalarString)


def take_trailing(mapping: CommentedMap, key: Any) -> list[str]:
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


def put_trailing(mapping: CommentedMap, key: Any, lines: Sequence[str]) -> None:
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


def insert_key(mapping: CommentedMap, key: str, value: Any, order: Sequence[str]) -> None:
    """Add an absent key after the nearest key that comes before it in ``order``."""
    rank = order.index(key)
    keys = list(mapping.keys())
    anchor = None
    for existing in keys:
        if existing in order and order.index(existing) < rank:
            anchor = existing
    position = keys.index(anchor) + 1 if anchor is not None else 0
    lines = take_trailing(mapping, anchor) if anchor is not None else []
    mapping.insert(position, key, value)
    put_trailing(mapping, key, lines)


def delete_key(mapping: CommentedMap, key: str, following: tuple[Any, Any] | None) -> None:
    """Remove a key, keeping the comments above and below it (its end-of-line comment goes).

    ``following``: where comments go when the key is the mapping's last one, (items, key) of
    the next list item's comment slot, or None when the mapping is the list's last item.
    """
    keys = list(mapping.keys())
    index = keys.index(key)
    if index == 0:
        raise UsageError(t("cannot remove the first key {key}", key=key))
    lines = _take_pre(mapping.ca.items, key) + take_trailing(mapping, key)
    del mapping[key]
    mapping.ca.items.pop(key, None)
    if not lines:
        return
    if index < len(keys) - 1:
        _prepend_pre(mapping.ca.items, keys[index + 1], lines)
    elif following is not None:
        _prepend_pre(following[0], following[1], lines)
    else:
        put_trailing(mapping, keys[index - 1], lines)


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

    if "\n" in text:
        literal = LiteralScalarString(text)
        # A literal block cannot hold every text (a first line starting with a tab, say): then
        # double quotes, which can.
        return literal if _reads_back(literal) else DoubleQuotedScalarString(text)
    if yaml11_ambiguous(text):
        return DoubleQuotedScalarString(text)
    return text


def _reads_back(value: Any) -> bool:
    """Whether the value, written as it would be in a plan file, is read back as the same text."""
    from fardplan_cli.yamlfile import YamlProblemError, parse_document

    written = dump_block({"text": value})
    try:
        return bool(parse_document("", written.encode("utf-8")).data == {"text": str(value)})
    except YamlProblemError:
        return False


def text_scalar(text: str) -> Any:
    """A description: a literal block when it has lines, folded like the plans' when it is one
    paragraph, else a (quoted where needed) plain scalar."""
    from ruamel.yaml.scalarstring import FoldedScalarString

    if "\n" not in text and text and text == text.strip() and not yaml11_ambiguous(text):
        return FoldedScalarString(text)
    return plain_scalar(text)


def id_scalar(initiative_id: str) -> Any:
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    return DoubleQuotedScalarString(initiative_id)


def flow_list(values: Iterable[str]) -> Any:
    from ruamel.yaml.comments import CommentedSeq

    seq = CommentedSeq([plain_scalar(v) for v in values])
    seq.fa.set_flow_style()
    return seq


def flow_width(seq: CommentedSeq) -> int | None:
    """The width of a flow list of plain or quoted strings as written, None for another list."""
    from ruamel.yaml.scalarstring import ScalarString

    if not seq.fa.flow_style() or not all(isinstance(v, str) for v in seq):
        return None
    quoted = sum(2 for v in seq if isinstance(v, ScalarString))
    return len("[" + ", ".join(str(v) for v in seq) + "]") + quoted


def keep_comment_gap(mapping: CommentedMap, key: str, old_width: int | None) -> None:
    """Keep the space between a flow list and its end-of-line comment when the list changes
    width (ruamel keeps the comment's old column, or squeezes it to one space)."""
    entry = mapping.ca.items.get(key)
    token = entry[2] if entry and len(entry) > 2 else None
    new_width = flow_width(mapping[key])
    if token is None or token.value.startswith("\n") or old_width is None or new_width is None:
        return
    column = token.column + new_width - old_width
    if column > 0:
        entry[2] = _comment_token(token.value, column)
        _sync_flow_comment(mapping[key], entry[2])

