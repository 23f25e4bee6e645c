"""A repository made by ``fardplan init`` works on its first push, for real: its pre-commit
configuration runs on a machine where fardplan is not on PATH, and the workflow's ``run:`` steps
pass as written in a clone of a bare remote (``uses:`` steps are GitHub's and are skipped: the
checkout is the clone, the Python is a fresh virtual environment).

Both install fardplan from this checkout (``--install "fardplan @ file://..."``), as a CI runner or
pre-commit would from a git URL; each takes a minute or so (pip builds fardplan and installs its
dependencies into a new environment)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from fardplan_cli.cli.app import COMMANDS
from fardplan_cli.yamlfile import round_trip_yaml
from tests.support import PROJECT_ROOT, commit_all, git, run_cli

SPEC = f"fardplan @ {PROJECT_ROOT.as_uri()}"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="the steps are bash, as on ubuntu-latest"),
]


def _system_path() -> str:
    """PATH without this virtual environment: where git and bash are, and the system's folders."""
    folders = [str(Path(found).parent) for name in ("git", "bash") if (found := shutil.which(name))]
    folders += ["/usr/local/bin", "/usr/bin", "/bin"]
    venv_bin = str(Path(sys.executable).parent)
    return os.pathsep.join(dict.fromkeys(f for f in folders if f != venv_bin))


def _clean_environ(**extra: str) -> dict[str, str]:
    environ = {k: v for k, v in os.environ.items()
               if k not in ("VIRTUAL_ENV", "PYTHONPATH", "FARDPLAN_REPO", "FARDPLAN_TODAY")
               and not k.startswith(("GITHUB_", "_FARDPLAN"))}
    environ["PATH"] = _system_path()
    environ.update(extra)
    return environ


def _new_repository(path: Path) -> Path:
    result = run_cli("init", str(path), "--install", SPEC)
    assert result.exit_code == 0, result.output
    return path


def test_the_pre_commit_hook_installs_fardplan_itself_and_gates_commits(tmp_path: Path) -> None:
    repo = _new_repository(tmp_path / "plans-repo")
    config = (repo / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert "language: python" in config and f'additional_dependencies: ["{SPEC}"]' in config
    environ = _clean_environ(PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"),
                             PRE_COMMIT_COLOR="never")
    assert shutil.which("fardplan", path=environ["PATH"]) is None

    def pre_commit_run() -> subprocess.CompletedProcess[str]:
        git(repo, "add", "-A")
        return subprocess.run([sys.executable, "-m", "pre_commit", "run", "--all-files"], cwd=repo,
                              env=environ, capture_output=True, text=True, encoding="utf-8",
                              check=False)

    passed = pre_commit_run()
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert re.search(r"fardplan validate\.+Passed", passed.stdout)
    region = repo / "plans" / "region.yaml"
    region.write_text(region.read_text(encoding="utf-8").replace(
        "lead: region-stockholm", "lead: region-sthlm", 1), encoding="utf-8")
    failed = pre_commit_run()
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "unknown actor 'region-sthlm'" in failed.stdout


# -- the workflow -------------------------------------------------------------------------------

_EXPRESSION = re.compile(r"\$\{\{\s*([^}]+?)\s*\}\}")
_CLAUSE = re.compile(r"^\s*([\w.]+)\s*(==|!=)\s*(?:'([^']*)'|([\w.]+))\s*$")


def _condition(text: str, context: dict[str, str]) -> bool:
    """A step's or job's ``if:`` of the forms the workflow uses: clauses ``a == 'b'``, ``a != b``
    joined by ``&&``. Anything else fails the test, so that a new condition is not skipped."""
    result = True
    for clause in text.split("&&"):
        match = _CLAUSE.match(clause)
        assert match is not None, f"cannot evaluate {clause!r}"
        left, operator, literal, name = match.groups()
        right = literal if literal is not None else context[name]
        result &= (context[left] == right) == (operator == "==")
    return result


def _run_steps(job: dict[str, Any], cwd: Path, context: dict[str, str], environ: dict[str, str],
               *, skip: tuple[str, ...] = ()) -> list[str]:
    """Run the job's ``run:`` steps in ``cwd`` with bash -e, as GitHub does; the commands run."""
    ran = []
    for step in job["steps"]:
        if "run" not in step or step["run"] in skip:
            continue
        if "if" in step and not _condition(step["if"], context):
            continue
        step_env = {name: _EXPRESSION.sub(lambda m: context[m.group(1)], str(value))
                    for name, value in step.get("env", {}).items()}
        completed = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=cwd,
                                   env={**environ, **step_env}, capture_output=True, text=True,
                                   encoding="utf-8", check=False)
        assert completed.returncode == 0, (step["run"], completed.stdout, completed.stderr)
        ran.append(step["run"])
    return ran


def test_the_workflow_steps_pass_as_written_on_push_and_pull_request(tmp_path: Path) -> None:
    made = _new_repository(tmp_path / "plans-repo")
    init_git_repo_identity(made)
    branch = git(made, "symbolic-ref", "--short", "HEAD").strip()
    commit_all(made, "The plans, as fardplan init made them")
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", str(remote))
    git(made, "remote", "add", "origin", str(remote))
    git(made, "push", "-q", "-u", "origin", branch)
    git(remote, "symbolic-ref", "HEAD", f"refs/heads/{branch}")

    workflow = round_trip_yaml().load(
        (made / ".github" / "workflows" / "fardplan.yml").read_text(encoding="utf-8"))
    validate, site = workflow["jobs"]["validate"], workflow["jobs"]["site"]

    # The runner: a fresh Python environment (setup-python) and a full clone (checkout, fetch-depth 0).
    runner = tmp_path / "runner-python"
    subprocess.run([sys.executable, "-m", "venv", str(runner)], check=True)
    runner_bin = runner / ("Scripts" if os.name == "nt" else "bin")
    summary = tmp_path / "step-summary.md"
    environ = _clean_environ(GITHUB_STEP_SUMMARY=str(summary))
    environ["PATH"] = os.pathsep.join([str(runner_bin), environ["PATH"]])
    checkout = tmp_path / "checkout"
    git(tmp_path, "clone", "-q", str(remote), str(checkout))
    init_git_repo_identity(checkout)

    push = {"github.event_name": "push", "github.ref_name": branch,
            "github.event.repository.default_branch": branch, "github.base_ref": ""}
    ran = _run_steps(validate, checkout, push, environ)
    assert ran == [f'python -m pip install "{SPEC}"', "fardplan validate --format github"]
    assert not summary.exists()
    assert _condition(site["if"], push)
    # The site job: fardplan is installed already; `site` is a command of its own (issue 16).
    has_site = "site" in COMMANDS
    site_ran = _run_steps(site, checkout, push, environ,
                          skip=(f'python -m pip install "{SPEC}"',
                                *(() if has_site else ("fardplan site _site",))))
    assert site_ran == (["fardplan site _site"] if has_site else [])

    # A pull request that changes a status: the diff lands in the job summary.
    git(checkout, "switch", "-q", "-c", "edit")
    core = checkout / "plans" / "sodertalje.yaml"
    core.write_text(core.read_text(encoding="utf-8").replace(
        "status: planned", "status: ongoing", 1), encoding="utf-8")
    commit_all(checkout, "Sodertalje: ongoing")
    git(checkout, "push", "-q", "origin", "edit")
    pull = {**push, "github.event_name": "pull_request", "github.ref_name": "1/merge",
            "github.base_ref": branch}
    ran = _run_steps(validate, checkout, pull, environ, skip=(f'python -m pip install "{SPEC}"',))
    assert ran[-1].startswith('fardplan diff "origin/$BASE" HEAD --format markdown')
    text = summary.read_text(encoding="utf-8")
    assert "sodertalje" in text.lower() and "ongoing" in text.lower(), text
    assert not _condition(site["if"], pull)


def init_git_repo_identity(path: Path) -> None:
    """A local identity for commits (the runner's checkout, the user's first commit)."""
    git(path, "config", "user.name", "Test Planner")
    git(path, "config", "user.email", "planner@example.org")
    git(path, "config", "commit.gpgsign", "false")

