"""The read commands: cores, list, show, actors — every format, every filter, name matching."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.support import assert_golden, run_cli

SODERTALJE_REFS = [
    "sodertalje:1.1", "sodertalje:1.2", "sodertalje:1.3", "sodertalje:1.4", "sodertalje:1.5",
    "sodertalje:2.1", "sodertalje:2.2", "sodertalje:2.3",
    "sodertalje:3.1", "sodertalje:3.2", "sodertalje:3.3", "sodertalje:3.4", "sodertalje:3.5",
    "sodertalje:4.1", "sodertalje:4.2", "sodertalje:4.3", "sodertalje:4.4",
]
CORES = sorted([
    "sodertalje", "kungens-kurva-skarholmen", "flemingsberg", "haninge", "arlanda-marsta",
    "kista-sollentuna-haggvik", "barkarby-jakobsberg", "taby-centrum-arninge",
])  # the cores' order: their files'

COMMON = ["1.1", "1.2", "2.1", "2.2", "3.1", "3.2", "3.3", "4.1", "4.2"]


def in_every_core(ids: list[str], sodertalje_own: tuple[str, ...] = ()) -> list[str]:
    """``list`` without --core: each core's plan in turn, a common initiative once per core."""
    refs = []
    for core in CORES:
        own = sodertalje_own if core == "sodertalje" else ()
        chosen = sorted([*ids, *own], key=lambda i: tuple(int(n) for n in i.split(".")))
        refs += [f"{core}:{i}" for i in chosen]
    return refs
INITIATIVE_KEYS = {
    "ref", "core", "id", "area", "scope", "title", "description", "lead", "participants",
    "status", "priority", "places",
}


def list_refs(repo: Path, *args: str) -> list[str]:
    result = run_cli("list", *args, "--format", "json", repo=repo)
    assert result.exit_code == 0, result.output
    return [f"{item['followed_up_in']}:{item['id']}" if item["followed_up_in"] else item["ref"]
            for item in json.loads(result.stdout)]


def test_list_core_is_the_core_plan_in_id_order(plan_dir: Path) -> None:
    assert list_refs(plan_dir, "--core", "sodertalje") == SODERTALJE_REFS


def test_list_json_has_the_documented_shape(plan_dir: Path) -> None:
    result = run_cli("list", "--core", "Södertälje", "--format", "json", repo=plan_dir)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    items = json.loads(result.stdout)
    for item in items:
        assert set(item) >= INITIATIVE_KEYS
        assert item["scope"] in ("common", "core")
        assert isinstance(item["participants"], list)
    first, third = items[0], items[2]
    assert first == {**first, "ref": "1.1", "core": None, "id": "1.1", "area": 1, "scope": "common",
                     "lead": "region-stockholm", "status": "planned",
                     "participants": ["karnkommunerna", "naringslivet", "fastighetsagare"]}
    assert third["ref"] == "sodertalje:1.3"
    assert third["core"] == "sodertalje"
    assert third["lead"] is None
    assert third["places"] == ["Södertälje C", "Södertälje Syd"]


def test_list_csv_is_utf8_with_a_byte_order_mark(plan_dir: Path) -> None:
    result = run_cli("list", "--core", "sodertalje", "--format", "csv", repo=plan_dir)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(result.stdout.removeprefix("\ufeff"))))
    assert rows[0] == ["Ref", "Scope", "Title", "Lead", "Participants", "Status"]
    assert len(rows) == 18
    assert rows[3][2] == "Fortsätt samverka kring stations- och stadsmiljöerna vid Södertälje C och Södertälje Syd"
    assert rows[3][4] == "Södertälje kommun, Region Stockholm, fastighetsägare"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("--actor", "trafikverket"), in_every_core(["4.1", "4.2"], ("4.3", "4.4"))),
        (("--actor", "Trafikverket", "--core", "sodertalje"), SODERTALJE_REFS[-4:]),
        (("--area", "4", "--core", "sodertalje"), SODERTALJE_REFS[-4:]),
        (("--scope", "common"), in_every_core(COMMON)),
        (("--scope", "core", "--area", "3"), ["sodertalje:3.4", "sodertalje:3.5"]),
        (("--status", "planned", "--area", "2"), in_every_core(["2.1", "2.2"], ("2.3",))),
        (("--status", "Pågående"), []),
        (("--lead", "region-stockholm", "--area", "1"), in_every_core(["1.1", "1.2"])),
        (("--actor", "polis"), ["sodertalje:1.5"]),
        (("--priority", "2027-2030"), []),
    ],
)
def test_list_filters(plan_dir: Path, args: tuple[str, ...], expected: list[str]) -> None:
    assert list_refs(plan_dir, *args) == expected


def test_actor_through_group_and_part_of(plan_dir: Path) -> None:
    # Södertälje kommun is one of kärnkommunerna: every common initiative names that group.
    sodertalje = list_refs(plan_dir, "--actor", "Södertälje kommun", "--core", "sodertalje")
    assert sodertalje == SODERTALJE_REFS
    # trafikförvaltningen is part of Region Stockholm, which is involved in all seventeen: it is
    # concerned in them...
    assert list_refs(plan_dir, "--actor", "trafikforvaltningen", "--core", "sodertalje") == SODERTALJE_REFS
    # ...but does not lead what Region Stockholm leads.
    assert list_refs(plan_dir, "--lead", "Trafikförvaltningen", "--area", "4") == []


@pytest.mark.parametrize("typed", ["sodertalje", "Södertälje", "SÖDERTÄLJE", "södertälje stadskärna"])
def test_core_names_ignore_case_and_diacritics(plan_dir: Path, typed: str) -> None:
    assert list_refs(plan_dir, "--core", typed) == SODERTALJE_REFS


@pytest.mark.parametrize(
    ("option", "typed", "suggestion"),
    [
        ("--core", "sodertalj", "sodertalje"),
        ("--core", "Haninge C", "haninge"),
        ("--actor", "trafikverk", "trafikverket"),
        ("--status", "started", None),
        ("--area", "7", None),
        ("--priority", "2031-2034", None),
        ("--core", "", None),
        ("--actor", "", None),
    ],
)
def test_unknown_names_exit_2_with_the_nearest(
    plan_dir: Path, option: str, typed: str, suggestion: str | None
) -> None:
    result = run_cli("list", option, typed, repo=plan_dir)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    if suggestion:
        assert f"did you mean {suggestion}" in result.stderr


def test_show_initiative_has_full_text_and_the_core_direction(plan_dir: Path) -> None:
    result = run_cli("show", "sodertalje:4.4", repo=plan_dir)
    assert result.exit_code == 0, result.output
    assert "ÅVS Södertälje" in result.stdout
    assert "taxesytem på regiontågen" in result.stdout
    assert "såväl öster som väster om Södertälje kanal" in result.stdout  # direction for area 4
    as_json = json.loads(run_cli("show", "Södertälje:4.4", "-f", "json", repo=plan_dir).stdout)
    assert set(as_json) >= INITIATIVE_KEYS
    assert as_json["directions"]["sodertalje"].startswith("Fortsätt samverka för en ökad tillgänglighet")


def test_show_common_initiative_and_core(plan_dir: Path) -> None:
    result = run_cli("show", "1.1", "--format", "json", repo=plan_dir)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["lead"] == "region-stockholm"
    core = json.loads(run_cli("show", "sodertalje", "--format", "json", repo=plan_dir).stdout)
    assert [s["heading"] for s in core["character"]] == [
        "En storregional mötesplats", "Medeltida stadskärna med stort utbud av service",
        "En kunskapsintensiv kärna", "Stadskärnan utvecklas",
    ]
    assert [d["area"] for d in core["directions"]] == [1, 2, 3, 4]
    assert core["indicators"][0]["values"] == [{"year": 2026, "value": 25000, "note": "cirka"}]


def test_show_core_without_a_plan_says_so(plan_dir: Path) -> None:
    result = run_cli("--lang", "sv", "show", "haninge", repo=plan_dir)
    assert result.exit_code == 0, result.output
    assert "Kärnans färdplan har inte förts in ännu." in result.stdout


@pytest.mark.parametrize("ref", ["sodertalje:9.9", "5.1", "1.3", "nowhere:1.1", "x.y"])
def test_show_unknown_exits_2(plan_dir: Path, ref: str) -> None:
    result = run_cli("show", ref, repo=plan_dir)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.stderr


def test_show_malformed_ref_says_what_a_ref_looks_like(plan_dir: Path) -> None:
    result = run_cli("show", "sodertalje:4", repo=plan_dir)
    assert result.exit_code == 2
    assert "is not an initiative reference" in result.stderr


def test_show_bare_core_specific_id_suggests_its_ref(plan_dir: Path) -> None:
    result = run_cli("show", "1.3", repo=plan_dir)
    assert "did you mean sodertalje:1.3" in result.stderr


def test_cores_json(plan_dir: Path) -> None:
    result = run_cli("cores", "--format", "json", repo=plan_dir)
    assert result.exit_code == 0, result.output
    cores = {c["id"]: c for c in json.loads(result.stdout)}
    assert len(cores) == 8
    assert cores["sodertalje"]["initiatives"] == 17
    assert cores["sodertalje"]["by_status"]["planned"] == 17
    assert cores["sodertalje"]["municipalities"] == ["sodertalje-kommun"]
    assert cores["haninge"]["initiatives"] == 9
    assert cores["taby-centrum-arninge"]["name"] == "Täby Centrum-Arninge"


def test_actors_json(plan_dir: Path) -> None:
    actors = json.loads(run_cli("actors", "--format", "json", repo=plan_dir).stdout)
    by_id = {a["id"]: a for a in actors}
    assert set(actors[0]) == {"id", "name", "kind", "part_of"}
    assert by_id["trafikforvaltningen"]["part_of"] == "region-stockholm"
    assert by_id["karnkommunerna"]["kind"] == "group"


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown"])
@pytest.mark.parametrize(
    "command",
    [("cores",), ("list", "--core", "sodertalje"), ("show", "sodertalje:1.3"), ("show", "sodertalje"),
     ("actors",)],
    ids=["cores", "list", "show-initiative", "show-core", "actors"],
)
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_golden_output(plan_dir: Path, command: tuple[str, ...], fmt: str, lang: str) -> None:
    result = run_cli("--lang", lang, *command, "--format", fmt, repo=plan_dir)
    assert result.exit_code == 0, result.output
    name = "-".join(part.replace(":", "_") for part in command if not part.startswith("-"))
    assert_golden(f"read/{name}.{lang}.{fmt}", result.stdout)


def test_repository_found_from_a_subfolder_and_by_env(plan_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(plan_dir / "plans")
    assert list_refs_without_repo() == 8 * 9 + 8
    monkeypatch.chdir(plan_dir.parent)
    result = run_cli("list", "--format", "json", env={"FARDPLAN_REPO": str(plan_dir)})
    assert result.exit_code == 0, result.output


def list_refs_without_repo() -> int:
    result = run_cli("list", "--format", "json")
    assert result.exit_code == 0, result.output
    return len(json.loads(result.stdout))


def test_no_repository_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli("list")
    assert result.exit_code == 2
    assert "no plan repository found" in result.stderr
    assert run_cli("--repo", str(tmp_path), "list").exit_code == 2


def test_language_follows_the_locale(plan_dir: Path) -> None:
    result = run_cli("list", "--core", "sodertalje", repo=plan_dir, env={"LANG": "sv_SE.UTF-8"})
    assert "Ansvarig aktör" in result.stdout
    result = run_cli("list", "--core", "sodertalje", repo=plan_dir, env={"LANG": "en_US.UTF-8"})
    assert "Lead" in result.stdout


def test_an_unknown_core_gets_the_nearest_names_or_every_core(plan_dir: Path) -> None:
    near = run_cli("--lang", "sv", "list", "--core", "sodertalj", repo=plan_dir)
    assert near.exit_code == 2
    assert near.stderr == "fardplan: okänd kärna 'sodertalj'; menade du sodertalje?\n"
    far = run_cli("list", "--core", "xyz", repo=plan_dir)
    assert far.exit_code == 2
    assert far.stderr.startswith("fardplan: unknown core 'xyz'; choose one of arlanda-marsta, ")
    assert "taby-centrum-arninge" in far.stderr
    assert run_cli("show", "xyz:1.3", repo=plan_dir).stderr == far.stderr
