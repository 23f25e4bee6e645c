"""``fardplan init``: a new plan repository that validates clean and is gated from the start.

It holds the schemas, the plans (the Stockholm plans packaged with fardplan, or a minimal empty
set), a ``.pre-commit-config.yaml`` whose ``fardplan-validate`` hook installs fardplan itself, and a
GitHub Actions workflow that validates every push and pull request (and writes the plans' diff to a
pull request's job summary), and publishes the site of the plans to GitHub Pages from the default
branch. Nothing is committed: the new repository's owner reviews and makes the first commit.

Where fardplan comes from (``install_source``): what ``--install`` names, else the source the running
fardplan was installed from, as pip recorded it (``direct_url.json``, PEP 610): a git URL at its
commit, an archive's URL, a folder on this machine; or, for one installed from a package index,
``fardplan==<version>`` from that index.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from fardplan_cli import __version__
from fardplan_cli.errors import FardplanError, UsageError
from fardplan_cli.i18n import t
from fardplan_cli.validate import SCHEMA_NAMES, SCHEMAS_DIR, packaged_schema

DISTRIBUTION = "fardplan"

SourceKind = Literal["given", "index", "git", "archive", "folder"]


@dataclass(frozen=True)
class InstallSource:
    """The pip requirement that installs fardplan in CI and in the pre-commit hook, and where it
    points: ``given`` (``--install``), ``index``, ``git``, ``archive`` or ``folder``. A ``folder``
    (or a ``file:`` archive) exists on this machine only: a CI runner cannot install it."""

    spec: str
    kind: SourceKind

    @property
    def on_this_machine_only(self) -> bool:
        return self.kind == "folder" or (self.kind == "archive" and "@ file:" in self.spec)


def install_source(given: str | None = None, direct_url: str | None = None) -> InstallSource:
    """``given`` when named; else the source the running fardplan was installed from.
    ``direct_url`` is the text of its ``direct_url.json`` (read from the installed distribution
    when not given; None when pip recorded none, i.e. it came from a package index)."""
    if given is not None:
        return InstallSource(given, "given")
    if direct_url is None:
        direct_url = _recorded_direct_url()
    try:
        record = json.loads(direct_url) if direct_url else None
    except ValueError:
        record = None
    url = record.get("url") if isinstance(record, dict) else None
    if not isinstance(record, dict) or not isinstance(url, str) or not url:
        return InstallSource(f"{DISTRIBUTION}=={__version__}", "index")
    vcs = record.get("vcs_info")
    if isinstance(vcs, dict) and vcs.get("vcs") == "git":
        revision = vcs.get("commit_id") or vcs.get("requested_revision")
        at = f"@{revision}" if isinstance(revision, str) and revision else ""
        return InstallSource(f"{DISTRIBUTION} @ git+{url}{at}", "git")
    if isinstance(record.get("archive_info"), dict):
        return InstallSource(f"{DISTRIBUTION} @ {url}", "archive")
    return InstallSource(f"{DISTRIBUTION} @ {url}", "folder")


def _recorded_direct_url() -> str | None:
    from importlib import metadata

    try:
        return metadata.distribution(DISTRIBUTION).read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        return None


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
# pre-commit installs fardplan for the hook itself (into an environment of its own), from:
repos:
  - repo: local
    hooks:
      - id: fardplan-validate
        name: fardplan validate
        entry: fardplan validate
        language: python
        additional_dependencies: ["{install}"]
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
# Validates every plan edit and annotates the problems on the pull request; on a pull request,
# the plans' changes go to the job summary. On the default branch, the site of the plans is
# published to GitHub Pages (Settings > Pages > Source: GitHub Actions).
name: fardplan
on:
  push:
    paths: ["plans/**", "schemas/**", ".github/workflows/fardplan.yml"]
  pull_request:
    paths: ["plans/**", "schemas/**", ".github/workflows/fardplan.yml"]
  workflow_dispatch:
jobs:
  validate:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0  # the base branch too, for the diff of a pull request
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - run: python -m pip install "{install}"
      - run: fardplan validate --format github
      - name: The plans' changes, in the job summary
        if: github.event_name == 'pull_request'
        env:
          BASE: ${{{{ github.base_ref }}}}
        run: fardplan diff "origin/$BASE" HEAD --format markdown >> "$GITHUB_STEP_SUMMARY"
  site:
    needs: validate
    if: github.event_name != 'pull_request' && github.ref_name == github.event.repository.default_branch
    runs-on: ubuntu-latest
    permissions:
      contents: read
      pages: write
      id-token: write
    environment:
      name: github-pages
      url: ${{{{ steps.deployment.outputs.page_url }}}}
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - run: python -m pip install "{install}"
      - run: fardplan site _site
      - uses: actions/upload-pages-artifact@v3
        with:
          path: _site
      - id: deployment
        uses: actions/deploy-pages@v4
"""

GITIGNORE = """\
# fardplan's temporary files while it writes a plan, and its lock outside git
plans/.*.tmp
plans/.fardplan.lock
# the site that 'fardplan site _site' writes (the workflow builds and publishes it), and the
# folders beside it while it is written
/_site/
/._site.*
"""

_UNSAFE_IN_SPEC = set('"$`\\\n\r')


def _checked_spec(install: str) -> str:
    if not install.strip() or set(install) & _UNSAFE_IN_SPEC:
        raise UsageError(t("--install must be a pip requirement without quotes, $ or backticks"))
    return install


def pre_commit_config(hook_repo: str | None, install: str) -> str:
    """A local hook for which pre-commit installs ``install`` itself, or the published hook of
    ``hook_repo``."""
    if hook_repo is None:
        return LOCAL_HOOK.format(install=_checked_spec(install))
    if not hook_repo.strip() or set(hook_repo) & _UNSAFE_IN_SPEC or any(c.isspace() for c in hook_repo):
        raise UsageError(t("--hook-repo must be a repository URL or path, without spaces or quotes"))
    return PUBLISHED_HOOK.format(repo=hook_repo, version=__version__)


def workflow(install: str) -> str:
    return WORKFLOW.format(install=_checked_spec(install))


def packaged_plans() -> dict[str, bytes]:
    """The Stockholm plans shipped with fardplan: ``plans/<name>.yaml`` -> bytes."""
    from fardplan_cli.resources import stockholm_plans

    return stockholm_plans()


def scaffold_files(*, empty: bool, install: str, hook_repo: str | None = None) -> dict[str, bytes]:
    """Every file of a new plan repository, by repository-relative posix path."""
    out = {f"{SCHEMAS_DIR}/{name}": packaged_schema(name) for name in SCHEMA_NAMES.values()}
    if empty:
        out["plans/region.yaml"] = EMPTY_REGION.encode("utf-8")
        out["plans/actors.yaml"] = EMPTY_ACTORS.encode("utf-8")
    else:
        out.update(packaged_plans())
    out[".pre-commit-config.yaml"] = pre_commit_config(hook_repo, install).encode("utf-8")
    out[".github/workflows/fardplan.yml"] = workflow(install).encode("utf-8")
    out[".gitignore"] = GITIGNORE.encode("utf-8")
    return out


class InitFailedError(FardplanError):
    """The new plan repository could not be written; what was written of it is removed again."""


@dataclass(frozen=True)
class NewRepository:
    """What ``init`` made: the files written, the branch git started on, and where the CI job and
    the pre-commit hook install fardplan from."""

    files: list[str]
    branch: str
    source: InstallSource


def init_plan_repository(
    target: Path, *, empty: bool = False, hook_repo: str | None = None,
    install: InstallSource | None = None,
) -> NewRepository:
    """Create a plan repository at ``target``.

    Refuses a target that exists and is not an empty folder (exit 2). If the folder or a file in
    it cannot be written (a read-only place, a full disk), it says so (exit 1) and leaves the
    target as it was: removed if it did not exist, empty if it was an empty folder.
    """
    source = install or install_source()
    content = scaffold_files(empty=empty, hook_repo=hook_repo, install=source.spec)
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
        head = run_git(target, "symbolic-ref", "--quiet", "--short", "HEAD", check=False)
    except (OSError, FardplanError) as exc:
        _remove_what_was_written(target, existed)
        error = exc.strerror or exc if isinstance(exc, OSError) else exc
        raise InitFailedError(t("cannot create the plan repository {path}: {error}; nothing is "
                                "left of it", path=target, error=error)) from None
    return NewRepository(sorted(content), head.decode("utf-8", "replace").strip() or "main", source)


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
