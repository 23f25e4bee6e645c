"""Labels and messages in Swedish and English.

Messages are written in English in the code and looked up here by their English template, the
way gettext does it, so a missing Swedish entry falls back to English instead of failing.
The language is process-wide: the CLI sets it once from ``--lang`` or the locale.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Literal

Language = Literal["sv", "en"]
LANGUAGES: tuple[Language, ...] = ("sv", "en")

_language: Language = "en"


def detect_language(environ: Mapping[str, str] | None = None) -> Language:
    """Swedish where LC_ALL (or, without it, LC_MESSAGES or LANG) starts with ``sv``."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return "sv" if value.lower().startswith("sv") else "en"
    return "en"


def set_language(language: Language) -> None:
    global _language
    _language = language


def current_language() -> Language:
    return _language


def t(message: str, **params: object) -> str:
    """Translate an English message template and fill in its ``{params}``."""
    template = _SWEDISH.get(message, message) if _language == "sv" else message
    return template.format(**params) if params else template


STATUSES: tuple[str, ...] = ("planned", "ongoing", "done", "paused", "dropped")

_STATUS_LABELS: dict[str, tuple[str, str]] = {
    "planned": ("Planerad", "Planned"),
    "ongoing": ("Pågående", "Ongoing"),
    "done": ("Genomförd", "Done"),
    "paused": ("Pausad", "Paused"),
    "dropped": ("Utgår", "Dropped"),
}


def status_label(status: str, language: Language | None = None) -> str:
    labels = _STATUS_LABELS.get(status)
    if labels is None:
        return status
    return labels[0] if (language or _language) == "sv" else labels[1]


def scope_label(scope: str) -> str:
    return t("common") if scope == "common" else t("core-specific")


# English template -> Swedish template. Keep the {placeholders} identical.
_SWEDISH: dict[str, str] = {
    # column headings and labels
    "Core": "Kärna",
    "Cores": "Kärnor",
    "Name": "Namn",
    "Municipalities": "Kommuner",
    "Initiatives": "Insatser",
    "Initiative": "Insats",
    "Ref": "Ref",
    "Area": "Område",
    "Goal area": "Målområde",
    "Scope": "Typ",
    "Title": "Titel",
    "Description": "Beskrivning",
    "Lead": "Ansvarig aktör",
    "Participants": "Medverkande aktörer",
    "Status": "Status",
    "Status note": "Statuskommentar",
    "Priority": "Prioriterad",
    "Places": "Platser",
    "Replaces": "Ersätter",
    "Kind": "Typ",
    "Part of": "Del av",
    "Id": "Id",
    "Direction": "Färdriktning",
    "Directions": "Färdriktningar",
    "Character": "Karaktärsbeskrivning",
    "Indicators": "Lägesbild",
    "Indicator": "Indikator",
    "Unit": "Enhet",
    "Year": "År",
    "Value": "Värde",
    "Note": "Not",
    "Field": "Fält",
    "common": "gemensam",
    "core-specific": "kärnspecifik",
    "Common initiatives": "Gemensamma insatser",
    "Core-specific initiatives": "Kärnspecifika insatser",
    "Total": "Totalt",
    "none": "ingen",
    "(no lead)": "(ingen ansvarig)",
    "Initiatives of {core}": "Insatser i {core}",
    "{count} initiatives": "{count} insatser",
    "The plan of this core has not been entered yet.": (
        "Kärnans färdplan har inte förts in ännu."
    ),
    # kinds of actor
    "region": "region",
    "administration": "förvaltning",
    "municipality": "kommun",
    "agency": "myndighet",
    "company": "bolag",
    "group": "grupp",
    "sector": "bransch",
    "other": "annan",
    # messages
    "error": "fel",
    "warning": "varning",
    "no plan repository found at or above {path} (a folder holding plans/region.yaml); "
    "use --repo or FARDPLAN_REPO": (
        "ingen planrepository hittades i eller ovanför {path} (en mapp med plans/region.yaml); "
        "använd --repo eller FARDPLAN_REPO"
    ),
    "{path} is not a plan repository: it has no plans/region.yaml": (
        "{path} är ingen planrepository: plans/region.yaml saknas"
    ),
    "unknown core {name!r}": "okänd kärna {name!r}",
    "unknown actor {name!r}": "okänd aktör {name!r}",
    "unknown initiative {name!r}": "okänd insats {name!r}",
    "unknown cycle {name!r}": "okänd mandatperiod {name!r}",
    "unknown status {name!r}": "okänd status {name!r}",
    "unknown goal area {name!r}": "okänt målområde {name!r}",
    "did you mean {options}?": "menade du {options}?",
    "choose one of {options}": "välj en av {options}",
    "{ref!r} is not an initiative reference: use CORE:ID (sodertalje:1.3) or a common id (1.1)": (
        "{ref!r} är ingen insatsreferens: skriv KÄRNA:ID (sodertalje:1.3) eller ett gemensamt id (1.1)"
    ),
    "{ref} is a common initiative: refer to it as {id}": (
        "{ref} är en gemensam insats: skriv {id}"
    ),
    "the plans have {count} problem(s); run 'fardplan validate' for the list": (
        "planerna har {count} problem; kör 'fardplan validate' för listan"
    ),
    "internal error: {error} (set FARDPLAN_DEBUG=1 to see the traceback)": (
        "internt fel: {error} (sätt FARDPLAN_DEBUG=1 för att se spårningen)"
    ),
    # -- report --
    "Prioritised": "Prioriterade",
    "Prioritised {cycle}": "Prioriterade {cycle}",
    "Without lead": "Utan ansvarig",
    "Common initiatives are in every core's plan and count in each core's rows; "
    "the total counts each initiative once.": (
        "De gemensamma insatserna ingår i varje kärnas färdplan och räknas i varje kärnas rader; "
        "totalen räknar varje insats en gång."
    ),
    "The total is the plan of {core}.": "Totalen är färdplanen för {core}.",
    "Goal areas: {areas}": "Målområden: {areas}",
    "Last changed": "Senast ändrad",
    "Days": "Dagar",
    "Not changed in {days} days": "Inte ändrade på {days} dagar",
    "Status report": "Statusrapport",
    "directly": "direkt",
    "through {group} (group)": "genom {group} (grupp)",
    "through {actor} (part of it)": "genom {actor} (del av)",
    "leads": "ansvarar",
    "takes part": "medverkar",
    "Role": "Roll",
    "How": "Hur",
    "{actor} leads {lead} and takes part in {participant} initiatives.": (
        "{actor} ansvarar för {lead} och medverkar i {participant} insatser."
    ),
    "{actor} is involved through {parent}, which it is part of.": (
        "{actor} berörs genom {parent}, som den är en del av."
    ),
    "{actor} is involved through {group}, which stands for the core's municipalities.": (
        "{actor} berörs genom {group}, som står för kärnans kommuner."
    ),
    "Responsibility of {actor}": "Ansvar för {actor}",
    "Responsibility": "Ansvar",
    "Actor": "Aktör",
    "All cores": "Alla kärnor",
    "Each cell: leads / takes part in, directly or through a group or part_of; "
    "{all} counts each initiative once.": (
        "Varje cell: ansvarar / medverkar, direkt eller genom en grupp eller part_of; "
        "{all} räknar varje insats en gång."
    ),
    "Roadmap for {core}": "Färdplan för {core}",
    "Initiative map": "Insatskarta",
    "No particular place": "Utan särskild plats",
    "Example participants": "Exempel på medverkande aktörer",
    "--stale-days needs the history module (issue 5), not merged yet": (
        "--stale-days behöver historikmodulen (issue 5), som inte är sammanfogad ännu"
    ),
    "refusing to write {path}: it is inside plans/": "skriver inte {path}: den ligger i plans/",
    "{path} is a folder, not a file": "{path} är en mapp, inte en fil",
    "the folder of {path} does not exist": "mappen för {path} finns inte",
}
