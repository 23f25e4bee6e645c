"""The read commands and reports end to end on format-2 files: the shipped plans with a follow-up
written into Södertälje's file (a dialogue, 2.2 dropped there, activities, updates, funding) and a
lead unit on 4.1, as a planner would write them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.support import assert_golden, run_cli

TODAY = {"FARDPLAN_TODAY": "2027-06-01"}


def _rewrite(path: Path, change: Any) -> None:
    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.width = 4096
    data = yaml.load(path.read_text(encoding="utf-8"))
    change(data)
    with path.open("w", encoding="utf-8") as stream:
        yaml.dump(data, stream)


def add_follow_up(root: Path) -> Path:
    """Södertälje: a dialogue on 2027-03-14 prioritising 1.3 and 2.1 for 2027-2030; 2.2 dropped
    with a note, Trafikverket taking part, an overdue activity, two updates and funding; 1.3 with
    three activities (one overdue, one done). Region: 4.1's lead unit is trafikförvaltningen."""

    def core(data: Any) -> None:
        data["dialogues"] = [{"date": "2027-03-14", "cycle": "2027-2030",
                              "participants": ["region-stockholm", "sodertalje-kommun"],
                              "prioritized": ["1.3", "2.1"], "note": "Första samtalet"}]
        data["common"] = {"2.2": {
            "status": "dropped", "status_note": "Inte aktuell i Södertälje",
            "participants": ["trafikverket"],
            "activities": [{"id": "2.2.1", "title": "Utred idrottshallen", "owner": "sodertalje-kommun",
                            "due": "2027-01-31", "status": "paused"}],
            "updates": [{"date": "2027-02-01", "text": "Utredningen pausad", "by": "sodertalje-kommun"},
                        {"date": "2027-04-01", "text": "Insatsen utgår i Södertälje"}],
            "carried_by": [{"kind": "funding", "actor": "region-stockholm",
                            "name": "Regionala utvecklingsmedel", "amount_sek": 500000,
                            "decided": "2027-02-01"}],
        }}
        for initiative in data["initiatives"]:
            if initiative["id"] == "1.3":
                initiative["activities"] = [
                    {"id": "1.3.1", "title": "Gestaltningsprogram för Södertälje C", "owner": "polis",
                     "start": "2027-01-10", "due": "2027-05-31", "status": "ongoing"},
                    {"id": "1.3.2", "title": "Workshop med fastighetsägare", "owner": "polis",
                     "due": "2027-04-30", "status": "done", "done_on": "2027-04-20"},
                    {"id": "1.3.3", "title": "Trygghetsvandring", "owner": "scania",
                     "participants": ["astrazeneca"], "due": "2027-12-31"},
                ]
                initiative["updates"] = [{"date": "2027-05-01", "text": "Programmet på remiss"}]

    def region(data: Any) -> None:
        for initiative in data["initiatives"]:
            if initiative["id"] == "4.1":
                initiative["lead_unit"] = "trafikforvaltningen"

    _rewrite(root / "plans" / "sodertalje.yaml", core)
    _rewrite(root / "plans" / "region.yaml", region)
    return root


@pytest.fixture
def followed(plan_dir: Path) -> Path:
    return add_follow_up(plan_dir)


def cli_json(repo: Path, *args: str) -> Any:
    result = run_cli(*args, "--format", "json", repo=repo, env=TODAY)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def shown(item: dict[str, Any]) -> str:
    return f"{item['followed_up_in']}:{item['id']}" if item["followed_up_in"] else str(item["ref"])


def test_the_follow_up_is_valid(followed: Path) -> None:
    result = run_cli("validate", repo=followed, env=TODAY)
    assert result.exit_code == 0, result.output


def test_list_shows_each_core_its_own_follow_up(followed: Path) -> None:
    sodertalje = {shown(i): i for i in cli_json(followed, "list", "--core", "sodertalje")}
    haninge = {shown(i): i for i in cli_json(followed, "list", "--core", "haninge")}
    assert sodertalje["sodertalje:2.2"]["status"] == "dropped"
    assert haninge["haninge:2.2"]["status"] == "planned"
    assert haninge["haninge:2.2"]["status_note"] is None
    everywhere = [shown(i) for i in cli_json(followed, "list", "--status", "dropped")]
    assert everywhere == ["sodertalje:2.2"]


def test_list_priority_from_the_dialogue(followed: Path) -> None:
    listed = cli_json(followed, "list", "--core", "sodertalje", "--priority", "2027-2030")
    assert [shown(i) for i in listed] == ["sodertalje:1.3", "sodertalje:2.1"]
    assert listed[0]["dialogues"] == [{"date": "2027-03-14", "cycle": "2027-2030"}]


def test_list_overdue_and_owner(followed: Path) -> None:
    assert [shown(i) for i in cli_json(followed, "list", "--overdue")] == [
        "sodertalje:1.3", "sodertalje:2.2"]
    assert [shown(i) for i in cli_json(followed, "list", "--owner", "polis")] == ["sodertalje:1.3"]
    early = run_cli("list", "--overdue", "-f", "json", repo=followed,
                    env={"FARDPLAN_TODAY": "2027-01-01"})
    assert json.loads(early.stdout) == []


def test_show_followed_and_shared(followed: Path) -> None:
    result = run_cli("show", "sodertalje:2.2", repo=followed, env=TODAY)
    assert result.exit_code == 0, result.output
    assert "Dropped (Inte aktuell i Södertälje)" in result.stdout
    assert "2027-01-31 (overdue)" in result.stdout
    assert "500 000 kr" in result.stdout
    shared = run_cli("show", "2.2", repo=followed, env=TODAY)
    assert "Södertälje stadskärna\tDropped\tInte aktuell i Södertälje" in shared.stdout
    assert "Haninge stadskärna\tPlanned" in shared.stdout
    own = cli_json(followed, "show", "sodertalje:1.3")
    assert [a["overdue"] for a in own["activities"]] == [True, False, False]
    assert own["activities"][0]["ref"] == "sodertalje:1.3.1"


def test_responsibility_of_the_lead_unit_and_an_activity_owner(followed: Path) -> None:
    rows = cli_json(followed, "report", "responsibility", "--actor", "trafikforvaltningen",
                    "--core", "sodertalje")["rows"]
    degrees = {shown(r): r["degree"] for r in rows}
    assert degrees["sodertalje:4.1"] == "leads"
    assert degrees["sodertalje:1.1"] == "concerned"
    scania = cli_json(followed, "report", "responsibility", "--actor", "scania")["rows"]
    assert [(shown(r), r["degree"], r["activity"]) for r in scania] == [
        ("sodertalje:1.3", "takes_part", "1.3.3")]


@pytest.mark.parametrize("fmt,suffix", [("table", "txt"), ("json", "json"), ("markdown", "md")])
def test_golden_lagesbild(followed: Path, fmt: str, suffix: str) -> None:
    result = run_cli("--lang", "sv", "report", "status", "--core", "sodertalje", "--cycle",
                     "2027-2030", "-f", fmt, repo=followed, env=TODAY)
    assert result.exit_code == 0, result.output
    assert_golden(f"report/lagesbild-sodertalje-sv.{suffix}", result.stdout)


@pytest.mark.parametrize("fmt,suffix", [("table", "txt"), ("json", "json")])
def test_golden_common_matrix_followed(followed: Path, fmt: str, suffix: str) -> None:
    result = run_cli("report", "status", "--common", "-f", fmt, repo=followed, env=TODAY)
    assert result.exit_code == 0, result.output
    assert_golden(f"report/status-common-followed.{suffix}", result.stdout)


@pytest.mark.parametrize("command", [("show", "sodertalje:2.2"), ("show", "2.2"),
                                     ("list", "--core", "sodertalje", "--overdue")],
                         ids=["show-followed", "show-shared", "list-overdue"])
@pytest.mark.parametrize("fmt", ["table", "json", "markdown"])
def test_golden_follow_up(followed: Path, command: tuple[str, ...], fmt: str) -> None:
    result = run_cli("--lang", "sv", *command, "--format", fmt, repo=followed, env=TODAY)
    assert result.exit_code == 0, result.output
    name = "-".join(part.replace(":", "_") for part in command if not part.startswith("-"))
    assert_golden(f"read/follow-up-{name}.sv.{fmt}", result.stdout)
