"""Schema and semantic rules -> problems (docs/validate.md lists every code).

``validate_files`` checks a whole plan set and returns every problem, not just the first. It works
in layers, each one only on what the layer before found sound, so that one broken node is reported
once and not again by every rule that trips over it:

1. ``load.parse_documents``: the C safe loader with positions. A file that cannot be read as a plan
   document (syntax, anchors/aliases/merge keys, directives, duplicate keys, tags, not UTF-8, too
   large) gives exactly one problem and takes no further part.
2. The file's top level must be a mapping (``empty-file``, ``not-a-mapping``).
3. Each file against its JSON Schema (``schema_check``): one cached validator per schema text, a
   compiled pre-check that passes a valid file, and jsonschema for the words of a problem. Errors
   are turned into specific messages (an enum names its values, an id read as a number says to
   quote it, an actor id that is not one names the nearest actors) and placed by the positions the
   parser kept, so no round-trip load is needed to find line numbers.
4. The files without schema errors are built into the model (``load.build_plan_set``); its
   structural problems (e.g. ``1.0`` where a whole number belongs, a missing ``plans/actors.yaml``)
   are kept. Problems are de-duplicated by file, line, column and code.
5. Semantic rules on the schema-valid files. A rule that checks references against a registry
   (actors in ``plans/actors.yaml``; goal areas, cycles and common initiatives in
   ``plans/region.yaml``) runs only when that registry file is itself valid: otherwise every
   reference would be reported as unknown, hiding the one real problem.

With ``strict``, every warning is returned as an error, so ``errors``/``ok`` and every renderer
already see it that way.
"""
from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from fardplan_cli.i18n import t
from fardplan_cli.load import (
    ACTORS_FILE,
    build_plan_set,
    format_1_problem,
    parse_documents,
)
from fardplan_cli.load_fields import describe_value
from fardplan_cli.model import Problem
from fardplan_cli.plan_rules import PlanRules, at, lenient_actor_pairs
from fardplan_cli.schema_check import (
    SCHEMA_NAMES,
    SCHEMAS_DIR,
    packaged_schema,
    read_repository_schemas,
    schema_kind,
    schema_problems,
    schema_validators,
)
from fardplan_cli.yamlfile import (
    Document,
    PlanFiles,
    unread_problems,
)

__all__ = [
    "SCHEMAS_DIR",
    "SCHEMA_NAMES",
    "ValidationResult",
    "packaged_schema",
    "read_repository_schemas",
    "validate_files",
]


@dataclass(frozen=True)
class ValidationResult:
    """Every problem of a plan set, sorted by file and position, and how many files were checked."""

    problems: tuple[Problem, ...]
    files: int

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "warning")

    @property
    def ok(self) -> bool:
        """No errors (with ``strict``, warnings were already made errors)."""
        return not self.errors

    def seen_from(self, root: Path, where: Path) -> ValidationResult:
        """The same result with each file named relative to ``where`` (the folder the user stands
        in) instead of the repository's ``root``: ``plans/x.yaml`` is ``x.yaml`` inside ``plans/``
        and ``../plans/x.yaml`` in ``docs/``. Forward slashes, as git writes paths. From outside
        the repository (``--repo`` names it) the repository-relative names are kept."""
        root, where = root.resolve(), where.resolve()
        if root == where or root not in where.parents:
            return self
        names: dict[str, str] = {}
        try:
            for problem in self.problems:
                if problem.file not in names:
                    names[problem.file] = Path(os.path.relpath(
                        root.joinpath(*problem.file.split("/")), where)).as_posix()
        except ValueError:
            return self
        problems = tuple(dataclasses.replace(p, file=names[p.file]) for p in self.problems)
        return ValidationResult(problems, self.files)


# -- the entry point ------------------------------------------------------------------------------


def validate_files(
    files: Mapping[str, bytes],
    *,
    strict: bool = False,
    schemas: Mapping[str, bytes] | None = None,
    ignored: Iterable[str] = (),
    parsed: Mapping[str, Document] | None = None,
) -> ValidationResult:
    """Check a plan set: ``files`` maps repository-relative posix paths to their bytes.

    ``parsed`` holds documents already parsed from exactly these bytes (an edit passes those of
    the files it did not change): they are not parsed again.

    ``schemas`` maps schema file names (``core.schema.json``) to the repository's own schemas; a
    name it lacks, or a schema that is not sound, falls back to the copy packaged with fardplan.
    ``ignored`` names what else lies in ``plans/`` and is not read (``x.yml``, a folder): a warning
    each, since someone meant it as a plan.
    """
    problems: list[Problem] = [
        Problem(path, 1, 1, "warning", "ignored-file", t(
            "{path} is not read: plan files are plans/<name>.yaml", path=path))
        for path in ignored
    ]
    validators = schema_validators(schemas, problems)
    # Positions are worked out only for a file that has a problem.
    known = {path: doc for path, doc in (parsed or {}).items() if path in files}
    to_parse = PlanFiles({path: data for path, data in files.items() if path not in known},
                         unread_problems(files)) if known else files
    documents, yaml_problems = parse_documents(to_parse, lazy_positions=True)
    if known:
        documents = {path: documents.get(path) or known[path]
                     for path in sorted({*documents, *known})}
    old_format = format_1_problem(documents)
    if old_format is not None:  # format 1 is migrate's to read: nothing else is said about it
        return ValidationResult((old_format,), len(files) + len(unread_problems(files)))
    problems.extend(yaml_problems)

    actor_pairs = lenient_actor_pairs(documents.get(ACTORS_FILE))
    valid: dict[str, Document] = {}
    for path, doc in documents.items():
        kind = schema_kind(path)
        if kind is None:
            continue
        if doc.data is None:
            problems.append(at(doc, (), "empty-file", t(
                "the file is empty; it should start with schema_version: 2")))
            continue
        if not isinstance(doc.data, dict):
            problems.append(at(doc, (), "not-a-mapping", t(
                "the file holds {kind}, but a plan file is a mapping of fields "
                "(schema_version: 2, ...)", kind=describe_value(doc.data))))
            continue
        found = list(schema_problems(doc, validators[kind], actor_pairs))
        problems.extend(found)
        if not found:
            valid[path] = doc

    _, build_problems = build_plan_set(valid, files, positions=False)
    problems.extend(build_problems)
    # A node the schema already reported is not reported again by a plan rule.
    reported = {(p.file, p.path) for p in problems}
    problems.extend(PlanRules(documents, files, reported).run())
    if strict:
        problems = [dataclasses.replace(p, severity="error") for p in problems]
    return ValidationResult(_sorted_unique(problems), len(files) + len(unread_problems(files)))


def _sorted_unique(problems: Iterable[Problem]) -> tuple[Problem, ...]:
    seen: set[tuple[str, int, int, str]] = set()
    unique = []
    for problem in problems:
        key = (problem.file, problem.line, problem.column, problem.code)
        if key not in seen:
            seen.add(key)
            unique.append(problem)
    order = {"error": 0, "warning": 1}
    return tuple(
        sorted(unique, key=lambda p: (p.file, p.line, p.column, order[p.severity], p.code))
    )
