"""The package's layers, drawn from its imports (every import, the lazy ones inside functions too).

The domain (everything outside ``cli/`` and ``render/``) never imports the command line, the
renderers, typer or rich; ``render`` never imports the command line or git; only ``gitstore``
starts git; no two modules import each other, however far round.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

from tests.support import PROJECT_ROOT

PACKAGE = PROJECT_ROOT / "src" / "fardplan_cli"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def imports() -> dict[str, set[str]]:
    """Each module of the package, and every name it imports (as the import statement says it)."""
    found: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name, names = module_name(path), set()
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*anchor, *([base] if base else [])])
                names.add(base)
                names |= {f"{base}.{alias.name}" for alias in node.names}
        found[name] = names
    return found


def within(name: str, *prefixes: str) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def package_imports(module: str) -> set[str]:
    """The package's own modules that ``module`` imports (a name imported from a module counts
    as that module), itself and the package's own ``__init__`` left out."""
    modules = imports()
    out = set()
    for name in modules[module]:
        owner = name
        while owner and owner not in modules:
            owner = owner.rpartition(".")[0]
        if owner and owner not in (module, "fardplan_cli"):
            out.add(owner)
    return out


def test_the_domain_imports_neither_the_command_line_nor_presentation() -> None:
    for module, names in imports().items():
        if within(module, "fardplan_cli.cli", "fardplan_cli.render", "fardplan_cli.__main__"):
            continue
        bad = {n for n in names if within(n, "fardplan_cli.cli", "fardplan_cli.render", "typer",
                                          "click", "rich")}
        assert not bad, (module, bad)


def test_render_imports_neither_the_command_line_nor_git() -> None:
    for module, names in imports().items():
        if within(module, "fardplan_cli.render"):
            bad = {n for n in names if within(n, "fardplan_cli.cli", "fardplan_cli.gitstore",
                                              "typer", "git")}
            assert not bad, (module, bad)


def test_only_gitstore_starts_git() -> None:
    for module, names in imports().items():
        if not within(module, "fardplan_cli.gitstore"):
            bad = {n for n in names if within(n, "subprocess", "git")}
            assert not bad, (module, bad)


def test_no_module_imports_itself_round_a_cycle() -> None:
    graph = {module: package_imports(module) for module in imports()}
    done: set[str] = set()

    def walk(module: str, path: tuple[str, ...]) -> None:
        assert module not in path, " -> ".join((*path[path.index(module):], module))
        if module in done:
            return
        for imported in sorted(graph[module]):
            walk(imported, (*path, module))
        done.add(module)

    for module in sorted(graph):
        walk(module, ())


def test_the_plain_format_does_not_import_rich() -> None:
    for module in ("plain", "escape", "shapes", "jsonout", "csvout"):
        names = imports()[f"fardplan_cli.render.{module}"]
        assert not any(within(n, "rich") for n in names), module
    assert not any(within(n, "rich") for n in imports()["fardplan_cli.render"])


def test_the_graph_is_drawn_from_every_import() -> None:
    """The checks above are only as good as the graph: it must see lazy and relative imports."""
    assert "fardplan_cli.gitstore" in package_imports("fardplan_cli.writing")  # inside a function
    assert "fardplan_cli.cli.app" in package_imports("fardplan_cli.__main__")
    assert "fardplan_cli.history" not in imports()
