"""Tab completion: typer's scripts for bash, zsh, fish and PowerShell, and values from the plans."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import PROJECT_ROOT

PROBE = (
    "import sys\n"
    "from fardplan_cli.cli.app import main\n"
    "sys.argv = ['fardplan', *sys.argv[1:]]\n"
    "try:\n"
    "    main()\n"
    "except SystemExit as exit:\n"
    "    code = exit.code\n"
    "else:\n"
    "    code = 0\n"
    "sys.stderr.write('MODULES ' + ' '.join(sorted(sys.modules)))\n"
    "sys.exit(code)\n"
)


def _run(cwd: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items()
               if not k.startswith(("_FARDPLAN", "_TYPER", "COMP_", "FARDPLAN_REPO"))}
    environ.update(env)
    return subprocess.run([sys.executable, "-c", PROBE, *args], cwd=cwd, env=environ,
                          capture_output=True, text=True, encoding="utf-8", check=False)


def bash_complete(cwd: Path, line: str) -> list[str]:
    """What fardplan answers bash for the command line ``line`` (the cursor at its end), given
    as click's instruction ``bash_complete`` and with the words as bash passes them."""
    words = line.split()
    cword = len(words) if line.endswith(" ") else len(words) - 1
    completed = _run(cwd, COMP_WORDS=line, COMP_CWORD=str(cword),
                     _FARDPLAN_COMPLETE="bash_complete")
    assert completed.returncode == 0, completed.stderr
    assert completed.stderr.startswith("MODULES "), completed.stderr
    return completed.stdout.split()


def test_references_complete_from_the_core_and_its_area(plan_dir: Path) -> None:
    found = bash_complete(plan_dir, "fardplan show sodertalje:1.")
    assert found[:2] == ["sodertalje:1.1", "sodertalje:1.2"]
    assert "sodertalje:1.3" in found
    assert all(value.startswith("sodertalje:1.") for value in found)
    # The only core that starts so: its references at once (a lone "sodertalje:" would get a space).
    assert "sodertalje:4.4" in bash_complete(plan_dir, "fardplan set-status sod")
    assert {"haninge:", "kista-sollentuna-haggvik:", "1.1"} <= set(
        bash_complete(plan_dir, "fardplan set-status "))


def test_actor_ids_complete(plan_dir: Path) -> None:
    assert bash_complete(plan_dir, "fardplan assign sodertalje:1.3 --lead trafik") == [
        "trafikforvaltningen", "trafikverket"]
    assert "sodertalje-kommun" in bash_complete(plan_dir, "fardplan list --actor sod")


def test_cores_cycles_statuses_and_formats_complete(plan_dir: Path) -> None:
    assert bash_complete(plan_dir, "fardplan list --core ha") == ["haninge"]
    assert bash_complete(plan_dir, "fardplan cycle close 20") == ["2023-2026", "2027-2030"]
    assert bash_complete(plan_dir, "fardplan diff ") == ["2023-2026", "2027-2030"]
    assert bash_complete(plan_dir, "fardplan set-status sodertalje:1.3 p") == ["paused", "planned"]
    assert bash_complete(plan_dir, "fardplan list --format ") == ["table", "json", "csv", "markdown"]
    assert bash_complete(plan_dir, "fardplan sh") == ["show"]


def test_a_word_bash_split_at_its_colon_completes_the_part_after_it(plan_dir: Path) -> None:
    """bash's COMP_WORDBREAKS holds ':', so it sends sodertalje:1. as three words and replaces only
    the last: the answer is what follows the colon."""
    def complete(words: str, cword: int) -> list[str]:
        completed = _run(plan_dir, COMP_WORDS=words, COMP_CWORD=str(cword),
                         _FARDPLAN_COMPLETE="complete_bash")
        return completed.stdout.split()

    after = complete("fardplan show sodertalje : 1.", 4)
    assert "1.3" in after and all(value.startswith("1.") for value in after)
    assert "1.1" in complete("fardplan show sodertalje :", 3)


def test_completing_reads_the_plans_without_git_or_json_schema(plan_dir: Path) -> None:
    completed = _run(plan_dir, COMP_WORDS="fardplan show sodertalje:1.", COMP_CWORD="2",
                     _FARDPLAN_COMPLETE="bash_complete")
    loaded = {name.partition(".")[0] for name in completed.stderr.removeprefix("MODULES ").split()}
    assert not loaded & {"git", "jsonschema", "jsonschema_rs"}


def test_outside_a_plan_repository_nothing_completes_and_nothing_is_said(tmp_path: Path) -> None:
    completed = _run(tmp_path, COMP_WORDS="fardplan show sod", COMP_CWORD="2",
                     _FARDPLAN_COMPLETE="bash_complete")
    assert completed.returncode == 0
    assert completed.stdout.strip() == ""
    assert completed.stderr.startswith("MODULES ")


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish", "powershell"])
def test_show_completion_prints_typers_script_for_each_shell(tmp_path: Path, shell: str) -> None:
    completed = _run(tmp_path, "--show-completion", shell,
                     _TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION="1")
    assert completed.returncode == 0, completed.stderr
    assert "_FARDPLAN_COMPLETE" in completed.stdout


def test_install_completion_writes_the_bash_script(tmp_path: Path) -> None:
    completed = _run(tmp_path, "--install-completion", "bash", HOME=str(tmp_path),
                     _TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION="1")
    assert completed.returncode == 0, completed.stderr
    script = tmp_path / ".bash_completions" / "fardplan.sh"
    assert "_FARDPLAN_COMPLETE=complete_bash" in script.read_text(encoding="utf-8")
    assert str(script.name) in (tmp_path / ".bashrc").read_text(encoding="utf-8")


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_bash_itself_completes_a_reference_and_an_actor(plan_dir: Path, tmp_path: Path) -> None:
    """The script --show-completion prints, run by bash with its own word splitting (at ':')."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    launcher = bin_dir / "fardplan"
    launcher.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m fardplan_cli "$@"\n', encoding="utf-8")
    launcher.chmod(0o755)
    script = _run(tmp_path, "--show-completion", "bash",
                  _TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION="1").stdout
    (tmp_path / "completion.sh").write_text(script, encoding="utf-8")
    program = (
        'source "$1"\n'
        'ask() { COMP_LINE="$1"; read -r -a COMP_WORDS <<< "$1"; '
        'COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); _fardplan_completion fardplan; '
        'printf "%s\\n" "${COMPREPLY[@]}"; echo ---; }\n'
        # bash splits sodertalje:1. at the colon into three words, as it does when typing.
        'COMP_WORDS=(fardplan show sodertalje : 1.); COMP_CWORD=4; _fardplan_completion fardplan\n'
        'printf "%s\\n" "${COMPREPLY[@]}"; echo ---\n'
        'ask "fardplan assign sodertalje:1.3 --lead trafik"\n'
    )
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("_FARDPLAN", "COMP_"))}
    environ["PATH"] = f"{bin_dir}{os.pathsep}{environ.get('PATH', '')}"
    environ["PYTHONPATH"] = str(PROJECT_ROOT / "src")
    completed = subprocess.run(["bash", "--norc", "-c", program, "bash", str(tmp_path / "completion.sh")],
                               cwd=plan_dir, env=environ, capture_output=True, text=True,
                               encoding="utf-8", check=False)
    references, actors, _ = completed.stdout.split("---\n")
    assert "1.3" in references.split(), completed.stderr
    assert actors.split() == ["trafikforvaltningen", "trafikverket"], completed.stderr


@pytest.mark.parametrize(("shell", "env", "expected"), [
    ("zsh", {}, r'"sodertalje\\:1.3"'),
    ("fish", {"_TYPER_COMPLETE_FISH_ACTION": "get-args"}, "sodertalje:1.3\n"),
    ("powershell", {"_TYPER_COMPLETE_WORD_TO_COMPLETE": "sodertalje:1."}, "sodertalje:1.3:::"),
])
def test_zsh_fish_and_powershell_complete_the_same_references(
    plan_dir: Path, shell: str, env: dict[str, str], expected: str
) -> None:
    completed = _run(plan_dir, _FARDPLAN_COMPLETE=f"complete_{shell}",
                     _TYPER_COMPLETE_ARGS="fardplan show sodertalje:1.", **env)
    assert expected in completed.stdout, completed.stdout + completed.stderr
