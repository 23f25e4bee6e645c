"""Finding the plan repository and reading its plan files from the work tree.

The repository is found the way git finds its own: ``--repo PATH``, else ``FARDPLAN_REPO``, else the
nearest folder at or above the working directory that holds ``plans/region.yaml``. Reading plan
files from a git revision lives in ``history``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from fardplan_cli.errors import RepositoryNotFoundError, UsageError
from fardplan_cli.grammar import is_core_id
from fardplan_cli.i18n import t
from fardplan_cli.load import ACTORS_FILE, PLANS_DIR, REGION_FILE

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
        """Repository-relative posix paths of every plan file, sorted."""
        if not self.plans_dir.is_dir():
            return []
        return sorted(
            f"{PLANS_DIR}/{entry.name}"
            for entry in self.plans_dir.iterdir()
            if entry.suffix == ".yaml" and entry.is_file()
        )

    def ignored_plan_entries(self) -> list[str]:
        """What in ``plans/`` looks meant as a plan but is not read: ``x.yml``, ``X.YAML``, a folder.
        Hidden entries (fardplan's own lock and temporary files) and other files (a README) aside."""
        if not self.plans_dir.is_dir():
            return []
        return sorted(
            f"{PLANS_DIR}/{entry.name}"
            for entry in self.plans_dir.iterdir()
            if not entry.name.startswith(".")
            and not (entry.suffix == ".yaml" and entry.is_file())
            and (entry.is_dir() or entry.suffix.lower() in (".yml", ".yaml"))
        )

    def read_plan_files(self) -> dict[str, bytes]:
        return {name: (self.root / name).read_bytes() for name in self.plan_file_names()}

    def read_core_plan_files(self, core_id: str) -> dict[str, bytes] | None:
        """Only what one core's plan needs: region.yaml, actors.yaml and the core's own file.

        None unless ``core_id`` is a core id (not a name) whose file is there, with the other two.
        Reading 3 files instead of every core's is what keeps ``list --core`` fast on a large set.
        """
        if not is_core_id(core_id):
            return None
        names = (REGION_FILE, ACTORS_FILE, f"{PLANS_DIR}/{core_id}.yaml")
        if not all((self.root / name).is_file() for name in names):
            return None
        return {name: (self.root / name).read_bytes() for name in names}


def find_repository(
    explicit: str | os.PathLike[str] | None = None,
    *,
    cwd: Path | None = None,
    environ: Mapping[str, str] | None = None,
) -> PlanRepository:
    env = os.environ if environ is None else environ
    chosen = explicit if explicit is not None else env.get(ENV_REPO) or None
    if chosen is not None:
        root = Path(chosen).expanduser().resolve()
        if not (root / REGION_FILE).is_file():
            raise RepositoryNotFoundError(
                t("{path} is not a plan repository: it has no plans/region.yaml", path=root)
            )
        return PlanRepository(root)
    start = (cwd or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        if (folder / REGION_FILE).is_file():
            return PlanRepository(folder)
    raise RepositoryNotFoundError(
        t(
            "no plan repository found at or above {path} (a folder holding plans/region.yaml); "
            "use --repo or FARDPLAN_REPO",
            path=start,
        )
    )
