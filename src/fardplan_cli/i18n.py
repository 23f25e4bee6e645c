"""Labels and messages in Swedish and English.

Messages are written in English in the code and looked up here by their English template, the
way gettext does it, so a missing Swedish entry falls back to English instead of failing.
The language is process-wide: the CLI sets it once from ``--lang`` or the locale.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from typing import Literal

Language = Literal["sv", "en"]
LANGUAGES: tuple[Language, ...] = ("sv", "en")

_language: Language = "en"


_LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


def _is_swedish(locale_name: str) -> bool:
    """``sv``, ``sv_SE.UTF-8``, ``sv-FI``, or Windows' ``Swedish_Sweden``."""
    name = locale_name.strip().lower()
    return name == "sv" or name.startswith(("sv_", "sv-", "sv.", "sv@", "swedish"))


def platform_locale() -> str:
    """The locale the platform gives the process where no variable names one. On Windows Python
    takes it from the user's settings (``Swedish_Sweden``); on macOS, where a program started
    outside Terminal has no ``LANG``, the first of the user's preferred languages (``sv-SE``)."""
    import sys

    if sys.platform == "darwin":
        preferred = macos_preferred_language()
        if preferred:
            return preferred
    import locale

    try:
        name = locale.getlocale()[0]
    except ValueError:  # a locale name Python cannot parse
        return ""
    return name or ""


_CORE_FOUNDATION = "/System/Library/Frameworks/CoreFoundation.framework/CoreFoundation"


def macos_preferred_language() -> str:
    """The first of the user's preferred languages in macOS's settings (``sv-SE``), read through
    CoreFoundation (a library call, no program started); empty where it cannot be read."""
    import ctypes

    try:
        cf = ctypes.CDLL(_CORE_FOUNDATION)
        cf.CFLocaleCopyPreferredLanguages.restype = ctypes.c_void_p
        cf.CFArrayGetCount.argtypes = [ctypes.c_void_p]
        cf.CFArrayGetCount.restype = ctypes.c_long
        cf.CFArrayGetValueAtIndex.argtypes = [ctypes.c_void_p, ctypes.c_long]
        cf.CFArrayGetValueAtIndex.restype = ctypes.c_void_p
        cf.CFStringGetCString.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_long,
                                          ctypes.c_uint32]
        cf.CFStringGetCString.restype = ctypes.c_bool
        cf.CFRelease.argtypes = [ctypes.c_void_p]
        languages = cf.CFLocaleCopyPreferredLanguages()
        if not languages:
            return ""
        try:
            if cf.CFArrayGetCount(languages) < 1:
                return ""
            first = cf.CFArrayGetValueAtIndex(languages, 0)
            buffer = ctypes.create_string_buffer(64)
            utf8 = 0x08000100  # kCFStringEncodingUTF8
            if not cf.CFStringGetCString(first, buffer, len(buffer), utf8):
                return ""
            return buffer.value.decode("utf-8")
        finally:
            cf.CFRelease(languages)
    except (OSError, AttributeError, ValueError):
        return ""


def detect_language(environ: Mapping[str, str] | None = None,
                    platform: str | None = None) -> Language:
    """The language of the locale, as gettext chooses it: the first of ``LC_ALL``,
    ``LC_MESSAGES`` and ``LANG`` that is set names the locale; unless that is ``C`` or ``POSIX``,
    ``LANGUAGE`` (a list such as ``sv:en``) comes before it. Without any of them, the platform's
    locale (``platform``, by default ``platform_locale()``). Swedish for a Swedish locale (``sv``,
    ``sv_SE.UTF-8``, ``Swedish_Sweden``), else English."""
    env = os.environ if environ is None else environ
    named = next((env[name] for name in _LOCALE_VARIABLES if env.get(name)), "")
    plain = named.split(".", 1)[0] in ("C", "POSIX")
    preferred = env.get("LANGUAGE", "").split(":", 1)[0]
    if preferred and not plain:
        return "sv" if _is_swedish(preferred) else "en"
    if named:
        return "sv" if _is_swedish(named) else "en"
    found = platform_locale() if platform is None else platform
    return "sv" if _is_swedish(found) else "en"


def set_language(language: Language) -> None:
    global _language
    _language = language


def current_language() -> Language:
    return _language


def t(message: str, **params: object) -> str:
    """Translate an English message template and fill in its ``{params}``."""
    template = _SWEDISH.get(message, message) if _language == "sv" else message
    return template.format(**params) if params else template


# The YAML parser's own words for what it could not read (libyaml's, and ruamel's pure-Python
# parser's where the C one is not installed), in Swedish; ``yaml_problem_text`` looks them up.
_YAML_PROBLEMS: dict[str, str] = {
    "could not find expected ':'": "kolon (:) saknas efter nyckeln",
    "mapping values are not allowed in this context": (
        "ett kolon följt av mellanslag (: ) är inte tillåtet här"
    ),
    "mapping values are not allowed here": "ett kolon följt av mellanslag (: ) är inte tillåtet här",
    "block sequence entries are not allowed in this context": "en listpost (- ) är inte tillåten här",
    "sequence entries are not allowed here": "en listpost (- ) är inte tillåten här",
    "mapping keys are not allowed in this context": "en nyckel (? ) är inte tillåten här",
    "mapping keys are not allowed here": "en nyckel (? ) är inte tillåten här",
    "found unexpected end of stream": "filen tar slut mitt i ett värde",
    "found character that cannot start any token": "ett värde kan inte börja med det här tecknet",
    "found unknown escape character": "okänd teckenkombination med \\ i texten",
    "did not find expected key": "här skulle en nyckel ha stått (se över indraget)",
    "did not find expected '-' indicator": "här skulle en listpost (- ) ha stått (se över indraget)",
    "did not find expected node content": "här skulle ett värde ha stått",
    "did not find expected ',' or ']'": "här skulle ',' eller ']' ha stått",
    "did not find expected ',' or '}'": "här skulle ',' eller '}' ha stått",
    "did not find expected <document start>": "här skulle dokumentets början (---) ha stått",
    "did not find expected whitespace or line break": (
        "här skulle ett mellanslag eller en radbrytning ha stått"
    ),
    "did not find expected comment or line break": (
        "här skulle en kommentar eller en radbrytning ha stått"
    ),
    "did not find expected alphabetic or numeric character": (
        "här skulle en bokstav eller en siffra ha stått"
    ),
    "found a tab character that violates indentation": "en tabb bryter indraget",
    "found a tab character where an indentation space is expected": (
        "en tabb står där indraget ska vara mellanslag"
    ),
    "found unexpected document indicator": "oväntad dokumentgräns (--- eller ...)",
    "found unexpected document separator": "oväntad dokumentgräns (--- eller ...)",
    "found unexpected ':'": "oväntat kolon (:)",
    "found undefined tag handle": "okänd tagg",
    "found incompatible YAML document": "YAML-versionen stöds inte",
    "found duplicate %YAML directive": "direktivet %YAML står två gånger",
    "but found another document": "filen innehåller mer än ett dokument; en planfil är ett enda dokument",
    "expected a single document in the stream": (
        "filen innehåller mer än ett dokument; en planfil är ett enda dokument"
    ),
}
# The pure-Python parser's words that name what it found instead.
_YAML_PROBLEM_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"expected <block end>, but found (.+)"),
     "här skulle blocket ha slutat (se över indraget), men här står {0}"),
    (re.compile(r"expected the node content, but found (.+)"),
     "här skulle ett värde ha stått, men här står {0}"),
    (re.compile(r"expected ',' or '\]', but got (.+)"), "här skulle ',' eller ']' ha stått, men här står {0}"),
    (re.compile(r"expected ',' or '\}', but got (.+)"), "här skulle ',' eller '}' ha stått, men här står {0}"),
    (re.compile(r"found character (.+) that cannot start any token"),
     "ett värde kan inte börja med tecknet {0}"),
    (re.compile(r"found unknown escape character (.+)"), "okänd teckenkombination med \\ i texten: {0}"),
)


def yaml_problem_text(problem: str | None) -> str:
    """The YAML parser's description of a syntax error (``could not find expected ':'``) in the
    language of the run; one it does not know stays as the parser wrote it."""
    text = (problem or "").strip()
    if _language != "sv":
        return text
    known = _YAML_PROBLEMS.get(text)
    if known is not None:
        return known
    for pattern, template in _YAML_PROBLEM_PATTERNS:
        match = pattern.fullmatch(text)
        if match is not None:
            return template.format(match.group(1))
    return text


def tn(one: str, many: str, count: int, **params: object) -> str:
    """``one`` or ``many`` (English templates, as ``ngettext`` takes them) by ``count``, translated
    and filled in with ``count`` and ``params``: "1 insats", "2 insatser", "0 varningar".
    English and Swedish both use the singular for exactly one."""
    return t(one if count == 1 else many, count=count, **params)


def decimal(value: float, places: int) -> str:
    """``value`` with ``places`` decimals and the language's decimal sign: "1,9" in Swedish,
    "1.9" in English."""
    text = f"{value:.{places}f}"
    return text.replace(".", ",") if _language == "sv" else text


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
    "Area": "Målområde",
    "Goal area": "Målområde",
    "Scope": "Typ",
    "Title": "Titel",
    "Description": "Beskrivning",
    "Afterword": "Efterskrift",
    "Heading": "Rubrik",
    "Heading in the core's plan": "Rubrik i stadskärnans färdplan",
    "Publisher": "Utgivare",
    "Address": "Adress",
    "Contacts": "Kontakter",
    "Heading level": "Rubriknivå",
    "Placement": "Placering",
    "Text": "Text",
    "Lead": "Ansvarig aktör",
    "Participants": "Medverkande aktörer",
    "Status": "Status",
    "Status note": "Anmärkning",
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
    "Note": "Anmärkning",
    "Field": "Fält",
    "common": "gemensam",
    "core-specific": "kärnspecifik",
    "Common initiatives": "Gemensamma insatser",
    "Core-specific initiatives": "Kärnspecifika insatser",
    "Core-specific": "Kärnspecifika",
    "By status": "Per status",
    "Total": "Totalt",
    "none": "ingen",
    "(no lead)": "(ingen ansvarig)",
    "Initiatives of {core}": "Insatser i {core}",
    "{count} initiative": "{count} insats",
    "{count} initiatives": "{count} insatser",
    "{count} error": "{count} fel",
    "{count} errors": "{count} fel",
    "{count} warning": "{count} varning",
    "{count} warnings": "{count} varningar",
    "{count} file checked": "{count} kontrollerad fil",
    "{count} files checked": "{count} kontrollerade filer",
    "{errors}, {warnings} in {files}": "{errors}, {warnings} i {files}",
    "{files}: no problems": "{files}: inga problem",
    "{count} commit": "{count} incheckning",
    "{count} commits": "{count} incheckningar",
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
        "inget planförråd hittades i eller ovanför {path} (en mapp med plans/region.yaml); "
        "använd --repo eller FARDPLAN_REPO"
    ),
    "{path} is not a plan repository: it has no plans/region.yaml": (
        "{path} är inget planförråd: plans/region.yaml saknas"
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
    "the plans have {count} problem; run 'fardplan validate' for the list": (
        "planerna har {count} problem; kör 'fardplan validate' för listan"
    ),
    "the plans have {count} problems; run 'fardplan validate' for the list": (
        "planerna har {count} problem; kör 'fardplan validate' för listan"
    ),
    "interrupted": "avbrutet",
    "the output could not be written: {reason}": "utdata kunde inte skrivas: {reason}",
    "the output could not be written to {path}: {reason}": "utdata kunde inte skrivas till {path}: {reason}",
    "standard output is closed": "standardutmatningen är stängd",
    "{error} Did you mean {names}?": "{error} Menade du {names}?",
    "internal error: {error} (set FARDPLAN_DEBUG=1 to see the traceback)": (
        "internt fel: {error} (sätt FARDPLAN_DEBUG=1 för att se var felet uppstod)"
    ),
    # -- history --
    "Close the political cycle {cycle}": "Avsluta mandatperioden {cycle}",
    "git {command} failed: {detail}": "git {command} misslyckades: {detail}",
    "{path} is not a git repository; history needs git": (
        "{path} är inget git-förråd; historiken kräver git"
    ),
    "an empty revision is not allowed": "en tom revision är inte tillåten",
    "a revision may not contain a line break or NUL: {rev!r}": (
        "en revision får inte innehålla radbrytning eller NUL: {rev!r}"
    ),
    "a revision may not start with '-': {rev!r}": "en revision får inte börja med '-': {rev!r}",
    "{rev!r} is not a revision: ':' (a path inside a revision) is not allowed": (
        "{rev!r} är ingen revision: ':' (en sökväg i en revision) är inte tillåtet"
    ),
    "a revision may not contain control characters: {rev!r}": (
        "en revision får inte innehålla styrtecken: {rev!r}"
    ),
    "{cycle!r} is not a cycle id (YYYY-YYYY, e.g. 2023-2026)": (
        "{cycle!r} är ingen mandatperiod (ÅÅÅÅ-ÅÅÅÅ, t.ex. 2023-2026)"
    ),
    "unknown revision {rev!r} (not a cycle, tag, branch or commit)": (
        "okänd revision {rev!r} (ingen mandatperiod, tagg, gren eller incheckning)"
    ),
    "cycle {cycle} is not closed: there is no tag {tag}": (
        "mandatperioden {cycle} är inte avslutad: taggen {tag} finns inte"
    ),
    "cycle {cycle} is already closed: {tag} is on commit {commit}": (
        "mandatperioden {cycle} är redan avslutad: {tag} sitter på incheckning {commit}"
    ),
    "the repository has no commit to tag yet": "planförrådet har ännu ingen incheckning att tagga",
    "the plans have uncommitted changes ({files}); commit them before closing the cycle": (
        "planerna har ändringar som inte är incheckade ({files}); checka in dem innan "
        "mandatperioden avslutas"
    ),
    "the plans have {count} problem; a cycle can only be closed on valid plans": (
        "planerna har {count} problem; en mandatperiod kan bara avslutas med giltiga planer"
    ),
    "the plans have {count} problems; a cycle can only be closed on valid plans": (
        "planerna har {count} problem; en mandatperiod kan bara avslutas med giltiga planer"
    ),
    "git is not installed or not on PATH": "git är inte installerat eller finns inte i PATH",
    "git cat-file stopped unexpectedly": "git cat-file avslutades oväntat",
    "git object {oid} is missing": "git-objektet {oid} saknas",
    "the plans at {label} have {count} problem, listed above": (
        "planerna i {label} har {count} problem, se ovan"
    ),
    "the plans at {label} have {count} problems, listed above": (
        "planerna i {label} har {count} problem, se ovan"
    ),
    "the plans at {label} have {count} problem; the first: {first}": (
        "planerna i {label} har {count} problem: {first}"
    ),
    "the plans at {label} have {count} problems; the first: {first}": (
        "planerna i {label} har {count} problem; det första: {first}"
    ),
    "{label} has no plans/region.yaml": "{label} har ingen plans/region.yaml",
    "no cycle has been closed yet (there is no cycle/<id> tag): name the revision to compare "
    "with, as in 'fardplan diff FROM [TO]'": (
        "ingen mandatperiod har avslutats ännu (taggen cycle/<id> saknas): ange revisionen att "
        "jämföra med, som i 'fardplan diff FRÅN [TILL]'"
    ),
    "Changes in the plans": "Ändringar i färdplanerna",
    "Changes in the plan of {core}": "Ändringar i färdplanen för {core}",
    "from {source} to {target}": "från {source} till {target}",
    "working tree": "arbetskopian",
    "No changes.": "Inga ändringar.",
    "Summary": "Sammanfattning",
    "The region": "Regionen",
    "(none)": "(ingen)",
    "Added: {what}": "Tillagd: {what}",
    "Removed: {what}": "Borttagen: {what}",
    "Changed: {what}": "Ändrad: {what}",
    "Added: {ref} {title}": "Ny insats: {ref} {title}",
    "Removed: {ref} {title}": "Borttagen insats: {ref} {title}",
    "Renumbered: {old} → {ref} {title}": "Omnumrerad: {old} → {ref} {title}",
    "Merged: {old} → {ref} {title}": "Sammanslagen: {old} → {ref} {title}",
    "Split: {ref} → {new}": "Uppdelad: {ref} → {new}",
    "Changed: {ref} {title}": "Ändrad: {ref} {title}",
    "Character: {heading}": "Karaktärsbeskrivning: {heading}",
    "Direction for goal area {area} {title}": "Färdriktning för målområde {area} {title}",
    "goal area {number}": "målområde {number}",
    "cycle {cycle}": "mandatperiod {cycle}",
    "actor {actor}": "aktör {actor}",
    "Core added: {name}": "Ny kärna: {name}",
    "Core removed: {name}": "Borttagen kärna: {name}",
    "Core changed": "Ändrad kärna",
    "Cores added": "Nya kärnor",
    "Cores removed": "Borttagna kärnor",
    "Initiatives added": "Nya insatser",
    "Initiatives removed": "Borttagna insatser",
    "Initiatives renumbered": "Omnumrerade insatser",
    "Initiatives merged": "Sammanslagna insatser",
    "Initiatives split": "Uppdelade insatser",
    "Initiatives changed": "Ändrade insatser",
    "Directions changed": "Ändrade färdriktningar",
    "Character texts changed": "Ändrade karaktärsbeskrivningar",
    "Goal areas changed": "Ändrade målområden",
    "Cycles changed": "Ändrade mandatperioder",
    "Actors changed": "Ändrade aktörer",
    # the diff of the document's own text
    "the document's own text": "dokumentets text",
    "Changes to the document's text": "Ändringar i dokumentets text",
    "Sections changed": "Ändrade avsnitt",
    "Section added: {what}": "Nytt avsnitt: {what}",
    "Section removed: {what}": "Borttaget avsnitt: {what}",
    "Section changed: {what}": "Ändrat avsnitt: {what}",
    "Own wording of a section added: {what}": "Ny egen lydelse av avsnitt: {what}",
    "Own wording of a section removed: {what}": "Borttagen egen lydelse av avsnitt: {what}",
    "Own wording of a section changed: {what}": "Ändrad egen lydelse av avsnitt: {what}",
    "before the character description": "före karaktärsbeskrivningen",
    "after the character description": "efter karaktärsbeskrivningen",
    "after the goal areas": "efter målområdena",
    "after the initiative map": "efter insatskartan",
    # the diff of what format 2 follows up: dialogues, activities, updates, carriers
    "Lead unit": "Ansvarig enhet",
    "Owner": "Ägare",
    "Start": "Start",
    "Due": "Klar senast",
    "Done on": "Genomförd den",
    "Amount": "Belopp",
    "Decided": "Beslutad",
    "Assignment": "Uppdrag",
    "Operations": "Ordinarie verksamhet",
    "Forum": "Samverkansforum",
    "Funding": "Finansiering",
    "Dialogues changed": "Ändrade politiska samtal",
    "Activities changed": "Ändrade aktiviteter",
    "Updates added": "Nya lägesrapporter",
    "Carriers changed": "Ändrat genomförande",
    "{amount} SEK": "{amount} kr",
    "from {date}": "från {date}",
    "due {date}": "klar senast {date}",
    "done on {date}": "genomförd {date}",
    "decided {date}": "beslutad {date}",
    "({date})": "({date})",
    "Activity added": "Ny aktivitet",
    "Activity removed": "Borttagen aktivitet",
    "Activity {id}, {field}": "Aktivitet {id}, {field}",
    "Update added {date}": "Ny lägesrapport {date}",
    "Update removed {date}": "Borttagen lägesrapport {date}",
    "Carried by, added": "Genomförande, tillagt",
    "Carried by, removed": "Genomförande, borttaget",
    "Carried by ({what}), {field}": "Genomförande ({what}), {field}",
    "Political dialogue added: {date}": "Nytt politiskt samtal: {date}",
    "Political dialogue removed: {date}": "Borttaget politiskt samtal: {date}",
    "Political dialogue changed: {date}": "Ändrat politiskt samtal: {date}",
    "Date": "Datum",
    "Author": "Författare",
    "Commit": "Incheckning",
    "Message": "Meddelande",
    "Changes": "Ändringar",
    "History of {ref}": "Historik för {ref}",
    "the folder {path} does not exist (any more); run fardplan from an existing folder": (
        "mappen {path} finns inte (längre); kör fardplan från en mapp som finns"
    ),
    "git could not be started: {error}": "git kunde inte startas: {error}",
        "cycle {cycle} is not closed: the tag {tag} names no commit": (
        "mandatperioden {cycle} är inte avslutad: taggen {tag} pekar inte på någon incheckning"
    ),
    "the tag {tag} exists but names no commit, so cycle {cycle} is not closed; remove it "
    "(git tag -d {tag}) and close the cycle again": (
        "taggen {tag} finns men pekar inte på någon incheckning, så mandatperioden {cycle} är inte "
        "avslutad; ta bort den (git tag -d {tag}) och avsluta mandatperioden igen"
    ),
    "--stale-days {days} reaches back before any date (the year 1)": (
        "--stale-days {days} går längre tillbaka än något datum (år 1)"
    ),
    "no commit has changed {ref} yet: it is only in the working tree": (
        "ingen incheckning har ändrat {ref} ännu: den finns bara i arbetskopian"
    ),
    "Cycle": "Mandatperiod",
    "Cycles": "Mandatperioder",
    "Tag": "Tagg",
    "State": "Läge",
    "closed": "avslutad",
    "open": "pågående",
    "Closed cycle {cycle}: tag {tag} on commit {commit}": (
        "Mandatperioden {cycle} är avslutad: taggen {tag} på incheckning {commit}"
    ),
    # -- report --
    "Prioritised": "Prioriterade",
    "Prioritised {cycle}": "Prioriterade {cycle}",
    "Without lead": "Utan ansvarig",
    "Common initiatives are in every core's plan and count in each core's rows; "
    "the total counts each initiative once.": (
        "De gemensamma insatserna ingår i varje kärnas färdplan och räknas i varje kärnas rader; "
        "raden Totalt räknar varje insats en gång."
    ),
    "The total is the plan of {core}.": "Raden Totalt gäller färdplanen för {core}.",
    "Goal areas:": "Målområden:",
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
        "{actor} ansvarar för {lead} och medverkar i {participant} av insatserna."
    ),
    "{actor} is involved through {parent}, which it is part of.": (
        "{actor} berörs genom {parent}, som den är en del av."
    ),
    "{actor} is involved through {group}, which stands for the core's municipalities.": (
        "{actor} berörs genom {group}, som står för kärnans kommuner."
    ),
    "Responsibility of {actor}": "Ansvar för {actor}",
    "The terminal is too narrow for a column per core: each actor's initiatives in every core "
    "with 'fardplan report responsibility --actor ACTOR', one core with --core CORE, the whole "
    "matrix with --format csv or in a wider window.": (
        "Terminalen är för smal för en kolumn per kärna: en aktörs insatser i varje kärna med "
        "'fardplan report responsibility --actor AKTÖR', en kärna med --core KÄRNA, hela "
        "matrisen med --format csv eller i ett bredare fönster."
    ),
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
    "refusing to write {path}: it is inside {folder}/": "skriver inte {path}: den ligger i {folder}/",
    "Wrote {path} ({format}, {size} bytes)": "Skrev {path} ({format}, {size} byte)",
    "{path} is a folder, not a file": "{path} är en mapp, inte en fil",
    "the folder of {path} does not exist": "mappen för {path} finns inte",
    # -- edit --
    "the file is not a mapping": "filen är ingen mappning",
    "cannot remove the first key {key}": "kan inte ta bort den första nyckeln {key}",
    "{path} does not exist": "{path} finns inte",
    "{path} has no initiative {id}": "{path} har ingen insats {id}",
    "give either --lead or --no-lead, not both": "ange antingen --lead eller --no-lead, inte båda",
    "nothing to assign: give --lead, --no-lead, --add or --remove": (
        "inget att ändra: ange --lead, --no-lead, --add eller --remove"
    ),
    "{actors}: both --add and --remove": "{actors}: både --add och --remove",
    "{actor} is the lead of {ref}; a lead is not also listed as a participant": (
        "{actor} är ansvarig aktör för {ref}; en ansvarig aktör listas inte också som medverkande"
    ),
    "the title must not be empty": "titeln får inte vara tom",
    "edit refused, nothing written: the plans would have {count} problem": (
        "ändringen vägrades, inget skrevs: planerna skulle få {count} problem"
    ),
    "edit refused, nothing written: the plans would have {count} problems": (
        "ändringen vägrades, inget skrevs: planerna skulle få {count} problem"
    ),
    "could not write {path}: {error}; the file is as it was": (
        "kunde inte skriva {path}: {error}; filen är oförändrad"
    ),
    "another fardplan edit has held {path} for {seconds} s; try again": (
        "en annan fardplan-ändring har hållit {path} i {seconds} s; försök igen"
    ),
    "--commit needs a git repository, and {path} is not in one": (
        "--commit kräver ett git-förråd, och {path} ligger inte i något"
    ),
    "--commit needs a work tree; {path} is a bare repository": (
        "--commit kräver en arbetskopia; {path} är ett git-förråd utan arbetskopia"
    ),
    "the repository is in the middle of {operation}; finish or abort it before --commit": (
        "git-förrådet är mitt i {operation}; slutför eller avbryt den före --commit"
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
    # the summary of an edit (also its commit message): names, not ids
    "{head}: {changes}": "{head}: {changes}",
    "no change": "ingen ändring",
    "{summary}; applies to every core": "{summary}; gäller alla kärnor",
    "edit refused, nothing written: {actors} does not take part in {ref} (its participants: "
    "{participants})": (
        "ändringen vägrades, inget skrevs: {actors} medverkar inte i {ref} (medverkande: "
        "{participants})"
    ),
    "edit refused, nothing written: {actors} do not take part in {ref} (its participants: "
    "{participants})": (
        "ändringen vägrades, inget skrevs: {actors} medverkar inte i {ref} (medverkande: "
        "{participants})"
    ),
    "edit refused, nothing written: with --strict, its warning counts as an error": (
        "ändringen vägrades, inget skrevs: med --strict räknas dess varning som ett fel"
    ),
    "edit refused, nothing written: with --strict, its {count} warnings count as errors": (
        "ändringen vägrades, inget skrevs: med --strict räknas dess {count} varningar som fel"
    ),
    "assign {ref}": "ansvar {ref}",
    "set-status {ref}": "status {ref}",
    "prioritize {ref}": "prioritering {ref}",
    "new {ref}: {title}": "ny insats {ref}: {title}",
    "activity add {ref}": "ny aktivitet {ref}",
    "activity set-status {ref}": "status för aktivitet {ref}",
    "update {ref}": "lägesrapport {ref}",
    "carry {ref}": "genomförande {ref}",
    "dialogue add {core} {date}": "politiskt samtal {core} {date}",
    "lead {name}": "ansvarig: {name}",
    "lead {name} (no longer a participant)": "ansvarig: {name} (inte längre medverkande)",
    "no lead": "ingen ansvarig",
    "lead unit {name}": "ansvarig enhet: {name}",
    "no lead unit": "ingen ansvarig enhet",
    "{old} -> {new}": "{old} → {new}",
    "note {note}": "anmärkning: {note}",
    "note removed": "anmärkning borttagen",
    "done date removed": "datum för genomförande borttaget",
    "{date} by {name}": "{date} av {name}",
    "by {name}": "av {name}",
    "prioritised {ids}": "prioriterade {ids}",
    "participants {names}": "medverkande {names}",
    "with a note": "med anmärkning",
    "+{cycle} (dialogue {date})": "+{cycle} (samtalet {date})",
    "-{cycle} (dialogue {date})": "-{cycle} (samtalet {date})",
    "+{cycle} (dialogue {date} added)": "+{cycle} (nytt samtal {date})",
    "{path}: {summary} (commit {commit})": "{path}: {summary} (incheckning {commit})",
    # -- validate --
    "nothing": "ingenting",
    "true/false": "sant/falskt",
    "the number {value}": "talet {value}",
    "text": "text",
    "a list": "en lista",
    "a mapping": "en mappning",
    "a whole number": "ett heltal",
    "a number": "ett tal",
    "true or false": "sant eller falskt",
    "the form {pattern}": "formen {pattern}",
    "{field}: {error}": "{field}: {error}",
    "add it to plans/actors.yaml": "lägg till den i plans/actors.yaml",
    "allowed: {options}": "tillåtna: {options}",
    "goal area {value} is already defined on line {line}": (
        "målområde {value} är redan definierat på rad {line}"
    ),
    "cycle {value} is already defined on line {line}": (
        "mandatperiod {value} är redan definierad på rad {line}"
    ),
    "actor {value} is already defined on line {line}": (
        "aktör {value} är redan definierad på rad {line}"
    ),
    "initiative {id} belongs to goal area {area}, which plans/region.yaml does not define "
    "(defined: {defined})": (
        "insats {id} hör till målområde {area}, som plans/region.yaml inte definierar "
        "(definierade: {defined})"
    ),
    "goal area {area} is not defined in plans/region.yaml (defined: {defined})": (
        "målområde {area} är inte definierat i plans/region.yaml (definierade: {defined})"
    ),
    "quote it to make it text": "sätt citattecken runt det för att göra det till text",
    "unknown {field} {value!r}; choose one of {options}": (
        "okänt värde {value!r} för {field}; välj en av {options}"
    ),
    "{field} must be {expected}, found {found}": "{field} ska vara {expected}, men är {found}",
    "{value!r} is not {what}": "{value!r} är inte {what}",
    "{field} is {value}, outside {low}–{high}": "{field} är {value}, utanför {low}–{high}",
    "{field} must not be empty": "{field} får inte vara tomt",
    "the core's id {id!r} differs from its file name {file!r}; rename the file to "
    "plans/{id}.yaml or set id: {stem}": (
        "kärnans id {id!r} skiljer sig från filnamnet {file!r}; byt namn på filen till "
        "plans/{id}.yaml eller sätt id: {stem}"
    ),
    "initiative {id} is already defined on line {line}": (
        "insats {id} är redan definierad på rad {line}"
    ),
    "the file is empty; it should start with schema_version: 2": (
        "filen är tom; den ska börja med schema_version: 2"
    ),
    "the file holds {kind}, but a plan file is a mapping of fields (schema_version: 2, ...)": (
        "filen innehåller {kind}, men en planfil är en mappning av fält (schema_version: 2, ...)"
    ),
    "the required field {field} is missing": "det obligatoriska fältet {field} saknas",
    "the id {raw} was read as a number; quote it: id: \"{raw}\" "
    "(unquoted, 1.10 is the number 1.1)": (
        "id {raw} lästes som ett tal; sätt citattecken: id: \"{raw}\" "
        "(utan citattecken är 1.10 talet 1.1)"
    ),
    "{field} should be {expected}, found {found}": "{field} ska vara {expected}, men är {found}",
    "part_of goes round in a loop: {chain}": "part_of går runt i en slinga: {chain}",
    "{name!r} is not a core file name: a core file is plans/<core-id>.yaml with 2–41 lower-case "
    "letters, digits and hyphens": (
        "{name!r} är inget filnamn för en kärna: en kärnas fil heter plans/<kärn-id>.yaml med 2–41 "
        "gemener, siffror och bindestreck"
    ),
    "goal area {area} already has a direction on line {line}; at most one per area": (
        "målområde {area} har redan en färdriktning på rad {line}; högst en per målområde"
    ),
    "initiative {id} has no lead and no participants; name who is responsible": (
        "insats {id} har varken ansvarig aktör eller medverkande; ange vem som ansvarar"
    ),
    "initiative {id} is {status} without a status_note saying why": (
        "insats {id} har status {status} utan en status_note som säger varför"
    ),
    "{id} is a common initiative's id (plans/region.yaml); a core-specific initiative needs an "
    "id of its own": (
        "{id} är id för en gemensam insats (plans/region.yaml); en kärnspecifik insats behöver "
        "ett eget id"
    ),
    "{value!r} is listed twice in {field}": "{value!r} står två gånger i {field}",
    "{actor} leads the initiative and is also listed as a participant; remove it from "
    "participants": (
        "{actor} är ansvarig för insatsen och står också som medverkande; ta bort den ur "
        "participants"
    ),
    "unknown cycle {name!r}; the cycles are {options}": (
        "okänd mandatperiod {name!r}; mandatperioderna är {options}"
    ),
    "the schema is not valid JSON ({error}); using the schema packaged with fardplan": (
        "schemat är inte giltig JSON ({error}); använder schemat som följer med fardplan"
    ),
    "the schema is not a valid JSON Schema ({error}); using the schema packaged with fardplan": (
        "schemat är inte ett giltigt JSON Schema ({error}); använder schemat som följer med "
        "fardplan"
    ),
    "unknown field {name!r}": "okänt fält {name!r}",
    "{path} exists and is not a folder": "{path} finns och är ingen mapp",
    "{path} is not empty; fardplan init needs a new or empty folder": (
        "{path} är inte tom; fardplan init behöver en ny eller tom mapp"
    ),
    "Created the plan repository {path} ({count} files); check it with "
    "'fardplan --repo {path} validate' and commit it.": (
        "Skapade planförrådet {path} ({count} filer); kontrollera det med "
        "'fardplan --repo {path} validate' och checka in det."
    ),
    'an initiative id (AREA.NUMBER as text, e.g. "1.3")': (
        'ett insats-id (MÅLOMRÅDE.NUMMER som text, t.ex. "1.3")'
    ),
    "a cycle id (YYYY-YYYY, e.g. 2027-2030)": (
        "ett id för en mandatperiod (ÅÅÅÅ-ÅÅÅÅ, t.ex. 2027-2030)"
    ),
    "a core id (2–41 lower-case letters, digits and hyphens, e.g. sodertalje)": (
        "ett kärn-id (2–41 gemener, siffror och bindestreck, t.ex. sodertalje)"
    ),
    "an indicator id (lower-case letters, digits, _ and -, e.g. residents)": (
        "ett indikator-id (gemener, siffror, _ och -, t.ex. residents)"
    ),
    "an actor id (lower-case letters, digits and hyphens)": (
        "ett aktörs-id (gemener, siffror och bindestreck)"
    ),
    # -- validate: the follow-up in a core (format 2) --
    "{value!r} is not a date that exists; write a real date as YYYY-MM-DD": (
        "{value!r} är inget datum som finns; skriv ett riktigt datum som ÅÅÅÅ-MM-DD"
    ),
    "({month} has {days} days)": "({month} har {days} dagar)",
    "core {core} already has a dialogue on {date} (line {line}); record one dialogue per date, "
    "with everything it prioritised": (
        "kärnan {core} har redan ett samtal {date} (rad {line}); för ett samtal per datum, med "
        "allt det prioriterade"
    ),
    "the dialogue prioritises {id}, which core {core} does not have (neither a common nor a "
    "core-specific initiative)": (
        "samtalet prioriterar {id}, som kärnan {core} inte har (varken en gemensam eller en "
        "kärnspecifik insats)"
    ),
    "{id!r} under common: is no common initiative of plans/region.yaml": (
        "{id!r} under common: är ingen gemensam insats i plans/region.yaml"
    ),
    "a core's own initiatives go under initiatives:": (
        "en kärnas egna insatser står under initiatives:"
    ),
    "activity id {id!r} is not of the form {initiative}.<n> (its initiative's id, a dot and a "
    "number); e.g. {example}": (
        "aktivitets-id {id!r} har inte formen {initiative}.<n> (insatsens id, en punkt och ett "
        "nummer); t.ex. {example}"
    ),
    "activity {id} is already defined on line {line}; give it a number of its own (an "
    "activity's id is never reused)": (
        "aktiviteten {id} finns redan på rad {line}; ge den ett eget nummer (en aktivitets id "
        "återanvänds aldrig)"
    ),
    "the update is dated {date}, after today ({today}); an update reports what has happened: "
    "correct the date": (
        "lägesrapporten är daterad {date}, efter i dag ({today}); en lägesrapport berättar vad "
        "som har hänt: rätta datumet"
    ),
    "activity {ref} has done_on {date} but its status is {status}; set status: done, or remove "
    "done_on": (
        "aktiviteten {ref} har done_on {date} men status {status}; sätt status: done, eller ta "
        "bort done_on"
    ),
    "activity {ref} was done on {done_on}, before it started on {start}; correct done_on or "
    "start": (
        "aktiviteten {ref} blev klar {done_on}, före sin start {start}; rätta done_on eller start"
    ),
    "activity {ref} was due on {due} and is still {status}; once it is done, run: fardplan "
    "activity set-status {ref} done (or give it a later due date)": (
        "aktiviteten {ref} skulle vara klar {due} och är fortfarande {status}; när den är klar, "
        "kör: fardplan activity set-status {ref} done (eller ge den ett senare slutdatum, due)"
    ),
    "lead_unit {unit} without a lead: name the lead it is a unit of (lead: ...), or remove "
    "lead_unit": (
        "lead_unit {unit} utan lead: ange den ansvariga aktör den är en enhet av (lead: ...), "
        "eller ta bort lead_unit"
    ),
    "lead_unit {unit} must be a unit of the lead of common initiative {id}, which has no lead in "
    "plans/region.yaml; give it one there, or remove lead_unit": (
        "lead_unit {unit} måste vara en enhet av den gemensamma insatsen {id}s ansvariga aktör, "
        "men den har ingen lead i plans/region.yaml; ange en där, eller ta bort lead_unit"
    ),
    "lead_unit {unit} is not part of the lead {lead} (part_of: {chain}); choose a unit of {lead}, "
    "or correct part_of in plans/actors.yaml": (
        "lead_unit {unit} är inte en del av den ansvariga aktören {lead} (part_of: {chain}); välj "
        "en enhet av {lead}, eller rätta part_of i plans/actors.yaml"
    ),
    "{variable}={value!r} is not a date; write it as YYYY-MM-DD, e.g. 2027-03-14, or unset it": (
        "{variable}={value!r} är inget datum; skriv det som ÅÅÅÅ-MM-DD, t.ex. 2027-03-14, eller "
        "ta bort variabeln"
    ),
    # -- init options --
    "--hook-repo must be a repository URL or path, without spaces or quotes": (
        "--hook-repo ska vara en URL eller sökväg till ett git-förråd, utan mellanslag eller citattecken"
    ),
    "--install must be a pip requirement without quotes, $ or backticks": (
        "--install ska vara ett pip-krav utan citattecken, $ eller backticks"
    ),
    # -- the site's search index (site_search.py) and its filters (templates/site/filters.html.j2) --
    "cannot index {path} for search: it is not a folder": (
        "kan inte indexera {path} för sökning: det är ingen mapp"
    ),
    "cannot build the search index: Pagefind's program is not installed (pip install 'pagefind[bin]'): {error}": (
        "kan inte bygga sökindexet: Pagefinds program är inte installerat (pip install 'pagefind[bin]'): {error}"
    ),
    "cannot build the search index: the Python package pagefind is not installed (pip install 'pagefind[bin]')": (
        "kan inte bygga sökindexet: Python-paketet pagefind är inte installerat (pip install 'pagefind[bin]')"
    ),
    "cannot build the search index of {path}: {error}": "kan inte bygga sökindexet för {path}: {error}",
    "cannot build the search index: Pagefind's program stopped: {reason}": (
        "kan inte bygga sökindexet: Pagefinds program avslutades: {reason}"
    ),
    "it ended with exit status {status}": "det avslutades med slutstatus {status}",
    "it ended without an answer": "det avslutades utan att svara",
    "note: the site shows the plans as last committed; the uncommitted changes to {files} are not in it": (
        "obs: webbplatsen visar planerna som de senast checkades in; de ändringar i {files} som inte "
        "är incheckade finns inte med"
    ),
    "All": "Alla",
    "Filter the initiatives": "Filtrera insatserna",
    "Showing {shown} of {total} initiatives": "Visar {shown} av {total} insatser",
    "Show all": "Visa alla",
    "Search index: {pages} pages, {files} files, {size}": "Sökindex: {pages} sidor, {files} filer, {size}",
    # -- reading plan files (yamlfile, load) --
    "the file is {size:,} bytes; plan files may be at most {limit:,} bytes": (
        "filen är {size:,} byte; en planfil får vara högst {limit:,} byte"
    ),
    "the file is not UTF-8 (byte 0x{byte:02x}); save it as UTF-8": (
        "filen är inte UTF-8 (byte 0x{byte:02x}); spara den som UTF-8"
    ),
    "YAML syntax error: {problem}": "YAML-syntaxfel: {problem}",
    "YAML error: {problem}": "YAML-fel: {problem}",
    "(tabs are not allowed for indentation; use spaces)": "(tabbar får inte användas för indrag; använd mellanslag)",
    "the document is nested too deeply": "dokumentet är för djupt nästlat",
    "alias *{name} is not allowed in plan files; write the value out": (
        "alias *{name} är inte tillåtet i planfiler; skriv ut värdet"
    ),
    "anchor &{name} is not allowed in plan files; write the value out": (
        "ankare &{name} är inte tillåtet i planfiler; skriv ut värdet"
    ),
    "YAML directives (%YAML, %TAG) are not allowed in plan files; remove the line": (
        "YAML-direktiv (%YAML, %TAG) är inte tillåtna i planfiler; ta bort raden"
    ),
    "aliases are not allowed in plan files": "alias är inte tillåtna i planfiler",
    "the tag {tag} is not allowed in plan files": "taggen {tag} är inte tillåten i planfiler",
    "merge keys (<<) are not allowed in plan files": "sammanslagningsnycklar (<<) är inte tillåtna i planfiler",
    "mapping keys must be plain text": "nycklar måste vara vanlig text",
    "duplicate key {key!r}": "nyckeln {key!r} förekommer två gånger",
    "the file has an unresolved git merge conflict ({marker}); resolve it, then validate again": (
        "filen har en olöst git-konflikt ({marker}); lös den och validera sedan igen"
    ),
    "the file holds the control character U+{code:04X}, which YAML does not allow; remove it": (
        "filen innehåller styrtecknet U+{code:04X}, som YAML inte tillåter; ta bort det"
    ),
    "the file is empty; it should hold {what}": "filen är tom; den ska innehålla {what}",
    "expected {what} (a mapping), found {kind}": "väntade {what} (en mappning), fann {kind}",
    "{key} should be a list, found {kind}": "{key} ska vara en lista, fann {kind}",
    "{field} is missing": "{field} saknas",
    "{key} should be text, found {kind}": "{key} ska vara text, fann {kind}",
    "{key} should hold text, found {kind}": "{key} ska innehålla text, fann {kind}",
    "{key} should be a whole number": "{key} ska vara ett heltal",
    "{file} is missing": "{file} saknas",
    "{id!r} is not an initiative id (AREA.NUMBER, e.g. \"1.3\")": (
        "{id!r} är inget insats-id (OMRÅDE.NUMMER, t.ex. \"1.3\")"
    ),
    "value should be a number": "value ska vara ett tal",
    "the region's plan": "regionens plan",
    "the actor registry": "aktörsregistret",
    "a core's plan": "en kärnas plan",
    "a goal area": "ett målområde",
    "a cycle": "en mandatperiod",
    "an actor": "en aktör",
    "a character section": "ett avsnitt i karaktärsbeskrivningen",
    "a direction": "en färdriktning",
    "an initiative": "en insats",
    "an indicator": "en indikator",
    "an indicator value": "ett indikatorvärde",
    "a dialogue": "ett politiskt samtal",
    "Migrated {count} plan files to format 2 and replaced the schemas in schemas/ with those of "
    "format 2; review them with 'git diff' and commit them.": (
        "Flyttade {count} planfiler till format 2 och bytte schemana i schemas/ mot format 2:s; "
        "granska dem med 'git diff' och checka in dem."
    ),
    "The plans are in format 2 already: nothing to migrate.": (
        "Planerna är redan i format 2: inget att flytta."
    ),
    "Migrated {count} plan files to format 2; review them with 'git diff plans/' and commit them.": (
        "Flyttade {count} planfiler till format 2; granska dem med 'git diff plans/' och checka in "
        "dem."
    ),
    "the plans cannot be migrated: {problem}": "planerna kan inte flyttas: {problem}",
    "the plans cannot be migrated: {old} is in format 1 but {other} is not (schema_version: "
    "{version}); give every plan file schema_version: 1 or mend it by hand": (
        "planerna kan inte flyttas: {old} är i format 1 men {other} är det inte (schema_version: "
        "{version}); ge varje planfil schema_version: 1 eller rätta den för hand"
    ),
    "the plans cannot be migrated: {path} writes initiative {id} in a layout that fardplan cannot "
    "rewrite without changing lines it does not move; write it in block style, as the shipped "
    "plans do": (
        "planerna kan inte flyttas: {path} skriver insats {id} i en form som fardplan inte kan "
        "skriva om utan att ändra rader den inte flyttar; skriv den i blockform, som de "
        "levererade planerna gör"
    ),
    "a follow-up": "en uppföljning",
    "an activity": "en aktivitet",
    "an update": "en lägesrapport",
    "a carrier": "ett genomförande",
    "an indicator's target": "en indikators mål",
    "{key} should be a mapping, found {kind}": "{key} ska vara en mappning, fann {kind}",
    "the plans are in format 1; run 'fardplan migrate' to move them to format 2": (
        "planerna är i format 1; kör 'fardplan migrate' för att flytta dem till format 2"
    ),
    "a date (YYYY-MM-DD, e.g. 2027-03-14)": "ett datum (ÅÅÅÅ-MM-DD, t.ex. 2027-03-14)",
    'an activity id (INITIATIVE.NUMBER as text, e.g. "1.3.1")': (
        'ett aktivitets-id (INSATS.NUMMER som text, t.ex. "1.3.1")'
    ),
    "Note: the CI job installs {spec} from PyPI, where fardplan is not published yet; name its source with "
    "--install, or edit .github/workflows/fardplan.yml.": (
        "Obs: CI-jobbet installerar {spec} från PyPI, där fardplan inte är publicerat ännu; ange källan med "
        "--install, eller ändra .github/workflows/fardplan.yml."
    ),
    "{path} is not read: plan files are plans/<name>.yaml": "{path} läses inte: planfiler heter plans/<namn>.yaml",
    "the number {value} is not finite; plan files hold finite numbers only": (
        "talet {value} är inte ändligt; planfiler innehåller bara ändliga tal"
    ),
    # Editing: what cannot be edited without rewriting other lines, text as typed, the lock, init
    "edit refused, nothing written: {path} is not valid YAML; run 'fardplan validate'": (
        "ändringen vägrades, inget skrevs: {path} är inte giltig YAML; kör 'fardplan validate'"
    ),
    "edit refused, nothing written: {path} is not UTF-8; run 'fardplan validate'": (
        "ändringen vägrades, inget skrevs: {path} är inte UTF-8; kör 'fardplan validate'"
    ),
    "edit refused, nothing written: {path} writes {what} in flow style ({{...}} or [...], "
    "as JSON does); fardplan edits only block-style YAML, so as not to rewrite lines it "
    "does not change: write it in block style, as the shipped plans do, or edit the file "
    "by hand": (
        "ändringen vägrades, inget skrevs: {path} skriver {what} i flödesstil ({{...}} eller "
        "[...], som JSON gör); fardplan ändrar bara YAML i blockstil, för att inte skriva om rader "
        "som ändringen inte gäller: skriv det i blockstil, som de medföljande planerna, eller "
        "ändra filen för hand"
    ),
    "initiative {id}": "insats {id}",
    "the file": "filen",
    "edit refused, nothing written: {path} writes initiative {id} in a layout that fardplan "
    "cannot edit without rewriting lines it does not change; write it as the shipped plans "
    "do (\"  - id: ...\", its keys indented by 4 spaces), or edit the file by hand": (
        "ändringen vägrades, inget skrevs: {path} skriver insats {id} i en form som fardplan inte "
        "kan ändra utan att skriva om rader som ändringen inte gäller; skriv den som de "
        "medföljande planerna (\"  - id: ...\", nycklarna indragna 4 blanksteg), eller ändra "
        "filen för hand"
    ),
    "edit refused, nothing written: initiative {id} in {path} is nested too deeply to "
    "edit; run 'fardplan validate'": (
        "ändringen vägrades, inget skrevs: insats {id} i {path} är för djupt nästlad för att "
        "ändras; kör 'fardplan validate'"
    ),
    "{option} is not UTF-8 text (byte 0x{byte:02x}); set the terminal or the shell to "
    "UTF-8 and type it again": (
        "{option} är inte UTF-8-text (byte 0x{byte:02x}); ställ in terminalen eller skalet på "
        "UTF-8 och skriv det igen"
    ),
    "--note holds only blanks; give the reason, or --note \"\" to remove the note": (
        "--note innehåller bara blanktecken; ange skälet, eller --note \"\" för att ta bort "
        "kommentaren"
    ),
    "edit refused, nothing written: the edit lock {path} cannot be opened ({error}); it "
    "must be a file fardplan can create and write: remove what is there, or make its "
    "folder writable": (
        "ändringen vägrades, inget skrevs: ändringslåset {path} kan inte öppnas ({error}); det "
        "måste vara en fil som fardplan kan skapa och skriva: ta bort det som finns där, eller "
        "gör mappen skrivbar"
    ),
    "cannot create the plan repository {path}: {error}": (
        "kan inte skapa planförrådet {path}: {error}"
    ),
    "{option} holds the control character U+{code:04X}, which a plan file cannot hold "
    "as text; leave it out": (
        "{option} innehåller styrtecknet U+{code:04X}, som en planfil inte kan innehålla som "
        "text; ta bort det"
    ),
    "edit refused, nothing written: {path} has an initiatives key that is not a "
    "list; run 'fardplan validate'": (
        "ändringen vägrades, inget skrevs: {path} har en nyckel initiatives som inte är en "
        "lista; kör 'fardplan validate'"
    ),
    "edit refused, nothing written: cannot read {path}: {error}": (
        "ändringen vägrades, inget skrevs: kan inte läsa {path}: {error}"
    ),
    "the diff could not be printed: {error}": "diffen kunde inte skrivas ut: {error}",
    "it is a symbolic link": "det är en symbolisk länk",
    "{ref} was written, but its reference could not be printed: {error}": (
        "{ref} skrevs, men dess referens kunde inte skrivas ut: {error}"
    ),
    "cannot create the plan repository {path}: {error}; nothing is left of it": (
        "kan inte skapa planförrådet {path}: {error}; inget av det finns kvar"
    ),
    # -- reading plan files and schemas safely --
    "the working directory no longer exists (it was deleted or moved); cd to the plan repository, "
    "or use --repo": (
        "mappen du står i finns inte längre (den har tagits bort eller flyttats); gå till "
        "planförrådet med cd, eller använd --repo"
    ),
    "{file} is a symbolic link; fardplan reads only regular files inside the repository: replace "
    "the link by the file itself": (
        "{file} är en symbolisk länk; fardplan läser bara vanliga filer i förrådet: ersätt länken "
        "med själva filen"
    ),
    "{file} is not a regular file": "{file} är inte en vanlig fil",
    "{file} cannot be read: {error}": "{file} kan inte läsas: {error}",
    "it nests more than {depth} levels deep": "det är nästlat mer än {depth} nivåer djupt",
    "it nests too deeply": "det är för djupt nästlat",
    "it refers to {ref}, outside itself; fardplan never fetches a schema": (
        "det hänvisar till {ref}, utanför sig självt; fardplan hämtar aldrig ett schema"
    ),
    "it uses patternProperties, which fardplan does not run": (
        "det använder patternProperties, som fardplan inte kör"
    ),
    "its pattern {pattern!r} cannot be run on a regex engine that cannot backtrack": (
        "dess mönster {pattern!r} kan inte köras i en regexmotor utan backtracking"
    ),
    "the schema is not run: {reason}; using the schema packaged with fardplan": (
        "schemat körs inte: {reason}; använder schemat som följer med fardplan"
    ),
    "using the schema packaged with fardplan": "använder schemat som följer med fardplan",
    "{count:,} more unknown fields from here on ({names}, ...); allowed: {options}": (
        "ytterligare {count:,} okända fält från och med här ({names}, ...); tillåtna: {options}"
    ),
    "the document nests more than {depth} levels deep here; plan files are flat": (
        "dokumentet är nästlat mer än {depth} nivåer djupt här; planfiler är platta"
    ),
    "the number has {count:,} digits; plan files hold numbers of at most {limit} digits": (
        "talet har {count:,} siffror; planfiler innehåller tal med högst {limit} siffror"
    ),
    "{value!r} is not a value of its tag {tag}; remove the tag, or write a value of that kind": (
        "{value!r} är inte ett värde av sin tagg {tag}; ta bort taggen, eller skriv ett värde av "
        "det slaget"
    ),
    # the follow-up per core in the read commands and reports (format 2)
    "Status in the cores": "Status i kärnorna",
    "political assignment": "politiskt uppdrag",
    "operations": "ordinarie verksamhet",
    "collaboration forum": "samverkansforum",
    "funding": "finansiering",
    "Activity": "Aktivitet",
    "Activities": "Aktiviteter",
    "Carried by": "Genomförs genom",
    "By": "Av",
    "Update": "Lägesrapport",
    "Latest updates": "Senaste lägesrapporter",
    "Prioritised in the dialogues": "Prioriterad i de politiska samtalen",
    "How it is carried": "Genomförande",
    "overdue": "försenad",
    "lead": "ansvarig aktör",
    "lead unit": "ansvarig enhet",
    "participant": "medverkande",
    "owner of activity {activity}": "ägare av aktivitet {activity}",
    "participant in activity {activity}": "medverkande i aktivitet {activity}",
    "directly, as {role}": "direkt, som {role}",
    "as {role}, through {group} (group)": "som {role}, genom {group} (grupp)",
    "through {actor} ({role}), which it is part of": "genom {actor} ({role}), som den är en del av",
    "concerned": "berörs",
    "{actor} is concerned through {parent}, which it is part of: it does not lead or take part by "
    "that.": (
        "{actor} berörs genom {parent}, som den är en del av: den ansvarar inte och medverkar inte "
        "genom det."
    ),
    "Each cell: leads / takes part in / is concerned in through part_of (it does not lead or take "
    "part by that); {all} counts what 'fardplan list' lists.": (
        "Varje cell: ansvarar för / medverkar i / berörs av genom part_of (ansvarar eller medverkar "
        "inte genom det); {all} räknar det som 'fardplan list' listar."
    ),
    "Common initiatives in the cores": "Gemensamma insatser i kärnorna",
    "The status of each common initiative as each core follows it up; * a status note ('fardplan "
    "show CORE:ID' gives it).": (
        "Varje gemensam insats status så som varje kärna följer upp den; * en statuskommentar "
        "('fardplan show KÄRNA:ID' visar den)."
    ),
    "Common initiatives are in every core's plan and count in each core's rows, with their status "
    "there; the total is the sum of the rows.": (
        "Gemensamma insatser finns i varje kärnas plan och räknas i varje kärnas rader, med sin "
        "status där; raden Totalt är summan av raderna."
    ),
    "--common shows every core and every common initiative; it takes only --area, not {options}": (
        "--common visar varje kärna och varje gemensam insats; den tar bara --area, inte {options}"
    ),
    "Change": "Förändring",
    "Target": "Mål",
    "Latest update": "Senaste lägesrapport",
    "Open activities": "Öppna aktiviteter",
    "Political dialogues": "Politiska samtal",
    # The follow-up edits of format 2 (edit/commands.py, edit/followup.py).
    "edit refused, nothing written: {path} has a {key} key that fardplan cannot add to; run "
    "'fardplan validate'":
        "ändringen vägrades, inget skrevs: {path} har en nyckel {key} som fardplan inte kan lägga "
        "till i; kör 'fardplan validate'",
    "give either --lead-unit or --no-lead-unit, not both":
        "ange antingen --lead-unit eller --no-lead-unit, inte båda",
    "the dialogue of {date} in {core} is in cycle {cycle}, not {wanted}":
        "samtalet {date} i {core} hör till mandatperioden {cycle}, inte {wanted}",
    "the follow-up of {id}": "uppföljningen av {id}",
    "the lead of common initiative {id} is shared by every core; set it on the bare id "
    "('fardplan assign {id} --lead ...'), which changes it in every core":
        "den ansvariga aktören för den gemensamma insatsen {id} är gemensam för alla kärnor; ange "
        "den på insatsens id utan kärna ('fardplan assign {id} --lead ...'), vilket ändrar den i alla "
        "kärnor",
    "the priority": "prioriteringen",
    "the status": "statusen",
    "{actors} takes part in common initiative {id} in every core; remove it on the bare id "
    "('fardplan assign {id} --remove ...'), which changes it in every core":
        "{actors} deltar i den gemensamma insatsen {id} i alla kärnor; ta bort deltagandet på "
        "insatsens id utan kärna ('fardplan assign {id} --remove ...'), vilket ändrar det i alla kärnor",
    "{actors} take part in common initiative {id} in every core; remove them on the bare id "
    "('fardplan assign {id} --remove ...'), which changes it in every core":
        "{actors} deltar i den gemensamma insatsen {id} i alla kärnor; ta bort deltagandet på "
        "insatsens id utan kärna ('fardplan assign {id} --remove ...'), vilket ändrar det i alla kärnor",
    "{core} has no dialogue in cycle {cycle}: record it first with 'fardplan dialogue add {core} "
    "--date DATE --cycle {cycle}', or give --dialogue DATE":
        "{core} har inget politiskt samtal i mandatperioden {cycle}: registrera det först med "
        "'fardplan dialogue add {core} --date DATUM --cycle {cycle}', eller ange --dialogue DATUM",
    "{core} has {count} dialogues in cycle {cycle} ({dates}); give --dialogue DATE":
        "{core} har {count} politiska samtal i mandatperioden {cycle} ({dates}); ange "
        "--dialogue DATUM",
    "{what} of common initiative {id} is followed up per core: name the core, e.g. "
    "{example}:{id}":
        "{what} för den gemensamma insatsen {id} följs upp per kärna: ange kärnan, t.ex. "
        "{example}:{id}",
    "--amount must not be negative": "--amount får inte vara negativt",
    "--date is the day an activity was done: give it with status done":
        "--date är dagen då en aktivitet genomfördes: ange den med status done",
    "--date {date} is in the future; an update reports what has happened":
        "--date {date} ligger i framtiden; en lägesrapport berättar vad som har hänt",
    "--due {due} is before --start {start}": "--due {due} är före --start {start}",
    "how it is carried": "hur den genomförs",
    "the dialogue of {date}": "samtalet {date}",
    "unknown activity {name!r}": "okänd aktivitet {name!r}",
    "unknown kind {kind!r}; choose one of {options}": "okänt slag {kind!r}; välj ett av {options}",
    "{core} already has a dialogue of {date}; prioritise in it with 'fardplan prioritize "
    "{core}:ID --cycle {cycle} --dialogue {date}'":
        "{core} har redan ett politiskt samtal {date}; prioritera i det med 'fardplan prioritize "
        "{core}:ID --cycle {cycle} --dialogue {date}'",
    "{core} has no initiative {id}": "{core} har ingen insats {id}",
    "{option} must not be empty": "{option} får inte vara tom",
    "{option} {value!r} is not a date; write it as YYYY-MM-DD, e.g. 2027-03-14":
        "{option} {value!r} är inget datum; skriv det som ÅÅÅÅ-MM-DD, t.ex. 2027-03-14",
    "{path} has no activity {id}": "{path} har ingen aktivitet {id}",
    "{path} has no dialogue of {date}": "{path} har inget politiskt samtal {date}",
    "{ref!r} is not an activity reference: use CORE:ACTIVITY (sodertalje:1.3.1)":
        "{ref!r} är ingen referens till en aktivitet: använd KÄRNA:AKTIVITET (sodertalje:1.3.1)",
    # printed pages (render/html.py)
    "Made {date}": "Utskriven {date}",
    "changes since {commit}": "ändringar sedan {commit}",
    "revision {commit}": "incheckning {commit}",
    # workbook
    "--actor and --area go with --format xlsx":
        "--actor och --area hör till --format xlsx",
    "--format xlsx writes a file: give it with -o FILE":
        "--format xlsx skriver en fil: ange den med -o FIL",
    "(empty)": "(tom)",
    "(not in the plans)": "(finns inte i planerna)",
    "  {address} {column}: the plans' {plans} kept (changed there since the workbook was made)":
        "  {address} {column}: planernas {plans} behålls (ändrat där sedan arbetsboken gjordes)",
    "  {address} {item}{column}: {old} -> {new}": "  {address} {item}{column}: {old} -> {new}",
    "  {address} {item}: already in the plans, not added again":
        "  {address} {item}: finns redan i planerna, läggs inte till igen",
    "  {address} {item}: {text}": "  {address} {item}: {text}",
    "  {address} ({item}, {column}): then {then!r}, in the plans {plans!r}, in the workbook "
    "{workbook!r}":
        "  {address} ({item}, {column}): då {then!r}, i planerna {plans!r}, i arbetsboken "
        "{workbook!r}",
    "Would change {count} cell in {files} (dry run: nothing written).":
        "Skulle ändra {count} cell i {files} (provkörning: inget skrivet).",
    "Would change {count} cells in {files} (dry run: nothing written).":
        "Skulle ändra {count} celler i {files} (provkörning: inget skrivet).",
    "Changed {count} cell in {files} (commit {commit}).":
        "Ändrade {count} cell i {files} (incheckning {commit}).",
    "Changed {count} cells in {files} (commit {commit}).":
        "Ändrade {count} celler i {files} (incheckning {commit}).",
    "Changed {count} cell in {files}.": "Ändrade {count} cell i {files}.",
    "Changed {count} cells in {files}.": "Ändrade {count} celler i {files}.",
    "Nothing to change: the plans already hold what the workbook says.":
        "Inget att ändra: planerna säger redan det som arbetsboken säger.",
    "note: the workbook was made from plans with uncommitted changes":
        "obs: arbetsboken gjordes ur planer med ändringar som inte var incheckade",
    "new activity": "ny aktivitet",
    "new update": "ny lägesrapport",
    "Choose an actor from the list.": "Välj en aktör i listan.",
    "Choose a status from the list.": "Välj en status i listan.",
    "the workbook is not written: {cell} would hold the control character U+{code:04X}, which "
    "a workbook cannot hold; remove it from the plans": (
        "arbetsboken skrevs inte: {cell} skulle innehålla styrtecknet U+{code:04X}, som en "
        "arbetsbok inte kan innehålla; ta bort det ur planerna"
    ),
    "the workbook is not written: {cell} would hold {count} characters, and a cell holds at "
    "most {limit}; shorten that text in the plans": (
        "arbetsboken skrevs inte: {cell} skulle innehålla {count} tecken, och en cell rymmer "
        "högst {limit}; korta den texten i planerna"
    ),
    "import refused, nothing written: {reason}": "inläsningen vägrades, inget skrivet: {reason}",
    "import refused, nothing written: the plans would have {count} problem":
        "inläsningen vägrades, inget skrivet: planerna skulle få {count} problem",
    "import refused, nothing written: the plans would have {count} problems":
        "inläsningen vägrades, inget skrivet: planerna skulle få {count} problem",
    "import {name}: {count} change": "inläsning av {name}: {count} ändring",
    "import {name}: {count} changes": "inläsning av {name}: {count} ändringar",
    "import refused, nothing written: {count} cell changed both in the workbook and in the "
    "plans since the workbook was made":
        "inläsningen vägrades, inget skrivet: {count} cell har ändrats både i arbetsboken och "
        "i planerna sedan arbetsboken gjordes",
    "import refused, nothing written: {count} cells changed both in the workbook and in the "
    "plans since the workbook was made":
        "inläsningen vägrades, inget skrivet: {count} celler har ändrats både i arbetsboken och "
        "i planerna sedan arbetsboken gjordes",
    "Export a new workbook, or change those cells back to the value they had, and import again.":
        "Exportera en ny arbetsbok, eller ändra tillbaka cellerna till värdet de hade, och läs "
        "in igen.",
    "could not write {path}: {error}; every plan file is as it was":
        "kunde inte skriva {path}: {error}; alla planfiler är som de var",
    "{path} does not exist or is not a file": "{path} finns inte eller är ingen fil",
    "{path} could not be read: {error}": "{path} kunde inte läsas: {error}",
    "{path} is {size} MB; a workbook may be at most {limit} MB":
        "{path} är {size} MB; en arbetsbok får vara högst {limit} MB",
    "{path} is not an xlsx workbook (not a zip archive)":
        "{path} är ingen xlsx-arbetsbok (inget zip-arkiv)",
    "{path} is a zip archive but not an xlsx workbook":
        "{path} är ett zip-arkiv men ingen xlsx-arbetsbok",
    "{path} holds {count} files; a workbook holds far fewer":
        "{path} innehåller {count} filer; en arbetsbok innehåller långt färre",
    "{path} unpacks to {size} MB, far more than a workbook of its size: it is not read":
        "{path} packas upp till {size} MB, långt mer än en arbetsbok av dess storlek: den läses "
        "inte",
    "{path} could not be read as an xlsx workbook: {error}":
        "{path} kunde inte läsas som en xlsx-arbetsbok: {error}",
    "{path} was not made by 'fardplan export --format xlsx' (it has no record of the plans it "
    "was made from)":
        "{path} är inte gjord med 'fardplan export --format xlsx' (den saknar uppgift om vilka "
        "planer den gjordes ur)",
    "{path} is in workbook format {format}; this fardplan reads format {wanted}":
        "{path} har arbetsboksformat {format}; den här fardplan läser format {wanted}",
    "{path} has no sheet {sheet!r}: a sheet was renamed or deleted; export a new workbook, or "
    "give the sheet its name back":
        "{path} har ingen flik {sheet!r}: en flik har bytt namn eller tagits bort; exportera en "
        "ny arbetsbok, eller ge fliken tillbaka sitt namn",
    "{path} has lost its record of the rows as exported (sheet {sheet})":
        "{path} har förlorat sin kopia av raderna som de exporterades (flik {sheet})",
    "{path} was made from another plan repository ({region}); export a workbook from this one":
        "{path} är gjord ur ett annat planförråd ({region}); exportera en arbetsbok ur det här",
    "{sheet}!{cell} holds a formula ({formula}); type the value itself":
        "{sheet}!{cell} innehåller en formel ({formula}); skriv själva värdet",
    "{sheet}!{cells} are merged; unmerge them (merged cells lose what all but the first held)":
        "{sheet}!{cells} är sammanfogade; dela upp dem (sammanfogade celler förlorar allt utom "
        "den förstas innehåll)",
    "{sheet}!A{row} held {key} when the workbook was made and is empty now: rows were deleted "
    "or moved; keep the exported rows where they are":
        "{sheet}!A{row} innehöll {key} när arbetsboken gjordes och är tom nu: rader har tagits "
        "bort eller flyttats; låt de exporterade raderna stå kvar där de är",
    "{cell} held {then!r} when the workbook was made and holds {now!r} now: rows were moved, "
    "sorted or deleted in {sheet}; keep the exported rows where they are":
        "{cell} innehöll {then!r} när arbetsboken gjordes och innehåller {now!r} nu: rader har "
        "flyttats, sorterats eller tagits bort i {sheet}; låt de exporterade raderna stå kvar "
        "där de är",
    "{cell} was changed ({then!r} -> {now!r}), but it is locked: it says which row is which, "
    "or it is changed in the plans; put it back as it was":
        "{cell} har ändrats ({then!r} -> {now!r}), men den är låst: den säger vilken rad som är "
        "vilken, eller ändras i planerna; ändra tillbaka den",
    "{cell}: a new activity gets its id on import; leave the cell empty":
        "{cell}: en ny aktivitet får sitt id vid inläsningen; lämna cellen tom",
    "{cell} is empty: a new row needs it": "{cell} är tom: en ny rad behöver den",
    "{cell}: a new initiative cannot be added from the workbook; add it with 'fardplan new', "
    "then export a new workbook":
        "{cell}: en ny insats kan inte läggas till från arbetsboken; lägg till den med "
        "'fardplan new' och exportera sedan en ny arbetsbok",
    "{cell}: an activity's note cannot be emptied from the workbook; write a new note, or "
    "remove it in the plan file":
        "{cell}: en aktivitets anteckning kan inte tömmas från arbetsboken; skriv en ny "
        "anteckning, eller ta bort den i planfilen",
    "{cell}: a day done is given, but the status is not done":
        "{cell}: en dag då den genomfördes är angiven, men statusen är inte genomförd",
    "{cell}: {ref!r} is not an initiative of this workbook; use the references of its sheet of "
    "initiatives (sodertalje:1.3)":
        "{cell}: {ref!r} är ingen insats i den här arbetsboken; använd referenserna i dess flik "
        "med insatser (sodertalje:1.3)",
    "{cell} holds {value!r}, which is not a date; type a date such as 2027-03-14":
        "{cell} innehåller {value!r}, som inte är ett datum; skriv ett datum som 2027-03-14",
    # print
    "Leads": "Ansvarar för",
    "Takes part in": "Medverkar i",
    "Concerned through part_of": "Berörs av, som del av en annan aktör",
    "Activities it owns": "Aktiviteter som aktören äger",
    "None.": "Inga.",
    "part of {actor}": "del av {actor}",
    "No actor is involved in these plans.": "Ingen aktör deltar i dessa planer.",
    "The initiatives' status per goal area (the table below gives the numbers)":
        "Insatsernas status per målområde (tabellen nedan ger antalen)",
    "Source: {source}": "Källa: {source}",
    "Target {year}: {value}": "Mål {year}: {value}",
    "--common has no page for print; use --format table, markdown, csv or json":
        "--common har ingen utskriftssida; använd --format table, markdown, csv eller json",
    "Changes from {source} to {target}": "Ändringar från {source} till {target}",
    "From": "Från",
    "To": "Till",
    "committed {date}": "incheckad {date}",
    "uncommitted changes in the working tree": "ej incheckade ändringar i arbetskopian",
    # the site (fardplan site)
    'Actors': 'Aktörer',
    'Changes between cycles': 'Ändringar mellan mandatperioder',
    'Concerned by': 'Berörs av',
    'Dialogues that prioritised it': 'Politiska samtal som prioriterade den',
    "Every core's plan: the common initiatives as each core follows them up, and each core's own.":
        'Varje kärnas plan: de gemensamma insatserna som varje kärna följer upp dem, och kärnans egna.',
    'Every initiative, with filters': 'Alla insatser, med filter',
    'Follow-up': 'Uppföljning',
    'From {source} to {target}': 'Från {source} till {target}',
    'Goal areas': 'Målområden',
    'History': 'Historik',
    'In every core': 'I alla kärnor',
    'Made with fardplan': 'Skapad med fardplan',
    'More': 'Mer',
    'No changes between closed cycles.': 'Inga ändringar mellan avslutade mandatperioder.',
    'No core follows it up yet.': 'Ingen kärna följer upp den ännu.',
    'No cycle has been closed yet: there is nothing to compare.':
        'Ingen mandatperiod har avslutats ännu: det finns inget att jämföra.',
    'No history in git yet.': 'Ingen historik i git ännu.',
    'Reports': 'Rapporter',
    'Search': 'Sök',
    'Search needs JavaScript. Every page can also be reached from the lists.':
        'Sökningen behöver JavaScript. Varje sida nås också från listorna.',
    'Site': 'Webbplats',
    'Situation': 'Lägesbild',
    'Situation in {core}': 'Lägesbild för {core}',
    'Skip to content': 'Hoppa till innehållet',
    "The common initiatives are part of every core's plan; each core follows them up.":
        'De gemensamma insatserna ingår i varje kärnas plan; varje kärna följer upp dem.',
    'The cores': 'Kärnorna',
    'The plan of {core}': 'Planen för {core}',
    'Updates': 'Lägesrapporter',
    'Wrote the site to {folder}: {pages} pages, {files} files, {size}':
        'Skrev webbplatsen till {folder}: {pages} sidor, {files} filer, {size}',
    'common initiative': 'gemensam insats',
    'core-specific initiative': 'kärnspecifik insats',
    'goal area {area}': 'målområde {area}',
    'refusing to replace {path}: the folder is not empty and is not a site that fardplan wrote (no {marker} in it)':
        'vägrar ersätta {path}: mappen är inte tom och är ingen webbplats som fardplan skrivit (ingen {marker} i den)',
    'refusing to write the site to {path}: it would replace the plan repository':
        'vägrar skriva webbplatsen till {path}: den skulle ersätta planförrådet',
    'so far': 'hittills',
    'the site could not be written to {path}: {reason}':
        'webbplatsen kunde inte skrivas till {path}: {reason}',
    "the site is built from the plans' commits, and there is none yet: commit the plans first":
        'webbplatsen byggs från planernas incheckningar, och det finns ingen ännu: checka in planerna först',
    '{count} changes': '{count} ändringar',
    '{path} is not a folder': '{path} är ingen mapp',
    "--base-url may not hold spaces, quotes, angle brackets or backslashes (write a space as %20): {url!r}": (
        "--base-url får inte innehålla mellanslag, citattecken, vinkelparenteser eller omvända "
        "snedstreck (skriv ett mellanslag som %20): {url!r}"
    ),
    "--base-url must be an http:// or https:// address or a path that starts with /, not {url!r}":
        "--base-url måste vara en http://- eller https://-adress eller en sökväg som börjar med /, "
        "inte {url!r}",
    # first week: validation messages that say what to type, cycles with guards, init
    'initiative {ref} is {status} without a status_note saying why; record the reason: '
    'fardplan set-status {ref} {status} --note "..."': (
        'insats {ref} har status {status} utan en status_note som säger varför; skriv in skälet: '
        'fardplan set-status {ref} {status} --note "..."'
    ),
    "{name!r} is the name of actor {id}; write its id: {id}": (
        "{name!r} är namnet på aktören {id}; skriv dess id: {id}"
    ),
    "initiative {ref} has no lead and no participants; name who is responsible: "
    "fardplan assign {ref} --lead ACTOR": (
        "insats {ref} har varken ansvarig aktör eller medverkande; ange vem som ansvarar: "
        "fardplan assign {ref} --lead AKTÖR"
    ),
    "{actor} leads {ref} and is also listed as a participant; remove it from participants: "
    "fardplan assign {ref} --remove {actor}": (
        "{actor} är ansvarig för {ref} och står också som medverkande; ta bort den ur "
        "participants: fardplan assign {ref} --remove {actor}"
    ),
    "{value!r} is not {what}; write it as {form} in quotes (numbers from 1, separated by dots)": (
        "{value!r} är inte {what}; skriv det som {form} inom citattecken (tal från 1, åtskilda "
        "av punkter)"
    ),
    "an initiative id": "ett insats-id",
    "an activity id": "ett aktivitets-id",
    'AREA.NUMBER': "MÅLOMRÅDE.NUMMER",
    'INITIATIVE.NUMBER': "INSATS.NUMMER",
    '{value!r} is not {what}; write it as {form} in quotes: "{meant}"': (
        '{value!r} är inte {what}; skriv det som {form} inom citattecken: "{meant}"'
    ),
    'the id {raw} was read as a number; quote it: id: "{raw}" (unquoted, {raw} is the number '
    '{number})': (
        'id {raw} lästes som ett tal; sätt det inom citattecken: id: "{raw}" (utan '
        'citattecken är {raw} talet {number})'
    ),
    "unknown {field} {value!r}; write {meant} (the values are written in English: {options})": (
        "okänt värde {value!r} för {field}; skriv {meant} (värdena skrivs på engelska: {options})"
    ),
    '(the text holds ": "; put the text in quotes: {fixed})': (
        '(texten innehåller ": "; sätt texten inom citattecken: {fixed})'
    ),
    "(the text quoted at line {line}, column {column} has no closing {quote}; the parser read "
    "on to line {end}: end the text with {quote})": (
        "(texten som börjar med citattecken på rad {line}, kolumn {column} avslutas aldrig med "
        "{quote}; tolken läste vidare till rad {end}: avsluta texten med {quote})"
    ),
    "cycle {cycle} runs until {last_day} (today is {today}); close it once it has ended, or now "
    "with --force": (
        "mandatperioden {cycle} pågår till och med {last_day} (i dag är det {today}); avsluta den "
        "när den har löpt ut, eller nu med --force"
    ),
    "warning: the cycle was closed on {branch}, not on {default}; a cycle is usually closed on "
    "the default branch": (
        "varning: mandatperioden avslutades på {branch}, inte på {default}; en mandatperiod "
        "avslutas normalt på huvudgrenen"
    ),
    "a detached HEAD": "en frikopplad HEAD",
    "Share the tag: git push origin {tag}": "Dela taggen: git push origin {tag}",
    "upcoming": "kommande",
    "ongoing": "pågående",
    "ended, not closed": "slut, ej avslutad",
    "Created the plan repository {path} ({count} files).": (
        "Skapade planförrådet {path} ({count} filer)."
    ),
    "The CI job and the pre-commit hook install fardplan from: {spec} ({origin}).": (
        "CI-jobbet och pre-commit-kroken installerar fardplan från: {spec} ({origin})."
    ),
    "named with --install": "angiven med --install",
    "the package index this fardplan was installed from": (
        "paketindexet som den här fardplan installerades från"
    ),
    "the git repository and commit this fardplan was installed from": (
        "git-repositoryt och den incheckning som den här fardplan installerades från"
    ),
    "the archive this fardplan was installed from": "arkivet som den här fardplan installerades från",
    "the folder this fardplan was installed from": "mappen som den här fardplan installerades från",
    "warning: {spec} exists on this machine only: a CI runner (or a colleague's pre-commit) "
    "cannot install it. Run init again with --install naming a source they can reach (e.g. "
    "--install \"fardplan @ git+https://<git host>/fardplan@v0.1.0\"), or edit "
    ".github/workflows/fardplan.yml and .pre-commit-config.yaml.": (
        "varning: {spec} finns bara på den här datorn: en CI-maskin (eller en kollegas "
        "pre-commit) kan inte installera den. Kör init igen med --install och en källa som de "
        "når (t.ex. --install \"fardplan @ git+https://<git-värd>/fardplan@v0.1.0\"), eller "
        "ändra .github/workflows/fardplan.yml och .pre-commit-config.yaml."
    ),
    "Next:": "Sedan:",
    # the site's labels, as an official at Region Stockholm reads them
    "Prioritised in the cycle": "Prioriterad under mandatperioden",
    "the common initiative {id} with every core's follow-up":
        "den gemensamma insatsen {id} med varje kärnas uppföljning",
    "from the cycle {source} to the cycle {target}":
        "från mandatperioden {source} till mandatperioden {target}",
    "from the cycle {source} to the current plans (the cycle {target} is not closed)":
        "från mandatperioden {source} till nuvarande planer (mandatperioden {target} är inte "
        "avslutad)",
    "its plan is not entered yet": "planen är inte inlagd ännu",
    "{actor} {leads}, {takes_part} and {concerned} initiatives.":
        "{actor} {leads}, {takes_part} och {concerned} av insatserna.",
    "{count} change": "{count} ändring",
    "leads {count}": "ansvarar för {count}",
    "leads 0": "ansvarar inte för någon",
    "takes part in {count}": "medverkar i {count}",
    "takes part in 0": "medverkar inte i någon",
    "is concerned in {count}": "berörs av {count}",
    "is concerned in 0": "berörs inte av någon",
    "The plans, as fardplan init made them": "Planerna, som fardplan init skapade dem",
    "git remote add origin <the URL of the new, empty repository>": (
        "git remote add origin <adressen till det nya, tomma repositoryt>"
    ),
    # document
    "Contents": "Innehåll",
    "Initiative map {core}": "Insatskarta {core}",
    "Published: {year}": "Publicerad: {year}",
    "The plan of {core} has not been entered yet: this document holds only the text that every "
    "roadmap shares.": "Färdplanen för {core} har inte förts in ännu: dokumentet innehåller bara den "
    "text som alla färdplaner delar.",
    "section {id!r} is already defined on line {line}; give this one an id of its own":
        "avsnittet {id!r} finns redan på rad {line}; ge det här ett eget id",
    "plans/region.yaml has no shared section {id!r} to replace":
        "plans/region.yaml har inget gemensamt avsnitt {id!r} att ersätta",
    "a section id (lower-case letters, digits and hyphens, e.g. avgransning)":
        "ett avsnitts-id (gemener, siffror och bindestreck, t.ex. avgransning)",
    "use the id of a section under document.sections in plans/region.yaml":
        "använd id för ett avsnitt under document.sections i plans/region.yaml",
}
