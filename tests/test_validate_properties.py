"""Property: every generated valid plan set validates clean, also after a round-trip load/dump."""

from __future__ import annotations

import io
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fardplan_cli.validate import validate_files
from fardplan_cli.yamlfile import round_trip_yaml

STATUSES = ["planned", "ongoing", "done", "paused", "dropped"]
# Letters and the characters that make YAML quoting matter: ": ", " #", quotes, digits and dots.
TEXT = st.text(
    alphabet="abcåäöÅÄÖxyz EÉ0123456789.,:-#'\"!?%&*[]{}|>@`",
    min_size=1, max_size=30,
)
# A status note must say something: one of only spaces is reported (missing-status-note).
NOTE = TEXT.filter(lambda text: text.strip() != "")
SLUG = st.from_regex(r"[a-z][a-z0-9]{1,8}(-[a-z0-9]{1,5})?", fullmatch=True)


def dump(data: dict[str, Any]) -> bytes:
    stream = io.StringIO()
    round_trip_yaml().dump(data, stream)
    return stream.getvalue().encode("utf-8")


def round_trip(text: bytes) -> bytes:
    yaml = round_trip_yaml()
    stream = io.StringIO()
    yaml.dump(yaml.load(text.decode("utf-8")), stream)
    return stream.getvalue().encode("utf-8")


@st.composite
def initiatives(
    draw: st.DrawFn, areas: list[int], actors: list[str], cycles: list[str], taken: set[str],
    common: bool = False,
) -> list[dict[str, Any]]:
    out = []
    for _ in range(draw(st.integers(0, 4))):
        area = draw(st.sampled_from(areas))
        number = draw(st.integers(1, 12))
        initiative_id = f"{area}.{number}"
        if initiative_id in taken:
            continue
        taken.add(initiative_id)
        item: dict[str, Any] = {"id": initiative_id, "title": draw(TEXT)}
        if draw(st.booleans()):
            item["description"] = draw(TEXT)
        lead = draw(st.none() | st.sampled_from(actors))
        others = [a for a in actors if a != lead]
        participants: list[str] = []
        if others:
            participants = draw(st.lists(st.sampled_from(others), unique=True, max_size=3))
        if lead is None and not participants:
            lead = actors[0]
        if lead is not None:
            item["lead"] = lead
        if participants:
            item["participants"] = participants
        if not common:  # a common initiative's status and priority are each core's
            item.update(draw(follow_ups()))
            if cycles:
                priority = draw(st.lists(st.sampled_from(cycles), unique=True, max_size=2))
                if priority:
                    item["priority"] = priority  # moved to the core's dialogues by plan_sets
        places = draw(st.lists(TEXT, unique=True, max_size=2))
        if places:
            item["places"] = places
        out.append(item)
    return out


@st.composite
def follow_ups(draw: st.DrawFn) -> dict[str, Any]:
    """A status, with a note where it needs one (and now and then where it does not)."""
    status = draw(st.sampled_from(STATUSES))
    out: dict[str, Any] = {"status": status}
    if status in ("paused", "dropped") or draw(st.booleans()):
        out["status_note"] = draw(NOTE)
    return out


def dialogues_of(items: list[dict[str, Any]], common: list[str], cycles: list[str],
                 draw: st.DrawFn) -> list[dict[str, Any]]:
    """One dialogue per cycle that prioritised anything: the items' (their ``priority`` taken
    out) and some common initiatives."""
    prioritized: dict[str, list[str]] = {}
    for item in items:
        for cycle in item.pop("priority", []):
            prioritized.setdefault(cycle, []).append(item["id"])
    for cycle in cycles:
        chosen = draw(st.lists(st.sampled_from(common), unique=True, max_size=2)) if common else []
        if chosen:
            prioritized.setdefault(cycle, []).extend(chosen)
    return [{"date": f"{cycle[:4]}-01-01", "cycle": cycle, "prioritized": ids}
            for cycle, ids in sorted(prioritized.items())]


@st.composite
def plan_sets(draw: st.DrawFn) -> dict[str, bytes]:
    areas = sorted(draw(st.sets(st.integers(1, 9), min_size=1, max_size=5)))
    cycles = sorted({f"{y}-{y + 3}" for y in draw(st.sets(st.integers(2000, 2090), max_size=3))})
    actor_ids = draw(st.lists(SLUG, min_size=1, max_size=6, unique=True))
    actors = []
    for index, actor_id in enumerate(actor_ids):
        actor: dict[str, Any] = {"id": actor_id, "name": draw(TEXT),
                                 "kind": draw(st.sampled_from(["region", "group", "other"]))}
        if index and draw(st.booleans()):
            actor["part_of"] = draw(st.sampled_from(actor_ids[:index]))  # earlier only: no loops
        actors.append(actor)
    common_taken: set[str] = set()
    region = {
        "schema_version": 2,
        "name": draw(TEXT),
        "owner": actor_ids[0],
        "goal_areas": [{"number": n, "title": draw(TEXT), "summary": draw(TEXT)} for n in areas],
        "cycles": [{"id": c} for c in cycles],
        "initiatives": draw(initiatives(areas, actor_ids, cycles, common_taken, common=True)),
    }
    files = {
        "plans/region.yaml": dump(region),
        "plans/actors.yaml": dump({"schema_version": 2, "actors": actors}),
    }
    for core_id in draw(st.lists(SLUG, max_size=3, unique=True)):
        core: dict[str, Any] = {"schema_version": 2, "id": core_id, "name": draw(TEXT)}
        municipalities = draw(st.lists(st.sampled_from(actor_ids), unique=True, max_size=2))
        if municipalities:
            core["municipalities"] = municipalities
        directions = draw(st.lists(st.sampled_from(areas), unique=True, max_size=len(areas)))
        if directions:
            core["directions"] = [{"area": a, "text": draw(TEXT)} for a in directions]
        own = draw(initiatives(areas, actor_ids, cycles, set(common_taken)))
        dialogues = dialogues_of(own, sorted(common_taken), cycles, draw)
        if dialogues:
            core["dialogues"] = dialogues
        followed = {i: draw(follow_ups()) for i in sorted(common_taken) if draw(st.booleans())}
        if followed:
            core["common"] = followed
        if own:
            core["initiatives"] = own
        files[f"plans/{core_id}.yaml"] = dump(core)
    return files


@pytest.mark.slow  # a generated-example sweep: .ci/run runs it
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan_sets())
def test_generated_valid_plan_sets_validate_clean(files: dict[str, bytes]) -> None:
    result = validate_files(files, strict=True)
    assert result.problems == (), [p.format() for p in result.problems]
    again = {path: round_trip(text) for path, text in files.items()}
    result = validate_files(again, strict=True)
    assert result.problems == (), [p.format() for p in result.problems]
