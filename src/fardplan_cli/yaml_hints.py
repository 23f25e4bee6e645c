"""What to type for a YAML syntax error a hand edit makes: the parser's message, with the fix.

Only the reader of plan files calls it, and only when a file does not parse.
"""

from __future__ import annotations

import re

from fardplan_cli.i18n import t

# A line that holds a field whose plain value holds ": " (YAML reads a second field there).
_COLON_IN_TEXT = re.compile(r"^\s*(?:- )?([^\s\"'#:][^:#]*):[ ]+([^\"'\[{|>&*!#\s].*?:(?: .*)?)\s*$")
# The start of a quoted value: after a field's colon, or a list item's dash.
_QUOTE_OPENS = re.compile(r"^\s*(?:- +)?(?:[^\s\"'#][^:#]*:[ ]+)?([\"'])")
_BLOCK_TEXT_STARTS = re.compile(r"^(\s*)(?:- +)?[^#]*:[ ]+[|>][-+0-9]*\s*(?:#.*)?$")


def syntax_hint(text: str, line: int, column: int, message: str) -> tuple[int, int, str]:
    """What to type for the two slips a hand edit makes most, added to the parser's message: an
    unquoted ": " in a text (put the text in quotes, with the line as it should be), and a quote
    that is never closed (reported where it opens, not where the parser gave up)."""
    lines = text.splitlines()
    opened = _unclosed_quote(lines, line)
    if opened is not None:
        open_line, open_column, quote = opened
        return open_line, open_column, message + " " + t(
            "(the text quoted at line {line}, column {column} has no closing {quote}; the parser "
            "read on to line {end}: end the text with {quote})",
            line=open_line, column=open_column, quote=quote, end=line)
    match = _COLON_IN_TEXT.match(lines[line - 1]) if 0 < line <= len(lines) else None
    if match is not None and "mapping values" in message:
        key, value = match.groups()
        quoted = '"' + value + '"' if '"' not in value else "'" + value.replace("'", "''") + "'"
        message += " " + t('(the text holds ": "; put the text in quotes: {fixed})',
                           fixed=f"{key}: {quoted}")
    return line, column, message


def _unclosed_quote(lines: list[str], error_line: int) -> tuple[int, int, str] | None:
    """The line, column and character of a quote that opens a value and is still open at
    ``error_line`` (a quoted text may run over several lines; one that closes before the error is
    not the cause)."""
    block_indent: int | None = None
    index = 0
    while index < min(error_line, len(lines)):
        current = lines[index]
        indent = len(current) - len(current.lstrip(" "))
        if block_indent is not None:
            if not current.strip() or indent > block_indent:
                index += 1
                continue
            block_indent = None
        block = _BLOCK_TEXT_STARTS.match(current)
        if block is not None:
            block_indent = len(block.group(1))
            index += 1
            continue
        opening = _QUOTE_OPENS.match(current)
        if opening is None:
            index += 1
            continue
        quote = opening.group(1)
        start = opening.end(1)
        closed_at = _closing_line(lines, index, start, quote)
        if closed_at is None or (closed_at > index and closed_at + 1 >= error_line):
            return index + 1, start, quote
        index = closed_at + 1
    return None


def _closing_line(lines: list[str], index: int, start: int, quote: str) -> int | None:
    """The index of the line where the quoted text starting at ``lines[index][start:]`` ends."""
    position = start
    while index < len(lines):
        current = lines[index]
        while position < len(current):
            character = current[position]
            if quote == '"' and character == "\\":
                position += 2
                continue
            if character == quote:
                if quote == "'" and current[position + 1 : position + 2] == "'":
                    position += 2
                    continue
                return index
            position += 1
        index, position = index + 1, 0
    return None
