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
    # -- edit --
    "the file is not a mapping": "filen är ingen mappning",
    "cannot remove the first key {key}": "kan inte ta bort den första nyckeln {key}",
    "{path} does not exist": "{path} finns inte",
    "{path} has no initiative {id}": "{path} har ingen insats {id}",
    "give either --lead or --no-lead, not both": "ange antingen --lead eller --no-lead, inte båda",
    "nothing to assign: give --lead, --no-lead, --add or --remove": (
        "inget att tilldela: ange --lead, --no-lead, --add eller --remove"
    ),
    "{actors}: both --add and --remove": "{actors}: både --add och --remove",
    "{actor} is the lead of {ref}; a lead is not also listed as a participant": (
        "{actor} är ansvarig aktör för {ref}; en ansvarig aktör listas inte också som medverkande"
    ),
    "the title must not be empty": "titeln får inte vara tom",
    "edit refused, nothing written: the plans would have {count} problem(s)": (
        "ändringen vägrades, inget skrevs: planerna skulle få {count} problem"
    ),
    "could not write {path}: {error}; the file is as it was": (
        "kunde inte skriva {path}: {error}; filen är oförändrad"
    ),
    "another fardplan edit has held {path} for {seconds} s; try again": (
        "en annan fardplan-ändring har hållit {path} i {seconds} s; försök igen"
    ),
    "git is not available: {error}": "git är inte tillgängligt: {error}",
    "--commit needs a git repository, and {path} is not in one": (
        "--commit kräver ett git-repository, och {path} ligger inte i något"
    ),
    "--commit needs a work tree; {path} is a bare repository": (
        "--commit kräver en arbetskatalog; {path} är ett bart repository"
    ),
    "the repository is in the middle of {operation}; finish or abort it before --commit": (
        "repositoryt är mitt i {operation}; slutför eller avbryt den före --commit"
    ),
    "a merge": "en sammanslagning (merge)",
    "a rebase": "en rebase",
    "a cherry-pick": "en cherry-pick",
    "a revert": "en revert",
    "git has no {key}; set it with: git config {key} \"...\"": (
        "git saknar {key}; ange den med: git config {key} \"...\""
    ),
    "{path} already has uncommitted changes; commit or stash them first, "
    "or edit without --commit": (
        "{path} har redan ändringar som inte är incheckade; checka in eller lägg undan dem först, "
        "eller ändra utan --commit"
    ),
    "{path} was written but not committed: {error}": (
        "{path} skrevs men checkades inte in: {error}"
    ),
    "--dry-run and --commit exclude each other": "--dry-run och --commit utesluter varandra",
    "-m/--message goes with --commit": "-m/--message hör ihop med --commit",
    "{summary} (nothing to change)": "{summary} (inget att ändra)",
    "{path}: {summary} (commit {commit})": "{path}: {summary} (incheckning {commit})",
}
