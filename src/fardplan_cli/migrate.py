"""``fardplan migrate``: plan files of format 1 -> format 2, on their text.

Format 2 keeps a common initiative's follow-up in each core (the core file's ``common:``) and every
priority in the core's political dialogues (``dialogues:``). The migration moves what format 1 kept
elsewhere, and changes nothing else: every other line, comment, quote and line ending stays as it
was.

- Every plan file: ``schema_version: 1`` -> ``2``.
- ``plans/region.yaml``: ``language: sv`` after the owner (or the name); each common initiative
  loses ``status``, ``status_note`` and ``priority``. A status or note other than the default
  (``planned``, no note) is copied to the ``common:`` section of EVERY core, since format 1 said it
  for all of them.
- Each core file: a format-1 priority has no dialogue date, so each prioritised cycle becomes one
  dialogue dated the cycle's first day (``2027-01-01`` for 2027-2030) with the note "Överförd från
  format 1", prioritising the core's own initiatives of that cycle and the common ones that cycle
  prioritised; core-specific initiatives lose ``priority``.

A set already in format 2 needs nothing; a set that mixes the formats, or that is not a sound
format-1 set, is refused with one message and nothing is written.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from fardplan_cli.errors import FardplanError, PlanProblemsError
from fardplan_cli.i18n import t
from fardplan_cli.load import (
    REGION_FILE,
    build_plan_set,
    is_plan_file,
    parse_documents,
)
from fardplan_cli.model import DEFAULT_STATUS, Core, Initiative, PlanSet

MIGRATED_NOTE = "Överförd från format 1"
"""The note of a dialogue the migration made from a format-1 priority."""

_MOVED_KEYS = ("status", "status_note", "priority")
# The top-level keys of a core file in format 2, in their order: a new section goes after the
# nearest key before it.
_CORE_ORDER = ("schema_version", "id", "name", "municipalities", "character", "directions",
               "dialogues", "common", "initiatives", "indicators")
_REGION_ORDER = ("schema_version", "name", "owner", "language")
_VERSION_LINE = re.compile(r"(schema_version[ \t]*:[ \t]*)1\b")


class MigrationRefusedError(FardplanError):
    """The plans cannot be migrated as they are; nothing was written."""


@dataclass(frozen=True)
class FileMigration:
    path: str
    old_text: str
    new_text: str

    def diff(self) -> str:
        """The unified diff of the file, as ``git diff`` shows it."""
        import difflib

        return "".join(difflib.unified_diff(
            self.old_text.splitlines(keepends=True), self.new_text.splitlines(keepends=True),
            fromfile=f"a/{self.path}", tofile=f"b/{self.path}"))


@dataclass(frozen=True)
class Migration:
    """The files the migration changes (none: the plans are in format 2 already)."""

    files: tuple[FileMigration, ...]
    schemas: tuple[str, ...] = ()
    """The repository's own schemas (``schemas/<name>``) replaced by those of format 2."""


def plan_migration(files: Mapping[str, bytes]) -> Migration:
    """What ``fardplan migrate`` would write for these plan files (repository-relative paths to
    bytes). Raises ``MigrationRefusedError`` or ``PlanProblemsError`` when it cannot."""
    plan_paths = sorted(p for p in files if is_plan_file(p))
    documents, problems = parse_documents({p: files[p] for p in plan_paths})
    if problems:
        raise PlanProblemsError(problems, t(
            "the plans cannot be migrated: {problem}", problem=problems[0].format()))
    versions = {path: doc.data.get("schema_version") if isinstance(doc.data, dict) else None
                for path, doc in documents.items()}
    old = [p for p, v in versions.items() if v == 1]
    if not old:
        return Migration(())
    other = [p for p, v in versions.items() if v != 1]
    if other:
        raise MigrationRefusedError(t(
            "the plans cannot be migrated: {old} is in format 1 but {other} is not "
            "(schema_version: {version}); give every plan file schema_version: 1 or mend it by "
            "hand", old=old[0], other=other[0], version=versions[other[0]]))
    plan, build_problems = build_plan_set(documents, files, positions=False)
    if build_problems:
        raise PlanProblemsError(build_problems, t(
            "the plans cannot be migrated: {problem}", problem=build_problems[0].format()))
    changed = []
    for path in plan_paths:
        text = files[path].decode("utf-8")
        if path == REGION_FILE:
            new_text = _region_text(path, text)
        else:
            core = next((c for c in plan.cores if c.file == path), None)
            new_text = _core_text(path, text, plan, core)
        if new_text != text:
            changed.append(FileMigration(path, text, new_text))
    return Migration(tuple(changed))


# -- the text of each file -------------------------------------------------------------------


class _Rewrite:
    """Replacements of spans of a file's body, applied together (they must not overlap)."""

    def __init__(self, path: str, text: str) -> None:
        from fardplan_cli.edit.plantext import PlanText

        self.text = PlanText(path, text)
        self.spans: list[tuple[int, int, str]] = []

    def replace(self, start: int, end: int, lf_text: str) -> None:
        self.spans.append((start, end, lf_text.replace("\n", self.text.newline)))

    def version(self) -> None:
        block = self.text.keys.get("schema_version")
        if block is not None:
            old = self.text.body[block.start:block.end]
            self.replace(block.start, block.end, _VERSION_LINE.sub(r"\g<1>2", old, count=1))

    def insert_key(self, key: str, order: tuple[str, ...], lf_text: str) -> None:
        """A new top-level key (``lf_text``: its lines) after the nearest key before it."""
        rank = order.index(key)
        before = [b for name, b in self.text.keys.items()
                  if name in order and order.index(name) < rank]
        at = max(b.end for b in before) if before else 0
        if at == len(self.text.body) and self.text.body and self.text.body[-1] not in "\r\n":
            lf_text = "\n" + lf_text
        self.replace(at, at, lf_text)

    def result(self) -> str:
        body = self.text.body
        # From the end, so that each span's offsets still hold; of two insertions at one place,
        # the one made first ends up first.
        order = sorted(range(len(self.spans)), key=lambda n: (*self.spans[n][:2], n), reverse=True)
        for start, end, text in (self.spans[n] for n in order):
            body = body[:start] + text + body[end:]
        return self.text.bom + body


def _without_moved_keys(rewrite: _Rewrite, keys: tuple[str, ...]) -> None:
    """Each initiative of the file without ``keys``, its comments kept."""
    from fardplan_cli.edit.plantext import LIST_KEY
    from fardplan_cli.edit.roundtrip import delete_key, dump_block, open_block

    text = rewrite.text
    wrapper = f"{LIST_KEY}:\n"
    for block in text.items:
        body = _comments_above(text.text_of(block), keys)
        if block.flow or not block.own_lines:
            raise _layout_refusal(text.path, block.name)
        doc = open_block(wrapper + body, functools.partial(_layout_refusal, text.path, block.name))
        item = doc[LIST_KEY][0]
        present = [k for k in keys if k in item]
        if not present:
            continue
        for key in present:
            delete_key(item, key, None)
        rewrite.replace(block.start, block.end, dump_block(doc)[len(wrapper):])


def _comments_above(body: str, keys: tuple[str, ...]) -> str:
    """The initiative's lines with the end-of-line comment of each key to be removed put on a
    line of its own above it, where the removal keeps it."""
    def above(match: re.Match[str]) -> str:
        indent, key_value, comment = match.group(1), match.group(2), match.group(3)
        return f"{indent}#{comment}\n{indent}{key_value}"

    names = "|".join(re.escape(k) for k in keys)
    # A plain value or a flow list of plain values, then the comment: nothing there can hold a #.
    pattern = rf"(?m)^([ ]+)((?:{names}):[ ]*(?:[^#\"'\[\n]*?|\[[^\]#\"'\n]*\]))[ ]+#(.*)$"
    return re.sub(pattern, above, body)


def _layout_refusal(path: str, initiative_id: str | None,
                    _too_deep: bool = False) -> MigrationRefusedError:
    return MigrationRefusedError(t(
        "the plans cannot be migrated: {path} writes initiative {id} in a layout that fardplan "
        "cannot rewrite without changing lines it does not move; write it in block style, as the "
        "shipped plans do", path=path, id=initiative_id or "?"))


def _region_text(path: str, text: str) -> str:
    rewrite = _Rewrite(path, text)
    rewrite.version()
    if "language" not in rewrite.text.keys:
        rewrite.insert_key("language", _REGION_ORDER, "language: sv\n")
    _without_moved_keys(rewrite, _MOVED_KEYS)
    return rewrite.result()


def _core_text(path: str, text: str, plan: PlanSet, core: Core | None) -> str:
    rewrite = _Rewrite(path, text)
    rewrite.version()
    if core is not None:
        dialogues = _dialogues_text(plan, core)
        if dialogues:
            rewrite.insert_key("dialogues", _CORE_ORDER, dialogues)
        common = _common_text(plan.region.initiatives)
        if common:
            rewrite.insert_key("common", _CORE_ORDER, common)
        _without_moved_keys(rewrite, ("priority",))
    return rewrite.result()


def _common_text(common: tuple[Initiative, ...]) -> str:
    """The ``common:`` section every core gets: the common initiatives whose status or note in
    format 1 is not the default."""
    from fardplan_cli.edit.roundtrip import dump_block, id_scalar, plain_scalar

    section = {}
    for initiative in common:
        follow: dict[str, object] = {}
        if initiative.status != DEFAULT_STATUS:
            follow["status"] = initiative.status
        if initiative.status_note is not None:
            follow["status_note"] = plain_scalar(initiative.status_note)
        if follow:
            section[id_scalar(initiative.id)] = follow
    return dump_block({"common": section}) if section else ""


def _dialogues_text(plan: PlanSet, core: Core) -> str:
    """One dialogue per cycle that format 1 prioritised anything in the core for."""
    order = [c.id for c in plan.region.cycles]
    prioritized: dict[str, list[Initiative]] = {}
    for initiative in (*plan.region.initiatives, *core.initiatives):
        for cycle in initiative.priority:
            prioritized.setdefault(cycle, []).append(initiative)
    lines = []
    for cycle in sorted(prioritized, key=lambda c: (order.index(c) if c in order else len(order), c)):
        ids = ", ".join(f'"{i.id}"' for i in sorted(prioritized[cycle], key=lambda i: i.sort_key))
        lines += [f"  - date: {cycle[:4]}-01-01", f"    cycle: {cycle}",
                  f"    prioritized: [{ids}]", f"    note: {MIGRATED_NOTE}"]
    return "dialogues:\n" + "".join(f"{line}\n" for line in lines) if lines else ""


def migrate_repository(root: Path, files: Mapping[str, bytes], *, dry_run: bool = False) -> Migration:
    """Migrate the plan repository at ``root`` (its plan files ``files``, as read) under the plan
    lock: every changed file written atomically, or none with ``dry_run``. The migrated set is
    validated first; if it has errors, nothing is written."""
    from fardplan_cli.validate import SCHEMAS_DIR, packaged_schema, read_repository_schemas, validate_files
    from fardplan_cli.yamlfile import atomic_write_text, plan_lock

    with plan_lock(root):
        migration = plan_migration(files)
        if not migration.files:
            return migration
        migrated = dict(files)
        migrated.update({f.path: f.new_text.encode("utf-8") for f in migration.files})
        # The repository's own schemas (``fardplan init`` copies them) are format 1's: they are
        # replaced by those of format 2, which the migrated plans are checked against.
        own = read_repository_schemas(root)
        stale = tuple(sorted(name for name, text in own.items() if text != packaged_schema(name)))
        result = validate_files(migrated)
        if result.errors:
            raise PlanProblemsError(result.errors, t(
                "the plans cannot be migrated: {problem}", problem=result.errors[0].format()))
        if not dry_run:
            for name in stale:
                atomic_write_text(root / SCHEMAS_DIR / name, packaged_schema(name).decode("utf-8"))
            for change in migration.files:
                atomic_write_text(root / change.path, change.new_text)
    return Migration(migration.files, stale)
