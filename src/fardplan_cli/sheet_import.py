"""``fardplan import``: what a follow-up workbook changed, merged three ways and written as edits.

Every editable cell of an exported row is compared three ways: the workbook's value, the value
when the workbook was made (its hidden base), and the value in the plans now (the rows built
again by ``sheet.workbook_rows``). Changed in the workbook only: applied. Changed in the plans
only: the plans' value is kept. Changed on both sides to different values: a conflict, and then
nothing at all is written. Rows added below the exported ones are new activities and new
progress reports. The changes are made by the edit engine's own edits (``set_status``,
``assign``, ``set_activity_status``, ``add_activity``, ``add_update``), one after the other on
the files' text (``EditedFiles``: an edit starts where the last edit of its file left it,
without reading the file again), and the plan set they make is validated as a whole, once, and
written under the plan lock, every file or none.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from fardplan_cli.errors import EditRefusedError, FardplanError, UsageError
from fardplan_cli.i18n import Language, current_language, t, tn
from fardplan_cli.sheet import (
    ACTIVITIES,
    INITIATIVES,
    SHEETS,
    UPDATES,
    Column,
    SheetRow,
    SheetSpec,
    WorkbookFilter,
    canonical_actors,
    canonical_text,
    display_value,
    split_actors,
    workbook_rows,
)
from fardplan_cli.sheet_read import (
    ReadCell,
    ReadRow,
    ReadWorkbook,
    WorkbookReading,
    WorkbookRefusedError,
    read_workbook_file,
    refused,
)
from fardplan_cli.sheet_write import repository_identity

if TYPE_CHECKING:
    from fardplan_cli.edit.lines import EditedFiles, EditResult
    from fardplan_cli.model import PlanSet
    from fardplan_cli.repository import PlanRepository
    from fardplan_cli.yamlfile import Document

Outcome = Literal["applied", "kept", "added", "already"]


@dataclass(frozen=True, slots=True)
class CellChange:
    """One cell the import looked at: where it is, what it concerns and its three values (as a
    person reads them)."""

    outcome: Outcome
    address: str
    initiative: str
    item: str  # the initiative, the activity, or "new activity" / "new update"
    column: str
    then: str
    plans: str
    workbook: str


class ConflictError(EditRefusedError):
    """Cells changed both in the workbook and in the plans, to different values."""

    def __init__(self, conflicts: Sequence[CellChange]) -> None:
        self.conflicts = tuple(conflicts)
        lines = [tn("import refused, nothing written: {count} cell changed both in the "
                    "workbook and in the plans since the workbook was made",
                    "import refused, nothing written: {count} cells changed both in the "
                    "workbook and in the plans since the workbook was made", len(conflicts))]
        lines += [t("  {address} ({item}, {column}): then {then!r}, in the plans {plans!r}, in "
                    "the workbook {workbook!r}", address=c.address, item=c.item, column=c.column,
                    then=c.then, plans=c.plans, workbook=c.workbook) for c in conflicts]
        lines.append(t("Export a new workbook, or change those cells back to the value they "
                       "had, and import again."))
        super().__init__("\n".join(lines))


@dataclass(frozen=True)
class ImportOutcome:
    changes: tuple[CellChange, ...]
    results: tuple[EditResult, ...]
    """One per file changed: the file's text before and after every edit."""
    written: bool
    commit: str | None = None
    uncommitted_origin: bool = False

    @property
    def applied(self) -> tuple[CellChange, ...]:
        return tuple(c for c in self.changes if c.outcome in ("applied", "added"))


# -- the cells, as the plans would hold them -----------------------------------------------------


def _plain(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _split_names(text: str) -> list[str]:
    parts = text.replace("\n", ";").replace(",", ";").split(";")
    return [p.strip() for p in parts if p.strip()]


class _Names:
    """Actors and statuses as typed, resolved as the command line resolves them (id or name,
    any case, with or without diacritics), through a table made once: a workbook names the
    same few actors in thousands of cells. ``wanted`` keeps what each value a column's cells
    hold was found to mean, worked out once."""

    def __init__(self, plan: PlanSet) -> None:
        from fardplan_cli.query import normalize

        self.plan = plan
        self.actors: dict[str, str] = {}
        for actor in plan.actors:
            self.actors.setdefault(normalize(actor.id), actor.id)
            self.actors.setdefault(normalize(actor.name), actor.id)
        self.known = {a.id: a.id for a in plan.actors}  # as typed -> its actor id
        self.wanted: dict[str, dict[Any, str]] = {}
        """Per column key: each value as read, and what it means in the plans (``wanted``)."""

    def actor(self, typed: str) -> str:
        """The id of the actor ``typed`` names (each name as typed is looked up once)."""
        from fardplan_cli.query import normalize, resolve_actor

        found = self.known.get(typed)
        if found is None:
            found = self.actors.get(normalize(typed))
            if found is None:
                found = resolve_actor(self.plan, typed).id
            self.known[typed] = found
        return found


def _canonical_value(names: _Names, column: Column, cell: ReadCell) -> str:
    from fardplan_cli.query import resolve_status

    value = cell.value
    try:
        if column.kind == "date":
            if value is None or (isinstance(value, str) and not value.strip()):
                return ""
            if isinstance(value, dt.datetime | dt.date):
                return _plain(value)
            from fardplan_cli.grammar import is_iso_date

            if isinstance(value, str) and is_iso_date(value.strip()):
                return value.strip()
            raise refused(t("{cell} holds {value!r}, which is not a date; type a date such as "
                            "2027-03-14", cell=cell.address, value=_plain(value)))
        text = canonical_text(_plain(value))
        if not text:
            return ""
        if column.kind == "actor":
            return names.actor(text)
        if column.kind == "actors":
            return canonical_actors(names.actor(name) for name in _split_names(text))
        if column.kind == "status":
            return resolve_status(text)
        if column.kind == "text":
            from fardplan_cli.edit.commands import typed_text

            return canonical_text(typed_text(column.key, text))
        return text
    except UsageError as error:
        raise refused(f"{cell.address}: {error}") from None


def wanted(names: _Names, column: Column, row: ReadRow) -> str:
    """The value of the row's cell in ``column`` as the plans would hold it (``sheet``'s
    canonical text); a value that cannot be one is refused, naming the cell. Worked out once
    per column and value."""
    value = row.values[column.key]
    known = names.wanted.get(column.key)
    if known is None:
        known = names.wanted[column.key] = {}
    found = known.get(value)
    if found is None:
        found = known[value] = _canonical_value(names, column, row.cell(column.key))
    return found


# -- the three-way merge ---------------------------------------------------------------------------


@dataclass
class _Plan:
    """What the merge found: the cells to change per row, and every cell looked at."""

    changes: list[CellChange] = field(default_factory=list)
    conflicts: list[CellChange] = field(default_factory=list)
    edits: list[tuple[str, Callable[[PlanSet, EditedFiles], list[EditResult]]]] = field(
        default_factory=list)
    """(the cell or row, the edit), in the order of the sheets and rows."""


def _change(outcome: Outcome, row: ReadRow, initiative: str, item: str, column: Column,
            shown: Callable[[Column, str], str], then: str, plans: str, workbook: str,
            ) -> CellChange:
    return CellChange(outcome, row.address(column.key), initiative, item,
                      column.header(current_language()), shown(column, then),
                      shown(column, plans), shown(column, workbook))


def _merge_row(names: _Names, spec: SheetSpec, row: ReadRow, current: SheetRow | None,
               found: _Plan, shown: Callable[[Column, str], str]) -> dict[str, str]:
    """The row's applied cells (column key -> canonical value); locked cells are checked."""
    assert row.base is not None
    base = row.base
    initiative = base.values.get("initiative", base.key)
    applied: dict[str, str] = {}
    for column in spec.columns:
        then = base.values.get(column.key, "")
        asked = wanted(names, column, row)
        locked = (column.editable in ("never", "new rows")
                  or (column.editable == "own initiatives" and not _own(row.base, current)))
        if locked:
            if asked != then:
                raise refused(t("{cell} was changed ({then!r} -> {now!r}), but it is locked: "
                                "it says which row is which, or it is changed in the plans; put "
                                "it back as it was", cell=row.address(column.key),
                                then=shown(column, then),
                                now=shown(column, asked)))
            continue
        if current is None:
            if asked != then:
                found.conflicts.append(_change("applied", row, initiative, base.key, column,
                                               shown, then, t("(not in the plans)"), asked))
            continue
        now = current.values.get(column.key, "")
        if asked == then:
            if now != then:
                found.changes.append(_change("kept", row, initiative, base.key, column, shown,
                                             then, now, asked))
        elif now == then:
            applied[column.key] = asked
            found.changes.append(_change("applied", row, initiative, base.key, column, shown,
                                         then, now, asked))
        elif now != asked:
            found.conflicts.append(_change("applied", row, initiative, base.key, column, shown,
                                           then, now, asked))
    return applied


def _as_exported(names: _Names, spec: SheetSpec, row: ReadRow) -> bool:
    """Whether every cell of the row still asks for what it held when the workbook was
    made (stops at the first that does not)."""
    assert row.base is not None
    then, now = row.base.values, row.values
    for column in spec.columns:
        value, held = now[column.key], then.get(column.key, "")
        # A cell that shows the plans' own text, or nothing where they held nothing, asks
        # for what it held (what it shows means itself: the texts are canonical).
        if value == held or (value is None and not held):
            continue
        if wanted(names, column, row) != held:
            return False
    return True


def _own(base: SheetRow, current: SheetRow | None) -> bool:
    return current is not None and current.own


def _check_rows(spec: SheetSpec, rows: Sequence[ReadRow], language: Language) -> None:
    """Exported rows stay where they were: each row's key cell holds the key its base holds."""
    name = spec.name(language)
    first = spec.columns[0]
    for row in rows:
        if row.base is None:
            continue
        typed = canonical_text(_plain(row.values[first.key]))
        if typed != row.base.key:
            raise refused(t("{cell} held {then!r} when the workbook was made and holds {now!r} "
                            "now: rows were moved, sorted or deleted in {sheet}; keep the "
                            "exported rows where they are", cell=row.address(first.key),
                            then=row.base.key, now=typed, sheet=name))


def _origin_checks(repository: PlanRepository, plan: PlanSet, meta: Mapping[str, str],
                   name: str) -> None:
    identity = repository_identity(repository)
    recorded = meta.get("repository", "")
    if (recorded and identity and recorded != identity) or (
            meta.get("region", plan.region.name) != plan.region.name):
        raise refused(t("{path} was made from another plan repository ({region}); export a "
                        "workbook from this one", path=name,
                        region=meta.get("region") or recorded[:12]))


# -- the edits --------------------------------------------------------------------------------------


def _refreshed(plan: PlanSet, documents: Mapping[str, Document], files: Mapping[str, bytes],
               path: str) -> PlanSet:
    """The plan set with one core's file read again (after an edit that added an activity, so
    that the next one gets the next id)."""
    from fardplan_cli.load import ACTORS_FILE, REGION_FILE, build_plan_set, core_id_of
    from fardplan_cli.model import PlanSet
    from fardplan_cli.yamlfile import parse_document

    doc = parse_document(path, files[path], lazy_positions=True)
    small, _ = build_plan_set({REGION_FILE: documents[REGION_FILE],
                               ACTORS_FILE: documents[ACTORS_FILE], path: doc}, positions=False)
    rebuilt = small.core(core_id_of(path))
    cores = tuple(rebuilt if (c.id == core_id_of(path) and rebuilt is not None) else c
                  for c in plan.cores)
    return PlanSet(region=plan.region, actors=plan.actors, cores=cores)


def _initiative_edit(ref: str, applied: Mapping[str, str], current: SheetRow,
                     ) -> Callable[[PlanSet, EditedFiles], list[EditResult]]:
    def make(plan: PlanSet, files: EditedFiles) -> list[EditResult]:
        from fardplan_cli.edit import assign, set_status

        results = []
        if "status" in applied or "status_note" in applied:
            status = applied.get("status", current.values["status"])
            note = applied.get("status_note", current.values["status_note"])
            results.append(set_status(plan, files, ref, status, note=note))
        if "lead" in applied or "participants" in applied:
            now = set(split_actors(current.values["participants"]))
            wanted = set(split_actors(applied.get("participants", current.values["participants"])))
            lead = applied.get("lead")
            if results:
                files.apply(results[-1])
            results.append(assign(
                plan, files, ref, lead=lead or None, no_lead=lead == "",
                add=sorted(wanted - now), remove=sorted(now - wanted)))
        return results
    return make


def _activity_edit(ref: str, applied: Mapping[str, str], current: SheetRow, address: str,
                   ) -> Callable[[PlanSet, EditedFiles], list[EditResult]]:
    status = applied.get("status", current.values["status"])
    done_on = applied.get("done_on", current.values["done_on"])
    if "note" in applied and not applied["note"]:
        raise refused(t("{cell}: an activity's note cannot be emptied from the workbook; write "
                        "a new note, or remove it in the plan file", cell=address))
    if done_on and status != "done" and "done_on" in applied:
        raise refused(t("{cell}: a day done is given, but the status is not done", cell=address))

    def make(plan: PlanSet, files: EditedFiles) -> list[EditResult]:
        from fardplan_cli.edit import set_activity_status

        date = done_on if status == "done" and "done_on" in applied and done_on else None
        return [set_activity_status(plan, files, ref, status, note=applied.get("note"),
                                    date=date)]
    return make


def _new_activity(ref: str, values: Mapping[str, str], documents: Mapping[str, Document],
                  ) -> Callable[[PlanSet, EditedFiles], list[EditResult]]:
    def make(plan: PlanSet, files: EditedFiles) -> list[EditResult]:
        from fardplan_cli.edit import add_activity, set_activity_status

        added = add_activity(
            plan, files, ref, title=values["title"], owner=values["owner"] or None,
            participants=split_actors(values["participants"]), start=values["start"] or None,
            due=values["due"] or None, note=values["note"] or None)
        status = values["status"] or "planned"
        if status == "planned":
            return [added]
        files.apply(added)
        fresh = _refreshed(plan, documents, files, added.path)
        return [added, set_activity_status(fresh, files, added.ref, status,
                                           date=values["done_on"] or None)]
    return make


def _new_update(ref: str, values: Mapping[str, str],
                ) -> Callable[[PlanSet, EditedFiles], list[EditResult]]:
    def make(plan: PlanSet, files: EditedFiles) -> list[EditResult]:
        from fardplan_cli.edit import add_update

        return [add_update(plan, files, ref, values["text"], date=values["date"] or None,
                           by=values["by"] or None)]
    return make


def _new_rows(names: _Names, spec: SheetSpec, rows: Sequence[ReadRow], known: Mapping[str, Any],
              found: _Plan, documents: Mapping[str, Document],
              shown: Callable[[Column, str], str]) -> None:
    """Rows added below the exported ones: new activities, new progress reports."""
    by_key = {c.key: c for c in spec.columns}
    for row in rows:
        if row.base is not None:
            continue
        values = {c.key: wanted(names, c, row) for c in spec.columns}
        first = row.cell(spec.columns[0].key)
        if spec.key == "activities" and values["ref"]:
            raise refused(t("{cell}: a new activity gets its id on import; leave the cell empty",
                            cell=first.address))
        ref = values["initiative"]
        cell = row.cell("initiative")
        if ref not in known:
            raise refused(t("{cell}: {ref!r} is not an initiative of this workbook; use the "
                            "references of its sheet of initiatives (sodertalje:1.3)",
                            cell=cell.address, ref=ref or ""))
        initiative = known[ref]
        text_key = "title" if spec.key == "activities" else "text"
        if not values[text_key]:
            raise refused(t("{cell} is empty: a new row needs it",
                            cell=row.address(text_key)))
        item = t("new activity") if spec.key == "activities" else t("new update")
        if spec.key == "activities":
            already = any(canonical_text(a.title) == values["title"]
                          for a in initiative.activities)
            edit = _new_activity(ref, values, documents)
        else:
            if not values["date"]:
                values["date"] = _today()
            already = any(u.date == values["date"] and canonical_text(u.text) == values["text"]
                          for u in initiative.updates)
            edit = _new_update(ref, values)
        column = by_key[text_key]
        found.changes.append(CellChange("already" if already else "added", first.address, ref,
                                        item, column.header(current_language()), "", "",
                                        shown(column, values[text_key])))
        if not already:
            found.edits.append((first.address, edit))


def _today() -> str:
    from fardplan_cli.clock import today

    return today().isoformat()


def plan_import(plan: PlanSet, workbook: ReadWorkbook, documents: Mapping[str, Document],
                ) -> _Plan:
    """The three-way merge of the workbook with the plans: every cell looked at, the edits to
    make; conflicts raise ``ConflictError``."""
    language: Language = "en" if workbook.meta.get("language") == "en" else "sv"
    selection = WorkbookFilter(core=workbook.meta.get("core") or None)
    rows = workbook_rows(plan, selection, language)
    current = {spec.key: {r.key: r for r in rows_of} for spec, rows_of in (
        (INITIATIVES, rows.initiatives), (ACTIVITIES, rows.activities))}

    def shown(column: Column, value: str) -> str:
        return display_value(plan, column, value, current_language())

    found = _Plan()
    names = _Names(plan)
    for spec in SHEETS:
        _check_rows(spec, workbook.sheets[spec.key], language)
    for row in workbook.sheets[INITIATIVES.key]:
        if row.base is None:
            raise refused(t("{cell}: a new initiative cannot be added from the workbook; add it "
                            "with 'fardplan new', then export a new workbook",
                            cell=row.address(INITIATIVES.columns[0].key)))
    for spec in (INITIATIVES, ACTIVITIES):
        for row in workbook.sheets[spec.key]:
            if row.base is None:
                continue
            now = current[spec.key].get(row.base.key)
            if (now is not None and now.values == row.base.values
                    and (row.as_exported or _as_exported(names, spec, row))):
                continue  # changed on neither side
            applied = _merge_row(names, spec, row, now, found, shown)
            if not applied or now is None:
                continue
            address = row.address(spec.columns[0].key)
            make = (_initiative_edit(row.base.key, applied, now) if spec is INITIATIVES
                    else _activity_edit(row.base.key, applied, now, address))
            found.edits.append((address, make))
    from fardplan_cli.query import every_core_plan

    known = {f"{i.followed_in or i.core}:{i.id}": i for i in (
        plan.core_plan(selection.core) if selection.core else every_core_plan(plan))
        if (i.followed_in or i.core)}
    for spec in (ACTIVITIES, UPDATES):
        _new_rows(names, spec, workbook.sheets[spec.key], known, found, documents, shown)
    if found.conflicts:
        raise ConflictError(found.conflicts)
    return found


# -- reading, merging and writing under the lock ---------------------------------------------------


def import_workbook(repository: PlanRepository, path: Path, *, dry_run: bool = False,
                    commit: bool = False, message: str | None = None) -> ImportOutcome:
    """Read the workbook, merge it with the plans three ways, and make the edits as one
    validated write (nothing with ``dry_run``); with ``commit``, one commit of the files."""
    from fardplan_cli.edit.lines import EditedFiles
    from fardplan_cli.edit.perform import _check, _read
    from fardplan_cli.writing import plan_lock

    data, name = read_workbook_file(path)
    with WorkbookReading(data, name) as reading, plan_lock(repository.root):
        before = dict(repository.read_plan_files())
        try:
            documents, plan = _read(before)
        except FardplanError:
            reading.result()  # a workbook that is not read is said first
            raise
        workbook = reading.result()
        _origin_checks(repository, plan, workbook.meta, name)
        found = plan_import(plan, workbook, documents)
        files = EditedFiles(before)
        for address, make in found.edits:
            try:
                made = make(plan, files)
            except WorkbookRefusedError:
                raise
            except FardplanError as error:  # an edit's own refusal, said of the cell or row
                raise refused(f"{address}: {error}") from None
            for result in made:  # in order (a make may have applied the first already)
                files.apply(result)
            if any(r.summary.startswith("activity add") for r in made):
                # the next new activity of the same initiative gets the next id
                plan = _refreshed(plan, documents, files, made[0].path)
        changed = sorted(p for p in files if files[p] != before[p])
        results = tuple(_file_result(p, before[p], files[p]) for p in changed)
        uncommitted = workbook.meta.get("uncommitted") == "yes"
        if not changed:
            return ImportOutcome(tuple(found.changes), (), False, None, uncommitted)
        if commit:
            from fardplan_cli.gitstore import commits

            for p in changed:
                commits.check_can_commit(repository.root, p)
        unchanged = {p: d for p, d in documents.items() if p not in changed}
        checked = _check(dict(files), repository.root, unchanged)
        if checked.errors:
            raise EditRefusedError(
                tn("import refused, nothing written: the plans would have {count} problem",
                   "import refused, nothing written: the plans would have {count} problems",
                   len(checked.errors)), checked.errors)
        if dry_run:
            return ImportOutcome(tuple(found.changes), results, False, None, uncommitted)
        _write_all(repository, results)
        commit_id = None
        if commit:
            from fardplan_cli.gitstore import commits

            summary = tn("import {name}: {count} change", "import {name}: {count} changes",
                         len(found.edits), name=path.name)
            text = summary if not message else f"{message}\n\n{summary}"
            commit_id = commits.commit_files(repository.root, changed, text)
        return ImportOutcome(tuple(found.changes), results, True, commit_id, uncommitted)


def _file_result(path: str, old: bytes, new: bytes) -> EditResult:
    from fardplan_cli.edit.lines import EditResult

    return EditResult(path, old.decode("utf-8"), new.decode("utf-8"), "import", path, None, None)


def _write_all(repository: PlanRepository, results: Sequence[EditResult]) -> None:
    """Write every changed file, each atomically; should one fail, those written are put back."""
    from fardplan_cli.edit.perform import WriteFailedError
    from fardplan_cli.writing import atomic_write_text

    written: list[EditResult] = []
    for result in results:
        try:
            atomic_write_text(repository.path_of(result.path), result.new_text)
            written.append(result)
        except OSError as exc:
            for done in written:
                atomic_write_text(repository.path_of(done.path), done.old_text)
            raise WriteFailedError(t(
                "could not write {path}: {error}; every plan file is as it was",
                path=result.path, error=exc.strerror or exc)) from None
