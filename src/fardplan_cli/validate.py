"""Schema and semantic rules -> problems (DESIGN §2).

``validate_files`` checks a whole plan set and returns every problem, not just the first. It works
in layers, each one only on what the layer before found sound, so that one broken node is reported
once and not again by every rule that trips over it:

1. ``load.parse_documents``: the C safe loader with positions. A file that cannot be read as a plan
   document (syntax, anchors/aliases/merge keys, directives, duplicate keys, tags, not UTF-8, too
   large) gives exactly one problem and takes no further part.
2. The file's top level must be a mapping (``empty-file``, ``not-a-mapping``).
3. Each file against its JSON Schema, with one cached ``Draft202012Validator`` per schema text.
   Errors are turned into specific messages (an enum names its values, an id read as a number says
   to quote it, an actor id that is not one names the nearest actors) and placed by the positions
   the parser kept, so no round-trip load is needed to find line numbers.
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
import difflib
import functools
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fardplan_cli import grammar
from fardplan_cli.grammar import (
    ACTOR_FIELDS,
    goal_area_of,
    is_core_id,
    is_initiative_id,
    schema_pattern,
)
from fardplan_cli.i18n import t
from fardplan_cli.load import (
    ACTORS_FILE,
    PLANS_DIR,
    REGION_FILE,
    build_plan_set,
    core_id_of,
    describe_value,
    is_core_file,
    parse_documents,
    raw_scalar,
)
from fardplan_cli.model import Problem, Severity
from fardplan_cli.query import normalize
from fardplan_cli.yamlfile import (
    Document,
    PathKey,
    PlanFiles,
    YamlProblemError,
    format_path,
    read_plan_file,
    unread_problems,
)

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

SCHEMAS_DIR = "schemas"
SCHEMA_NAMES: Mapping[str, str] = {
    "region": "region.schema.json",
    "actors": "actors.schema.json",
    "core": "core.schema.json",
}
_NOTE_STATUSES = frozenset({"paused", "dropped"})


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


# -- schemas --------------------------------------------------------------------------------------


def schema_kind(path: str) -> str | None:
    """Which schema a plan file answers to: ``region``, ``actors``, ``core``, or None."""
    if path == REGION_FILE:
        return "region"
    if path == ACTORS_FILE:
        return "actors"
    return "core" if is_core_file(path) else None


def packaged_schema(name: str) -> bytes:
    """The schema as shipped with fardplan (inside the wheel, or the checkout's ``schemas/``)."""
    from fardplan_cli.resources import schema_bytes

    return schema_bytes(name)


def read_repository_schemas(root: Path) -> dict[str, bytes]:
    """The schemas a plan repository holds in ``schemas/`` (those it has; none when it has none),
    read as safely as plan files: a link or an unreadable schema is in ``unread`` (see
    ``PlanFiles``), keyed by its file name, and the packaged schema is used in its place."""
    folder = root / SCHEMAS_DIR
    schemas = PlanFiles()
    if folder.is_symlink() or not folder.is_dir():
        return schemas
    for name in SCHEMA_NAMES.values():
        if (folder / name).is_symlink() or (folder / name).is_file():
            try:
                schemas[name] = read_plan_file(root, f"{SCHEMAS_DIR}/{name}")
            except YamlProblemError as exc:
                schemas.unread[name] = exc.problem
    return schemas


SCHEMA_MAX_DEPTH = 100
"""How deeply a repository's schema may nest (the packaged ones nest a dozen levels)."""


class _UnsafeSchemaError(Exception):
    """A repository schema that fardplan will not run; the message says why."""


def _check_repository_schema(schema: Any) -> None:
    """Refuse what could make a schema reach the network or run away: a ``$ref`` to anything but
    a part of itself, ``patternProperties`` (its patterns would run on Python's backtracking
    engine), a ``pattern`` the non-backtracking engine cannot compile, nesting past
    ``SCHEMA_MAX_DEPTH``. Walks without recursion, so any depth is answered."""
    stack: list[tuple[Any, int]] = [(schema, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > SCHEMA_MAX_DEPTH:
            raise _UnsafeSchemaError(t("it nests more than {depth} levels deep", depth=SCHEMA_MAX_DEPTH))
        if isinstance(node, list):
            stack.extend((item, depth + 1) for item in node)
            continue
        if not isinstance(node, dict):
            continue
        for key in ("$ref", "$dynamicRef", "$recursiveRef"):
            ref = node.get(key)
            if isinstance(ref, str) and not ref.startswith("#"):
                raise _UnsafeSchemaError(t(
                    "it refers to {ref}, outside itself; fardplan never fetches a schema", ref=ref))
        if "patternProperties" in node:
            raise _UnsafeSchemaError(t("it uses patternProperties, which fardplan does not run"))
        pattern = node.get("pattern")
        if isinstance(pattern, str) and _pattern_check(pattern) is None:
            raise _UnsafeSchemaError(t(
                "its pattern {pattern!r} cannot be run on a regex engine that cannot backtrack",
                pattern=pattern))
        stack.extend((value, depth + 1) for value in node.values())


@functools.cache
def _pattern_check(pattern: str) -> Any:
    """A compiled check of one ``pattern`` on the Rust regex engine of ``jsonschema_rs``, which
    runs in time linear in the text (patterns with look-around or back-references run on its
    backtracking engine, which gives up after a million steps); None when it cannot be compiled."""
    try:
        import jsonschema_rs
    except ImportError:
        return None
    try:
        return jsonschema_rs.Draft202012Validator({"pattern": pattern})
    except Exception:
        return None


def _pattern_keyword(validator: Any, pattern: str, instance: Any, schema: Any) -> Iterator[Any]:
    """JSON Schema's ``pattern`` for jsonschema, run on the non-backtracking engine when it is
    there (Python's engine takes exponential time on a pattern such as ``^(a+)+$``)."""
    from jsonschema.exceptions import ValidationError

    if not isinstance(instance, str):
        return
    check = _pattern_check(pattern)
    matches = check.is_valid(instance) if check is not None else re.search(pattern, instance)
    if not matches:
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


@functools.cache
def _validator(schema_text: bytes) -> Draft202012Validator:
    """One validator per schema text: building it checks the schema, which is too slow per file."""
    from jsonschema import Draft202012Validator
    from jsonschema.validators import extend

    try:
        schema = json.loads(schema_text)
    except RecursionError:
        raise _UnsafeSchemaError(t("it nests too deeply")) from None
    _check_repository_schema(schema)
    Draft202012Validator.check_schema(schema)
    with_safe_patterns = extend(  # type: ignore[no-untyped-call]
        Draft202012Validator, {"pattern": _pattern_keyword})
    validator: Draft202012Validator = with_safe_patterns(schema)
    return validator


@dataclass(frozen=True)
class _Schema:
    """One schema's checks: a compiled pre-check (``jsonschema_rs``, or None when the schema uses
    something it might judge differently) that says a document is valid, and jsonschema, which
    says what is wrong with one that is not (and is the only judge when there is no pre-check)."""

    text: bytes
    fast: Any

    def python(self) -> Draft202012Validator:
        return _validator(self.text)

    def is_valid(self, data: Any) -> bool | None:
        """True when the pre-check passes ``data``; None when only jsonschema can tell."""
        if self.fast is None:
            return None
        try:
            return True if self.fast.is_valid(data) else None
        except Exception:  # data it cannot take (a number too large, a lone surrogate): ask jsonschema
            return None


# The pre-check is used only for a schema whose keywords jsonschema_rs and jsonschema judge alike
# (both pass the JSON-Schema-Test-Suite): type, properties, additionalProperties, required, items,
# $ref, $defs, enum, const, pattern, the length, size and range limits, uniqueItems and the
# annotations. These standard keywords are left out (``format``, say, is checked by one and not the
# other); a key that is no keyword at all is ignored by both.
_OTHER_KEYWORDS = frozenset({
    "$anchor", "$dynamicRef", "$dynamicAnchor", "$recursiveRef", "$recursiveAnchor",
    "$vocabulary", "allOf", "anyOf", "oneOf", "not", "if", "then", "else", "dependentSchemas",
    "dependentRequired", "dependencies", "prefixItems", "additionalItems", "contains",
    "minContains", "maxContains", "patternProperties", "propertyNames", "unevaluatedItems",
    "unevaluatedProperties", "multipleOf", "format", "contentEncoding", "contentMediaType",
    "contentSchema",
})
_DRAFT_2020_12 = frozenset({
    "https://json-schema.org/draft/2020-12/schema", "https://json-schema.org/draft/2020-12/schema#",
})
# Literal characters, classes, anchors, groups and quantifiers; an escape only of a punctuation
# character (``\d``, ``\w``, ``\s`` and ``\b`` differ between the two engines), no ``(?`` flags.
_PLAIN_PATTERN = r"(?:[^\\]|\\[.\-/\\^$\[\](){}*+?|])*"


def _fast_safe(schema: Any, top: bool = True) -> bool:
    """Whether every part of ``schema`` is something the pre-check judges as jsonschema does."""
    import re

    if isinstance(schema, bool):
        return True
    if not isinstance(schema, dict):
        return False
    for key, value in schema.items():
        if key in _OTHER_KEYWORDS:
            return False
        if key == "$schema" and not (top and value in _DRAFT_2020_12):
            return False  # another dialect: jsonschema_rs would follow it, jsonschema does not
        if key in ("properties", "$defs", "definitions"):
            if not isinstance(value, dict) or not all(_fast_safe(v, False) for v in value.values()):
                return False
        elif key in ("items", "additionalProperties"):
            if not _fast_safe(value, False):
                return False
        elif key == "$ref":
            if not isinstance(value, str) or not value.startswith("#"):
                return False
        elif key == "pattern" and not (
            isinstance(value, str) and "(?" not in value and re.fullmatch(_PLAIN_PATTERN, value)
        ):
            return False
    return True


@functools.cache
def _fast_validator(schema_text: bytes) -> Any:
    """The compiled pre-check of a sound schema, or None (see ``_fast_safe``)."""
    schema = json.loads(schema_text)
    if not _fast_safe(schema):
        return None
    try:
        import jsonschema_rs
    except ImportError:  # a platform without its wheel: jsonschema alone, as slow as before
        return None
    try:
        return jsonschema_rs.Draft202012Validator(schema, validate_formats=False)
    except Exception:
        return None


def _validators(schemas: Mapping[str, bytes] | None, problems: list[Problem]) -> dict[str, _Schema]:
    """A schema per kind: the repository's schema when it is sound, else the packaged one.

    A repository schema that is byte for byte the packaged one is not checked again (a test checks
    the packaged schemas), so that a valid plan set never needs jsonschema at all."""
    validators = {}
    for problem in unread_problems(schemas or {}).values():
        problems.append(dataclasses.replace(problem, message=problem.message + "; " + t(
            "using the schema packaged with fardplan")))
    for kind, name in SCHEMA_NAMES.items():
        text = (schemas or {}).get(name)
        packaged = packaged_schema(name)
        if text is not None and text != packaged:
            from jsonschema.exceptions import SchemaError

            where = f"{SCHEMAS_DIR}/{name}"
            try:
                _validator(text)
                validators[kind] = _Schema(text, _fast_validator(text))
                continue
            except json.JSONDecodeError as exc:
                problems.append(Problem(where, exc.lineno, exc.colno, "error", "bad-schema", t(
                    "the schema is not valid JSON ({error}); using the schema packaged with "
                    "fardplan", error=exc.msg)))
            except SchemaError as exc:
                problems.append(Problem(where, 1, 1, "error", "bad-schema", t(
                    "the schema is not a valid JSON Schema ({error}); using the schema packaged "
                    "with fardplan", error=exc.message)))
            except (_UnsafeSchemaError, RecursionError) as exc:
                reason = str(exc) if isinstance(exc, _UnsafeSchemaError) else t("it nests too deeply")
                problems.append(Problem(where, 1, 1, "error", "unsafe-schema", t(
                    "the schema is not run: {reason}; using the schema packaged with fardplan",
                    reason=reason)))
        validators[kind] = _Schema(packaged, _fast_validator(packaged))
    return validators


# -- the entry point ------------------------------------------------------------------------------


def validate_files(
    files: Mapping[str, bytes],
    *,
    strict: bool = False,
    schemas: Mapping[str, bytes] | None = None,
    ignored: Iterable[str] = (),
) -> ValidationResult:
    """Check a plan set: ``files`` maps repository-relative posix paths to their bytes.

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
    validators = _validators(schemas, problems)
    # Positions are worked out only for a file that has a problem.
    documents, yaml_problems = parse_documents(files, lazy_positions=True)
    problems.extend(yaml_problems)

    actor_pairs = _lenient_actor_pairs(documents.get(ACTORS_FILE))
    valid: dict[str, Document] = {}
    for path, doc in documents.items():
        kind = schema_kind(path)
        if kind is None:
            continue
        if doc.data is None:
            problems.append(_at(doc, (), "empty-file", t(
                "the file is empty; it should start with schema_version: 1")))
            continue
        if not isinstance(doc.data, dict):
            problems.append(_at(doc, (), "not-a-mapping", t(
                "the file holds {kind}, but a plan file is a mapping of fields "
                "(schema_version: 1, ...)", kind=describe_value(doc.data))))
            continue
        schema_problems = list(_schema_problems(doc, validators[kind], actor_pairs))
        problems.extend(schema_problems)
        if not schema_problems:
            valid[path] = doc

    _, build_problems = build_plan_set(valid, files, positions=False)
    problems.extend(build_problems)
    # A node the schema already reported is not reported again by a plan rule.
    reported = {(p.file, p.path) for p in problems}
    problems.extend(_Rules(documents, files, reported).run())
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


def _at(
    doc: Document, path: PathKey, code: str, message: str,
    severity: Severity = "error", *, key: bool = False,
) -> Problem:
    pos = doc.position(path, key=key)
    return Problem(pos.file, pos.line, pos.column, severity, code, message, format_path(path))


# -- schema errors -> problems --------------------------------------------------------------------


_EXPECTED = {
    "object": "a mapping",
    "array": "a list",
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "nothing",
}

_PYTHON_TYPES: Mapping[str, tuple[type, ...]] = {
    "object": (dict,), "array": (list,), "string": (str,), "integer": (int,),
    "number": (int, float), "boolean": (bool,), "null": (type(None),),
}


def _has_type(value: Any, expected: Any) -> bool:
    """Whether ``value`` is of the JSON Schema ``type`` (a name or list of names; None: any)."""
    if expected is None:
        return True
    names = [expected] if isinstance(expected, str) else list(expected)
    for name in names:
        if isinstance(value, bool) and name in ("integer", "number"):
            continue
        if name == "integer" and isinstance(value, float) and value.is_integer():
            return True  # JSON Schema: 5.0 is an integer
        if isinstance(value, _PYTHON_TYPES.get(name, (object,))):
            return True
    return False


# What a value that fails a pattern should have been, and the code for it.
_PATTERNS: Mapping[str, tuple[str, str]] = {
    schema_pattern(grammar.INITIATIVE_ID): (
        "bad-id", 'an initiative id (AREA.NUMBER as text, e.g. "1.3")'),
    schema_pattern(grammar.CYCLE_ID): ("bad-format", "a cycle id (YYYY-YYYY, e.g. 2027-2030)"),
    schema_pattern(grammar.CORE_ID): (
        "bad-format", "a core id (2–41 lower-case letters, digits and hyphens, e.g. sodertalje)"),
    schema_pattern(grammar.INDICATOR_ID): (
        "bad-format", "an indicator id (lower-case letters, digits, _ and -, e.g. residents)"),
    schema_pattern(grammar.ACTOR_ID): (
        "bad-format", "an actor id (lower-case letters, digits and hyphens)"),
}


UNKNOWN_FIELDS_SHOWN = 10
"""How many unknown fields of one mapping get a problem each; the rest get one together."""


def _field_name(path: PathKey) -> str:
    """The nearest mapping key of a path: ``participants`` for ``initiatives[0].participants[2]``.
    """
    return next((part for part in reversed(path) if isinstance(part, str)), "")


def _schema_problems(
    doc: Document, schema: _Schema, actor_pairs: list[tuple[str, str]]
) -> Iterator[Problem]:
    if schema.is_valid(doc.data):
        return
    for error in schema.python().iter_errors(doc.data):
        yield from _problems_for(doc, error, actor_pairs)


def _problems_for(
    doc: Document, error: ValidationError, actor_pairs: list[tuple[str, str]]
) -> Iterator[Problem]:
    path: PathKey = tuple(error.absolute_path)
    # jsonschema types these as "maybe unset"; on an error from iter_errors they are always set.
    keyword: Any = error.validator
    instance: Any = error.instance
    expected: Any = error.validator_value
    schema: Any = error.schema
    field = _field_name(path)
    shown = format_path(path) or field

    if keyword == "required" and isinstance(instance, dict):
        for name in expected:
            if name not in instance:
                problem = _at(doc, path, "missing-field", t(
                    "the required field {field} is missing", field=format_path((*path, name))))
                yield dataclasses.replace(problem, path=format_path((*path, name)))
        return
    if keyword == "additionalProperties" and isinstance(instance, dict):
        allowed = list(schema.get("properties", {}))
        unknown = [name for name in instance if name not in allowed]
        for name in unknown[:UNKNOWN_FIELDS_SHOWN]:
            near = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
            hint = (t("did you mean {options}?", options=near[0]) if near
                    else t("allowed: {options}", options=", ".join(allowed)))
            yield _at(doc, (*path, name), "unknown-field",
                      t("unknown field {name!r}", name=name) + "; " + hint, key=True)
        if len(unknown) > UNKNOWN_FIELDS_SHOWN:
            # A mapping of thousands of unknown fields is no typo: one problem says the rest.
            rest = unknown[UNKNOWN_FIELDS_SHOWN:]
            yield _at(doc, (*path, rest[0]), "unknown-field", t(
                "{count:,} more unknown fields from here on ({names}, ...); allowed: {options}",
                count=len(rest), names=", ".join(repr(name) for name in rest[:3]),
                options=", ".join(allowed)), key=True)
        return
    if keyword == "type":
        words = " or ".join(
            t(_EXPECTED.get(e, e)) for e in ([expected] if isinstance(expected, str) else expected))
        if path and path[-1] == "id" and _is_number(instance):
            raw = raw_scalar(doc, path) or str(instance)
            yield _at(doc, path, "id-not-string", t(
                "the id {raw} was read as a number; quote it: id: \"{raw}\" "
                "(unquoted, 1.10 is the number 1.1)", raw=raw))
            return
        hint = ""
        if isinstance(schema.get("enum"), list):  # a status, say: the choices, not quoting
            hint = "; " + t("choose one of {options}",
                            options=", ".join(str(v) for v in schema["enum"]))
        elif "string" in expected and _is_number(instance):
            hint = "; " + t("quote it to make it text")
        yield _at(doc, path, "wrong-type", t(
            "{field} should be {expected}, found {found}", field=shown, expected=words,
            found=describe_value(instance)) + hint)
        return
    if keyword == "enum":
        if not _has_type(instance, schema.get("type")):
            return  # the type error of the same node says what is wrong
        code = "bad-status" if field == "status" else "bad-value"
        options = ", ".join(str(v) for v in expected)
        yield _at(doc, path, code, t("unknown {field} {value!r}; choose one of {options}",
                                     field=field, value=instance, options=options))
        return
    if keyword == "const":
        code = "bad-schema-version" if field == "schema_version" else "bad-value"
        yield _at(doc, path, code, t("{field} must be {expected}, found {found}",
                                     field=shown, expected=expected, found=instance))
        return
    if keyword == "pattern" and isinstance(instance, str):
        if field in ACTOR_FIELDS:
            yield _at(doc, path, "unknown-actor", _unknown_actor_message(instance, actor_pairs))
            return
        code, what = _PATTERNS.get(expected, ("bad-format", ""))
        what = t(what) if what else t("the form {pattern}", pattern=expected)
        yield _at(doc, path, code, t("{value!r} is not {what}", value=instance, what=what))
        return
    if keyword in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        low, high = schema.get("minimum"), schema.get("maximum")
        yield _at(doc, path, "out-of-range", t(
            "{field} is {value}, outside {low}–{high}", field=shown, value=instance,
            low="" if low is None else low, high="" if high is None else high))
        return
    if keyword == "uniqueItems" and isinstance(instance, list):
        for index, item in enumerate(instance):
            if item in instance[:index]:
                yield _at(doc, (*path, index), "duplicate-item", t(
                    "{value!r} is listed twice in {field}", value=item, field=shown))
        return
    if keyword == "minLength":
        yield _at(doc, path, "empty-value", t("{field} must not be empty", field=shown))
        return
    yield _at(doc, path, "schema", t("{field}: {error}", field=shown or "/", error=error.message))


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _lenient_actor_pairs(doc: Document | None) -> list[tuple[str, str]]:
    """(id, name) of every actor that looks like one: "did you mean" even from a broken registry."""
    data = doc.data if doc is not None else None
    if not isinstance(data, dict) or not isinstance(data.get("actors"), list):
        return []
    return [
        (str(item["id"]), str(item.get("name") or item["id"]))
        for item in data["actors"]
        if isinstance(item, dict) and isinstance(item.get("id"), str)
    ]


def _nearest(typed: str, pairs: Iterable[tuple[str, str]]) -> list[str]:
    """The ids nearest to what was typed, matching ids and names without case or diacritics."""
    keys: dict[str, str] = {}
    for ident, name in pairs:
        keys.setdefault(normalize(ident), ident)
        keys.setdefault(normalize(name), ident)
    wanted = normalize(typed)
    exact = [keys[wanted]] if wanted in keys else []
    near = [keys[k] for k in difflib.get_close_matches(wanted, list(keys), n=5, cutoff=0.6)]
    near += [ident for key, ident in keys.items() if len(wanted) > 2 and wanted in key]
    return list(dict.fromkeys(exact + near))[:3]


def _unknown_actor_message(typed: str, pairs: Iterable[tuple[str, str]]) -> str:
    message = t("unknown actor {name!r}", name=typed)
    near = _nearest(typed, pairs)
    if near:
        message += "; " + t("did you mean {options}?", options=", ".join(near))
    else:
        message += "; " + t("add it to plans/actors.yaml")
    return message


# -- semantic rules -------------------------------------------------------------------------------


def _items(data: Any, key: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """(index, mapping) for each mapping in the list ``data[key]``; the schema reports the rest."""
    value = data.get(key) if isinstance(data, dict) else None
    if isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, dict):
                yield index, item


def _strings(data: dict[str, Any], key: str) -> Iterator[tuple[int, str]]:
    value = data.get(key)
    if isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, str):
                yield index, item


def _whole(value: Any) -> int | None:
    if _is_number(value) and float(value).is_integer():
        return int(value)
    return None


def _initiative_id(value: Any) -> str | None:
    return value if isinstance(value, str) and is_initiative_id(value) else None


class _Rules:
    """The rules of DESIGN §2 that a schema cannot express.

    They run on every file whose top level is a mapping and look only at nodes of the right shape,
    so a file with a schema error still gets its other problems reported. A rule that checks a
    reference against a registry runs only when that registry's file could be read.
    """

    def __init__(
        self, documents: Mapping[str, Document], files: Mapping[str, bytes],
        reported: set[tuple[str, str]],
    ) -> None:
        self.reported = reported
        self.documents = {p: d for p, d in documents.items() if isinstance(d.data, dict)}
        self.files = files
        self.problems: list[Problem] = []
        region = self.documents.get(REGION_FILE)
        actors = self.documents.get(ACTORS_FILE)
        self.actor_names: dict[str, str] | None = None
        if actors is not None:
            self.actor_names = dict(_lenient_actor_pairs(actors))
        self.areas: set[int] | None = None
        self.cycles: set[str] | None = None
        self.common_ids: set[str] | None = None
        if region is not None:
            data = region.data
            numbers = (_whole(area.get("number")) for _, area in _items(data, "goal_areas"))
            self.areas = {n for n in numbers if n is not None}
            self.cycles = {
                c["id"] for _, c in _items(data, "cycles") if isinstance(c.get("id"), str)
            }
            self.common_ids = {
                i for _, item in _items(data, "initiatives")
                if (i := _initiative_id(item.get("id"))) is not None
            }

    def add(
        self, doc: Document, path: PathKey, code: str, message: str,
        severity: Severity = "error", *, key: bool = False,
    ) -> None:
        if (doc.file, format_path(path)) not in self.reported:
            self.problems.append(_at(doc, path, code, message, severity, key=key))

    def run(self) -> list[Problem]:
        region = self.documents.get(REGION_FILE)
        if region is not None:
            self.check_region(region)
        actors = self.documents.get(ACTORS_FILE)
        if actors is not None:
            self.check_actors(actors)
        for path in sorted(self.files):
            if schema_kind(path) == "core":
                self.check_core_file_name(path)
                doc = self.documents.get(path)
                if doc is not None:
                    self.check_core(doc)
        return self.problems

    # -- registries -------------------------------------------------------------------------------

    def check_region(self, doc: Document) -> None:
        data = doc.data
        self._duplicates(doc, "goal_areas", "number", "duplicate-area",
                         "goal area {value} is already defined on line {line}")
        self._duplicates(doc, "cycles", "id", "duplicate-cycle",
                         "cycle {value} is already defined on line {line}")
        if isinstance(data.get("owner"), str):
            self.actor_ref(doc, ("owner",), data["owner"])
        self.check_initiatives(doc, core=None)

    def check_actors(self, doc: Document) -> None:
        self._duplicates(doc, "actors", "id", "duplicate-actor",
                         "actor {value} is already defined on line {line}")
        actors = list(_items(doc.data, "actors"))
        parent: dict[str, str | None] = {}
        for _, actor in actors:
            if isinstance(actor.get("id"), str):
                part_of = actor.get("part_of")
                parent.setdefault(actor["id"], part_of if isinstance(part_of, str) else None)
        for index, actor in actors:
            if isinstance(actor.get("part_of"), str):
                self.actor_ref(doc, ("actors", index, "part_of"), actor["part_of"])
        # Each actor is walked once: a walk stops at an actor an earlier walk has seen, so a chain
        # of n actors costs n steps, not n squared.
        walked: dict[str, int] = {}  # actor id -> the number of the walk that reached it
        first_index: dict[str, int] = {}
        for index, actor in actors:
            if isinstance(actor.get("id"), str):
                first_index.setdefault(actor["id"], index)
        for walk, (_, actor) in enumerate(actors):
            start = actor.get("id")
            if not isinstance(start, str) or start in walked:
                continue
            chain: list[str] = []
            current: str | None = start
            while current is not None and current in parent and current not in walked:
                walked[current] = walk
                chain.append(current)
                current = parent[current]
            if current is not None and walked.get(current) == walk:  # this walk came round
                loop = chain[chain.index(current):]
                head = min(range(len(loop)), key=lambda i: first_index[loop[i]])
                loop = loop[head:] + loop[:head]  # told from the loop's first actor in the file
                self.add(doc, ("actors", first_index[loop[0]], "part_of"), "part-of-loop", t(
                    "part_of goes round in a loop: {chain}", chain=" -> ".join([*loop, loop[0]])))

    def _duplicates(self, doc: Document, list_key: str, key: str, code: str, template: str) -> None:
        first: dict[Any, PathKey] = {}
        for index, item in _items(doc.data, list_key):
            value = item.get(key)
            if not isinstance(value, str | int) or isinstance(value, bool):
                continue
            path: PathKey = (list_key, index, key)
            if value in first:
                line = doc.position(first[value]).line
                self.add(doc, path, code, t(template, value=value, line=line))
            else:
                first[value] = path

    # -- cores ------------------------------------------------------------------------------------

    def check_core_file_name(self, path: str) -> None:
        stem = core_id_of(path)
        if "/" in path.removeprefix(f"{PLANS_DIR}/") or not is_core_id(stem):
            self.problems.append(Problem(path, 1, 1, "error", "bad-file-name", t(
                "{name!r} is not a core file name: a core file is plans/<core-id>.yaml with 2–41 "
                "lower-case letters, digits and hyphens", name=path)))

    def check_core(self, doc: Document) -> None:
        data = doc.data
        stem = core_id_of(doc.file)
        core_id = data.get("id")
        # A file name that is no core id is reported alone: "set id: Haninge_2" would not help.
        if isinstance(core_id, str) and core_id != stem and is_core_id(stem):
            self.add(doc, ("id",), "core-id-mismatch", t(
                "the core's id {id!r} differs from its file name {file!r}; rename the file to "
                "plans/{id}.yaml or set id: {stem}", id=core_id, file=doc.file, stem=stem))
        for index, municipality in _strings(data, "municipalities"):
            self.actor_ref(doc, ("municipalities", index), municipality)
        first: dict[int, PathKey] = {}
        for index, direction in _items(data, "directions"):
            area = _whole(direction.get("area"))
            if area is None:
                continue
            path: PathKey = ("directions", index, "area")
            if area in first:
                self.add(doc, path, "duplicate-direction", t(
                    "goal area {area} already has a direction on line {line}; at most one per area",
                    area=area, line=doc.position(first[area]).line))
            else:
                first[area] = path
            self.area_ref(doc, path, area)
        self.check_initiatives(doc, core=stem)

    def check_initiatives(self, doc: Document, core: str | None) -> None:
        first: dict[str, PathKey] = {}
        for index, item in _items(doc.data, "initiatives"):
            path: PathKey = ("initiatives", index)
            initiative_id = _initiative_id(item.get("id"))
            if initiative_id is not None:
                self.check_initiative_id(doc, path, initiative_id, core, first)
            lead = item.get("lead") if isinstance(item.get("lead"), str) else None
            participants = list(_strings(item, "participants"))
            if lead is not None:
                self.actor_ref(doc, (*path, "lead"), lead)
            for pindex, participant in participants:
                self.actor_ref(doc, (*path, "participants", pindex), participant)
                if participant == lead:
                    self.add(doc, (*path, "participants", pindex), "lead-also-participant", t(
                        "{actor} leads the initiative and is also listed as a participant; "
                        "remove it from participants", actor=lead), "warning")
            for cindex, cycle in _strings(item, "priority"):
                if self.cycles is not None and cycle not in self.cycles:
                    near = difflib.get_close_matches(cycle, sorted(self.cycles), n=2, cutoff=0.5)
                    self.add(doc, (*path, "priority", cindex), "unknown-cycle", t(
                        "unknown cycle {name!r}; the cycles are {options}", name=cycle,
                        options=", ".join(near or sorted(self.cycles)) or "-"))
            shown = initiative_id or raw_scalar(doc, (*path, "id")) or "?"
            if "lead" not in item and "participants" not in item:
                self.add(doc, path, "no-responsible", t(
                    "initiative {id} has no lead and no participants; name who is responsible",
                    id=shown), "warning")
            status = item.get("status")
            note = item.get("status_note")
            if isinstance(status, str) and status in _NOTE_STATUSES and not (
                isinstance(note, str) and note.strip()
            ):
                self.add(doc, (*path, "status"), "missing-status-note", t(
                    "initiative {id} is {status} without a status_note saying why",
                    id=shown, status=status), "warning")

    def check_initiative_id(
        self, doc: Document, path: PathKey, initiative_id: str, core: str | None,
        first: dict[str, PathKey],
    ) -> None:
        """``first`` holds where each id was first seen; its line is looked up for a duplicate."""
        id_path: PathKey = (*path, "id")
        if initiative_id in first:
            self.add(doc, id_path, "duplicate-id", t(
                "initiative {id} is already defined on line {line}",
                id=initiative_id, line=doc.position(first[initiative_id]).line))
        else:
            first[initiative_id] = id_path
            if core is not None and initiative_id in (self.common_ids or set()):
                self.add(doc, id_path, "common-id-reused", t(
                    "{id} is a common initiative's id (plans/region.yaml); a core-specific "
                    "initiative needs an id of its own", id=initiative_id))
        self.area_ref(doc, id_path, goal_area_of(initiative_id), initiative_id)

    # -- references -------------------------------------------------------------------------------

    def actor_ref(self, doc: Document, path: PathKey, actor_id: str) -> None:
        if self.actor_names is not None and actor_id not in self.actor_names:
            pairs = list(self.actor_names.items())
            self.add(doc, path, "unknown-actor", _unknown_actor_message(actor_id, pairs))

    def area_ref(
        self, doc: Document, path: PathKey, area: int, initiative_id: str | None = None
    ) -> None:
        if self.areas is None or area in self.areas:
            return
        defined = ", ".join(str(a) for a in sorted(self.areas)) or "-"
        if initiative_id is not None:
            message = t("initiative {id} belongs to goal area {area}, which plans/region.yaml does "
                        "not define (defined: {defined})",
                        id=initiative_id, area=area, defined=defined)
        else:
            message = t("goal area {area} is not defined in plans/region.yaml (defined: {defined})",
                        area=area, defined=defined)
        self.add(doc, path, "unknown-area", message)
