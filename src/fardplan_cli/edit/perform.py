"""An edit made under the plan lock: read, edit, validate the whole plan set, write, commit."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from fardplan_cli.edit.lines import EditResult
from fardplan_cli.errors import EditRefusedError, FardplanError
from fardplan_cli.i18n import t, tn
from fardplan_cli.model import PlanSet, Problem

if TYPE_CHECKING:
    from pathlib import Path

    from fardplan_cli.repository import PlanRepository
    from fardplan_cli.validate import ValidationResult
    from fardplan_cli.yamlfile import Document


@dataclass(frozen=True)
class EditOutcome:
    result: EditResult
    written: bool
    commit: str | None  # the new commit's id, with --commit
    warnings: tuple[Problem, ...] = ()  # what `validate` warns about in the edited initiative


def _check(files: Mapping[str, bytes], root: Path,
           parsed: Mapping[str, Document]) -> ValidationResult:
    """The whole plan set validated, as ``validate`` would; ``parsed``: documents already parsed
    from exactly these bytes (every file but the edited one), which are not parsed again."""
    from fardplan_cli.validate import read_repository_schemas, validate_files

    return validate_files(files, schemas=read_repository_schemas(root), parsed=parsed)


def _warnings_about(result: EditResult, warnings: Iterable[Problem]) -> tuple[Problem, ...]:
    """The warnings that concern the edited initiative (its node and everything under it)."""
    return tuple(w for _, w in _initiative_warnings(result, result.index, warnings))


def _initiative_warnings(
    result: EditResult, index: int | None, warnings: Iterable[Problem]
) -> list[tuple[tuple[str, str, str], Problem]]:
    """The warnings about the initiative at ``index`` in its file's list (before or after the
    edit; or about the edited follow-up, ``result.node``), each with a key that stays the same
    when the edit moves the initiative's lines: its code, its path below it and its message."""
    prefix = result.node_path(index)
    if prefix is None:
        return []
    return [((w.code, w.path[len(prefix):], w.message), w) for w in warnings
            if w.file == result.path
            and (w.path == prefix or w.path.startswith((prefix + ".", prefix + "[")))]


def _new_warnings(result: EditResult, warnings: tuple[Problem, ...], files: Mapping[str, bytes],
                  root: Path, parsed: Mapping[str, Document]) -> tuple[Problem, ...]:
    """Of the edited initiative's warnings, those it did not have before the edit."""
    if not warnings:
        return ()
    before = _check(files, root, parsed)  # the plans as they are: what the edit did not cause
    had = {key for key, _ in _initiative_warnings(result, result.old_index, before.warnings)}
    return tuple(w for key, w in _initiative_warnings(result, result.index, warnings)
                 if key not in had)


class WriteFailedError(FardplanError):
    """The plan file could not be written; it is as it was."""


Maker = Callable[[PlanSet, Mapping[str, bytes]], EditResult]


def _read(files: Mapping[str, bytes]) -> tuple[dict[str, Document], PlanSet]:
    """The plan files' documents and the plan set they make (without positions: an edit needs
    names and ids); the documents are reused when the edited plan set is validated."""
    from fardplan_cli.errors import PlanProblemsError
    from fardplan_cli.load import build_plan_set, format_1_problem, parse_documents

    documents, problems = parse_documents(files, lazy_positions=True)
    old_format = format_1_problem(documents)
    if old_format is not None:
        raise PlanProblemsError([old_format])
    plan, build_problems = build_plan_set(documents, files, positions=False)
    if problems or build_problems:
        raise PlanProblemsError([*problems, *build_problems])
    return documents, plan


def perform(
    repository: PlanRepository,
    make: Maker,
    *,
    dry_run: bool = False,
    commit: bool = False,
    message: str | None = None,
    strict: bool = False,
) -> EditOutcome:
    """Make one edit under the plan lock: read, edit, validate, write, commit. With ``strict``,
    a warning the edit causes on its initiative refuses it, as ``validate --strict`` would fail
    (one it had before does not: it can then be mended one edit at a time)."""
    from fardplan_cli.writing import atomic_write_text, plan_lock

    with plan_lock(repository.root):
        try:
            files = repository.read_plan_files()
        except OSError as exc:
            raise EditRefusedError(t(
                "edit refused, nothing written: cannot read {path}: {error}",
                path=exc.filename or repository.plans_dir, error=exc.strerror or exc)) from None
        documents, plan = _read(files)
        result = make(plan, files)
        if not result.changed:
            return EditOutcome(result, written=False, commit=None)
        if commit:
            from fardplan_cli.gitstore import commits

            commits.check_can_commit(repository.root, result.path)
        edited = {**files, result.path: result.new_text.encode("utf-8")}
        unchanged = {path: doc for path, doc in documents.items() if path != result.path}
        checked = _check(edited, repository.root, unchanged)
        if checked.errors:
            raise EditRefusedError(
                tn("edit refused, nothing written: the plans would have {count} problem",
                   "edit refused, nothing written: the plans would have {count} problems",
                   len(checked.errors)),
                checked.errors,
            )
        warnings = _warnings_about(result, checked.warnings)
        caused = (_new_warnings(result, warnings, files, repository.root, documents) if strict
                  else ())
        if caused:
            raise EditRefusedError(
                tn("edit refused, nothing written: with --strict, its warning counts as an error",
                   "edit refused, nothing written: with --strict, its {count} warnings count as "
                   "errors", len(caused)),
                tuple(replace(w, severity="error") for w in caused),
            )
        if dry_run:  # checked like the real edit, so that a dry run tells what the edit would do
            return EditOutcome(result, written=False, commit=None, warnings=warnings)
        target = repository.path_of(result.path)
        try:
            atomic_write_text(target, result.new_text)
        except OSError as exc:
            raise WriteFailedError(t(
                "could not write {path}: {error}; the file is as it was",
                path=result.path, error=exc.strerror or exc)) from None
        commit_id = None
        if commit:
            from fardplan_cli.gitstore import commits

            text = result.summary if not message else f"{message}\n\n{result.summary}"
            commit_id = commits.commit_file(repository.root, result.path, text)
        return EditOutcome(result, written=True, commit=commit_id, warnings=warnings)
