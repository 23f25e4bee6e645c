"""The follow-up workbook's rows: what each sheet holds, built from the plan set.

One function, ``workbook_rows``, builds the rows of the initiatives' and the activities' sheets
from the model. ``fardplan export --format xlsx`` writes them (``sheet_write``); ``fardplan
import`` builds the rows of the plans as they are now the same way, and compares them cell by
cell with the workbook and with the rows as they were when the workbook was made
(``sheet_import``).

A row's values are *canonical* text: an actor is its id, several actors their ids sorted and
joined by ``,``, a status its id, a date ``YYYY-MM-DD``, a text with LF line ends and no blanks
at either end, nothing the empty string. Two cells hold the same thing exactly when their
canonical texts are equal, whatever a person typed (``Trafikverket`` or ``trafikverket``).
How a value is shown in the workbook (actor names, Swedish status labels, Excel dates) is
``display_value``'s and ``sheet_write``'s.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from fardplan_cli.i18n import Language, status_label
from fardplan_cli.model import Initiative, PlanSet

WORKBOOK_FORMAT = "1"

META_SHEET = "fardplan"
"""The hidden sheet that records what a workbook was made from."""
LISTS_SHEET = "fardplan-lists"
"""The hidden sheet of the drop-downs' choices."""
BASE_SHEET = "fardplan-base"
"""The hidden sheet of every exported row as it was (JSON, cut into cells)."""
BASE_CHUNK = 30_000
"""Characters of the base's JSON per cell (a cell holds at most 32,767)."""
FIRST_ROW = 2
"""The first data row of a sheet (row 1 holds the headers)."""

ColumnKind = Literal["ref", "text", "actor", "actors", "status", "date", "number", "fixed"]
Editable = Literal["never", "always", "new rows", "own initiatives"]
"""Which cells of a column a person may edit: none (locked), all, only those of rows added below
the exported ones (a new activity), or only those of core-specific initiatives (a common
initiative's lead is shared by every core and is changed in the plans, not per core)."""


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    kind: ColumnKind
    editable: Editable
    header_sv: str
    header_en: str
    width: int

    def header(self, language: Language) -> str:
        return self.header_sv if language == "sv" else self.header_en


@dataclass(frozen=True, slots=True)
class SheetSpec:
    key: Literal["initiatives", "activities", "updates"]
    name_sv: str
    name_en: str
    columns: tuple[Column, ...]
    keys: tuple[str, ...] = field(init=False)
    """The columns' keys, in the sheet's order."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "keys", tuple(column.key for column in self.columns))

    def name(self, language: Language) -> str:
        return self.name_sv if language == "sv" else self.name_en


INITIATIVES = SheetSpec("initiatives", "Insatser", "Initiatives", (
    Column("ref", "ref", "never", "Insats", "Initiative", 18),
    Column("core", "fixed", "never", "Kärna", "Core", 18),
    Column("title", "fixed", "never", "Titel", "Title", 48),
    Column("scope", "fixed", "never", "Typ", "Kind", 14),
    Column("lead", "actor", "own initiatives", "Ansvarig aktör", "Lead", 24),
    Column("participants", "actors", "always", "Medverkande aktörer", "Participants", 36),
    Column("status", "status", "always", "Status", "Status", 14),
    Column("status_note", "text", "always", "Statuskommentar", "Status note", 40),
    Column("priority", "fixed", "never", "Prioriterad", "Prioritised", 14),
    Column("carried_by", "fixed", "never", "Genomförande", "Carried by", 30),
    Column("funding", "number", "never", "Finansiering (kr)", "Funding (SEK)", 16),
))
ACTIVITIES = SheetSpec("activities", "Aktiviteter", "Activities", (
    Column("ref", "ref", "never", "Aktivitet", "Activity", 20),
    Column("initiative", "ref", "new rows", "Insats", "Initiative", 18),
    Column("title", "text", "new rows", "Titel", "Title", 44),
    Column("owner", "actor", "new rows", "Ägare", "Owner", 24),
    Column("participants", "actors", "new rows", "Medverkande aktörer", "Participants", 30),
    Column("start", "date", "new rows", "Start", "Start", 12),
    Column("due", "date", "new rows", "Klar senast", "Due", 12),
    Column("status", "status", "always", "Status", "Status", 14),
    Column("done_on", "date", "always", "Genomförd den", "Done on", 14),
    Column("note", "text", "always", "Anteckning", "Note", 40),
))
UPDATES = SheetSpec("updates", "Nya lägesrapporter", "New updates", (
    Column("initiative", "ref", "new rows", "Insats", "Initiative", 18),
    Column("date", "date", "new rows", "Datum", "Date", 12),
    Column("text", "text", "new rows", "Text", "Text", 70),
    Column("by", "actor", "new rows", "Rapporterad av", "Reported by", 24),
))
SHEETS = (INITIATIVES, ACTIVITIES, UPDATES)
INSTRUCTIONS_NAME = {"sv": "Instruktioner", "en": "Instructions"}
NEW_ROWS = {"activities": 40, "updates": 40}
"""How many empty, editable rows the sheets of new activities and new updates get."""

SCOPE_LABELS = {"common": ("gemensam", "common"), "core": ("kärnspecifik", "core-specific")}
CARRIER_LABELS = {
    "assignment": ("uppdrag", "assignment"), "operations": ("verksamhet", "operations"),
    "forum": ("forum", "forum"), "funding": ("finansiering", "funding"),
}


@dataclass(frozen=True, slots=True)
class SheetRow:
    """One row of a sheet: its key (the initiative's or activity's reference) and its cells'
    canonical values by column key."""

    key: str
    values: dict[str, str]
    own: bool = False
    """A core-specific initiative's row: its lead is the core's to change."""


@dataclass(frozen=True, slots=True)
class WorkbookFilter:
    """What an exported workbook holds: a core's plan (every core's when None), only what an
    actor leads or takes part in, only a goal area."""

    core: str | None = None
    actor: str | None = None
    area: int | None = None


@dataclass(frozen=True, slots=True)
class WorkbookRows:
    initiatives: tuple[SheetRow, ...]
    activities: tuple[SheetRow, ...]


def shown_digest(values: Iterable[object]) -> str:
    """A short digest of what a row's cells show, as the workbook is read back (None, str, int,
    float, datetime, ...): export records it for every row, and a row read back with the same
    digest shows what it showed then, so import passes over it without comparing its cells."""
    import hashlib

    shown = repr(tuple(values)).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(shown, digest_size=8).hexdigest()


def canonical_text(text: str | None) -> str:
    """A text as compared: LF line ends, no blanks at either end."""
    if text is None:
        return ""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def canonical_actors(ids: Iterable[str]) -> str:
    return ",".join(sorted(set(ids)))


def split_actors(value: str) -> list[str]:
    return [part for part in value.split(",") if part]


def _initiative_row(plan: PlanSet, initiative: Initiative, language: Language) -> SheetRow:
    core = initiative.followed_in or initiative.core or ""
    the_core = plan.core(core)
    carried = "; ".join(
        " ".join(part for part in (
            CARRIER_LABELS.get(c.kind, (c.kind, c.kind))[0 if language == "sv" else 1],
            plan.actor_name(c.actor) if c.actor else None, c.name,
            f"{c.amount_sek} kr" if c.amount_sek is not None else None) if part)
        for c in initiative.carried_by)
    ref = f"{core}:{initiative.id}"
    return SheetRow(ref, _cells(INITIATIVES, (
        ref,
        the_core.name if the_core is not None else core,
        canonical_text(initiative.title),
        SCOPE_LABELS[initiative.scope][0 if language == "sv" else 1],
        initiative.lead or "",
        canonical_actors(initiative.participants),
        initiative.status,
        canonical_text(initiative.status_note),
        ", ".join(initiative.priority),
        carried,
        _funding(initiative),
    )), own=initiative.core is not None)


def _cells(spec: SheetSpec, values: Sequence[str]) -> dict[str, str]:
    """A row's values by column key, given in the order of the sheet's columns."""
    return dict(zip(spec.keys, values, strict=True))


def _funding(initiative: Initiative) -> str:
    amounts = [c.amount_sek for c in initiative.carried_by if c.amount_sek is not None]
    return str(sum(amounts)) if amounts else ""


def _activity_rows(core: str, initiative: Initiative) -> Iterable[SheetRow]:
    for activity in initiative.activities:
        ref = f"{core}:{activity.id}"
        yield SheetRow(ref, _cells(ACTIVITIES, (
            ref,
            f"{core}:{initiative.id}",
            canonical_text(activity.title),
            activity.owner or "",
            canonical_actors(activity.participants),
            activity.start or "",
            activity.due or "",
            activity.status,
            activity.done_on or "",
            canonical_text(activity.note),
        )))


def selected_initiatives(plan: PlanSet, selection: WorkbookFilter) -> list[Initiative]:
    """The initiatives a workbook holds: each core's plan (common initiatives as followed up in
    the core, and its own), filtered by actor and goal area as ``list`` filters."""
    from fardplan_cli.query import InitiativeFilter, select_initiatives

    chosen = select_initiatives(plan, InitiativeFilter(
        core=selection.core, actor=selection.actor, area=selection.area))
    return [i for i in chosen if (i.followed_in or i.core) is not None]


def workbook_rows(plan: PlanSet, selection: WorkbookFilter, language: Language) -> WorkbookRows:
    """The rows of the initiatives' and the activities' sheets, in the order of the cores and of
    each core's plan. The export writes them; the import builds them from the plans as they are
    now, and compares."""
    initiatives: list[SheetRow] = []
    activities: list[SheetRow] = []
    for initiative in selected_initiatives(plan, selection):
        core = initiative.followed_in or initiative.core or ""
        initiatives.append(_initiative_row(plan, initiative, language))
        activities.extend(_activity_rows(core, initiative))
    return WorkbookRows(tuple(initiatives), tuple(activities))


def display_value(plan: PlanSet, column: Column, value: str, language: Language) -> str:
    """A canonical value as a person reads it in the workbook: actors by name (``; ``
    between several), a status by its label in the workbook's language."""
    if not value:
        return ""
    if column.kind == "actor":
        return plan.actor_name(value)
    if column.kind == "actors":
        return "; ".join(plan.actor_name(a) for a in split_actors(value))
    if column.kind == "status":
        return status_label(value, language)
    return value


def status_choices(language: Language) -> list[str]:
    from fardplan_cli.i18n import STATUSES

    return [status_label(s, language) for s in STATUSES]


def row_by_key(rows: Sequence[SheetRow]) -> dict[str, SheetRow]:
    return {row.key: row for row in rows}


_INSTRUCTIONS = {
    "sv": [
        "Uppföljning av färdplanen — arbetsbok från fardplan",
        "Den här arbetsboken är gjord ur planerna{made}. Fyll i den och lämna tillbaka den till "
        "den som förvaltar planerna; den läses in med 'fardplan import'.",
        "Insatser: en rad per insats och kärna. Du kan ändra status (välj i listan), "
        "statuskommentar, medverkande aktörer (namn åtskilda med semikolon) och, för en "
        "kärnspecifik insats, ansvarig aktör. Grå celler är låsta.",
        "Aktiviteter: en rad per aktivitet. Du kan ändra status, dag då den genomfördes och "
        "anteckning. En ny aktivitet skrivs på en tom rad längst ned: insats (t.ex. "
        "sodertalje:1.3), titel, ägare, medverkande, start och klar senast; lämna "
        "aktivitetscellen tom — den nya aktiviteten får nästa lediga id.",
        "Nya lägesrapporter: en rad per rapport — insats, datum (i dag om tomt), text och vem som "
        "rapporterar. En rapport läggs till; den skriver aldrig över en tidigare.",
        "Aktörer skrivs med namn, med eller utan å, ä och ö (Trafikverket, Sodertalje kommun). "
        "Datum skrivs som datum (2027-03-14). Skriv värden, inte formler.",
        "Flytta, sortera eller ta inte bort rader och byt inte namn på flikarna: raderna känns "
        "igen på sin plats och sitt id.",
        "Har samma cell ändrats både här och i planerna sedan arbetsboken gjordes läses ingenting "
        "in, och cellerna räknas upp; en cell som bara ändrats i planerna behåller planernas "
        "värde. Att läsa in samma arbetsbok två gånger ändrar ingenting andra gången.",
    ],
    "en": [
        "Follow-up of the roadmap — workbook from fardplan",
        "This workbook was made from the plans{made}. Fill it in and return it to whoever keeps "
        "the plans; it is read back with 'fardplan import'.",
        "Initiatives: one row per initiative and core. You may change the status (choose from "
        "the list), the status note, the participants (names separated by semicolons) and, for "
        "a core-specific initiative, the lead. Grey cells are locked.",
        "Activities: one row per activity. You may change the status, the day it was done and "
        "the note. A new activity goes on an empty row at the bottom: the initiative (e.g. "
        "sodertalje:1.3), title, owner, participants, start and due; leave the activity cell "
        "empty — the new activity gets the next free id.",
        "New updates: one row per progress report — the initiative, the date (today if empty), "
        "the text and who reports it. A report is added; it never replaces an earlier one.",
        "Actors are typed by name, with or without å, ä and ö (Trafikverket, Sodertalje kommun). "
        "Dates are typed as dates (2027-03-14). Type values, not formulas.",
        "Do not move, sort or delete rows, and do not rename the sheets: the rows are recognised "
        "by their place and their id.",
        "If the same cell was changed both here and in the plans since the workbook was made, "
        "nothing is imported and the cells are listed; a cell changed only in the plans keeps "
        "the plans' value. Importing the same workbook twice changes nothing the second time.",
    ],
}


def instructions(language: Language, commit: str, uncommitted: bool) -> list[str]:
    """The lines of the instruction sheet, in the workbook's language; they say which commit
    the plans were read at, and whether the working tree held changes not committed then."""
    sv = language == "sv"
    if not commit:
        made = " i arbetskopian (ingen commit än)" if sv else " in the working tree (no commit yet)"
    elif uncommitted:
        made = (f" i arbetskopian (commit {commit[:12]} och ändringar som inte checkats in)" if sv
                else f" in the working tree (commit {commit[:12]} and changes not committed)")
    else:
        made = f" (commit {commit[:12]})"
    return [line.replace("{made}", made) for line in _INSTRUCTIONS[language]]
