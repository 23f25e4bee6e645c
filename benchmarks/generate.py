"""Generate a large plan repository for the benchmark: N cores x M initiatives and K commits.

The files follow the layout and the style of the shipped plans (``plans/region.yaml``,
``plans/actors.yaml``, one ``plans/core-NNN.yaml`` per core; ids quoted, block scalars for long
text, flow sequences for actor lists, comments) and are valid against the schemas in ``schemas/``.
The text is Swedish: sentences of the shipped plans (the published roadmap's own words), shuffled with
a fixed seed.

The history is written through one ``git fast-import`` process: an initial commit with every file,
then small edits (a status changed, a participant added, a description reworded, a priority
recorded in the core's dialogue, now and then an initiative renumbered with ``replaces``). One core
(the first, "hot" one) gets a quarter of the edits, so that the history of one initiative is long
enough to measure. The plans are in format 2: every core holds one political dialogue per cycle
(the priorities), and a third of the initiatives have activities and progress updates. The tag
``cycle/2023-2026`` is set early, ``cycle/2027-2030`` on the last commit, which records the new
cycle's dialogue in every core, so that the two cycle tags differ in every core file. One more commit, on
its own branch and tagged ``bench/one-core``, changes one core file only: the pair
``cycle/2027-2030..bench/one-core`` is the diff with one core changed.

Everything is deterministic: the same arguments give the same commit ids.

    python benchmarks/generate.py OUT [--cores 300] [--initiatives 50] [--commits 1000] [--seed 7]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SHIPPED_PLANS = PROJECT_ROOT / "plans"

CYCLES = ("2023-2026", "2027-2030")
FIRST_TAG, LAST_TAG, ONE_CORE_TAG = "cycle/2023-2026", "cycle/2027-2030", "bench/one-core"
BRANCH = "main"
AUTHOR = "Planerare Benchmark <planerare@example.org>"
START_EPOCH = 1673254800  # 2023-01-09 09:00 UTC
STEP_SECONDS = 37 * 3600
TIMEZONE = "+0100"

GOAL_AREAS = (
    (1, "Levande och attraktiva stadskärnor"),
    (2, "Regionala målpunkter för samhällsservice"),
    (3, "Naturliga lokaliseringsplatser för näringsliv och innovation"),
    (4, "Tillgängliga regionala stadskärnor som bidrar till ett hållbart resande"),
)
COMMON_IDS = ("1.1", "1.2", "2.1", "2.2", "3.1", "3.2", "3.3", "4.1", "4.2")
STATUSES = ("planned", "ongoing", "done", "paused", "dropped")
SHARED_ACTORS = (
    ("region-stockholm", "Region Stockholm", "region", None),
    ("regionledningskontoret", "regionledningskontoret", "administration", "region-stockholm"),
    ("trafikforvaltningen", "trafikförvaltningen", "administration", "region-stockholm"),
    ("kulturforvaltningen", "kulturförvaltningen", "administration", "region-stockholm"),
    ("halso-och-sjukvardsforvaltningen", "hälso- och sjukvårdsförvaltningen", "administration",
     "region-stockholm"),
    ("locum", "Locum AB", "company", "region-stockholm"),
    ("karnkommunerna", "Kärnkommunerna", "group", None),
    ("naringslivet", "Näringslivet", "sector", None),
    ("fastighetsagare", "Fastighetsägare", "sector", None),
    ("akademien", "Akademien", "sector", None),
    ("besoksnaringen", "Besöksnäringen", "sector", None),
    ("trafikverket", "Trafikverket", "agency", None),
    ("polis", "Polisen", "agency", None),
    ("lansstyrelsen", "Länsstyrelsen i Stockholms län", "agency", None),
    ("civilsamhallet", "Civilsamhället", "sector", None),
)
PARTICIPANT_POOL = tuple(a[0] for a in SHARED_ACTORS if a[0] != "karnkommunerna")
STATUS_NOTES = (
    "Pausad i väntan på beslut om finansiering.",
    "Utgår efter det politiska samtalet; frågan hanteras inom ordinarie planering.",
    "Avvaktar utredningen om kollektivtrafikens utbyggnad.",
)
INLINE_COMMENTS = (
    "enligt det politiska samtalet",
    "stämd av med kommunen",
    "se protokollet från samverkansforum",
)

# A plain scalar in a block mapping or a flow sequence: starts with a letter, no indicator inside.
_PLAIN_SAFE = re.compile(r"[A-Za-zÅÄÖåäöÉé][^:#\[\]{},\"'\n|>&*!%@`]*")
_CYCLE_ID = re.compile(r"[0-9]{4}-[0-9]{4}")


# -- text ----------------------------------------------------------------------------------------


def _strings(value: object) -> Iterator[str]:
    """Every string value of a parsed plan file, depth first."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def load_sentences(seed: int, source: Path = SHIPPED_PLANS) -> list[str]:
    """Sentences of the shipped plans' text (the published roadmap's own words), shuffled
    deterministically."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe")
    paragraphs: list[str] = []
    for path in sorted(source.glob("*.yaml")):
        paragraphs.extend(_strings(yaml.load(path.read_text(encoding="utf-8"))))
    sentences: list[str] = []
    for paragraph in paragraphs:
        flat = " ".join(paragraph.split())
        for sentence in re.split(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ])", flat):
            if 40 <= len(sentence) <= 400 and sentence[-1] in ".!?" and sentence[0].isupper():
                sentences.append(sentence)
    unique = sorted(set(sentences))
    if len(unique) < 20:
        raise SystemExit(f"too few sentences in {source} to generate realistic text")
    random.Random(seed).shuffle(unique)
    return unique


class Text:
    """Draws titles, paragraphs and descriptions from the shuffled sentences, in a fixed order."""

    def __init__(self, sentences: list[str], rng: random.Random) -> None:
        self.sentences = sentences
        self.rng = rng
        self.cursor = 0

    def sentence(self) -> str:
        sentence = self.sentences[self.cursor % len(self.sentences)]
        self.cursor += 1
        return sentence

    def title(self) -> str:
        words = self.sentence().rstrip(".!?").split()
        title = " ".join(words[: self.rng.randint(5, 12)]).rstrip(",;:-")
        return title[0].upper() + title[1:]

    def paragraph(self, low: int = 2, high: int = 3) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(low, high)))

    def description(self) -> str:
        if self.rng.random() < 0.35:
            return self.paragraph(1, 2) + "\n\n" + self.paragraph(2, 3)
        return self.paragraph(2, 4)


# -- YAML in the shipped style ---------------------------------------------------------------------


def scalar(value: str) -> str:
    """A plain scalar where YAML reads it back as the same text, else a double-quoted one."""
    if _CYCLE_ID.fullmatch(value):
        return value  # 2027-2030 is text in YAML 1.2, as the shipped plans write it
    if _PLAIN_SAFE.fullmatch(value) and value == value.strip():
        return value
    return json.dumps(value, ensure_ascii=False)


def flow(items: Sequence[str]) -> str:
    return "[" + ", ".join(scalar(i) for i in items) + "]"


def block_text(key: str, text: str, indent: int) -> str:
    """``key: |-`` for text with paragraphs, ``key: >-`` on one line otherwise (as shipped)."""
    pad = " " * indent
    style = "|-" if "\n" in text else ">-"
    body = "\n".join(f"{pad}  {line}" if line else "" for line in text.split("\n"))
    return f"{pad}{key}: {style}\n{body}\n"


@dataclass
class Initiative:
    id: str
    title: str
    description: str
    participants: list[str]
    lead: str | None = None
    status: str = "planned"
    status_note: str | None = None
    replaces: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    comment: str | None = None
    activities: list[Activity] = field(default_factory=list)
    updates: list[tuple[str, str, str]] = field(default_factory=list)  # date, text, by
    common: bool = False  # a common initiative: its shared text only (format 2)

    @property
    def sort_key(self) -> tuple[int, int]:
        area, number = self.id.split(".")
        return int(area), int(number)

    def render(self, indent: int = 2) -> str:
        pad = " " * indent
        out = f'{pad}- id: "{self.id}"\n'
        out += f"{pad}  title: {scalar(self.title)}\n"
        out += block_text("description", self.description, indent + 2)
        if self.lead:
            out += f"{pad}  lead: {self.lead}\n"
        out += f"{pad}  participants: {flow(self.participants)}"
        if self.common:
            return out + "\n"
        out += f"\n{pad}  status: {self.status}"
        out += f"  # {self.comment}\n" if self.comment else "\n"
        if self.status_note:
            out += f"{pad}  status_note: {scalar(self.status_note)}\n"
        if self.replaces:
            out += f"{pad}  replaces: {flow(self.replaces)}\n"
        if self.places:
            out += f"{pad}  places: {flow(self.places)}\n"
        if self.activities:
            out += f"{pad}  activities:  # aktiviteter\n"
            out += "".join(a.render(self.id, indent + 4) for a in self.activities)
        if self.updates:
            out += f"{pad}  updates:  # lägesrapporter\n"
            for day, text, by in self.updates:
                out += f"{pad}    - date: {day}\n{pad}      text: {scalar(text)}\n"
                out += f"{pad}      by: {by}\n"
        return out


@dataclass
class Activity:
    """An activity of an initiative: its number (the id is ``<initiative id>.<number>``)."""

    number: int
    title: str
    owner: str
    start: str
    due: str
    status: str = "ongoing"
    done_on: str | None = None

    def render(self, initiative_id: str, indent: int) -> str:
        pad = " " * indent
        out = f'{pad}- id: "{initiative_id}.{self.number}"\n{pad}  title: {scalar(self.title)}\n'
        out += f"{pad}  owner: {self.owner}\n{pad}  start: {self.start}\n{pad}  due: {self.due}\n"
        out += f"{pad}  status: {self.status}\n"
        if self.done_on:
            out += f"{pad}  done_on: {self.done_on}\n"
        return out


def render_initiatives(initiatives: Sequence[Initiative]) -> str:
    out = ""
    area = 0
    for initiative in sorted(initiatives, key=lambda i: i.sort_key):
        if initiative.sort_key[0] != area:
            area = initiative.sort_key[0]
            out += f"  # Målområde {area}: {GOAL_AREAS[area - 1][1]}\n"
        out += initiative.render()
    return out


@dataclass
class CorePlan:
    id: str
    name: str
    municipality: str
    header: str
    initiatives: list[Initiative]
    indicators: str
    dialogues: dict[str, list[str]] = field(default_factory=dict)  # cycle -> prioritised ids

    def render(self) -> bytes:
        text = self.header
        if self.dialogues:
            text += "dialogues:  # politiska samtal\n"
            for cycle, ids in self.dialogues.items():
                text += f"  - date: {cycle[:4]}-03-15\n    cycle: {cycle}\n"
                text += f"    participants: [region-stockholm, {self.municipality}]\n"
                # In block style: a diff reads only the changed initiatives of a file whose
                # lines each close their quotes and brackets.
                text += "    prioritized:\n" + "".join(f'      - "{i}"\n' for i in ids)
        text += "initiatives:  # kärnspecifika insatser\n"
        text += render_initiatives(self.initiatives) + self.indicators
        return text.encode("utf-8")

    def next_number(self, area: int) -> int:
        numbers = [i.sort_key[1] for i in self.initiatives if i.sort_key[0] == area]
        common = [int(c.split(".")[1]) for c in COMMON_IDS if c.startswith(f"{area}.")]
        return max([*numbers, *common]) + 1


def core_id(index: int) -> str:
    return f"core-{index:03d}"


def make_core(index: int, count: int, text: Text, rng: random.Random, follow_up: Text) -> CorePlan:
    """Core ``index`` with ``count`` initiatives; ``follow_up`` draws what format 2 added
    (activities, updates, the first dialogue) apart from ``rng``, so that the rest of the plans
    are what they were before format 2."""
    ident = core_id(index)
    name = f"Regional stadskärna {index:03d}"
    municipality = f"kommun-{index:03d}"
    header = (
        "# yaml-language-server: $schema=../schemas/core.schema.json\n"
        "schema_version: 2\n"
        f"id: {ident}\n"
        f"name: {scalar(name)}\n"
        f"municipalities: [{municipality}]\n"
        "character:  # karaktärsbeskrivning, ett avsnitt per rubrik\n"
    )
    for _ in range(2):
        header += f"  - heading: {scalar(text.title())}\n"
        header += block_text("text", text.paragraph(2, 3) + "\n\n" + text.paragraph(1, 2), 4)
    header += "directions:  # färdriktning, högst en per målområde\n"
    for area, _title in GOAL_AREAS:
        header += f"  - area: {area}\n" + block_text("text", text.paragraph(2, 3), 4)
    initiatives: list[Initiative] = []
    next_in_area = {area: len([c for c in COMMON_IDS if c.startswith(f"{area}.")]) + 1
                    for area, _ in GOAL_AREAS}
    for n in range(count):
        area = GOAL_AREAS[n * len(GOAL_AREAS) // count][0]
        initiative_id = f"{area}.{next_in_area[area]}"
        next_in_area[area] += 1
        participants = [municipality, *rng.sample(PARTICIPANT_POOL, rng.randint(1, 3))]
        places = [f"Plats {index:03d}-{n + 1}"] if rng.random() < 0.3 else []
        initiative = Initiative(initiative_id, text.title(), text.description(), participants,
                                places=places)
        if n % 3 == 0:  # a third of the initiatives are under way: activities and updates
            initiative.status = "ongoing"
            owner = participants[1]
            initiative.activities = [
                Activity(1, follow_up.title(), municipality, "2025-09-01", "2026-06-30", "done",
                         "2026-05-20"),
                Activity(2, follow_up.title(), owner, "2026-03-01", f"{2027 + n % 3}-12-31"),
            ]
            initiative.updates = [("2026-02-15", follow_up.sentence(), municipality),
                                  ("2026-10-01", follow_up.sentence(), owner)]
        initiatives.append(initiative)
    indicators = (
        "indicators:  # lägesbild\n"
        "  - id: residents\n    label: Boende i stadskärnan\n    unit: personer\n    values:\n"
        f"      - {{year: 2026, value: {rng.randint(5, 40) * 1000}, note: cirka}}\n"
        "  - id: jobs\n    label: Arbetande i stadskärnan\n    unit: personer\n    values:\n"
        f"      - {{year: 2026, value: {rng.randint(5, 40) * 1000}}}\n"
    )
    first = sorted(follow_up.rng.sample([i.id for i in initiatives], min(2, len(initiatives))),
                   key=lambda i: tuple(int(p) for p in i.split(".")))
    return CorePlan(ident, name, municipality, header, initiatives, indicators,
                    {CYCLES[0]: first})


def region_file(text: Text) -> bytes:
    out = (
        "# yaml-language-server: $schema=../schemas/region.schema.json\n"
        "schema_version: 2\n"
        "name: Färdplaner för de regionala stadskärnorna\n"
        "owner: region-stockholm\n"
        "language: sv\n"
        "goal_areas:  # målområden\n"
    )
    for number, title in GOAL_AREAS:
        out += f"  - number: {number}\n    title: {scalar(title)}\n"
        out += block_text("summary", text.paragraph(3, 4), 4)
    out += "cycles:  # mandatperioder, äldst först\n"
    out += "".join(f"  - id: {cycle}\n" for cycle in CYCLES)
    out += "initiatives:  # gemensamma insatser\n"
    common = [
        Initiative(ident, text.title(), text.description(), ["karnkommunerna", "naringslivet"],
                   lead="region-stockholm", common=True)
        for ident in COMMON_IDS
    ]
    out += render_initiatives(common)
    return out.encode("utf-8")


def actors_file(cores: int) -> bytes:
    out = (
        "# yaml-language-server: $schema=../schemas/actors.schema.json\n"
        "schema_version: 2\n"
        "actors:\n"
    )
    for ident, name, kind, part_of in SHARED_ACTORS:
        out += f"  - id: {ident}\n    name: {scalar(name)}\n    kind: {kind}\n"
        if part_of:
            out += f"    part_of: {part_of}\n"
    out += "  # kärnkommunerna, en per stadskärna\n"
    for index in range(1, cores + 1):
        out += f"  - id: kommun-{index:03d}\n    name: Kommun {index:03d}\n    kind: municipality\n"
    return out.encode("utf-8")


# -- history -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Generated:
    """What the runner needs to know about a generated repository."""

    root: Path
    cores: int
    initiatives: int
    commits: int
    hot_core: str
    log_ref: str
    hot_file: str


class FastImport:
    """One ``git fast-import`` process; blobs are written inline as the commits go."""

    def __init__(self, root: Path) -> None:
        self.process = subprocess.Popen(
            ["git", "fast-import", "--quiet", "--done"], cwd=root, stdin=subprocess.PIPE
        )
        assert self.process.stdin is not None
        self.stream: IO[bytes] = self.process.stdin
        self.mark = 0

    def _data(self, payload: bytes) -> None:
        self.stream.write(b"data %d\n" % len(payload) + payload + b"\n")

    def commit(self, ref: str, when: int, message: str, files: dict[str, bytes],
               parent: int | None = None) -> int:
        self.mark += 1
        head = f"commit refs/heads/{ref}\nmark :{self.mark}\n"
        head += f"author {AUTHOR} {when} {TIMEZONE}\ncommitter {AUTHOR} {when} {TIMEZONE}\n"
        self.stream.write(head.encode())
        self._data(message.encode("utf-8"))
        if parent is not None:
            self.stream.write(f"from :{parent}\n".encode())
        for path, content in sorted(files.items()):
            self.stream.write(f"M 100644 inline {path}\n".encode())
            self._data(content)
        self.stream.write(b"\n")
        return self.mark

    def tag(self, name: str, mark: int, when: int, message: str) -> None:
        self.stream.write(f"tag {name}\nfrom :{mark}\ntagger {AUTHOR} {when} {TIMEZONE}\n".encode())
        self._data(message.encode("utf-8"))

    def close(self) -> None:
        self.stream.write(b"done\n")
        self.stream.close()
        if self.process.wait() != 0:
            raise SystemExit("git fast-import failed")


class Editor:
    """Small, realistic edits to the core plans; each returns a commit message."""

    def __init__(self, cores: list[CorePlan], text: Text, rng: random.Random, log_id: str) -> None:
        self.cores = cores
        self.text = text
        self.rng = rng
        self.log_id = log_id

    def pick(self, core: CorePlan, renumberable: bool = False) -> Initiative:
        pool = [i for i in core.initiatives if not renumberable or (
            i.id != self.log_id or core is not self.cores[0])]
        if core is self.cores[0] and not renumberable and self.rng.random() < 0.2:
            return next(i for i in core.initiatives if i.id == self.log_id)
        return self.rng.choice(pool)

    def edit(self, core: CorePlan) -> str:
        roll = self.rng.random()
        initiative = self.pick(core)
        ref = f"{core.id}:{initiative.id}"
        if roll < 0.40:
            return self.status(initiative, ref)
        if roll < 0.60:
            candidates = [a for a in PARTICIPANT_POOL
                          if a not in initiative.participants and a != initiative.lead]
            if candidates:
                actor = self.rng.choice(candidates)
                initiative.participants.append(actor)
                return f"{ref}: lägg till {actor} som medverkande aktör"
        if roll < 0.85:
            paragraphs = initiative.description.split("\n\n")
            last = paragraphs[-1].split(". ")
            last[self.rng.randrange(len(last))] = self.text.sentence().rstrip(".")
            paragraphs[-1] = ". ".join(last).rstrip(".") + "."
            initiative.description = "\n\n".join(paragraphs)
            return f"{ref}: omformulera beskrivningen"
        prioritized = core.dialogues.setdefault(CYCLES[0], [])
        if roll < 0.93 and initiative.id not in prioritized:
            prioritized.append(initiative.id)
            initiative.comment = self.rng.choice(INLINE_COMMENTS)
            return f"{ref}: prioriterad i det politiska samtalet {CYCLES[0]}"
        if initiative.lead is None:
            lead = initiative.participants[0]
            initiative.participants.remove(lead)
            if not initiative.participants:
                initiative.participants.append("region-stockholm")
            initiative.lead = lead
            return f"{ref}: {lead} blir ansvarig aktör"
        return self.status(initiative, ref)

    def status(self, initiative: Initiative, ref: str) -> str:
        following = {"planned": "ongoing", "ongoing": "done", "done": "planned",
                     "paused": "ongoing", "dropped": "planned"}[initiative.status]
        if initiative.status in ("planned", "ongoing") and self.rng.random() < 0.15:
            following = self.rng.choice(("paused", "dropped"))
        initiative.status = following
        initiative.status_note = (
            self.rng.choice(STATUS_NOTES) if following in ("paused", "dropped") else None
        )
        return f"{ref}: status {following}"

    def renumber(self, core: CorePlan) -> str:
        old = self.pick(core, renumberable=True)
        area = old.sort_key[0]
        new_id = f"{area}.{core.next_number(area)}"
        old_id = old.id
        old.id = new_id
        old.replaces = [old_id]
        for ids in core.dialogues.values():
            ids[:] = [new_id if i == old_id else i for i in ids]
        return f"{core.id}: numrera om {old_id} till {new_id}"


def generate(
    root: Path, cores: int = 300, initiatives: int = 50, commits: int = 1000, seed: int = 7
) -> Generated:
    """Write the plan repository into ``root`` (made empty first) and return what it holds."""
    if cores < 2 or initiatives < 4 or commits < 4:
        raise SystemExit("need at least 2 cores, 4 initiatives and 4 commits")
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    rng = random.Random(seed)
    text = Text(load_sentences(seed), rng)
    subprocess.run(["git", "init", "-q", "-b", BRANCH], cwd=root, check=True)
    settings = (("user.name", "Planerare Benchmark"), ("user.email", "planerare@example.org"),
                ("core.autocrlf", "false"), ("commit.gpgsign", "false"))
    for key, value in settings:
        subprocess.run(["git", "config", key, value], cwd=root, check=True)

    follow_up = Text(text.sentences, random.Random(seed + 1))
    plans = [make_core(i, initiatives, text, rng, follow_up) for i in range(1, cores + 1)]
    hot = plans[0]
    log_id = hot.initiatives[0].id
    files: dict[str, bytes] = {
        "plans/region.yaml": region_file(text),
        "plans/actors.yaml": actors_file(cores),
        **{f"plans/{c.id}.yaml": c.render() for c in plans},
    }
    for schema in sorted((PROJECT_ROOT / "schemas").glob("*.schema.json")):
        files[f"schemas/{schema.name}"] = schema.read_bytes()

    importer = FastImport(root)
    when = START_EPOCH
    mark = importer.commit(BRANCH, when, "Färdplanerna förs in\n", files)
    editor = Editor(plans, text, rng, log_id)
    first_tag_at = max(1, commits // 10)
    for number in range(1, commits - 1):
        when += STEP_SECONDS
        core = hot if rng.random() < 0.25 else rng.choice(plans)
        # Every twentieth edit renumbers an initiative (with `replaces`), the others are small.
        message = editor.renumber(core) if number % 20 == 7 else editor.edit(core)
        changed = {f"plans/{core.id}.yaml": core.render()}
        mark = importer.commit(BRANCH, when, message + "\n", changed)
        if number == first_tag_at:
            importer.tag(FIRST_TAG, mark, when, f"Mandatperioden {CYCLES[0]} avslutas\n")
    # The political dialogue of the new cycle prioritises one initiative in every core.
    when += STEP_SECONDS
    for core in plans:
        core.dialogues[CYCLES[1]] = [rng.choice(core.initiatives).id]
    last = importer.commit(BRANCH, when, f"Prioriteringar i de politiska samtalen {CYCLES[1]}\n",
                           {f"plans/{c.id}.yaml": c.render() for c in plans})
    importer.tag(LAST_TAG, last, when, f"Mandatperioden {CYCLES[1]} börjar\n")
    # One more commit, on a branch of its own, changing one core file only.
    when += STEP_SECONDS
    message = editor.status(hot.initiatives[-1], f"{hot.id}:{hot.initiatives[-1].id}")
    one = importer.commit("bench-one-core", when, message + "\n",
                          {f"plans/{hot.id}.yaml": hot.render()}, parent=last)
    importer.tag(ONE_CORE_TAG, one, when, "En kärna ändrad\n")
    importer.close()
    subprocess.run(["git", "checkout", "-q", "-f", BRANCH], cwd=root, check=True)
    return Generated(root, cores, initiatives, commits, hot.id, f"{hot.id}:{log_id}",
                     f"plans/{hot.id}.yaml")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("out", type=Path, help="the folder to create (emptied first)")
    parser.add_argument("--cores", type=int, default=300)
    parser.add_argument("--initiatives", type=int, default=50, help="per core")
    parser.add_argument("--commits", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    made = generate(args.out, args.cores, args.initiatives, args.commits, args.seed)
    print(f"{made.root}: {made.cores} cores x {made.initiatives} initiatives, "
          f"{made.commits} commits; log {made.log_ref}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
