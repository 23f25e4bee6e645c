"""`report status --stale-days`: the logic against an injected last_changed source (a fake here)."""

from __future__ import annotations

import json
import os
import subprocess
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from fardplan_cli.model import PlanSet
from fardplan_cli.query import InitiativeFilter
from fardplan_cli.render.report import status_output
from fardplan_cli.report import stale_initiatives, status_report
from tests.support import commit_all, init_git_repo, run_cli
from tests.support.report import load

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=timezone.utc)


def fake_history(plan: PlanSet) -> dict[str, datetime]:
    """Every initiative last changed 30 days ago, except a few."""
    changed = {i.ref: NOW - timedelta(days=30) for i in plan.all_initiatives()}
    changed["1.1"] = NOW - timedelta(days=400)
    changed["sodertalje:1.3"] = NOW - timedelta(days=91)
    changed["sodertalje:4.4"] = NOW - timedelta(days=90)  # exactly at the limit: not older
    del changed["sodertalje:2.3"]  # never committed: new in the work tree
    return changed


def test_stale_initiatives_are_older_than_the_limit(plan_dir: Path) -> None:
    plan = load(plan_dir)
    rows = stale_initiatives(plan.core_plan("sodertalje"), fake_history(plan), older_than_days=90,
                             now=NOW)
    assert [(r.initiative.ref, r.age_days) for r in rows] == [("1.1", 400), ("sodertalje:1.3", 91)]
    everything = stale_initiatives(plan.core_plan("sodertalje"), fake_history(plan),
                                   older_than_days=0, now=NOW)
    assert "sodertalje:2.3" not in {r.initiative.ref for r in everything}
    assert len(everything) == 16


def test_naive_dates_are_taken_as_utc(plan_dir: Path) -> None:
    plan = load(plan_dir)
    naive = {ref: when.replace(tzinfo=None) for ref, when in fake_history(plan).items()}
    rows = stale_initiatives(plan.core_plan("sodertalje"), naive, older_than_days=90,
                             now=NOW.replace(tzinfo=None))
    assert [r.initiative.ref for r in rows] == ["1.1", "sodertalje:1.3"]


def test_status_report_calls_the_source_only_when_asked(plan_dir: Path) -> None:
    plan = load(plan_dir)
    calls: list[int] = []

    def last_changed() -> dict[str, datetime]:
        calls.append(1)
        return fake_history(plan)

    plain = status_report(plan, InitiativeFilter(core="sodertalje"), cycle=None,
                          last_changed=last_changed)
    assert plain.stale is None and calls == []
    report = status_report(plan, InitiativeFilter(core="sodertalje", scope="core"), cycle=None,
                           stale_days=60, last_changed=last_changed, now=NOW)
    assert calls == [1]
    assert report.stale is not None
    assert [r.initiative.ref for r in report.stale] == ["sodertalje:1.3", "sodertalje:4.4"]
    data = status_output(plan, report).data
    assert data["stale_days"] == 60
    assert data["stale"][0] == {
        "ref": "sodertalje:1.3", "core": "sodertalje", "id": "1.3",
        "title": plan.core_plan("sodertalje")[2].title, "status": "planned",
        "last_changed": (NOW - timedelta(days=91)).isoformat(), "age_days": 91,
    }


def test_stale_days_without_a_source_is_a_programming_error(plan_dir: Path) -> None:
    with pytest.raises(ValueError):
        status_report(load(plan_dir), InitiativeFilter(), cycle=None, stale_days=3)


def test_cli_stale_days_reads_the_last_change_from_git(plan_dir: Path) -> None:
    init_git_repo(plan_dir)
    long_ago = {"GIT_AUTHOR_DATE": "2020-01-01T12:00:00", "GIT_COMMITTER_DATE": "2020-01-01T12:00:00"}
    subprocess.run(["git", "add", "-A"], cwd=plan_dir, check=True)
    subprocess.run(["git", "commit", "-q", "-m", "import"], cwd=plan_dir, check=True,
                   env={**os.environ, **long_ago})
    path = plan_dir / "plans" / "sodertalje.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    status: planned\n", "    status: ongoing\n", 1), encoding="utf-8")
    commit_all(plan_dir, "1.3 is under way")
    result = run_cli("report", "status", "--stale-days", "30", "--core", "sodertalje", "-f", "json",
                     repo=plan_dir)
    assert result.exit_code == 0, result.output
    stale = [item["ref"] for item in json.loads(result.stdout)["stale"]]
    everything = [i.ref for i in load(plan_dir).core_plan("sodertalje")]
    assert sorted(stale) == sorted(ref for ref in everything if ref != "sodertalje:1.3")
    fresh = json.loads(run_cli("report", "status", "--stale-days", "100000", "-f", "json",
                               repo=plan_dir).stdout)
    assert fresh["stale"] == []
    negative = run_cli("report", "status", "--stale-days", "-1", repo=plan_dir)
    assert negative.exit_code == 2


def test_json_without_stale_days_has_no_stale_key(plan_dir: Path) -> None:
    data = json.loads(run_cli("report", "status", "-f", "json", repo=plan_dir).stdout)
    assert "stale" not in data


def test_stale_days_beyond_any_date_is_a_usage_error(plan_dir: Path) -> None:
    init_git_repo(plan_dir)
    commit_all(plan_dir, "Import")
    for days in ("99999999", str(10**12)):
        result = run_cli("report", "status", "--stale-days", days, repo=plan_dir)
        assert result.exit_code == 2, result.output
        assert f"--stale-days {days} reaches back before any date" in result.stderr
        assert "internal error" not in result.stderr
