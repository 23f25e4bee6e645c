"""``render`` is presentation: it reads the domain's values, never the command line or git."""

from __future__ import annotations

import ast

from tests.support import PROJECT_ROOT

RENDER = PROJECT_ROOT / "src" / "fardplan_cli" / "render"
FORBIDDEN = ("fardplan_cli.cli", "fardplan_cli.history", "fardplan_cli.gitops", "fardplan_cli.gitstore",
             "typer", "git")


def imported(path: object) -> set[str]:
    tree = ast.parse(RENDER.joinpath(str(path)).read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_render_imports_neither_the_cli_nor_git() -> None:
    for path in sorted(RENDER.glob("*.py")):
        for name in imported(path.name):
            bad = any(name == f or name.startswith(f + ".") for f in FORBIDDEN)
            assert not bad, (path.name, name)


def test_the_plain_format_does_not_import_rich() -> None:
    for module in ("plain.py", "escape.py", "__init__.py", "shapes.py", "jsonout.py",
                   "csvout.py"):
        assert not any(name.startswith("rich") for name in imported(module)), module
