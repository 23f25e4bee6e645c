"""What a printed page says about itself: the plan, the day it was made, the revision it shows.

A page printed from the plans is read later, away from the repository; its stamp says which plans
it shows. The revision is the commit at HEAD, marked as the working tree where the plan files have
changes that are not committed (the page then shows those), with the cycle tag that names that
commit where there is one (``cycle/2023-2026``: the plans as the cycle was closed). A repository
that is not in git (or where git cannot be run) gives a stamp without a revision: the page still
says its plan and its day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fardplan_cli.repository import PlanRepository


@dataclass(frozen=True)
class PageStamp:
    """The plan (its name), the day the page was made, and the revision it shows: ``commit`` at
    HEAD (None outside git or before the first commit), ``cycle`` the tag of a closed cycle that
    names that commit, ``working_tree`` when plan files have uncommitted changes."""

    plan: str
    made: date
    commit: str | None = None
    cycle: str | None = None
    working_tree: bool = False


def page_stamp(repository: PlanRepository, plan: str) -> PageStamp:
    """The stamp of a page made today from the plans of ``repository`` as they are on disk."""
    from fardplan_cli.clock import today
    from fardplan_cli.cycles import tags_of
    from fardplan_cli.errors import FardplanError
    from fardplan_cli.gitstore import open_git
    from fardplan_cli.load import PLANS_DIR

    made = today()
    try:
        with open_git(repository.root) as git:
            head = git.head()
            changed = bool(git.uncommitted(PLANS_DIR))
            if head is None:
                return PageStamp(plan, made, working_tree=changed)
            tags = sorted(tag.tag for tag in tags_of(git).values() if tag.commit == head)
    except FardplanError:  # not a git repository, or git is not there: no revision to give
        return PageStamp(plan, made)
    return PageStamp(plan, made, head, tags[-1] if tags else None, changed)
