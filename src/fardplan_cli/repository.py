"""Finding the plan repository and reading its plan files from the work tree.

The repository is found the way git finds its own: ``--repo PATH``, else ``FARDPLAN_REPO``, else the
nearest folder at or above the working directory that holds ``plans/region.yaml``. Reading plan
files from a git revision lives in ``history``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from fardplan_cli.errors import RepositoryNotFoundError, UsageError
from fardplan_cli.i18n import t
from fardplan_cli.load import PLANS_DIR, REGION_FILE, load_plan_set, narrow_plan_paths
from fardplan_cli.model import PlanSet, Problem
from fardplan_cli.yamlfile import PlanFiles, YamlProblemError, read_plan_file

ENV_REPO = "FARDPLAN_REPO"


@dataclass(frozen=True)
class PlanRepository:
    root: Path

    @property
    def plans_dir(self) -> Path:
        return self.root / PLANS_DIR

    def path_of(self, relative: str) -> Path:
        """The absolute path of a repository-relative posix path, refusing one that leaves it."""
        target = (self.root / relative).resolve()
        root = self.root.resolve()
        if target != root and root not in target.parents:
            raise UsageError(f"{relative!r} is outside the plan repository")
        return target

    def plan_file_names(self) -> list[str]:
        """Repository-relative posix paths of every plan file, sorted: each ``plans/*.yaml`` that
        is a file or a symbolic link (which the reading refuses, and so reports)."""
        if not self._plans_folder_is_safe():
            return []
        return sorted(
            f"{PLANS_DIR}/{entry.name}"
            for entry in self.plans_dir.iterdir()
            if entry.suffix == ".yaml" and (entry.is_symlink() or entry.is_file())
        )

    def ignored_plan_entries(self) -> list[str]:
        """What in ``plans/`` looks meant as a plan but is not read: ``x.yml``, ``X.YAML``, a folder.
        Hidden entries (fardplan's own lock and temporary files) and other files (a README) aside."""
        if not self._plans_folder_is_safe():
            return []
        return sorted(
            f"{PLANS_DIR}/{entry.name}"
            for entry in self.plans_dir.iterdir()
            if not entry.name.startswith(".")
            and not (entry.suffix == ".yaml" and (entry.is_symlink() or entry.is_file()))
            and (entry.is_dir() or entry.suffix.lower() in (".yml", ".yaml"))
        )

    def _plans_folder_is_safe(self) -> bool:
        """``plans/`` is a folder of the repository itself, not a link to one elsewhere."""
        return self.plans_dir.is_dir() and not self.plans_dir.is_symlink()

    def read_plan_files(self, names: Iterable[str] | None = None) -> PlanFiles:
        """The plan files (every one, or those ``names``), read safely: a file that cannot be is
        in ``unread`` with the problem that says why, never followed out of the repository."""
        files = PlanFiles()
        if self.plans_dir.is_symlink():
            files.unread[PLANS_DIR] = Problem(PLANS_DIR, 1, 1, "error", "symbolic-link", t(
                "{file} is a symbolic link; fardplan reads only regular files inside the "
                "repository: replace the link by the file itself", file=PLANS_DIR))
            return files
        for name in self.plan_file_names() if names is None else names:
            try:
                files[name] = read_plan_file(self.root, name)
            except YamlProblemError as exc:
                files.unread[name] = exc.problem
        return files

    def read_plan_set(self, *, core: str | None = None, positions: bool = False) -> PlanSet:
        """The plan set of the working tree; raises ``PlanProblemsError`` listing its problems.

        With ``core`` (as a person typed it), only the files that core's plan needs when that is
        enough: the region, the actors and that one core, which keeps a command about one core
        fast on a large plan set. When ``core`` is not a core's id (a name, a typo), every file is
        read. Without ``positions`` every position in the model is line 1 (problems keep theirs):
        for the commands that print none."""
        if core is not None:
            plan = self.read_narrow_plan_set(core, positions=positions)
            if plan is not None:
                return plan
        return load_plan_set(self.read_plan_files(), positions=positions)

    def read_narrow_plan_set(self, core: str | None, *, positions: bool = False) -> PlanSet | None:
        """The plan set of only the region, the actors and (unless ``core`` is None) the core whose
        id is ``core``; None when that is not enough to answer for ``core`` (it is no core's id, or
        a file is not there), and the caller should read every file."""
        names = narrow_plan_paths(core)
        if names is None or not all((self.root / name).is_file() for name in names):
            return None
        plan = load_plan_set(self.read_plan_files(names), positions=positions)
        if core is not None and plan.core(core) is None:
            return None
        return plan


def find_repository(
    explicit: str | os.PathLike[str] | None = None,
    *,
    cwd: Path | None = None,
    environ: Mapping[str, str] | None = None,
    plans_folder_is_enough: bool = False,
) -> PlanRepository:
    """The plan repository: ``explicit``, else ``FARDPLAN_REPO``, else the nearest folder at or
    above the working directory that holds ``plans/region.yaml``. With
    ``plans_folder_is_enough`` (for ``validate``, which reports a missing region file as a problem
    of the plans), the chosen folder, or the working directory, also counts when it has ``plans/``."""
    env = os.environ if environ is None else environ
    chosen = explicit if explicit is not None else env.get(ENV_REPO) or None
    if chosen is not None:
        root = _resolved(Path(chosen).expanduser())
        if plans_folder_is_enough and (root / PLANS_DIR).is_dir():
            return PlanRepository(root)
        if not (root / REGION_FILE).is_file():
            raise RepositoryNotFoundError(
                t("{path} is not a plan repository: it has no plans/region.yaml", path=root)
            )
        return PlanRepository(root)
    start = _resolved(cwd) if cwd is not None else _resolved(None)
    for folder in (start, *start.parents):
        if (folder / REGION_FILE).is_file():
            return PlanRepository(folder)
    if plans_folder_is_enough and (start / PLANS_DIR).is_dir():
        return PlanRepository(start)
    raise RepositoryNotFoundError(
        t(
            "no plan repository found at or above {path} (a folder holding plans/region.yaml); "
            "use --repo or FARDPLAN_REPO",
            path=start,
        )
    )


def _resolved(path: Path | None) -> Path:
    """``path`` made absolute (None: the working directory); a working directory that has been
    deleted under the running shell is said plainly."""
    try:
        return (path if path is not None else Path.cwd()).resolve()
    except FileNotFoundError:
        raise RepositoryNotFoundError(t(
            "the working directory no longer exists (it was deleted or moved); cd to the plan "
            "repository, or use --repo")) from None
