"""The political cycles and their git tags: which cycles are closed, and closing one.

A cycle is closed by a tag ``cycle/<id>`` that names a commit (annotated when fardplan makes it).
A ``cycle/<id>`` tag that names anything else (a tree, a blob) closes nothing: every command
says the same of it — ``cycle list`` shows the cycle open, ``diff`` says it is not closed, and
``cycle close`` refuses until the tag is removed (it never moves or replaces a tag).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

from fardplan_cli import clock
from fardplan_cli.errors import EditRefusedError, NotFoundError, PlanProblemsError
from fardplan_cli.gitstore import GitRepository, RevisionError, open_git
from fardplan_cli.grammar import CYCLE_TAG_PREFIX, cycle_tag, is_cycle_id
from fardplan_cli.i18n import t, tn
from fardplan_cli.load import PLANS_DIR, REGION_FILE
from fardplan_cli.model import PlanSet
from fardplan_cli.repository import PlanRepository


@dataclass(frozen=True)
class CycleTag:
    """The tag ``cycle/<id>``; ``commit`` is None when it names no commit (it closes nothing)."""

    cycle: str
    tag: str
    commit: str | None
    date: str  # the tag's creation date, ISO 8601
    annotated: bool

    @property
    def closes(self) -> bool:
        return self.commit is not None


def tags_of(git: GitRepository) -> dict[str, CycleTag]:
    """Every ``cycle/<id>`` tag with a valid id, by cycle id."""
    tags = {}
    for tag in git.tags(CYCLE_TAG_PREFIX):
        cycle = tag.name.removeprefix(CYCLE_TAG_PREFIX)
        if is_cycle_id(cycle):
            tags[cycle] = CycleTag(cycle, tag.name, tag.commit, tag.date, tag.annotated)
    return tags


def cycle_tags(repo_root: Path) -> dict[str, CycleTag]:
    with open_git(repo_root) as git:
        return tags_of(git)


def closed_cycle_commit(git: GitRepository, cycle_id: str) -> str:
    """The commit that closes a cycle; ``RevisionError`` when the cycle is not closed."""
    tag = tags_of(git).get(cycle_id)
    if tag is None or tag.commit is None:
        name = cycle_tag(cycle_id)
        if tag is not None:
            raise RevisionError(t("cycle {cycle} is not closed: the tag {tag} names no commit",
                                  cycle=cycle_id, tag=name))
        raise RevisionError(t("cycle {cycle} is not closed: there is no tag {tag}",
                              cycle=cycle_id, tag=name))
    return tag.commit


def latest_closed(git: GitRepository, cycle_order: Sequence[str]) -> CycleTag | None:
    """The latest closed cycle: by the order of ``region.yaml``'s cycles, then by id."""
    tags = [tag for tag in tags_of(git).values() if tag.closes]
    if not tags:
        return None
    rank = {cycle: index for index, cycle in enumerate(cycle_order)}
    return max(tags, key=lambda tag: (rank.get(tag.cycle, -1), tag.cycle))


def cycle_dates(cycle_id: str) -> tuple[date, date]:
    """The first and the last day of a cycle: ``2023-2026`` runs from 2023-01-01 to 2026-12-31."""
    first, last = cycle_id.split("-")
    return date(int(first), 1, 1), date(int(last), 12, 31)


Phase = Literal["upcoming", "ongoing", "ended", "closed"]
"""Where a cycle stands: ``closed`` (tagged), else by its dates and today: ``upcoming`` (not
begun), ``ongoing`` (today within its years) or ``ended`` (its years are over but it has no tag)."""


def cycle_phase(cycle_id: str, closed: bool, today: date) -> Phase:
    if closed:
        return "closed"
    first, last = cycle_dates(cycle_id)
    if today < first:
        return "upcoming"
    return "ongoing" if today <= last else "ended"


@dataclass(frozen=True)
class CycleState:
    """One row of ``cycle list``: a cycle of the plans or of the tags, and whether it is closed."""

    id: str
    name: str | None
    in_plans: bool
    tag: str
    commit: str | None
    date: str | None
    phase: Phase

    @property
    def closed(self) -> bool:
        return self.commit is not None


def cycle_states(repo_root: Path, plan: PlanSet) -> list[CycleState]:
    """The plans' cycles in their order, then the other cycles that have a tag, by id."""
    tags = cycle_tags(repo_root)
    today = clock.today()
    names = {c.id: c.name for c in plan.region.cycles}
    states = []
    for cycle_id in [*names, *sorted(set(tags) - set(names))]:
        tag = tags.get(cycle_id)
        closing = tag is not None and tag.closes
        states.append(CycleState(
            cycle_id, names.get(cycle_id), cycle_id in names, CYCLE_TAG_PREFIX + cycle_id,
            tag.commit if tag is not None and closing else None,
            tag.date if tag is not None and closing else None,
            cycle_phase(cycle_id, closing, today)))
    return states


def _check_plans(repo_root: Path, files: Mapping[str, bytes]) -> None:
    """Refuse plans that ``fardplan validate`` finds errors in."""
    from fardplan_cli.validate import read_repository_schemas, validate_files

    result = validate_files(files, schemas=read_repository_schemas(repo_root))
    if result.errors:
        raise PlanProblemsError(result.errors)


@dataclass(frozen=True)
class ClosedCycle:
    """A cycle just closed; ``branch`` is the branch it was closed on (None: HEAD named no
    branch) and ``default_branch`` the repository's (None: there is no telling)."""

    cycle: str
    tag: str
    commit: str
    branch: str | None = None
    default_branch: str | None = None

    @property
    def off_the_default_branch(self) -> bool:
        return self.branch is None or (self.default_branch is not None
                                       and self.branch != self.default_branch)


def close_cycle(repository: PlanRepository, cycle_id: str, message: str | None,
                *, force: bool = False) -> ClosedCycle:
    """Tag HEAD as the end of a cycle: refused for a cycle not in the plans, a cycle whose years
    are not over yet (unless ``force``), a cycle already closed (or with a tag that names no
    commit), a repository without commits, uncommitted plan changes, or plans with errors."""
    repo_root = repository.root
    work_tree_files = repository.read_plan_files()
    known_cycles = _known_cycles(work_tree_files)
    with open_git(repo_root) as git:
        if not is_cycle_id(cycle_id) or cycle_id not in known_cycles:
            message_text = t("unknown cycle {name!r}", name=cycle_id)
            if known_cycles:
                message_text += "; " + t("choose one of {options}", options=", ".join(known_cycles))
            raise NotFoundError(message_text, known_cycles)
        tag = cycle_tag(cycle_id)
        today, (_, last_day) = clock.today(), cycle_dates(cycle_id)
        if today <= last_day and not force:
            raise EditRefusedError(t(
                "cycle {cycle} runs until {last_day} (today is {today}); close it once it has "
                "ended, or now with --force", cycle=cycle_id, last_day=last_day.isoformat(),
                today=today.isoformat()))
        existing = tags_of(git).get(cycle_id)
        if existing is not None and existing.commit is not None:
            raise EditRefusedError(t("cycle {cycle} is already closed: {tag} is on commit {commit}",
                                     cycle=cycle_id, tag=tag, commit=existing.commit[:10]))
        if existing is not None:
            raise EditRefusedError(t(
                "the tag {tag} exists but names no commit, so cycle {cycle} is not closed; remove it "
                "(git tag -d {tag}) and close the cycle again", tag=tag, cycle=cycle_id))
        head = git.head()
        if head is None:
            raise EditRefusedError(t("the repository has no commit to tag yet"))
        dirty = git.uncommitted(PLANS_DIR)
        if dirty:
            raise EditRefusedError(t(
                "the plans have uncommitted changes ({files}); commit them before closing the cycle",
                files=", ".join(dirty)))
        try:
            _check_plans(repo_root, work_tree_files)
        except PlanProblemsError as exc:
            raise EditRefusedError(tn(
                "the plans have {count} problem; a cycle can only be closed on valid plans",
                "the plans have {count} problems; a cycle can only be closed on valid plans",
                len(exc.problems)), exc.problems) from None
        text = message or t("Close the political cycle {cycle}", cycle=cycle_id)
        git.create_tag(tag, head, text)
        return ClosedCycle(cycle_id, tag, head, git.current_branch(), git.default_branch())


def _known_cycles(files: Mapping[str, bytes]) -> list[str]:
    """The cycle ids of region.yaml, read without building the whole plan set (it may be broken;
    ``close_cycle`` reports that with every problem)."""
    from fardplan_cli.yamlfile import YamlProblemError, parse_document

    data = files.get(REGION_FILE)
    if data is None:
        return []
    try:
        document = parse_document(REGION_FILE, data)
    except YamlProblemError:
        return []
    cycles = document.data.get("cycles") if isinstance(document.data, dict) else None
    if not isinstance(cycles, list):
        return []
    return [c["id"] for c in cycles if isinstance(c, dict) and isinstance(c.get("id"), str)]
