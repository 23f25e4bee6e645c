"""fardplan init, the pre-commit hook and the CI workflow it sets up."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pre_commit.clientlib import load_config, load_manifest  # type: ignore[import-untyped]

from fardplan_cli.yamlfile import round_trip_yaml
from tests.support import PROJECT_ROOT, SHIPPED_PLANS, git, run_cli


def read_yaml(path: Path) -> object:
    return round_trip_yaml().load(path.read_text(encoding="utf-8"))


def test_init_creates_a_repository_with_the_stockholm_plans(tmp_path: Path) -> None:
    target = tmp_path / "new-plans"
    result = run_cli("init", str(target))
    assert result.exit_code == 0, result.output
    assert (target / ".git").is_dir()
    assert git(target, "rev-parse", "--is-inside-work-tree").strip() == "true"
    for shipped in SHIPPED_PLANS.glob("*.yaml"):
        assert (target / "plans" / shipped.name).read_bytes() == shipped.read_bytes()
    for name in ("core", "region", "actors"):
        assert (target / "schemas" / f"{name}.schema.json").is_file()
    check = run_cli("validate", "--strict", repo=target)
    assert check.exit_code == 0, check.output


def test_the_site_the_workflow_builds_is_not_committed_by_mistake(tmp_path: Path) -> None:
    target = tmp_path / "new-plans"
    assert run_cli("init", str(target)).exit_code == 0
    git(target, "add", "-A")
    git(target, "-c", "user.name=Planerare", "-c", "user.email=p@example.org", "commit", "-qm",
        "Plans")
    (target / "._site.x1y2.building").mkdir()  # as left by a build that was stopped

    assert run_cli("site", str(target / "_site"), repo=target).exit_code == 0

    assert git(target, "status", "--porcelain", "--untracked-files=all") == ""


def test_init_empty_is_a_minimal_valid_plan_set(tmp_path: Path) -> None:
    target = tmp_path / "empty"
    assert run_cli("init", "--empty", str(target)).exit_code == 0
    assert sorted(p.name for p in (target / "plans").iterdir()) == ["actors.yaml", "region.yaml"]
    region = read_yaml(target / "plans" / "region.yaml")
    assert region == {"schema_version": 2, "name": "Färdplaner", "language": "sv", "goal_areas": [],
                      "cycles": [], "initiatives": []}
    check = run_cli("validate", "--strict", repo=target)
    assert check.exit_code == 0, check.output
    assert "2 files checked" in check.stdout


def test_init_into_an_existing_empty_folder(tmp_path: Path) -> None:
    assert run_cli("init", str(tmp_path)).exit_code == 0
    assert (tmp_path / "plans" / "region.yaml").is_file()


def test_init_refuses_a_non_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    result = run_cli("init", str(tmp_path))
    assert result.exit_code == 2
    assert "is not empty" in result.stderr
    assert "Traceback" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_init_refuses_a_file(tmp_path: Path) -> None:
    target = tmp_path / "plans.txt"
    target.write_text("x", encoding="utf-8")
    result = run_cli("init", str(target))
    assert result.exit_code == 2
    assert "not a folder" in result.stderr


def test_init_below_a_file_is_a_clear_message(tmp_path: Path) -> None:
    (tmp_path / "plans.txt").write_text("x", encoding="utf-8")
    result = run_cli("init", str(tmp_path / "plans.txt" / "new"))
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("fardplan: cannot create the plan repository ")
    assert "internal error" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plans.txt"]


@pytest.mark.parametrize("existed", [False, True])
def test_init_where_a_file_cannot_be_written_leaves_the_target_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, existed: bool
) -> None:
    # The tests may run as root, for whom no folder is read-only: fail as the OS would.
    target = tmp_path / "new"
    if existed:
        target.mkdir()
    real_write = Path.write_bytes

    def read_only(self: Path, data: bytes) -> int:
        if self.name == "region.yaml":
            raise PermissionError(13, "Permission denied")
        return real_write(self, data)

    monkeypatch.setattr(Path, "write_bytes", read_only)
    result = run_cli("init", str(target))
    assert result.exit_code == 1, result.output
    assert result.stderr.strip() == (
        f"fardplan: cannot create the plan repository {target}: Permission denied; nothing is "
        "left of it")
    if existed:
        assert list(target.iterdir()) == []
    else:
        assert not target.exists()


def test_the_pre_commit_config_uses_the_hook(tmp_path: Path) -> None:
    run_cli("init", str(tmp_path))
    config = load_config(str(tmp_path / ".pre-commit-config.yaml"))
    hooks = [hook["id"] for repo in config["repos"] for hook in repo["hooks"]]
    assert hooks == ["fardplan-validate"]


def test_the_workflow_runs_validate_with_github_annotations(tmp_path: Path) -> None:
    run_cli("init", str(tmp_path))
    workflow = read_yaml(tmp_path / ".github" / "workflows" / "fardplan.yml")
    assert isinstance(workflow, dict)
    steps = workflow["jobs"]["validate"]["steps"]
    runs = [step["run"] for step in steps if "run" in step]
    assert "fardplan validate --format github" in runs
    assert any("pip install" in run and "fardplan" in run for run in runs)
    # A pull request's diff goes to the job summary; the base branch comes in through env.
    summary = [step for step in steps if "GITHUB_STEP_SUMMARY" in step.get("run", "")]
    assert [step["if"] for step in summary] == ["github.event_name == 'pull_request'"]
    assert summary[0]["run"] == (
        'fardplan diff "origin/$BASE" HEAD --format markdown >> "$GITHUB_STEP_SUMMARY"')
    assert summary[0]["env"] == {"BASE": "${{ github.base_ref }}"}
    assert steps[0]["with"]["fetch-depth"] == 0


def test_the_workflow_publishes_the_site_from_the_default_branch(tmp_path: Path) -> None:
    run_cli("init", str(tmp_path))
    workflow = read_yaml(tmp_path / ".github" / "workflows" / "fardplan.yml")
    assert isinstance(workflow, dict)
    site = workflow["jobs"]["site"]
    assert site["needs"] == "validate"
    assert "github.event.repository.default_branch" in site["if"]
    assert site["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert site["environment"]["name"] == "github-pages"
    steps = site["steps"]
    assert [step.get("uses", step.get("run")) for step in steps][-3:] == [
        "fardplan site _site", "actions/upload-pages-artifact@v3", "actions/deploy-pages@v4"]
    assert steps[-2]["with"] == {"path": "_site"}


@pytest.mark.parametrize(("direct_url", "spec", "kind"), [
    (None, "fardplan==0.1.0", "index"),
    ('{"url": "https://github.com/region/fardplan.git", "vcs_info": {"vcs": "git", '
     '"commit_id": "0123abc", "requested_revision": "v0.1.0"}}',
     "fardplan @ git+https://github.com/region/fardplan.git@0123abc", "git"),
    ('{"url": "https://files.example.org/fardplan-0.1.0-py3-none-any.whl", "archive_info": {}}',
     "fardplan @ https://files.example.org/fardplan-0.1.0-py3-none-any.whl", "archive"),
    ('{"url": "file:///home/anna/fardplan", "dir_info": {"editable": true}}',
     "fardplan @ file:///home/anna/fardplan", "folder"),
    ("not json", "fardplan==0.1.0", "index"),
])
def test_the_install_source_is_where_this_fardplan_came_from(
    direct_url: str | None, spec: str, kind: str
) -> None:
    from fardplan_cli import __version__
    from fardplan_cli.scaffold import install_source

    source = install_source(None, direct_url or "")
    assert (source.spec.replace(__version__, "0.1.0"), source.kind) == (spec, kind)
    assert source.on_this_machine_only == (kind == "folder")
    assert install_source("fardplan @ git+https://x/y@v1").kind == "given"


def test_init_says_where_fardplan_comes_from_and_the_next_commands(tmp_path: Path) -> None:
    target = tmp_path / "new plans"
    result = run_cli("init", str(target))
    assert result.exit_code == 0, result.output
    from fardplan_cli.scaffold import install_source

    source = install_source()
    assert f"install fardplan from: {source.spec} (" in result.stdout
    branch = git(target, "symbolic-ref", "--short", "HEAD").strip()
    lines = result.stdout.splitlines()
    next_commands = [line.strip() for line in lines[lines.index("Next:") + 1:]]
    assert next_commands == [
        f'cd "{target}"', "fardplan validate", "git add -A",
        'git commit -m "The plans, as fardplan init made them"',
        "git remote add origin <the URL of the new, empty repository>",
        f"git push -u origin {branch}", "pip install pre-commit && pre-commit install"]
    config = (target / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert f'additional_dependencies: ["{source.spec}"]' in config
    assert ("exists on this machine only" in result.stderr) == source.on_this_machine_only


def test_init_warns_when_ci_cannot_reach_the_source(tmp_path: Path) -> None:
    result = run_cli("init", str(tmp_path / "a"), "--install", "fardplan @ file:///home/anna/fardplan")
    assert "warning" not in result.stderr  # named with --install: the user chose it
    assert "(named with --install)" in result.stdout


def test_the_hook_manifest() -> None:
    hooks = load_manifest(str(PROJECT_ROOT / ".pre-commit-hooks.yaml"))
    assert [hook["id"] for hook in hooks] == ["fardplan-validate"]
    hook = hooks[0]
    assert hook["entry"] == "fardplan validate"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    assert files.search("plans/sodertalje.yaml")
    assert files.search("schemas/core.schema.json")
    assert not files.search("README.md")
    assert not files.search("docs/plans/x.yaml")


def _try_repo(repo: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(PROJECT_ROOT), "fardplan-validate",
         "--all-files"],
        cwd=repo, env=env, capture_output=True, text=True, encoding="utf-8", check=False,
    )


@pytest.mark.slow
def test_pre_commit_try_repo_passes_a_good_edit_and_fails_a_bad_one(tmp_path: Path) -> None:
    """For real: pre-commit installs this repository into its own environment (from PyPI)."""
    if not (PROJECT_ROOT / ".git").exists():
        pytest.skip("the project is not a git checkout, so pre-commit cannot use it as a hook repo")
    repo = tmp_path / "plans-repo"
    assert run_cli("init", str(repo)).exit_code == 0
    region = repo / "plans" / "region.yaml"
    good = region.read_text(encoding="utf-8").replace(
        "participants: [karnkommunerna]", "participants: [karnkommunerna, trafikverket]", 1)
    region.write_text(good, encoding="utf-8")
    git(repo, "add", "-A")

    passed = _try_repo(repo, tmp_path / "pre-commit-home")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert re.search(r"fardplan validate\.+Passed", passed.stdout)

    region.write_text(good.replace("lead: region-stockholm", "lead: region-sthlm", 1),
                      encoding="utf-8")
    git(repo, "add", "-A")
    failed = _try_repo(repo, tmp_path / "pre-commit-home")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert re.search(r"fardplan validate\.+Failed", failed.stdout)
    assert "error[unknown-actor] initiatives[0].lead: unknown actor 'region-sthlm'" in failed.stdout


def test_init_can_name_the_published_hook_and_the_install_source(tmp_path: Path) -> None:
    repo = tmp_path / "plans-repo"
    spec = "fardplan @ git+https://git.example.org/fardplan@v0.1.0"
    result = run_cli("init", str(repo), "--hook-repo", "https://git.example.org/fardplan",
                     "--install", spec)
    assert result.exit_code == 0, result.output
    config = load_config(str(repo / ".pre-commit-config.yaml"))
    assert config["repos"][0]["repo"] == "https://git.example.org/fardplan"
    assert config["repos"][0]["rev"].startswith("v")
    workflow = read_yaml(repo / ".github" / "workflows" / "fardplan.yml")
    assert isinstance(workflow, dict)
    assert f'python -m pip install "{spec}"' in [s.get("run") for s in workflow["jobs"]["validate"]["steps"]]


@pytest.mark.parametrize("option", [("--install", 'x"; rm -rf ~; "'), ("--hook-repo", "a b")])
def test_init_refuses_unsafe_options_and_creates_nothing(tmp_path: Path, option: tuple[str, str]) -> None:
    target = tmp_path / "plans-repo"
    result = run_cli("init", str(target), *option)
    assert result.exit_code == 2
    assert not target.exists()
