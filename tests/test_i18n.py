"""Every message and label the tool shows is there in Swedish too."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from fardplan_cli import i18n
from fardplan_cli.i18n import detect_language, t
from tests.support import PROJECT_ROOT, run_cli

PACKAGE = PROJECT_ROOT / "src" / "fardplan_cli"


def _literal_messages(module: Path) -> set[str]:
    """The first argument of every ``t("...")`` call written as a literal in the module."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "t"
                and node.args and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)):
            found.add(node.args[0].value)
    return found


def test_every_literal_message_in_the_package_has_a_swedish_translation() -> None:
    missing = {
        f"{module.relative_to(PACKAGE)}: {message}"
        for module in sorted(PACKAGE.rglob("*.py"))
        for message in _literal_messages(module)
        if message not in i18n._SWEDISH
    }
    assert sorted(missing) == []


@pytest.mark.parametrize(
    ("environ", "expected"),
    [({"LC_ALL": "sv_SE.UTF-8"}, "sv"), ({"LANG": "sv_FI"}, "sv"), ({"LANG": "en_GB.UTF-8"}, "en"),
     ({"LC_ALL": "C", "LANG": "sv_SE"}, "en"), ({}, "en")],
)
def test_language_from_the_locale(environ: dict[str, str], expected: str) -> None:
    assert detect_language(environ) == expected


def test_swedish_messages_for_broken_yaml(plan_dir: Path) -> None:
    path = plan_dir / "plans" / "haninge.yaml"
    path.write_bytes(path.read_bytes() + b"extra: &a x\n")
    result = run_cli("--lang", "sv", "validate", repo=plan_dir)
    assert result.exit_code == 1
    assert "ankare &a är inte tillåtet i planfiler; skriv ut värdet" in result.stdout


def test_translation_falls_back_to_english() -> None:
    i18n.set_language("sv")
    try:
        assert t("no such message {x}", x=1) == "no such message 1"
        assert t("Lead") == "Ansvarig aktör"
    finally:
        i18n.set_language("en")
