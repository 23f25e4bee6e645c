"""Every message and label the tool shows is there in Swedish too."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from fardplan_cli import i18n
from fardplan_cli.i18n import detect_language, t
from tests.support import PROJECT_ROOT, run_cli

PACKAGE = PROJECT_ROOT / "src" / "fardplan_cli"


def _literal_messages(module: Path) -> set[str]:
    """The first argument of every ``t("...")`` call written as a literal in the module (and of
    ``outcome._say``, which passes it to ``t``), and both forms of every ``tn("...", "...", n)``."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
            continue
        taken = 2 if node.func.id == "tn" else 1 if node.func.id in ("t", "_say") else 0
        for argument in node.args[:taken]:
            if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                found.add(argument.value)
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
     ({"LC_ALL": "C", "LANG": "sv_SE"}, "en"), ({"LC_MESSAGES": "sv_SE.UTF-8", "LANG": "en_US"}, "sv"),
     ({"LANGUAGE": "sv:en", "LANG": "en_US.UTF-8"}, "sv"), ({"LANGUAGE": "en", "LANG": "sv_SE"}, "en"),
     ({"LANGUAGE": "sv", "LANG": "C.UTF-8"}, "en"), ({"LANG": "svenska"}, "en"), ({}, "en")],
)
def test_language_from_the_locale(environ: dict[str, str], expected: str) -> None:
    assert detect_language(environ, platform="") == expected


@pytest.mark.parametrize(
    ("platform", "expected"),
    [("Swedish_Sweden", "sv"), ("sv_SE", "sv"), ("sv", "sv"), ("English_United States", "en"),
     ("en_US", "en"), ("", "en")],
)
def test_language_from_the_platform_where_no_variable_names_one(platform: str, expected: str) -> None:
    """Windows and macOS set no LANG: the platform's locale decides (Windows names it in words)."""
    assert detect_language({}, platform=platform) == expected


def test_the_platform_locale_is_read_through_the_locale_module(monkeypatch: pytest.MonkeyPatch) -> None:
    import locale

    monkeypatch.setattr(locale, "getlocale", lambda *args: ("Swedish_Sweden", "1252"))
    assert detect_language({}) == "sv"
    monkeypatch.setattr(locale, "getlocale", lambda *args: (None, None))
    assert detect_language({}) == "en"

    def unparsable(*args: object) -> tuple[str, str]:
        raise ValueError("unknown locale")

    monkeypatch.setattr(locale, "getlocale", unparsable)
    assert detect_language({}) == "en"
    monkeypatch.setattr(locale, "getlocale", lambda *args: ("sv_SE", "UTF-8"))
    assert detect_language({"LANG": "en_US.UTF-8"}) == "en"  # a variable comes first


def test_swedish_without_any_variable_on_a_swedish_platform(
        plan_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import locale

    monkeypatch.delenv("LANG")
    monkeypatch.setattr(locale, "getlocale", lambda *args: ("Swedish_Sweden", "1252"))
    result = run_cli("cores", repo=plan_dir)
    assert "Insatser" in result.stdout.splitlines()[0]


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


def _help_texts() -> list[str]:
    """Every help text of every command, its parameters and subcommands, in English."""
    import click
    import typer

    from fardplan_cli.cli.app import COMMANDS, app, build_command
    from fardplan_cli.cli.click_catalog import install_catalog
    from fardplan_cli.i18n import set_language

    set_language("en")
    install_catalog("en")
    texts: list[str] = []

    def walk(command: click.Command) -> None:
        texts.extend(text for text in (command.help, command.short_help) if text)
        texts.extend(p.help for p in command.params if getattr(p, "help", None))  # type: ignore[attr-defined]
        if isinstance(command, click.Group):
            for sub in command.commands.values():
                walk(sub)

    walk(typer.main.get_command(app))
    for name in COMMANDS:
        built = build_command(name)
        assert built is not None
        walk(built)
    return texts


def test_every_help_text_has_a_swedish_translation() -> None:
    from fardplan_cli.cli.help_texts import SWEDISH_HELP

    missing = [text for text in _help_texts() if text not in SWEDISH_HELP]
    assert missing == []


def test_the_help_is_in_the_language_of_the_run() -> None:
    swedish = run_cli("--lang", "sv", "list", "--help")
    assert "Lista insatser; med --core den kärnans plan i id-ordning." in swedish.stdout
    assert "Bara det här målområdet (1-9)." in swedish.stdout
    english = run_cli("--lang", "en", "list", "--help")  # the same process: nothing is left over
    assert "List initiatives; with --core, that core's plan in id order." in english.stdout
    assert "Options:" in english.stdout and "Flaggor" not in english.stdout


@pytest.mark.parametrize(
    ("text", "swedish"),
    [("title: Bygg ut: etapp 2\n", "ett kolon följt av mellanslag (: ) är inte tillåtet här"),
     ('title: "Bygg ut\n', "filen tar slut mitt i ett värde"),
     ("title: x\nnågot\n", "kolon (:) saknas efter nyckeln"),
     ("a:\n  - x\n b: 2\n", "här skulle en nyckel ha stått (se över indraget)"),
     ("a: [1, 2\n", "här skulle ',' eller ']' ha stått"),
     ("a: x\n---\nb: y\n", "filen innehåller mer än ett dokument; en planfil är ett enda dokument")],
)
def test_the_yaml_parsers_words_in_swedish(text: str, swedish: str) -> None:
    from fardplan_cli.yamlfile import YamlProblemError, parse_document

    i18n.set_language("sv")
    try:
        with pytest.raises(YamlProblemError) as raised:
            parse_document("plans/haninge.yaml", text.encode())
    finally:
        i18n.set_language("en")
    # the parser's words, in Swedish; a hint of what to type may follow in parentheses
    message = raised.value.problem.message
    assert message == f"YAML-syntaxfel: {swedish}" or message.startswith(f"YAML-syntaxfel: {swedish} (")


def test_the_pure_python_parsers_words_in_swedish() -> None:
    """Where ruamel's C parser is not installed, its Python parser names what it found."""
    from fardplan_cli.i18n import yaml_problem_text

    i18n.set_language("sv")
    try:
        assert yaml_problem_text("expected <block end>, but found '<scalar>'") == (
            "här skulle blocket ha slutat (se över indraget), men här står '<scalar>'")
        assert yaml_problem_text("mapping values are not allowed here") == (
            "ett kolon följt av mellanslag (: ) är inte tillåtet här")
        assert yaml_problem_text("something new") == "something new"
    finally:
        i18n.set_language("en")
    assert yaml_problem_text("could not find expected ':'") == "could not find expected ':'"


@pytest.mark.parametrize(
    ("count", "english", "swedish"),
    [(0, "0 warnings", "0 varningar"), (1, "1 warning", "1 varning"), (2, "2 warnings", "2 varningar")],
)
def test_plural_forms(count: int, english: str, swedish: str) -> None:
    from fardplan_cli.i18n import tn

    assert tn("{count} warning", "{count} warnings", count) == english
    i18n.set_language("sv")
    try:
        assert tn("{count} warning", "{count} warnings", count) == swedish
        assert tn("{count} initiative", "{count} initiatives", 1) == "1 insats"
        assert tn("{count} initiative", "{count} initiatives", 2) == "2 insatser"
    finally:
        i18n.set_language("en")


def test_validate_counts_in_words(plan_dir: Path) -> None:
    path = plan_dir / "plans" / "sodertalje.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("status: planned", "status: paused", 1),
                    encoding="utf-8")
    swedish = run_cli("--lang", "sv", "validate", repo=plan_dir).stdout.splitlines()[-1]
    assert swedish == "0 fel, 1 varning i 10 kontrollerade filer"
    english = run_cli("--lang", "en", "validate", repo=plan_dir).stdout.splitlines()[-1]
    assert english == "0 errors, 1 warning in 10 files checked"


def test_no_message_hedges_its_plural() -> None:
    """Counts take the singular or the plural (``i18n.tn``), never "problem(s)" or "cell(er)"."""
    hedged = [key for key, swedish in i18n._SWEDISH.items()
              if re.search(r"\w\((s|er|ar|or)\)", key + swedish)]
    assert hedged == []


def test_on_macos_without_lang_the_preferred_language_of_the_settings_counts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("sys.platform", "darwin")
    monkeypatch.setattr(i18n, "macos_preferred_language", lambda: "sv-SE")
    assert i18n.detect_language({}) == "sv"
    monkeypatch.setattr(i18n, "macos_preferred_language", lambda: "en-GB")
    assert i18n.detect_language({}) == "en"
    assert i18n.detect_language({"LANG": "sv_SE.UTF-8"}) == "sv"  # a variable still comes first


def test_where_corefoundation_is_missing_the_macos_language_is_empty(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(i18n, "_CORE_FOUNDATION", "/no/such/CoreFoundation")
    assert i18n.macos_preferred_language() == ""
