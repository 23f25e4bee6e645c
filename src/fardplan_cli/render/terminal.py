"""Whether a stream is a terminal, and a rich console for one.

Only the terminal gets rich (colour, styles, boxes); anything else gets the plain format of
``render.plain``, which does not import rich at all. The decision follows the stream's ``isatty``,
and two environment variables that rich itself honours, so that a forced terminal is one for both:
``TTY_COMPATIBLE=1`` (or ``0``) says the stream is (or is not) a terminal whatever ``isatty``
says; a non-empty ``FORCE_COLOR`` makes it one.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from rich.console import Console

# Narrower than this (COLUMNS=0, a split pane) every value would be folded away: lay out at this
# width and let the terminal wrap, rather than lose text.
MIN_WIDTH = 40


def is_terminal(stream: TextIO) -> bool:
    tty_compatible = os.environ.get("TTY_COMPATIBLE", "")
    if tty_compatible in ("0", "1"):
        return tty_compatible == "1"
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty is not None and isatty())
    except ValueError:  # a closed stream
        return False


def console_for(stream: TextIO, *, soft_wrap: bool, markup: bool = True) -> Console:
    """A rich console on ``stream``, at least ``MIN_WIDTH`` wide, that turns no text into emoji.

    ``markup`` is whether printed strings hold rich markup (plan text in them is escaped)."""
    from rich.console import Console

    console = Console(file=stream, highlight=False, emoji=False, soft_wrap=soft_wrap, markup=markup)
    if console.width < MIN_WIDTH:
        console = Console(file=stream, highlight=False, emoji=False, soft_wrap=soft_wrap,
                          markup=markup, width=MIN_WIDTH)
    return console
