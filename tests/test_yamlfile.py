"""The fast paths that the benchmark asked for behave exactly like the slow ones they replace."""

from __future__ import annotations

import math
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from fardplan_cli.yamlfile import Document, PathKey, YamlProblemError, parse_document
from tests.support import PROJECT_ROOT, SHIPPED_PLANS, run_cli

# -- start-up (the lazy group itself: tests/test_cli_startup.py) -----------------------------------


def _main(*args: str, cwd: Path = PROJECT_ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "fardplan_cli", *args], cwd=cwd,
                          capture_output=True, text=True, encoding="utf-8", check=False,
                          env={**os.environ, "COLUMNS": "200", "NO_COLOR": "1"})


def test_the_program_answers_as_the_whole_app_does(plan_dir: Path) -> None:
    listed = _main("--repo", str(plan_dir), "list", "--core", "sodertalje", "--format", "json")
    assert listed.returncode == 0, listed.stderr
    in_process = run_cli("list", "--core", "sodertalje", "--format", "json", repo=plan_dir)
    assert listed.stdout == in_process.stdout
    version = _main("--version")  # printed before any click command is built
    assert (version.returncode, version.stdout.strip()) == (0, "fardplan 0.1.0")
    through_typer = _main("--lang", "en", "--version")
    assert (through_typer.returncode, through_typer.stdout) == (0, version.stdout)
    typo = _main("lst")
    assert typo.returncode == 2
    assert "No such command 'lst'" in typo.stderr and "list" in typo.stderr
    overview = _main("--help")
    for name in ("cores", "list", "show", "actors"):
        assert name in overview.stdout


# -- list --core reads the region, the actors and that core's file only --------------------------


def test_list_core_by_id_reads_only_its_own_files(plan_dir: Path) -> None:
    (plan_dir / "plans" / "haninge.yaml").write_text("id: [broken\n", encoding="utf-8")
    own = run_cli("list", "--core", "sodertalje", "--format", "json", repo=plan_dir)
    assert own.exit_code == 0, own.stderr
    # By name the core is looked up among all of them: every file is read (and one is broken).
    by_name = run_cli("list", "--core", "Södertälje", repo=plan_dir)
    assert by_name.exit_code == 1
    assert "plans/haninge.yaml:2:1: error[yaml-syntax]" in by_name.stderr


def test_list_core_whose_file_holds_another_id_falls_back_to_every_file(plan_dir: Path) -> None:
    plans = plan_dir / "plans"
    shutil.copy(plans / "sodertalje.yaml", plans / "sodertalje-kopia.yaml")
    result = run_cli("list", "--core", "sodertalje-kopia", repo=plan_dir)
    assert result.exit_code == 2  # no core has that id: the file is another's (validate says so)
    assert "unknown core 'sodertalje-kopia'" in result.stderr


# -- parsing from events gives what composing nodes gave -----------------------------------------


_KEY_BEING_READ = -1
"""Where the reference builds a key node: a path step no document has (a key is a text, an index
is not negative), so that a key named like a marker (``<key>``) keeps its own position."""


def _reference_parse(file: str, text: str) -> Document:
    """The former builder: compose ruamel's node graph, then walk it (no error checks needed)."""
    from ruamel.yaml import YAML

    positions: dict[PathKey, tuple[int, int]] = {}
    keys: dict[PathKey, tuple[int, int]] = {}

    def build(node: Any, path: PathKey) -> Any:
        positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        tag = node.tag.rsplit(":", 1)[-1]
        if tag == "map":
            out = {}
            for key_node, value_node in node.value:
                key = build(key_node, (*path, _KEY_BEING_READ))
                key = key if isinstance(key, str) else str(key)
                key_path: PathKey = (*path, key)
                keys[key_path] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                out[key] = build(value_node, key_path)
            positions.pop((*path, _KEY_BEING_READ), None)
            return out
        if tag == "seq":
            return [build(item, (*path, index)) for index, item in enumerate(node.value)]
        value = node.value
        if tag in ("str", "timestamp"):
            return value
        if tag == "null":
            return None
        if tag == "bool":
            return value.lower() == "true"
        if tag == "int":
            return int(value.replace("_", ""), 0)
        return float(value.replace("_", "")) if "inf" not in value and "nan" not in value else (
            math.inf if not value.startswith("-") else -math.inf)

    root = YAML(typ="safe", pure=False).compose(text)
    return Document(file, build(root, ()) if root is not None else None, positions, keys, text)


def _assert_same(file: str, text: str) -> None:
    from ruamel.yaml.error import YAMLError

    try:
        reference = _reference_parse(file, text)
    except YAMLError:  # what the C parser cannot read is a syntax error, as it was
        with pytest.raises(YamlProblemError) as caught:
            parse_document(file, text.encode("utf-8"))
        assert caught.value.problem.code == "yaml-syntax"
        return
    mine = parse_document(file, text.encode("utf-8"))
    assert mine.data == reference.data
    assert mine.positions == reference.positions
    assert mine.key_positions == reference.key_positions


@pytest.mark.parametrize("name", sorted(p.name for p in SHIPPED_PLANS.glob("*.yaml")))
def test_shipped_plans_parse_as_before(name: str) -> None:
    _assert_same(f"plans/{name}", (SHIPPED_PLANS / name).read_text(encoding="utf-8"))


def test_generated_plans_parse_as_before(tmp_path: Path) -> None:
    sys.path.insert(0, str(PROJECT_ROOT / "benchmarks"))
    import generate

    made = generate.generate(tmp_path / "repo", cores=3, initiatives=12, commits=10, seed=5)
    for path in sorted((made.root / "plans").glob("*.yaml")):
        _assert_same(f"plans/{path.name}", path.read_text(encoding="utf-8"))


_characters = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"))
_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.text(_characters, max_size=30),
    st.sampled_from(["1.10", "2027-2030", "2026-01-01", "no", "on", "~", "null", "0x1f", "1_000",
                     "-.inf", "R&D * 2", "a: b", "- x", "Södertälje C"]),
)
_keys = st.text(_characters, min_size=1, max_size=12)
_documents = st.recursive(
    _scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(_keys, inner, max_size=4)),
    max_leaves=25,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=_documents, flow=st.sampled_from([None, True, False]))
@example(document={"<key>": None}, flow=None)  # a key named like the reference's own marker
def test_any_document_parses_as_before(document: Any, flow: bool | None) -> None:
    import io

    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = flow
    stream = io.StringIO()
    yaml.dump(document, stream)
    text = stream.getvalue()
    try:
        _assert_same("f.yaml", text)
    except YamlProblemError as exc:  # the same refusals as before: duplicate keys after str()
        assert exc.problem.code in ("duplicate-key", "yaml-alias", "yaml-anchor"), exc.problem


def test_field_positions_are_the_documents_positions(plan_dir: Path) -> None:
    from fardplan_cli.load import load_plan_set
    from fardplan_cli.repository import PlanRepository

    files = PlanRepository(plan_dir).read_plan_files()
    plan = load_plan_set(files)
    core = plan.core("sodertalje")
    assert core is not None and core.initiatives
    document = parse_document(core.file, files[core.file])
    for index, initiative in enumerate(core.initiatives):
        assert set(initiative.field_pos) == set(document.data["initiatives"][index])
        for key, position in initiative.field_pos.items():
            assert position == document.position(("initiatives", index, key))
