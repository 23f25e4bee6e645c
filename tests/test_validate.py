"""fardplan validate: the shipped plans, output formats, schemas, hostile input and speed hooks."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

from fardplan_cli import rule_nodes, schema_check
from fardplan_cli.i18n import _SWEDISH
from fardplan_cli.model import Problem
from fardplan_cli.render.problems import escape_data, escape_property, github_command
from fardplan_cli.repository import PlanRepository
from fardplan_cli.validate import (
    SCHEMA_NAMES,
    ValidationResult,
    packaged_schema,
    read_repository_schemas,
    validate_files,
)
from fardplan_cli.yamlfile import MAX_FILE_BYTES, c_parser_in_use
from tests.support import PROJECT_ROOT, SHIPPED_SCHEMAS, assert_golden, run_cli

PACKAGE = PROJECT_ROOT / "src" / "fardplan_cli"
CASES = Path(__file__).parent / "validate_cases"


def shipped_files() -> dict[str, bytes]:
    return PlanRepository(PROJECT_ROOT).read_plan_files()


# -- the shipped plans -----------------------------------------------------------------------------


def test_shipped_plans_validate_clean_with_strict() -> None:
    result = run_cli("validate", "--strict", repo=PROJECT_ROOT)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "10 files checked: no problems"


def test_shipped_plans_as_a_library_call() -> None:
    result = validate_files(shipped_files(), strict=True)
    assert result == ValidationResult(problems=(), files=10)
    assert result.ok


def test_the_shipped_schemas_are_the_repository_schemas() -> None:
    for name in SCHEMA_NAMES.values():
        assert packaged_schema(name) == (SHIPPED_SCHEMAS / name).read_bytes()


# -- result, strictness, exit codes ----------------------------------------------------------------


def _warning_plans(plan_dir: Path) -> None:
    (plan_dir / "plans" / "haninge.yaml").write_text(
        "schema_version: 2\nid: haninge\nname: Haninge stadskärna\n"
        "initiatives:\n  - id: \"1.5\"\n    title: X\n", encoding="utf-8")


def test_warnings_pass_without_strict_and_fail_with_it(plan_dir: Path) -> None:
    _warning_plans(plan_dir)
    relaxed = run_cli("validate", repo=plan_dir)
    assert relaxed.exit_code == 0, relaxed.output
    assert "warning[no-responsible]" in relaxed.stdout
    strict = run_cli("validate", "--strict", repo=plan_dir)
    assert strict.exit_code == 1
    assert "error[no-responsible]" in strict.stdout
    summary = json.loads(run_cli("validate", "--strict", "-f", "json", repo=plan_dir).stdout)
    assert summary["summary"] == {"errors": 1, "warnings": 0, "files": 10}


def test_result_properties() -> None:
    files = shipped_files()
    files["plans/haninge.yaml"] = b"schema_version: 2\nid: haninge\nname: H\ninitiatives:\n" \
        b"  - id: \"1.5\"\n    title: X\n  - id: \"9.1\"\n    title: Y\n    lead: locum\n"
    result = validate_files(files)
    assert [p.code for p in result.warnings] == ["no-responsible"]
    assert [p.code for p in result.errors] == ["unknown-area"]
    assert not result.ok
    strict = validate_files(files, strict=True)
    assert not strict.warnings
    assert len(strict.errors) == 2


def test_wrong_format_is_a_usage_error(plan_dir: Path) -> None:
    result = run_cli("validate", "--format", "yaml", repo=plan_dir)
    assert result.exit_code == 2


def test_no_repository_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("validate", repo=tmp_path)
    assert result.exit_code == 2
    assert "plans/region.yaml" in result.stderr
    assert "Traceback" not in result.output


# -- formats ---------------------------------------------------------------------------------------


def _broken(plan_dir: Path) -> Path:
    for source in (CASES / "several-problems-in-one-run" / "plans").iterdir():
        shutil.copyfile(source, plan_dir / "plans" / source.name)
    return plan_dir


@pytest.mark.parametrize("format_name", ["text", "json", "github"])
def test_formats_match_golden_files(format_name: str, plan_dir: Path) -> None:
    result = run_cli("validate", "--format", format_name, repo=_broken(plan_dir))
    assert result.exit_code == 1
    assert_golden(f"validate/broken.{format_name}.txt", result.stdout)


def test_swedish_text_output(plan_dir: Path) -> None:
    result = run_cli("--lang", "sv", "validate", repo=_broken(plan_dir))
    assert result.exit_code == 1
    assert_golden("validate/broken.text.sv.txt", result.stdout)
    assert "fel[unknown-actor] initiatives[1].lead: okänd aktör 'trafikverkat'" in result.stdout


def test_json_shape(plan_dir: Path) -> None:
    report = json.loads(run_cli("validate", "-f", "json", repo=_broken(plan_dir)).stdout)
    assert set(report) == {"problems", "summary"}
    assert set(report["summary"]) == {"errors", "warnings", "files"}
    for problem in report["problems"]:
        assert set(problem) == {"file", "line", "column", "severity", "code", "message", "path"}


# https://docs.github.com/actions/reference/workflow-commands-for-github-actions
_WORKFLOW_COMMAND = re.compile(
    r"^::(error|warning|notice) (?:[a-z]+=[^,:\r\n]*)(?:,[a-z]+=[^,:\r\n]*)*::[^\r\n]*$"
)


def test_github_output_is_one_workflow_command_per_line(plan_dir: Path) -> None:
    result = run_cli("validate", "-f", "github", repo=_broken(plan_dir))
    lines = result.stdout.splitlines()
    assert len(lines) == 6
    for line in lines:
        assert _WORKFLOW_COMMAND.match(line), line
        properties = dict(
            item.split("=", 1) for item in line.split("::")[1].split(" ", 1)[1].split(","))
        assert set(properties) == {"file", "line", "col", "title"}
        assert properties["line"].isdigit()
    assert "checked" in result.stderr


def test_github_escaping() -> None:
    assert escape_data("100% sure\r\nnext") == "100%25 sure%0D%0Anext"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"
    problem = Problem("plans/a,b:c.yaml", 3, 4, "warning", "x", "line1\nline2 50%", "p")
    assert github_command(problem) == (
        "::warning file=plans/a%2Cb%3Ac.yaml,line=3,col=4,title=fardplan x::p: line1%0Aline2 50%25"
    )


def test_clean_github_output_prints_no_command() -> None:
    result = run_cli("validate", "-f", "github", repo=PROJECT_ROOT)
    assert result.exit_code == 0
    assert result.stdout == ""


# -- schemas ---------------------------------------------------------------------------------------


def test_repository_schemas_are_preferred(plan_dir: Path) -> None:
    schema = json.loads((plan_dir / "schemas" / "actors.schema.json").read_text(encoding="utf-8"))
    schema["properties"]["actors"]["items"]["properties"]["kind"]["enum"].remove("agency")
    (plan_dir / "schemas" / "actors.schema.json").write_text(json.dumps(schema), encoding="utf-8")
    result = run_cli("validate", repo=plan_dir)
    assert result.exit_code == 1
    assert "bad-value" in result.stdout


def test_repository_without_schemas_uses_the_packaged_ones(plan_dir: Path) -> None:
    shutil.rmtree(plan_dir / "schemas")
    assert read_repository_schemas(plan_dir) == {}
    assert run_cli("validate", "--strict", repo=plan_dir).exit_code == 0


def test_broken_repository_schema_is_reported_and_packaged_one_used(plan_dir: Path) -> None:
    (plan_dir / "schemas" / "core.schema.json").write_text('{\n  "type": ', encoding="utf-8")
    (plan_dir / "schemas" / "region.schema.json").write_text('{"type": 12}', encoding="utf-8")
    result = run_cli("validate", repo=plan_dir)
    assert result.exit_code == 1
    assert "schemas/core.schema.json:2:" in result.stdout
    assert "schemas/region.schema.json:1:1: error[bad-schema]" in result.stdout
    assert result.stdout.count("error[") == 2  # the plans themselves are fine


def test_one_cached_validator_per_schema() -> None:
    text = packaged_schema("core.schema.json")
    assert schema_check._validator(text) is schema_check._validator(bytes(text))


def test_c_parser_in_use() -> None:
    assert c_parser_in_use()


# -- hostile input ---------------------------------------------------------------------------------

BILLION_LAUGHS = (
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
    "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
    "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
    "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
    "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
    "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
    "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
    "i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n"
)


def test_alias_bomb_is_refused_in_little_memory() -> None:
    files = shipped_files()
    files["plans/haninge.yaml"] = BILLION_LAUGHS.encode()
    validate_files(files)  # warm caches and imports, so the measure is of the bomb alone
    tracemalloc.start()
    try:
        result = validate_files(files)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [(p.file, p.line, p.code) for p in result.problems] == [
        ("plans/haninge.yaml", 1, "yaml-anchor")]
    assert peak < 4 * 1024 * 1024, peak


def test_alias_bomb_through_the_cli(plan_dir: Path) -> None:
    (plan_dir / "plans" / "sodertalje.yaml").write_text(BILLION_LAUGHS, encoding="utf-8")
    result = run_cli("validate", "-f", "json", repo=plan_dir)
    assert result.exit_code == 1
    assert [p["code"] for p in json.loads(result.stdout)["problems"]] == ["yaml-anchor"]


def test_file_over_the_size_cap() -> None:
    files = shipped_files()
    files["plans/haninge.yaml"] = b"# " + b"x" * MAX_FILE_BYTES + b"\nschema_version: 2\n"
    result = validate_files(files)
    assert [(p.file, p.line, p.code) for p in result.problems] == [
        ("plans/haninge.yaml", 1, "file-too-large")]


def test_deeply_nested_file_is_one_problem() -> None:
    files = shipped_files()
    files["plans/haninge.yaml"] = b"a: " + b"[" * 5000 + b"]" * 5000 + b"\n"
    result = validate_files(files)
    assert len(result.problems) == 1
    assert result.problems[0].file == "plans/haninge.yaml"


# -- layering and translations ---------------------------------------------------------------------


def test_validate_imports_neither_typer_nor_rich() -> None:
    code = ("import sys, fardplan_cli.validate, fardplan_cli.render.problems; "
            "print(sorted(m for m in ('typer', 'rich', 'click', 'git') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_version_imports_no_jsonschema() -> None:
    code = ("import sys\nsys.argv = ['fardplan', '--version']\n"
            "from fardplan_cli.__main__ import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('jsonschema', 'git', 'ruamel') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().endswith("[]"), out.stdout


def test_every_message_built_from_a_table_has_a_swedish_translation() -> None:
    # Literal t("...") calls are checked for the whole package in test_i18n; these are not literals.
    messages = {what for _, what in schema_check._PATTERNS.values()}
    messages |= set(schema_check._EXPECTED.values())
    messages |= set(rule_nodes.ID_FORMS.values())
    messages |= {"goal area {value} is already defined on line {line}",
                 "cycle {value} is already defined on line {line}",
                 "actor {value} is already defined on line {line}"}
    missing = sorted(m for m in messages if m not in _SWEDISH)
    assert not missing


def test_files_in_plans_that_are_not_read_are_named(plan_dir: Path) -> None:
    (plan_dir / "plans" / "extra.yml").write_text("schema_version: 2\n", encoding="utf-8")
    (plan_dir / "plans" / "old").mkdir()
    (plan_dir / "plans" / "README.md").write_text("notes\n", encoding="utf-8")
    result = run_cli("validate", "--format", "json", repo=plan_dir)
    assert result.exit_code == 0, result.output
    ignored = [p["file"] for p in json.loads(result.stdout)["problems"] if p["code"] == "ignored-file"]
    assert ignored == ["plans/extra.yml", "plans/old"]
    assert run_cli("validate", "--strict", repo=plan_dir).exit_code == 1


def test_a_key_that_is_not_text_is_named_as_written(plan_dir: Path) -> None:
    path = plan_dir / "plans" / "haninge.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "null: x\n1.10: y\n", encoding="utf-8")
    report = json.loads(run_cli("validate", "--format", "json", repo=plan_dir).stdout)
    unknown = sorted((p["path"], p["message"].split(";")[0]) for p in report["problems"])
    assert unknown == [("1.10", "unknown field '1.10'"), ("null", "unknown field 'null'")]


def test_a_value_of_the_wrong_type_is_one_problem_not_two(plan_dir: Path) -> None:
    path = plan_dir / "plans" / "haninge.yaml"
    path.write_text(path.read_text(encoding="utf-8") + 'initiatives:\n  - id: "1.5"\n    title: X\n'
                    "    lead: trafikverket\n    status: [planned]\n", encoding="utf-8")
    report = json.loads(run_cli("validate", "--format", "json", repo=plan_dir).stdout)
    assert [p["code"] for p in report["problems"]] == ["wrong-type"]


def test_a_wrongly_typed_choice_names_the_choices(plan_dir: Path) -> None:
    path = plan_dir / "plans" / "haninge.yaml"
    path.write_text(path.read_text(encoding="utf-8") + 'initiatives:\n  - id: "1.5"\n    title: X\n'
                    "    lead: trafikverket\n    status: 5\n", encoding="utf-8")
    report = json.loads(run_cli("validate", "--format", "json", repo=plan_dir).stdout)
    [problem] = report["problems"]
    assert problem["code"] == "wrong-type"
    assert "choose one of planned, ongoing, done, paused, dropped" in problem["message"]
    assert "quote it" not in problem["message"]


# -- the repository's own schemas cannot hang, reach the network or overflow -----------------------


def _with_schema_change(plan_dir: Path, change: Any) -> None:
    path = plan_dir / "schemas" / "actors.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    change(schema)
    path.write_text(json.dumps(schema), encoding="utf-8")


def _actor_id_pattern(pattern: str) -> Any:
    def change(schema: dict[str, Any]) -> None:
        schema["properties"]["actors"]["items"]["properties"]["id"]["pattern"] = pattern
    return change


def test_a_catastrophic_pattern_in_a_repository_schema_runs_in_linear_time(plan_dir: Path) -> None:
    _with_schema_change(plan_dir, _actor_id_pattern("^(a+)+$"))
    actors = plan_dir / "plans" / "actors.yaml"
    actors.write_text(actors.read_text(encoding="utf-8").replace(
        "id: trafikverket", "id: " + "a" * 40 + "!", 1), encoding="utf-8")
    # With Python's regex engine this run would not end for many minutes; it ends at once.
    result = run_cli("validate", "--format", "json", repo=plan_dir)
    codes = {p["code"] for p in json.loads(result.stdout)["problems"]}
    assert "unknown-actor" in codes and result.exit_code == 1


@pytest.mark.parametrize(("change", "reason"), [
    (lambda s: s["properties"]["actors"].update({"$ref": "https://example.invalid/x.json"}),
     "https://example.invalid/x.json"),
    (lambda s: s["properties"].update({"x": {"patternProperties": {"^a": {}}}}), "patternProperties"),
])
def test_a_repository_schema_that_could_fetch_or_backtrack_is_not_run(
    plan_dir: Path, change: Any, reason: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import socket

    def no_network(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("a network connection was attempted")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    _with_schema_change(plan_dir, change)
    result = run_cli("validate", repo=plan_dir)
    assert "schemas/actors.schema.json:1:1: error[unsafe-schema]" in result.stdout
    assert reason in result.stdout and "packaged" in result.stdout


def test_a_schema_nested_100000_levels_is_a_clear_error(plan_dir: Path) -> None:
    (plan_dir / "schemas" / "core.schema.json").write_text(
        '{"items": ' * 100_000 + "{}" + "}" * 100_000, encoding="utf-8")
    result = run_cli("validate", repo=plan_dir)
    assert "schemas/core.schema.json:1:1: error[unsafe-schema]" in result.stdout
    assert "Traceback" not in result.output and "RecursionError" not in result.output


def test_a_schema_that_is_a_link_is_reported_and_not_opened(plan_dir: Path) -> None:
    schema = plan_dir / "schemas" / "core.schema.json"
    schema.unlink()
    schema.symlink_to("/etc/passwd")
    result = run_cli("validate", repo=plan_dir)
    assert "schemas/core.schema.json:1:1: error[symbolic-link]" in result.stdout
    assert "root:" not in result.output



def test_every_schema_a_link_is_each_reported(plan_dir: Path) -> None:
    """With no schema read at all, the unread ones were dropped with the empty set of schemas."""
    for name in ("actors", "core", "region"):
        schema = plan_dir / "schemas" / f"{name}.schema.json"
        schema.unlink()
        schema.symlink_to("/etc/passwd")
    result = run_cli("validate", repo=plan_dir)
    assert result.exit_code == 1, result.output
    for name in ("actors", "core", "region"):
        assert f"schemas/{name}.schema.json:1:1: error[symbolic-link]" in result.stdout
    assert "root:" not in result.output


def test_a_schemas_folder_that_is_a_link_is_reported_and_not_opened(plan_dir: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    (plan_dir / "schemas").rename(elsewhere)
    (elsewhere / "core.schema.json").write_text('{"not": {}}', encoding="utf-8")  # would refuse all
    (plan_dir / "schemas").symlink_to(elsewhere, target_is_directory=True)
    result = run_cli("validate", repo=plan_dir)
    assert result.exit_code == 1, result.output
    assert "schemas:1:1: error[symbolic-link] schemas is a symbolic link" in result.stdout
    assert "using the schema packaged with fardplan" in result.stdout
    assert "plans/sodertalje.yaml" not in result.stdout

# -- large inputs ----------------------------------------------------------------------


def _actor_chain(length: int) -> dict[str, bytes]:
    files = dict(shipped_files())
    chain = "".join(
        f"  - id: chain-{i}\n    name: Kedja {i}\n    kind: group\n"
        + (f"    part_of: chain-{i - 1}\n" if i else "")
        for i in range(length)
    )
    files["plans/actors.yaml"] = files["plans/actors.yaml"] + chain.encode()
    return files


def test_a_part_of_chain_of_thousands_validates() -> None:
    # What it costs is the benchmark's part_of-chain row; here, that it is read as valid.
    assert validate_files(_actor_chain(3000)).ok


def test_a_loop_not_through_the_first_actor_is_found_once() -> None:
    files = dict(shipped_files())
    files["plans/actors.yaml"] += (
        b"  - id: outer\n    name: Outer\n    kind: group\n    part_of: loop-a\n"
        b"  - id: loop-a\n    name: A\n    kind: group\n    part_of: loop-b\n"
        b"  - id: loop-b\n    name: B\n    kind: group\n    part_of: loop-a\n")
    loops = [p for p in validate_files(files).problems if p.code == "part-of-loop"]
    assert [p.message.split(": ", 1)[1] for p in loops] == ["loop-a -> loop-b -> loop-a"]


def test_thousands_of_unknown_fields_are_refused_fast_and_summed_up() -> None:
    files = dict(shipped_files())
    files["plans/actors.yaml"] += "".join(f"unknown_{i}: 1\n" for i in range(50_000)).encode()
    result = validate_files(files)
    unknown = [p for p in result.problems if p.code == "unknown-field"]
    assert len(unknown) == 11
    assert "49,990 more unknown fields" in unknown[-1].message


def test_text_names_files_from_where_the_user_stands(
    plan_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sodertalje = plan_dir / "plans" / "sodertalje.yaml"
    sodertalje.write_text(sodertalje.read_text(encoding="utf-8").replace(
        "status: planned", "status: pågående", 1), encoding="utf-8")
    (plan_dir / "docs").mkdir()
    seen = {}
    for where in (plan_dir, plan_dir / "plans", plan_dir / "docs"):
        monkeypatch.chdir(where)
        seen[where.name] = run_cli("validate", repo=plan_dir).stdout.split(":")[0]
    monkeypatch.chdir(plan_dir.parent)
    seen["outside"] = run_cli("validate", repo=plan_dir).stdout.split(":")[0]
    assert seen == {plan_dir.name: "plans/sodertalje.yaml", "plans": "sodertalje.yaml",
                    "docs": "../plans/sodertalje.yaml", "outside": "plans/sodertalje.yaml"}
    # Machine formats stay repository-relative (GitHub places annotations by them).
    monkeypatch.chdir(plan_dir / "plans")
    report = json.loads(run_cli("validate", "--format", "json", repo=plan_dir).stdout)
    assert report["problems"][0]["file"] == "plans/sodertalje.yaml"
