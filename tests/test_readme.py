"""The README runs in order: every ```sh / ```bash block, top to bottom, in one bash session, in a
fresh clone of this checkout (with the checkout's uncommitted changes applied, so that what is
tested is what is in front of you), as a new user would type them — with the environment's
activation as the README states it, and nothing of this test's environment on PATH.

Two things are not run as written, to keep the test in seconds:
- the quick start's ``python3 -m venv .venv && .venv/bin/pip install .`` — only when fardplan and
  its dependencies are importable here: the test makes the clone's ``.venv`` itself (a virtual
  environment without pip whose Python reads the clone's ``src/`` and this environment's installed
  packages, with a ``fardplan`` launcher), so the rest of that line, and ``source
  .venv/bin/activate``, run as written;
- the block with the test command (``python -m pytest``): it is the command that runs this test.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from tests.support import PROJECT_ROOT, git

README = PROJECT_ROOT / "README.md"
BLOCK = re.compile(r"^```(?:sh|bash)\n(.*?)^```$", re.DOTALL | re.MULTILINE)
QUICK_INSTALL = "python3 -m venv .venv && .venv/bin/pip install . && "
DEPENDENCIES = ("fardplan_cli", "typer", "rich", "ruamel.yaml", "jsonschema", "git")

pytestmark = [pytest.mark.slow, pytest.mark.skipif(
    sys.platform == "win32" or shutil.which("bash") is None or not (PROJECT_ROOT / ".git").exists(),
    reason="needs bash and a git checkout of the project")]


def readme_blocks(text: str) -> list[str]:
    return [match.group(1) for match in BLOCK.finditer(text)]


def test_the_readme_has_blocks_to_run() -> None:
    blocks = readme_blocks(README.read_text(encoding="utf-8"))
    assert any(QUICK_INSTALL in block for block in blocks)
    assert any("source .venv/bin/activate" in block for block in blocks)


def _fresh_clone(target: Path) -> Path:
    git(target.parent, "clone", "-q", str(PROJECT_ROOT), str(target))
    changes = subprocess.run(["git", "diff", "HEAD", "--binary"], cwd=PROJECT_ROOT,
                             capture_output=True, check=True).stdout
    if changes:
        subprocess.run(["git", "apply", "--binary", "-"], cwd=target, input=changes, check=True)
    git(target, "config", "user.name", "Anna Planerare")
    git(target, "config", "user.email", "anna@example.org")
    git(target, "config", "commit.gpgsign", "false")
    return target


def _environment_without_pip(clone: Path) -> None:
    """The clone's .venv: what ``pip install .`` would make, from packages already installed."""
    venv = clone / ".venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    here = sysconfig.get_paths()["purelib"]
    Path(site, "readme_test.pth").write_text(f"{clone / 'src'}\n{here}\n", encoding="utf-8")
    launcher = venv / "bin" / "fardplan"
    launcher.write_text(f"#!{python}\nimport sys\nfrom fardplan_cli.cli.app import main\n"
                        "sys.exit(main())\n", encoding="utf-8")
    launcher.chmod(0o755)


def _script(blocks: list[str], reuse_environment: bool) -> str:
    lines = ["set -e -o pipefail", "PS4='+ README: '", "set -x"]
    for number, block in enumerate(blocks, 1):
        if "-m pytest" in block:
            continue  # the test command: it runs this test
        lines += [f": block {number}", block.replace(QUICK_INSTALL, "") if reuse_environment else block]
    return "\n".join(lines) + "\n"


def test_every_readme_block_runs_in_order_in_a_fresh_clone(tmp_path: Path) -> None:
    clone = _fresh_clone(tmp_path / "fardplan")
    reuse = all(importlib.util.find_spec(name) is not None for name in DEPENDENCIES)
    if reuse:
        _environment_without_pip(clone)
    script = _script(readme_blocks((clone / "README.md").read_text(encoding="utf-8")), reuse)
    venv_bin = str(Path(sys.executable).parent)
    path = os.pathsep.join(p for p in os.environ.get("PATH", "").split(os.pathsep)
                           if p and p != venv_bin and Path(p).resolve() != Path(venv_bin).resolve())
    environ = {k: v for k, v in os.environ.items()
               if not k.startswith(("FARDPLAN_", "_FARDPLAN", "VIRTUAL_ENV", "PYTHON", "GIT_"))}
    environ.update(PATH=path, HOME=str(tmp_path), LANG="C.UTF-8", LC_ALL="C.UTF-8")
    assert shutil.which("fardplan", path=path) is None  # only the README's activation finds it
    completed = subprocess.run(["bash", "--noprofile", "--norc", "-c", script], cwd=clone,
                               env=environ, capture_output=True, text=True, encoding="utf-8",
                               check=False, timeout=300)
    assert completed.returncode == 0, (completed.stderr[-4000:], completed.stdout[-2000:])
    assert (clone / "diff.html").is_file() and (clone / "sodertalje.html").is_file()
    assert "cycle/2023-2026" in git(clone, "tag", "-l")
