"""Click's usage errors and help, printed by the real program, in Swedish and in English.

The Swedish comes from click's own gettext calls (``cli/click_catalog.py``), not from rewriting
its output: each case runs the installed program in both languages.
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest

from fardplan_cli.cli.click_catalog import SWEDISH, SWEDISH_PLURALS, install_catalog, translating_modules
from tests.support import run_cli


def _run(*args: str, lang: str, cwd: Path, **extra_env: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE", "FARDPLAN_REPO", "FARDPLAN_LANG")}
    env.update(LANG=lang, COLUMNS="200", NO_COLOR="1", **extra_env)
    return subprocess.run([sys.executable, "-m", "fardplan_cli", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, encoding="utf-8", check=False)


# Every usage error of click that a fardplan command line can meet: (arguments, the English last
# line, the Swedish last line).
CASES = [
    (("list", "--bogus"), "Error: No such option '--bogus'.", "Fel: Okänd flagga '--bogus'."),
    (("validate", "--strikt"),
     "Error: No such option '--strikt'. Did you mean '--strict'?",
     "Fel: Okänd flagga '--strikt'. Menade du '--strict'?"),
    (("list", "--cor", "x"),
     "Error: No such option '--cor'. (Did you mean one of: '--actor', '--core', '--scope'?)",
     "Fel: Okänd flagga '--cor'. (Menade du någon av: '--actor', '--core', '--scope'?)"),
    (("show",), "Error: Missing argument 'REF|CORE'.", "Fel: Saknar argumentet 'REF|KÄRNA'."),
    (("new", "--area", "1", "--title", "x"), "Error: Missing option '--core'.",
     "Fel: Saknar flaggan '--core'."),
    (("lst",), "Error: No such command 'lst'. Did you mean 'list'?",
     "Fel: Okänt kommando 'lst'. Menade du 'list'?"),
    (("xyzzy",), "Error: No such command 'xyzzy'.", "Fel: Okänt kommando 'xyzzy'."),
    (("report", "stats"), "Error: No such command 'stats'. Did you mean 'status'?",
     "Fel: Okänt kommando 'stats'. Menade du 'status'?"),
    (("--repo", "."), "Error: Missing command.", "Fel: Ett kommando saknas."),
    (("list", "extra"), "Error: Got unexpected extra argument (extra)",
     "Fel: Oväntat extra argument (extra)"),
    (("list", "one", "two"), "Error: Got unexpected extra arguments (one two)",
     "Fel: Oväntade extra argument (one two)"),
    (("list", "--core"), "Error: Option '--core' requires an argument.",
     "Fel: Flaggan '--core' behöver ett värde."),
    (("validate", "--strict=yes"), "Error: Option '--strict' does not take a value.",
     "Fel: Flaggan '--strict' tar inget värde."),
    (("list", "--format", "xml"),
     "Error: Invalid value for '--format' / '-f': 'xml' is not one of 'table', 'json', 'csv', 'markdown'.",
     "Fel: Ogiltigt värde för '--format' / '-f': 'xml' är inte ett av 'table', 'json', 'csv', 'markdown'."),
    (("new", "--core", "x", "--area", "z", "--title", "t"),
     "Error: Invalid value for '--area': 'z' is not a valid integer.",
     "Fel: Ogiltigt värde för '--area': 'z' är inte ett giltigt tal (integer)."),
    (("report", "status", "--stale-days", "-1"),
     "Error: Invalid value for '--stale-days': -1 is not in the range x>=0.",
     "Fel: Ogiltigt värde för '--stale-days': -1 ligger inte i intervallet x>=0."),
    (("--lang", "xx", "list"),
     "Error: Invalid value for '--lang': 'xx' is not one of 'sv', 'en'.",
     "Fel: Ogiltigt värde för '--lang': 'xx' är inte ett av 'sv', 'en'."),
]


@pytest.mark.parametrize(("args", "english", "swedish"), CASES)
def test_usage_errors_in_both_languages(args: tuple[str, ...], english: str, swedish: str,
                                        plan_dir: Path) -> None:
    swedish_run = _run(*args, lang="sv_SE.UTF-8", cwd=plan_dir)
    english_run = _run(*args, lang="C.UTF-8", cwd=plan_dir)
    assert swedish_run.returncode == english_run.returncode == 2
    assert english_run.stderr.splitlines()[-1] == english
    assert swedish_run.stderr.splitlines()[-1] == swedish
    if english_run.stderr.startswith("Usage: fardplan"):  # the usage line and the hint, when click gives them
        lines = swedish_run.stderr.splitlines()
        assert lines[0].startswith("Användning: fardplan")
        assert lines[1].startswith("Kör 'fardplan") and lines[1].endswith("--help' för hjälp.")


def test_the_language_comes_from_lang_then_fardplan_lang_then_the_locale(plan_dir: Path) -> None:
    in_swedish, in_english = "Fel: Saknar argumentet 'REF|KÄRNA'.", "Error: Missing argument 'REF|CORE'."
    assert _run("--lang", "sv", "show", lang="C.UTF-8", cwd=plan_dir).stderr.endswith(in_swedish + "\n")
    assert _run("--lang=sv", "show", lang="C.UTF-8", cwd=plan_dir).stderr.endswith(in_swedish + "\n")
    assert _run("--lang", "en", "show", lang="sv_SE.UTF-8", cwd=plan_dir).stderr.endswith(in_english + "\n")
    assert _run("show", lang="C.UTF-8", cwd=plan_dir, FARDPLAN_LANG="sv").stderr.endswith(in_swedish + "\n")
    assert _run("--lang", "en", "show", lang="C.UTF-8", cwd=plan_dir,
                FARDPLAN_LANG="sv").stderr.endswith(in_english + "\n")
    # --repo's value is a value, not an option; a --lang after the command is not the root's.
    assert _run("--repo", "--lang", "show", lang="sv_SE.UTF-8", cwd=plan_dir).stderr.endswith(
        in_swedish + "\n")
    after = _run("list", "--lang", "en", lang="sv_SE.UTF-8", cwd=plan_dir)
    assert after.stderr.endswith("Fel: Okänd flagga '--lang'. Menade du '--lead'?\n")


def test_help_in_swedish(plan_dir: Path) -> None:
    root = _run("--lang", "sv", "--help", lang="C.UTF-8", cwd=plan_dir)
    assert root.returncode == 0
    assert root.stdout.startswith("Användning: fardplan")
    assert "Flaggor:" in root.stdout and "Kommandon:" in root.stdout
    assert re.search(r"--help +Visa den här hjälpen och avsluta\.", root.stdout)
    assert "list        Lista insatser" in root.stdout
    new = _run("--lang", "sv", "new", "--help", lang="C.UTF-8", cwd=plan_dir).stdout
    assert "Lägg till en kärnspecifik insats" in new and "[krävs]" in new
    status = _run("report", "status", "--help", lang="sv_SE.UTF-8", cwd=plan_dir).stdout
    assert "[standard: table]" in status and "Per kärna och målområde" in status
    english = _run("--help", lang="C.UTF-8", cwd=plan_dir).stdout
    assert "Options:" in english and "Commands:" in english and "Flaggor" not in english
    no_arguments = _run(lang="sv_SE.UTF-8", cwd=plan_dir)  # the help, as a usage error
    assert no_arguments.returncode == 2 and "Kommandon:" in no_arguments.stderr


def test_the_usage_line_in_swedish(plan_dir: Path) -> None:
    """No English word in a Swedish usage line: the options, the command and the placeholders."""
    root = run_cli("--lang", "sv", "--help").stdout
    assert root.startswith("Användning: fardplan [FLAGGOR] KOMMANDO [ARGUMENT]...\n")
    diff = run_cli("--lang", "sv", "diff", "--help").stdout
    assert diff.startswith("Användning: fardplan diff [FLAGGOR] [FRÅN] [TILL]\n")
    listing = run_cli("--lang", "sv", "list", "--help").stdout
    assert "--core KÄRNA" in listing and "CORE" not in listing
    missing = run_cli("--lang", "sv", "init")
    assert missing.exit_code == 2 and "Fel: Saknar argumentet 'SÖKVÄG'." in missing.stderr
    assert "Användning: fardplan init [FLAGGOR] SÖKVÄG" in missing.stderr
    english = run_cli("--lang", "en", "diff", "--help").stdout
    assert english.startswith("Usage: fardplan diff [OPTIONS] [FROM] [TO]\n")


def _messages_in_click() -> tuple[set[str], set[tuple[str, str]]]:
    """Every message click's source passes to ``_`` or ``ngettext``."""
    singles: set[str] = set()
    plurals: set[tuple[str, str]] = set()
    for path in Path(click.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            texts = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            if node.func.id == "_" and texts:
                singles.add(texts[0])
            elif node.func.id == "ngettext" and len(texts) == 2:
                plurals.add((texts[0], texts[1]))
    return singles, plurals


def test_the_catalog_holds_every_message_of_the_installed_click() -> None:
    singles, plurals = _messages_in_click()
    assert singles - set(SWEDISH) == set()
    assert plurals - set(SWEDISH_PLURALS) == set()


def test_every_module_of_click_that_translates_is_given_the_catalog() -> None:
    import typer.main  # noqa: F401  (every module the program loads)

    try:
        install_catalog("sv")
        for module in translating_modules():
            for name in ("_", "ngettext"):
                function = vars(module).get(name)
                assert function is None or getattr(function, "__self__", None) is not None, module
        assert click.core._("Usage:") == "Användning:"  # type: ignore[attr-defined]
    finally:
        install_catalog("en")
    assert click.core._("Usage:") == "Usage:"  # type: ignore[attr-defined]


def test_every_placeholder_is_kept() -> None:
    import string

    def fields(text: str) -> set[str | None]:
        return {name for _, name, _, _ in string.Formatter().parse(text)}

    for english, swedish in SWEDISH.items():
        assert fields(english) == fields(swedish), english
    for (one, many), (en, flera) in SWEDISH_PLURALS.items():
        assert fields(one) == fields(en) and fields(many) == fields(flera), one
