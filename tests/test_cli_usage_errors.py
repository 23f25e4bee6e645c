"""Click's usage errors, printed by the installed program, in Swedish where that is the language.

Run as the real program (``python -m fardplan_cli``): the translation sits in ``main``, around
typer, where click's errors are printed. In English the output is click's own, unchanged.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from fardplan_cli.cli.usage import swedish, translate


def _run(*args: str, lang: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LANG", "FARDPLAN_REPO")}
    env.update(LANG=lang, COLUMNS="200", NO_COLOR="1")
    return subprocess.run([sys.executable, "-m", "fardplan_cli", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, encoding="utf-8", check=False)


CASES = [
    (("list", "--bogus"), "Fel: okänd flagga: --bogus"),
    (("list", "--cor", "x"), "Fel: okänd flagga: --cor (möjliga flaggor: --actor, --core, --scope)"),
    (("show",), "Fel: argumentet 'REF|CORE' saknas."),
    (("lst",), "Fel: okänt kommando 'lst'. Menade du 'list'?"),
    (("list", "extra"), "Fel: oväntade extra argument (extra)"),
    (("list", "--core"), "Fel: flaggan '--core' behöver ett värde."),
    (("new", "--area", "1", "--title", "x"), "Fel: flaggan '--core' saknas."),
    (("list", "--format", "xml"),
     "Fel: ogiltigt värde för '--format' / '-f': 'xml' är inte ett av 'table', 'json', 'csv', "
     "'markdown'."),
    (("new", "--core", "x", "--area", "z", "--title", "t"),
     "Fel: ogiltigt värde för '--area': 'z' är inte ett heltal."),
    (("--lang", "xx", "list"), "Fel: ogiltigt värde för '--lang': 'xx' är inte ett av 'sv', 'en'."),
]


@pytest.mark.parametrize(("args", "error"), CASES)
def test_usage_errors_in_swedish(args: tuple[str, ...], error: str, plan_dir: Path) -> None:
    swedish_run = _run(*args, lang="sv_SE.UTF-8", cwd=plan_dir)
    english_run = _run(*args, lang="C.UTF-8", cwd=plan_dir)
    assert swedish_run.returncode == english_run.returncode == 2
    assert swedish_run.stderr.splitlines()[-1] == error
    assert "Error:" in english_run.stderr and "Fel:" not in english_run.stderr
    # The usage line and the hint, when click prints them, in Swedish too.
    if english_run.stderr.startswith("Usage: "):
        lines = swedish_run.stderr.splitlines()
        assert lines[0].startswith("Användning: fardplan")
        assert lines[1].startswith("Kör 'fardplan") and lines[1].endswith("--help' för hjälp.")
    assert translate(english_run.stderr) == swedish_run.stderr


def test_lang_on_the_command_line_wins(plan_dir: Path) -> None:
    assert _run("--lang", "sv", "show", lang="C.UTF-8", cwd=plan_dir).stderr.endswith(
        "Fel: argumentet 'REF|CORE' saknas.\n")
    assert _run("--lang", "en", "show", lang="sv_SE.UTF-8", cwd=plan_dir).stderr.endswith(
        "Error: Missing argument 'REF|CORE'.\n")


def test_a_message_it_does_not_know_stays_as_click_wrote_it() -> None:
    assert swedish("Something new in click.") == "Something new in click."
    assert translate("Error: Something new.\n") == "Fel: Something new.\n"


def test_exit_codes_of_commands_are_kept(plan_dir: Path) -> None:
    assert _run("validate", lang="sv_SE.UTF-8", cwd=plan_dir).returncode == 0
    assert _run("show", "sodertalje:9.9", lang="sv_SE.UTF-8", cwd=plan_dir).returncode == 2
    (plan_dir / "plans" / "haninge.yaml").write_text("id: [\n", encoding="utf-8")
    assert _run("validate", lang="sv_SE.UTF-8", cwd=plan_dir).returncode == 1
    assert _run("--version", lang="C.UTF-8", cwd=plan_dir).returncode == 0
    assert _run("--help", lang="C.UTF-8", cwd=plan_dir).returncode == 0
    assert _run(lang="C.UTF-8", cwd=plan_dir).returncode == 2
