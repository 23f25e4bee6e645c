"""``fardplan init``: a new plan repository that validates clean and is gated from the start.

It holds the schemas, the plans (the Stockholm plans packaged with fardplan, or a minimal empty
set), a ``.pre-commit-config.yaml`` that runs the ``fardplan-validate`` hook, and a GitHub Actions
workflow that runs ``fardplan validate --format github``. Nothing is committed: the new repository's
owner reviews and makes the first commit.
"""

from __future__ import annotations

from pathlib import Path

from fardplan_cli import __version__
from fardplan_cli.errors import FardplanError, UsageError
from fardplan_cli.i18n import t
from fardplan_cli.validate import SCHEMA_NAMES, SCHEMAS_DIR, packaged_schema

# The package the CI job installs, unless `fardplan init --install SPEC` names another source.
DEFAULT_INSTALL = f"fardplan=={__version__}"

EMPTY_REGION = """\
# yaml-language-server: $schema=../schemas/region.schema.json
schema_version: 2
name: Färdplaner
language: sv
goal_areas: []
cycles: []
initiatives: []
"""

EMPTY_ACTORS = """\
# yaml-language-server: $schema=../schemas/actors.schema.json
schema_version: 2
actors: []
"""

LOCAL_HOOK = """\
# Validate the plans before every commit. Once: pip install pre-commit && pre-commit install
# The hook runs the fardplan installed on this machine (the one planners edit with).
repos:
  - repo: local
    hooks:
      - id: fardplan-validate
        name: fardplan validate
        entry: fardplan validate
        language: system
        pass_filenames: false
        files: ^(plans|schemas)/
"""

PUBLISHED_HOOK = """\
# Validate the plans before every commit. Once: pip install pre-commit && pre-commit install
repos:
  - repo: {repo}
    rev: v{version}
    hooks:
      - id: fardplan-validate
"""

WORKFLOW = """\
# Validates every plan edit and annotates the problems on the pull request.
name: fardplan
on:
  push:
    paths: ["plans/**", "schemas/**", ".github/workflows/fardplan.yml"]
  pull_request:
    paths: ["plans/**", "schemas/**", ".github/workflows/fardplan.yml"]
jobs:
  validate:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - run: python -m pip install "{install}"
      - run: fardplan validate --format github
"""

GITIGNORE = """\
# fardplan's temporary files while it writes a plan, and its lock outside git
plans/.*.tmp
plans/.fardplan.lock
"""

_UNSAFE_IN_SPEC = set('"$`\\\n\r')


def pre_commit_config(hook_repo: str | None) -> str:
    """A local hook running the installed fardplan, or the published hook of ``hook_repo``."""
    if hook_repo is None:
        return LOCAL_HOOK
    if not hook_repo.strip() or set(hook_repo) & _UNSAFE_IN_SPEC or any(c.isspace() for c in hook_repo):
        raise UsageError(t("--hook-repo must be a repository URL or path, without spaces or quotes"))
    return PUBLISHED_HOOK.format(repo=hook_repo, version=__version__)


def workflow(install: str) -> str:
    if not install.strip() or set(install) & _UNSAFE_IN_SPEC:
        raise UsageError(t("--install must be a pip requirement without quotes, $ or backticks"))
    return WORKFLOW.format(install=install)


def packaged_plans() -> dict[str, bytes]:
    """The Stockholm plans shipped with fardplan: ``plans/<name>.yaml`` -> bytes."""
    from fardplan_cli.resources import stockholm_plans

    return stockholm_plans()


def scaffold_files(
    *, empty: bool, hook_repo: str | None = None, install: str = DEFAULT_INSTALL
) -> dict[str, bytes]:
    """Every file of a new plan repository, by repository-relative posix path."""
    out = {f"{SCHEMAS_DIR}/{name}": packaged_schema(name) for name in SCHEMA_NAMES.values()}
    if empty:
        out["plans/region.yaml"] = EMPTY_REGION.encode("utf-8")
        out["plans/actors.yaml"] = EMPTY_ACTORS.encode("utf-8")
    else:
        out.update(packaged_plans())
    out[".pre-commit-config.yaml"] = pre_commit_config(hook_repo).encode("utf-8")
    out[".github/workflows/fardplan.yml"] = workflow(install).encode("utf-8")
    out[".gitignore"] = GITIGNORE.encode("utf-8")
    return out


class InitFailedError(FardplanError):
    """The new plan repository could not be written; what was written of it is removed again."""


def init_plan_repository(
    target: Path, *, empty: bool = False, hook_repo: str | None = None, install: str = DEFAULT_INSTALL
) -> list[str]:
    """Create a plan repository at ``target``; return the files written.

    Refuses a target that exists and is not an empty folder (exit 2). If the folder or a file in
    it cannot be written (a read-only place, a full disk), it says so (exit 1) and leaves the
    target as it was: removed if it did not exist, empty if it was an empty folder.
    """
    content = scaffold_files(empty=empty, hook_repo=hook_repo, install=install)
    try:
        if target.exists() and not target.is_dir():
            raise UsageError(t("{path} exists and is not a folder", path=target))
        existed = target.is_dir()
        if existed and any(target.iterdir()):
            raise UsageError(t("{path} is not empty; fardplan init needs a new or empty folder",
                               path=target))
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InitFailedError(t("cannot create the plan repository {path}: {error}",
                                path=target, error=exc.strerror or exc)) from None
    try:
        from fardplan_cli.gitstore import run_git  # all git processes start in one place

        run_git(target, "init", "-q")
        for relative, data in content.items():
            path = target.joinpath(*relative.split("/"))
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    except (OSError, FardplanError) as exc:
        _remove_what_was_written(target, existed)
        error = exc.strerror or exc if isinstance(exc, OSError) else exc
        raise InitFailedError(t("cannot create the plan repository {path}: {error}; nothing is "
                                "left of it", path=target, error=error)) from None
    return sorted(content)


def _remove_what_was_written(target: Path, existed: bool) -> None:
    import shutil

    if not existed:
        shutil.rmtree(target, ignore_errors=True)
        return
    for entry in list(target.iterdir()):
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
