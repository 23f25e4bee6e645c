"""The plan files against their JSON Schemas -> problems.

Which schema a file answers to, the packaged schemas and a repository's own (read safely, and run
only in a way that cannot hang, fetch or overflow), one cached validator per schema text with a
compiled pre-check, and jsonschema's errors turned into specific problems placed by the positions
the parser kept.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fardplan_cli import grammar
from fardplan_cli.grammar import (
    ACTOR_FIELDS,
    schema_pattern,
)
from fardplan_cli.i18n import STATUSES, status_label, t
from fardplan_cli.load import (
    ACTORS_FILE,
    REGION_FILE,
    is_core_file,
)
from fardplan_cli.load_fields import describe_value, raw_scalar
from fardplan_cli.model import Problem
from fardplan_cli.plan_rules import at, is_number, unknown_actor_message
from fardplan_cli.query import normalize
from fardplan_cli.rule_nodes import bad_id_message
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
    if folder.is_symlink():  # said, not silently passed over: a pull request could swap it in
        schemas.unread[SCHEMAS_DIR] = Problem(SCHEMAS_DIR, 1, 1, "error", "symbolic-link", t(
            "{file} is a symbolic link; fardplan reads only regular files inside the "
            "repository: replace the link by the file itself", file=SCHEMAS_DIR))
        return schemas
    if not folder.is_dir():
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
class Schema:
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


def schema_validators(schemas: Mapping[str, bytes] | None, problems: list[Problem]) -> dict[str, Schema]:
    """A schema per kind: the repository's schema when it is sound, else the packaged one.

    A repository schema that is byte for byte the packaged one is not checked again (a test checks
    the packaged schemas), so that a valid plan set never needs jsonschema at all."""
    validators = {}
    for problem in unread_problems(schemas if schemas is not None else {}).values():
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
                validators[kind] = Schema(text, _fast_validator(text))
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
        validators[kind] = Schema(packaged, _fast_validator(packaged))
    return validators


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
    schema_pattern(grammar.INITIATIVE_ID): ("bad-id", "an initiative id"),
    schema_pattern(grammar.CYCLE_ID): ("bad-format", "a cycle id (YYYY-YYYY, e.g. 2027-2030)"),
    schema_pattern(grammar.CORE_ID): (
        "bad-format", "a core id (2–41 lower-case letters, digits and hyphens, e.g. sodertalje)"),
    schema_pattern(grammar.INDICATOR_ID): (
        "bad-format", "an indicator id (lower-case letters, digits, _ and -, e.g. residents)"),
    schema_pattern(grammar.ACTOR_ID): (
        "bad-format", "an actor id (lower-case letters, digits and hyphens)"),
    schema_pattern(grammar.ACTIVITY_ID): (
        "bad-id", 'an activity id (INITIATIVE.NUMBER as text, e.g. "1.3.1")'),
    schema_pattern(grammar.SECTION_ID): (
        "bad-format", "a section id (lower-case letters, digits and hyphens, e.g. avgransning)"),
    schema_pattern(grammar.ISO_DATE): ("invalid-date", "a date (YYYY-MM-DD, e.g. 2027-03-14)"),
}


_ID_PARTS: Mapping[str, int] = {
    schema_pattern(grammar.INITIATIVE_ID): 2,
    schema_pattern(grammar.ACTIVITY_ID): 3,
}
"""How many numbers an id of each pattern has (``bad_id_message`` says it from them)."""


# What people write for a status: the Swedish labels and the usual slips, by their normalised
# spelling (no case, no diacritics). The English values themselves and their labels come from
# i18n; a spelling near one of these is found by difflib.
_STATUS_SPELLINGS: Mapping[str, str] = {
    "planerad": "planned", "planerat": "planned", "planerade": "planned", "plan": "planned",
    "planned": "planned", "planed": "planned", "not-started": "planned", "ej-paborjad": "planned",
    "pagaende": "ongoing", "pagar": "ongoing", "paborjad": "ongoing", "startad": "ongoing",
    "in-progress": "ongoing", "started": "ongoing", "active": "ongoing", "aktiv": "ongoing",
    "on-going": "ongoing", "genomford": "done", "genomfort": "done", "klar": "done",
    "klart": "done", "fardig": "done", "avslutad": "done", "slutford": "done",
    "complete": "done", "completed": "done", "finished": "done", "pausad": "paused",
    "pausat": "paused", "paus": "paused", "vilande": "paused", "on-hold": "paused",
    "pause": "paused", "utgar": "dropped", "utgatt": "dropped", "struken": "dropped",
    "installd": "dropped", "avbruten": "dropped", "cancelled": "dropped", "canceled": "dropped",
    "drop": "dropped", "droped": "dropped",
}


def status_meant(typed: str) -> str | None:
    """The status value ``typed`` most likely means (``pågående`` -> ``ongoing``), or None."""
    spellings = dict(_STATUS_SPELLINGS)
    for status in STATUSES:
        spellings[status] = status
        spellings[normalize(status_label(status, "sv"))] = status
    wanted = normalize(typed)
    if wanted in spellings:
        return spellings[wanted]
    near = difflib.get_close_matches(wanted, list(spellings), n=1, cutoff=0.75)
    return spellings[near[0]] if near else None


UNKNOWN_FIELDS_SHOWN = 10
"""How many unknown fields of one mapping get a problem each; the rest get one together."""


def _field_name(path: PathKey) -> str:
    """The nearest mapping key of a path: ``participants`` for ``initiatives[0].participants[2]``.
    """
    return next((part for part in reversed(path) if isinstance(part, str)), "")


def schema_problems(
    doc: Document, schema: Schema, actor_pairs: list[tuple[str, str]]
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
                problem = at(doc, path, "missing-field", t(
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
            yield at(doc, (*path, name), "unknown-field",
                      t("unknown field {name!r}", name=name) + "; " + hint, key=True)
        if len(unknown) > UNKNOWN_FIELDS_SHOWN:
            # A mapping of thousands of unknown fields is no typo: one problem says the rest.
            rest = unknown[UNKNOWN_FIELDS_SHOWN:]
            yield at(doc, (*path, rest[0]), "unknown-field", t(
                "{count:,} more unknown fields from here on ({names}, ...); allowed: {options}",
                count=len(rest), names=", ".join(repr(name) for name in rest[:3]),
                options=", ".join(allowed)), key=True)
        return
    if keyword == "type":
        words = " or ".join(
            t(_EXPECTED.get(e, e)) for e in ([expected] if isinstance(expected, str) else expected))
        if path and path[-1] == "id" and is_number(instance):
            raw = raw_scalar(doc, path) or str(instance)
            yield at(doc, path, "id-not-string", t(
                "the id {raw} was read as a number; quote it: id: \"{raw}\" "
                "(unquoted, {raw} is the number {number})", raw=raw, number=instance))
            return
        hint = ""
        if isinstance(schema.get("enum"), list):  # a status, say: the choices, not quoting
            hint = "; " + t("choose one of {options}",
                            options=", ".join(str(v) for v in schema["enum"]))
        elif "string" in expected and is_number(instance):
            hint = "; " + t("quote it to make it text")
        yield at(doc, path, "wrong-type", t(
            "{field} should be {expected}, found {found}", field=shown, expected=words,
            found=describe_value(instance)) + hint)
        return
    if keyword == "enum":
        if not _has_type(instance, schema.get("type")):
            return  # the type error of the same node says what is wrong
        code = {"status": "bad-status", "placement": "unknown-placement"}.get(field, "bad-value")
        options = ", ".join(str(v) for v in expected)
        meant = status_meant(instance) if code == "bad-status" else None
        if meant is not None and meant in expected:
            yield at(doc, path, code, t(
                "unknown {field} {value!r}; write {meant} (the values are written in English: "
                "{options})", field=field, value=instance, meant=meant, options=options))
            return
        yield at(doc, path, code, t("unknown {field} {value!r}; choose one of {options}",
                                     field=field, value=instance, options=options))
        return
    if keyword == "const":
        code = "bad-schema-version" if field == "schema_version" else "bad-value"
        yield at(doc, path, code, t("{field} must be {expected}, found {found}",
                                     field=shown, expected=expected, found=instance))
        return
    if keyword == "pattern" and isinstance(instance, str):
        if field in ACTOR_FIELDS:
            yield at(doc, path, "unknown-actor", unknown_actor_message(instance, actor_pairs))
            return
        code, what = _PATTERNS.get(expected, ("bad-format", ""))
        if code == "bad-id":
            yield at(doc, path, code, bad_id_message(instance, _ID_PARTS.get(expected, 2)))
            return
        what = t(what) if what else t("the form {pattern}", pattern=expected)
        yield at(doc, path, code, t("{value!r} is not {what}", value=instance, what=what))
        return
    if keyword in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        low, high = schema.get("minimum"), schema.get("maximum")
        yield at(doc, path, "out-of-range", t(
            "{field} is {value}, outside {low}–{high}", field=shown, value=instance,
            low="" if low is None else low, high="" if high is None else high))
        return
    if keyword == "uniqueItems" and isinstance(instance, list):
        for index, item in enumerate(instance):
            if item in instance[:index]:
                yield at(doc, (*path, index), "duplicate-item", t(
                    "{value!r} is listed twice in {field}", value=item, field=shown))
        return
    if keyword == "minLength":
        yield at(doc, path, "empty-value", t("{field} must not be empty", field=shown))
        return
    yield at(doc, path, "schema", t("{field}: {error}", field=shown or "/", error=error.message))
