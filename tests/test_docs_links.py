"""The repository explains itself: its docs and comments point at nothing outside it, its links
resolve, and docs/design.md names every module of the package."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "fardplan_cli"
DESIGN = ROOT / "docs" / "design.md"
MARKDOWN = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]

# Written in two parts, so that this file does not match itself.
OUTSIDE = ("DESIGN" + " §", "DESIGN" + ".md", "../" + "shared", "seeds" + "/", "/work" + "/")
LINK = re.compile(r"\]\(([^)\s]+)\)")


def _slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = heading.strip().lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def _anchors(path: Path) -> set[str]:
    found: set[str] = set()
    in_code = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            in_code = not in_code
        elif not in_code and line.startswith("#"):
            found.add(_slug(line.lstrip("#")))
    return found


def _own_text_files() -> list[Path]:
    sources = [*PACKAGE.rglob("*.py"), *(ROOT / "tests").glob("*.py")]
    return [*MARKDOWN, *sorted(p for p in sources if p.resolve() != Path(__file__).resolve())]


def test_nothing_points_at_a_design_outside_the_repository() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in _own_text_files()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if any(marker in line for marker in OUTSIDE)
    ]
    assert not found, "say the thing itself, or link docs/design.md:\n" + "\n".join(found)


@pytest.mark.parametrize("path", MARKDOWN, ids=lambda p: str(p.relative_to(ROOT)))
def test_relative_links_and_their_anchors_resolve(path: Path) -> None:
    broken = []
    for target in LINK.findall(path.read_text(encoding="utf-8")):
        if "://" in target or target.startswith("mailto:"):
            continue
        file_part, _, anchor = target.partition("#")
        linked = (path.parent / file_part).resolve() if file_part else path
        if not linked.exists():
            broken.append(f"{target}: no such file")
        elif anchor and linked.suffix == ".md" and anchor not in _anchors(linked):
            broken.append(f"{target}: no heading with that anchor")
    assert not broken, f"{path.relative_to(ROOT)}: " + "; ".join(broken)


def test_the_readme_links_the_design_before_the_quick_start() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "](docs/design.md)" in readme.split("## Quick start", 1)[0]


def test_the_design_names_every_module_of_the_package() -> None:
    design = DESIGN.read_text(encoding="utf-8")
    modules = [p.name for p in PACKAGE.glob("*.py") if not p.name.startswith("__")]
    packages = [f"{p.name}/" for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()]
    missing = [name for name in sorted(modules + packages)
               if not re.search(rf"(?<![\w/.]){re.escape(name)}(?![\w.])", design)]
    assert not missing, f"docs/design.md does not name {missing}; say where each belongs"


def test_the_slug_is_githubs() -> None:
    assert _slug(" Why it is fast") == "why-it-is-fast"
    assert _slug(" `fardplan validate [--strict]`") == "fardplan-validate---strict"
    assert _slug(" Safety and performance") == "safety-and-performance"
