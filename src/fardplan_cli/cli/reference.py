"""The CLI reference in the README, generated from ``--help`` so that it cannot drift.

``python -m fardplan_cli.cli.reference --write`` rewrites the README's reference section;
a test fails when the README and ``--help`` disagree.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import typer

START = "<!-- cli-reference:start (generated from --help by `python -m fardplan_cli.cli.reference --write`) -->"
END = "<!-- cli-reference:end -->"
WIDTH = 100


def _help(command: Any, path: list[str], parent: Any) -> list[str]:
    # Typer 0.28 vendors its own click, so this goes through the command's own context class.
    ctx = command.context_class(
        command, info_name=path[-1], parent=parent, terminal_width=WIDTH, max_content_width=WIDTH
    )
    title = " ".join(path)
    blocks = [f"### `{title}`\n\n```text\n{command.get_help(ctx).rstrip()}\n```\n"]
    if hasattr(command, "list_commands"):
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            if sub is not None and not sub.hidden:
                blocks += _help(sub, [*path, name], ctx)
    return blocks


def generate() -> str:
    from fardplan_cli.cli.app import app
    from fardplan_cli.cli.click_catalog import install_catalog
    from fardplan_cli.i18n import set_language

    set_language("en")  # the README's reference is in English
    install_catalog("en")
    command = typer.main.get_command(app)
    return "\n".join(_help(command, ["fardplan"], None))


def replace_section(readme: str, reference: str) -> str:
    head, start, rest = readme.partition(START)
    _, end, tail = rest.partition(END)
    if not start or not end:
        raise SystemExit(f"README.md has no {START!r} ... {END!r} section")
    return f"{head}{START}\n\n{reference}\n{END}{tail}"


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m fardplan_cli.cli.reference",
        description="Print the CLI reference generated from --help, or write it into README.md.")
    parser.add_argument("--write", action="store_true",
                        help="rewrite the README's reference section instead of printing it")
    arguments = parser.parse_args(argv)
    reference = generate()
    if arguments.write:
        readme = Path(__file__).resolve().parents[3] / "README.md"
        updated = replace_section(readme.read_text(encoding="utf-8"), reference)
        readme.write_text(updated, encoding="utf-8", newline="\n")
        return 0
    sys.stdout.write(reference + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
