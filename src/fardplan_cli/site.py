"""``fardplan site``: the plans, their follow-up and their history as a static website.

The plan set is read from git at HEAD (never checked out) and built into the pages' content here:
the start page, each core's plan and lägesbild, a page per initiative with its follow-up and its
history, a page per actor, the reports, the diff between adjacent cycles and the search page.
``render/site_pages.py`` turns that into HTML; ``site_writing.py`` writes the folder.

The addresses are stable and readable (docs/site.md lists them): a folder per page, named after
the plan's own ids. Each address here is a folder path relative to the site's root, ending in
``/`` (the start page is ``""``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence, Set
from dataclasses import dataclass, replace
from pathlib import Path

from fardplan_cli.diff import Change
from fardplan_cli.errors import UsageError
from fardplan_cli.gitstore import CommitInfo
from fardplan_cli.i18n import t
from fardplan_cli.load import PLANS_DIR
from fardplan_cli.model import Actor, Core, Dialogue, Initiative, PlanSet
from fardplan_cli.revisions import PlanReader, Revision
from fardplan_cli.site_history import CycleComparison, HistoryEvent, PlanHistory, by_initiative

# The site's own folders; a core whose id is one of them lives under ``karna-<id>/``.
COMMON_FOLDER = "gemensamma"
ACTORS_FOLDER = "aktorer"
CYCLES_FOLDER = "cykler"
REPORTS_FOLDER = "rapporter"
SEARCH_FOLDER = "sok"
INITIATIVES_FOLDER = "insatser"
ASSETS_FOLDER = "assets"
SEARCH_INDEX_FOLDER = "pagefind"
SITUATION_FOLDER = "lagesbild"
RESERVED_FOLDERS = frozenset({COMMON_FOLDER, ACTORS_FOLDER, CYCLES_FOLDER, REPORTS_FOLDER,
                              SEARCH_FOLDER, INITIATIVES_FOLDER, ASSETS_FOLDER,
                              SEARCH_INDEX_FOLDER})


# -- addresses ----------------------------------------------------------------------------------


def core_path(core_id: str) -> str:
    folder = f"karna-{core_id}" if core_id in RESERVED_FOLDERS else core_id
    return f"{folder}/"


def situation_path(core_id: str) -> str:
    return f"{core_path(core_id)}{SITUATION_FOLDER}/"


def initiative_slug(initiative_id: str) -> str:
    return initiative_id.replace(".", "-")


def initiative_path(core_id: str | None, initiative_id: str) -> str:
    """A core's initiative (its own, or a common one as followed up there), or with no core the
    common initiative's own page, which shows it in every core."""
    folder = core_path(core_id) if core_id is not None else f"{COMMON_FOLDER}/"
    return f"{folder}{initiative_slug(initiative_id)}/"


def initiative_page_of(initiative: Initiative) -> str:
    """The page of an initiative as the model gives it (followed in a core, own, or shared)."""
    return initiative_path(initiative.followed_in or initiative.core, initiative.id)


def actor_path(actor_id: str) -> str:
    return f"{ACTORS_FOLDER}/{actor_id}/"


def cycle_path(comparison: CycleComparison) -> str:
    return f"{CYCLES_FOLDER}/{comparison.slug}/"


def check_base_url(url: str) -> str:
    """The base URL of ``--base-url``: an ``http(s)://`` address or a path from the server's
    root (``/plan/``), with no spaces, quotes or angle brackets; ``UsageError`` otherwise."""
    from urllib.parse import urlsplit

    if any(c.isspace() or c in "\"'<>\\" for c in url):
        raise UsageError(t("--base-url may not hold spaces, quotes, angle brackets or backslashes "
                           "(write a space as %20): {url!r}", url=url))
    parts = urlsplit(url)
    absolute = parts.scheme in ("http", "https") and bool(parts.netloc)
    rooted = not parts.scheme and not parts.netloc and url.startswith("/") and not url.startswith("//")
    if not (absolute or rooted):
        raise UsageError(t("--base-url must be an http:// or https:// address or a path that starts "
                           "with /, not {url!r}", url=url))
    return url


# -- the pages' content -------------------------------------------------------------------------


@dataclass(frozen=True)
class InitiativeRow:
    """One row of an initiative list: the initiative as its core follows it, where its page is,
    and what the filters narrow by (the actors involved in any degree, by id)."""

    initiative: Initiative
    path: str
    core: Core | None
    lead_name: str | None
    actors: tuple[str, ...]


@dataclass(frozen=True)
class FollowUpView:
    """An initiative as followed up in one core: status, note, activities, updates, carriers, the
    dialogues that prioritised it."""

    core: Core
    initiative: Initiative
    dialogues: tuple[Dialogue, ...]
    path: str


@dataclass(frozen=True)
class CycleChanges:
    comparison: CycleComparison
    path: str
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class InitiativePage:
    """An initiative's page: ``core`` None for a common initiative's own page (every core's
    follow-up); else the initiative in that core."""

    path: str
    initiative: Initiative
    core: Core | None
    lead_name: str | None
    lead_unit_name: str | None
    participant_names: tuple[str, ...]
    follow_ups: tuple[FollowUpView, ...]
    history: tuple[HistoryEvent, ...]
    cycle_changes: tuple[CycleChanges, ...]
    common_path: str | None  # a common initiative's own page, from a core's page of it


@dataclass(frozen=True)
class Involved:
    """One initiative an actor is involved in, in its strongest degree, and how."""

    row: InitiativeRow
    degree: str
    how: tuple[tuple[str, str, str | None, str | None], ...]  # (role, via, through, activity)


@dataclass(frozen=True)
class ActorPage:
    path: str
    actor: Actor
    part_of_name: str | None
    involved: tuple[Involved, ...]


@dataclass(frozen=True)
class CorePages:
    core: Core
    path: str
    situation_path: str
    rows: tuple[InitiativeRow, ...]


@dataclass(frozen=True)
class Site:
    """Everything the site shows, built from the plans at one commit and the history before it."""

    plan: PlanSet
    commit: CommitInfo | None
    language: str
    cores: tuple[CorePages, ...]
    rows: tuple[InitiativeRow, ...]  # every core's plan, one core after the other
    initiatives: tuple[InitiativePage, ...]
    actors: tuple[ActorPage, ...]
    cycles: tuple[CycleChanges, ...]
    commits_walked: int
    uncommitted: tuple[str, ...] = ()  # plan files changed since HEAD: not in the site


def _row(plan: PlanSet, initiative: Initiative, actors: Sequence[str]) -> InitiativeRow:
    core_id = initiative.followed_in or initiative.core
    return InitiativeRow(initiative, initiative_page_of(initiative),
                         plan.core(core_id) if core_id else None,
                         plan.actor_name(initiative.lead) if initiative.lead else None,
                         tuple(sorted(actors)))


def _initiative_pages(plan: PlanSet, rows: Sequence[InitiativeRow], history: PlanHistory,
                      cycles: Sequence[CycleChanges]) -> list[InitiativePage]:
    from fardplan_cli.query import prioritising_dialogues

    cycle_changes: dict[str, list[CycleChanges]] = {}
    for found in cycles:
        for key, changes in by_initiative(found.comparison.result.changes).items():
            cycle_changes.setdefault(key, []).append(
                CycleChanges(found.comparison, found.path, tuple(changes)))

    def page(initiative: Initiative, core: Core | None, views: Sequence[FollowUpView],
             keys: Sequence[str]) -> InitiativePage:
        changes = [c for key in keys for c in cycle_changes.get(key, ())]
        merged: dict[str, list[Change]] = {}
        by_path: dict[str, CycleChanges] = {}
        for found in changes:
            merged.setdefault(found.path, []).extend(found.changes)
            by_path[found.path] = found
        return InitiativePage(
            initiative_path(core.id if core else None, initiative.id), initiative, core,
            plan.actor_name(initiative.lead) if initiative.lead else None,
            plan.actor_name(initiative.lead_unit) if initiative.lead_unit else None,
            tuple(plan.actor_name(p) for p in initiative.participants), tuple(views),
            tuple(history.of(*keys)),
            tuple(CycleChanges(by_path[p].comparison, p, tuple(c)) for p, c in merged.items()),
            initiative_path(None, initiative.id) if initiative.scope == "common" and core else None)

    def view(initiative: Initiative, core: Core) -> FollowUpView:
        return FollowUpView(core, initiative, tuple(prioritising_dialogues(plan, initiative)),
                            initiative_path(core.id, initiative.id))

    pages = []
    followed_by_id: dict[str, list[FollowUpView]] = {}
    for row in rows:
        initiative, core = row.initiative, row.core
        if core is None:
            continue
        keys = [initiative.ref] if initiative.scope == "core" else [
            initiative.id, f"{core.id}:{initiative.id}"]
        own = view(initiative, core)
        if initiative.scope == "common":
            followed_by_id.setdefault(initiative.id, []).append(own)
        pages.append(page(initiative, core, [own], keys))
    for shared in sorted(plan.region.initiatives, key=lambda i: i.sort_key):
        views = followed_by_id.get(shared.id, [])
        keys = [shared.id, *(f"{v.core.id}:{shared.id}" for v in views)]
        pages.append(page(shared, None, views, keys))
    return pages


def _actor_pages(plan: PlanSet, rows: Sequence[InitiativeRow],
                 degrees: Sequence[Mapping[str, Set[str]]]) -> list[ActorPage]:
    from fardplan_cli.query import involvements

    found: dict[str, list[Involved]] = {}
    for row, by_actor in zip(rows, degrees, strict=True):
        for actor_id, held in by_actor.items():
            if plan.actor(actor_id) is None:
                continue
            strongest = next(d for d in ("leads", "takes_part", "concerned") if d in held)
            how = tuple((i.role, i.via, i.through, i.activity) for i in involvements(
                plan, actor_id, row.initiative, row.core.id if row.core else None))
            found.setdefault(actor_id, []).append(Involved(row, strongest, how))
    order = {"leads": 0, "takes_part": 1, "concerned": 2}
    return [ActorPage(actor_path(actor.id), actor,
                      plan.actor_name(actor.part_of) if actor.part_of else None,
                      tuple(sorted(found.get(actor.id, ()), key=lambda i: order[i.degree])))
            for actor in plan.actors]


def site_content(plan: PlanSet, commit: CommitInfo | None, history: PlanHistory,
                 comparisons: Sequence[CycleComparison], language: str) -> Site:
    """The site's pages' content from the plan set, its history and the cycles' diffs."""
    from fardplan_cli.query import every_core_plan
    from fardplan_cli.report import InvolvementIndex

    index = InvolvementIndex(plan)
    initiatives = list(every_core_plan(plan)) if plan.cores else []
    degrees = [index.degrees(i, i.followed_in or i.core) for i in initiatives]
    rows = [_row(plan, i, list(d)) for i, d in zip(initiatives, degrees, strict=True)]
    cycles = [CycleChanges(c, cycle_path(c), c.result.changes) for c in comparisons]
    by_core: dict[str, list[InitiativeRow]] = {}
    for row in rows:
        if row.core is not None:
            by_core.setdefault(row.core.id, []).append(row)
    cores = [CorePages(core, core_path(core.id), situation_path(core.id),
                       tuple(by_core.get(core.id, ()))) for core in plan.cores]
    return Site(plan, commit, language, tuple(cores), tuple(rows),
                tuple(_initiative_pages(plan, rows, history, cycles)),
                tuple(_actor_pages(plan, rows, degrees)), tuple(cycles), history.commits)


def _refuse_problems(reader: PlanReader, revision: Revision, repo_root: Path) -> None:
    """Raise ``PlanProblemsError`` when ``fardplan validate`` finds errors in the plans at
    ``revision`` (with the repository's schemas): the site would publish them. The files are
    checked as they were parsed for the site, not parsed again."""
    from fardplan_cli.revisions import problems_at
    from fardplan_cli.validate import read_repository_schemas, validate_files

    entries = reader.plan_entries(revision)
    reader.prefetch(oid for oid, _ in entries.values())  # their bytes, asked of git at once
    files = {path: reader.read_blob(oid) for path, (oid, _) in entries.items()}
    parsed = {path: reader.document(path, oid) for path, (oid, _) in entries.items()}
    errors = validate_files(files, schemas=read_repository_schemas(repo_root),
                            parsed=parsed).errors
    if errors:
        raise problems_at(revision, list(errors))


def build_site(repo_root: Path, language: str | None = None, *,
               plan_read: Callable[[PlanSet, str], object] | None = None) -> Site:
    """The site of the plans at HEAD: read from git, with every initiative's history from one
    walk over the commits and the diff between each pair of adjacent cycles. ``language`` None:
    the plans' own. ``plan_read`` is called with the plans at HEAD and the site's language as
    soon as they are read, before the history is walked (work that needs only the plans, such
    as the charts, can start then). Raises ``UsageError`` when there is no commit yet and
    ``PlanProblemsError`` when the plans at HEAD do not read or ``validate`` finds errors in
    them."""
    from fardplan_cli.site_history import cycle_comparisons, plan_history

    with PlanReader(repo_root) as reader:
        commits = reader.git.commits_changing(["plans/"], first_parent=True)
        if not commits:
            raise UsageError(t("the site is built from the plans' commits, and there is none yet: "
                               "commit the plans first"))
        head = commits[0]
        revision = Revision("HEAD", head.commit, head.commit[:10])
        plan = reader.plan_set(revision)
        if plan_read is not None:
            plan_read(plan, language or plan.region.language)
        _refuse_problems(reader, revision, repo_root)
        history = plan_history(reader)
        comparisons = cycle_comparisons(reader, [c.id for c in plan.region.cycles], revision)
        uncommitted = tuple(reader.git.uncommitted(PLANS_DIR))
    site = site_content(plan, head, history, comparisons, language or plan.region.language)
    return replace(site, uncommitted=uncommitted)
