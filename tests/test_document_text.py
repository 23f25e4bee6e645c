"""The document's own text in the plans: region.yaml's ``document:``, the goal areas' headings, an
initiative's afterword, and a core's replacement of a shared section."""

from __future__ import annotations

from pathlib import Path

from fardplan_cli.load import load_plan_set
from fardplan_cli.model import PLACEMENTS
from tests.support import SHIPPED_PLANS, run_cli


def _shipped() -> dict[str, bytes]:
    return {f"plans/{p.name}": p.read_bytes() for p in SHIPPED_PLANS.glob("*.yaml")}


def test_the_shipped_region_holds_the_shared_sections_in_the_source_order() -> None:
    plan = load_plan_set(_shipped())
    document = plan.region.document
    assert document.title == "Färdplan för den regionala stadskärnan"
    assert document.year == 2026
    assert [c.role for c in document.contacts] == ["Ansvariga handläggare"]
    assert all(c.name is None for c in document.contacts)  # roles only, no personal names
    ids = [s.id for s in document.sections]
    assert ids[:3] == ["inledning", "bakgrund", "flerkarnighet"]
    assert ids[-1] == "uppfoljning"
    assert len(ids) == len(set(ids)) == 22
    assert {s.placement for s in document.sections} == {"before-character", "after-initiative-map"}
    assert all(s.placement in PLACEMENTS for s in document.sections)


def test_a_core_replaces_a_shared_section_where_its_text_names_it() -> None:
    plan = load_plan_set(_shipped())
    shared = {s.id: s for s in plan.region.document.sections}
    sodertalje = {s.id: s for s in plan.sections_of("sodertalje")}
    haninge = {s.id: s for s in plan.sections_of("haninge")}
    assert "Denna färdplan avgränsas till Södertälje stadskärna." in sodertalje["avgransning"].text
    assert "Södertälje" not in shared["avgransning"].text
    assert haninge["avgransning"] == shared["avgransning"]
    # The replacement keeps the shared heading, level and place.
    assert sodertalje["avgransning"].heading == shared["avgransning"].heading
    assert sodertalje["avgransning"].placement == shared["avgransning"].placement
    assert list(sodertalje) == list(shared)


def test_goal_areas_keep_the_list_name_and_the_heading_the_core_plan_prints() -> None:
    plan = load_plan_set(_shipped())
    area = plan.goal_area(1)
    assert area is not None
    assert area.title == "Levande och attraktiva stadskärnor"
    assert area.plan_heading == "Levande och attraktiv stadskärna"


def test_the_almi_paragraph_is_held_with_3_3() -> None:
    plan = load_plan_set(_shipped())
    followed = plan.followed("sodertalje", "3.3")
    assert followed is not None
    assert followed.afterword == (
        "Almi Stockholm AB ägs av Almi AB (51 procent) och Region Stockholm (49 procent). "
        "Almi AB ägs av staten.")


def test_a_plan_set_without_document_text_loads_with_none(plan_dir: Path) -> None:
    region = plan_dir / "plans" / "region.yaml"
    text = region.read_text(encoding="utf-8")
    start = text.index("document:\n")
    end = text.index("goal_areas:\n")
    region.write_text(text[:start] + text[end:], encoding="utf-8")
    sodertalje = plan_dir / "plans" / "sodertalje.yaml"
    core = sodertalje.read_text(encoding="utf-8")
    sodertalje.write_text(core[:core.index("sections:\n")], encoding="utf-8")
    result = run_cli("validate", repo=plan_dir)
    assert result.exit_code == 0, result.output
    result = run_cli("export", "--core", "sodertalje", repo=plan_dir)
    assert result.exit_code == 0, result.output


def test_a_command_refuses_an_unknown_placement_rather_than_drop_the_section(plan_dir: Path) -> None:
    region = plan_dir / "plans" / "region.yaml"
    text = region.read_text(encoding="utf-8")
    region.write_text(text.replace("placement: after-initiative-map", "placement: at-the-end", 1),
                      encoding="utf-8")
    result = run_cli("export", "--core", "sodertalje", repo=plan_dir)
    assert result.exit_code == 1
    assert "unknown-placement" in result.stderr and "Traceback" not in result.output
