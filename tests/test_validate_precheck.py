"""validate's fast paths give exactly what the full computation gives.

- the compiled pre-check (jsonschema_rs) only ever says "valid" where jsonschema finds nothing;
- ``parse_document(lazy_positions=True)`` gives the same data, positions and problems;
- ``validate_files`` gives the same problems as with every fast path turned off, on the corpus of
  invalid plan sets, on generated plans and on randomly broken ones.
"""

from __future__ import annotations

import copy
import functools
import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fardplan_cli import load, schema_check
from fardplan_cli import validate as validate_module
from fardplan_cli.repository import PlanRepository
from fardplan_cli.schema_check import _fast_safe, _fast_validator, _validator
from fardplan_cli.validate import (
    SCHEMA_NAMES,
    ValidationResult,
    packaged_schema,
    read_repository_schemas,
    validate_files,
)
from fardplan_cli.yamlfile import YamlProblemError, parse_document
from tests.support import PROJECT_ROOT, SHIPPED_PLANS
from tests.test_validate_cases import CASE_NAMES, CASES, overlay
from tests.test_yamlfile import _documents


def _slow_validate(
    files: Mapping[str, bytes], *, strict: bool = False, schemas: Mapping[str, bytes] | None = None
) -> ValidationResult:
    """validate_files with every fast path off: jsonschema for every file, positions parsed
    up front, the model built with positions."""
    patch = pytest.MonkeyPatch()
    try:
        patch.setattr(schema_check.Schema, "is_valid", lambda self, data: None)
        patch.setattr(validate_module, "parse_documents",
                      lambda files, lazy_positions=False: load.parse_documents(files))
        patch.setattr(validate_module, "build_plan_set",
                      lambda documents, files, positions=True: load.build_plan_set(documents, files))
        return validate_files(files, strict=strict, schemas=schemas)
    finally:
        patch.undo()


def _assert_same_result(files: Mapping[str, bytes], **kwargs: Any) -> ValidationResult:
    fast = validate_files(files, **kwargs)
    assert fast == _slow_validate(files, **kwargs)
    return fast


# -- the pre-check ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(SCHEMA_NAMES.values()))
def test_packaged_schemas_are_sound_and_get_the_pre_check(name: str) -> None:
    text = packaged_schema(name)
    _validator(text)  # jsonschema's check_schema: validate trusts the packaged schemas
    assert _fast_safe(json.loads(text))
    assert _fast_validator(text) is not None


@pytest.mark.parametrize(
    "schema",
    [
        {"type": "string", "format": "date"},
        {"type": "string", "pattern": "^\\d+$"},
        {"type": "string", "pattern": "(?i)^abc$"},
        {"anyOf": [{"type": "string"}, {"type": "integer"}]},
        {"properties": {"a": {"$ref": "https://example.org/other.json"}}},
        {"items": [{"type": "string"}]},
        {"$defs": {"x": {"multipleOf": 0.1}}},
        {"properties": {"a": {"unevaluatedProperties": False}}},
        ["not", "a", "schema"],
        {"$schema": "http://json-schema.org/draft-07/schema#", "type": "object"},
        {"properties": {"a": {"$schema": "https://json-schema.org/draft/2020-12/schema"}}},
    ],
)
def test_no_pre_check_for_what_the_two_might_judge_differently(schema: Any) -> None:
    assert not _fast_safe(schema)
    assert _fast_validator(json.dumps(schema).encode()) is None


def test_the_pre_check_passes_nothing_jsonschema_rejects_on_the_shipped_plans() -> None:
    for path in sorted(SHIPPED_PLANS.glob("*.yaml")):
        kind = schema_check.schema_kind(f"plans/{path.name}")
        assert kind is not None
        text = packaged_schema(SCHEMA_NAMES[kind])
        data = parse_document(path.name, path.read_bytes()).data
        assert _fast_validator(text).is_valid(data)
        assert not list(_validator(text).iter_errors(data))


def _core_document() -> dict[str, Any]:
    path = next(p for p in sorted(SHIPPED_PLANS.glob("*.yaml")) if load.is_core_file(f"plans/{p.name}"))
    data: dict[str, Any] = parse_document(path.name, path.read_bytes()).data
    return data


def _places(data: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _places(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _places(value, (*path, index))


_CORE = _core_document()
_PLACES = list(_places(_CORE))[1:]
_values: st.SearchStrategy[Any] = st.one_of(
    _documents,
    st.sampled_from([1, 1.0, True, 0, 10, 10**30, -1, "", "1.3", "1.3\n", "x\n", "sodertalje",
                     "Sodertalje", "1.10", "planned", "done", "2027-2030", [], {}, ["a", "a"],
                     [1, 1.0], None, float("inf")]),
)


@pytest.mark.slow  # a generated-example sweep: .ci/run runs it
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(changes=st.lists(st.tuples(st.sampled_from(_PLACES), _values, st.booleans()), max_size=3))
def test_the_pre_check_never_passes_what_jsonschema_rejects(
    changes: list[tuple[tuple[Any, ...], Any, bool]],
) -> None:
    data = copy.deepcopy(_CORE)
    for place, value, delete in changes:
        parent: Any = data
        try:
            for part in place[:-1]:
                parent = parent[part]
            if delete and isinstance(parent, dict):
                parent.pop(place[-1], None)
            else:
                parent[place[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue
    text = packaged_schema("core.schema.json")
    schema = schema_check.Schema(text, _fast_validator(text))
    if schema.is_valid(data):
        assert not list(_validator(text).iter_errors(data))


# -- lazy positions ---------------------------------------------------------------------------------


def _assert_lazy_same(file: str, data: bytes) -> None:
    try:
        eager = parse_document(file, data)
    except YamlProblemError as exc:
        with pytest.raises(YamlProblemError) as caught:
            parse_document(file, data, lazy_positions=True)
        assert caught.value.problem == exc.problem
        return
    lazy = parse_document(file, data, lazy_positions=True)
    assert lazy.data == eager.data
    assert dict(lazy.positions) == dict(eager.positions)
    assert dict(lazy.key_positions) == dict(eager.key_positions)
    assert lazy == eager
    for path in eager.positions:
        assert lazy.position(path) == eager.position(path)
        assert lazy.position(path, key=True) == eager.position(path, key=True)


def _case_files() -> Iterator[tuple[str, bytes]]:
    for path in sorted(CASES.glob("*/plans/*")):
        yield f"plans/{path.name}", path.read_bytes()


@pytest.mark.parametrize(("file", "data"), [
    *((f"plans/{p.name}", p.read_bytes()) for p in sorted(SHIPPED_PLANS.glob("*.yaml"))),
    *_case_files(),
    ("f.yaml", b""),
    ("f.yaml", b"a: 1\na: 2\n"),
    ("f.yaml", b"a: &x 1\nb: *x\n"),
    ("f.yaml", b"<<: {a: 1}\n"),
    ("f.yaml", b"a: !!binary aGk=\n"),
    ("f.yaml", b"? [a, b]\n: c\n"),
    ("f.yaml", b"1: one\n1.5: x\ntrue: y\n~: z\n"),
    ("f.yaml", b"a: !!str 1\nb: ! 2\n"),
    ("f.yaml", b"a: [1, 2\n"),
    ("f.yaml", b"--- a\n--- b\n"),
    ("f.yaml", b"[" * 3000),
])
def test_lazy_positions_are_the_same(file: str, data: bytes) -> None:
    _assert_lazy_same(file, data)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=_documents, flow=st.sampled_from([None, True, False]))
def test_any_document_parses_the_same_with_lazy_positions(document: Any, flow: bool | None) -> None:
    import io

    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = flow
    stream = io.StringIO()
    yaml.dump(document, stream)
    _assert_lazy_same("f.yaml", stream.getvalue().encode("utf-8"))


# -- validate as a whole ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", CASE_NAMES)
def test_corpus_gives_the_same_problems_as_the_full_computation(name: str, plan_dir: Path) -> None:
    expected = overlay(CASES / name, plan_dir)
    files = PlanRepository(plan_dir).read_plan_files()
    _assert_same_result(files, strict=bool(expected.get("strict")),
                        schemas=read_repository_schemas(plan_dir))


@functools.cache
def _generated() -> dict[str, bytes]:
    sys.path.insert(0, str(PROJECT_ROOT / "benchmarks"))
    import generate

    folder = Path(tempfile.mkdtemp())
    try:
        made = generate.generate(folder / "repo", cores=4, initiatives=10, commits=5, seed=11)
        return {f"plans/{p.name}": p.read_bytes() for p in sorted((made.root / "plans").glob("*.yaml"))}
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_generated_plans_give_the_same_result() -> None:
    files = _generated()
    result = _assert_same_result(files)
    assert result.ok


_EDITS = [
    (b'status: planned', b'status: plannned'),
    (b'status: ', b'status: [x]\n    note: '),
    (b'id: "1.', b'id: 1.'),
    (b'  - id: "', b'  - id: "9'),
    (b'schema_version: 2', b'schema_version: 3'),
    (b'lead: ', b'lead: nobody-'),
    (b'lead: ', b'lead: &a '),
    (b'area: 1', b'area: 1.0'),
    (b'area: 2', b'area: 1'),
    (b'title: ', b'titel: '),
    (b'\n', b'\n\t', ),
    (b'participants: [', b'participants: [kommun-001, kommun-001, '),
    (b'name: ', b'name: !!binary '),
]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(picks=st.lists(st.tuples(st.integers(0, 10**6), st.sampled_from(_EDITS), st.integers(1, 3)),
                      min_size=1, max_size=4),
       strict=st.booleans())
@pytest.mark.slow  # a generated-example sweep: .ci/run runs it
def test_broken_generated_plans_give_the_same_result(
    picks: list[tuple[int, tuple[bytes, bytes], int]], strict: bool,
) -> None:
    broken = dict(_generated())
    names = sorted(broken)
    for which, (old, new), count in picks:
        name = names[which % len(names)]
        broken[name] = broken[name].replace(old, new, count)
    _assert_same_result(broken, strict=strict)


@pytest.mark.parametrize(("old", "new"), _EDITS)
def test_each_edit_in_each_file_gives_the_same_result(old: bytes, new: bytes) -> None:
    for name in sorted(_generated()):
        broken = dict(_generated())
        broken[name] = broken[name].replace(old, new, 2)
        _assert_same_result(broken)


def test_a_valid_plan_set_needs_no_jsonschema(plan_dir: Path) -> None:
    # plan_dir holds the shipped schemas, which are the packaged ones: no schema needs re-checking.
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from fardplan_cli.repository import PlanRepository\n"
        "from fardplan_cli.validate import read_repository_schemas, validate_files\n"
        f"root = Path({str(plan_dir)!r})\n"
        "result = validate_files(PlanRepository(root).read_plan_files(),"
        " schemas=read_repository_schemas(root))\n"
        "print(result.ok, 'jsonschema' in sys.modules)\n"
    )
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert output.stdout.split() == ["True", "False"]
