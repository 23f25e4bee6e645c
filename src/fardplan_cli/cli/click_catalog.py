"""Click's messages (usage errors, the help's headings) in Swedish, through gettext.

Click writes every message it shows as ``_("...")`` or ``ngettext("...", "...", n)``, names each of
its modules binds to the standard library's gettext functions when it is imported. Those read
compiled ``.mo`` catalogs in a folder chosen by environment variables (``LANGUAGE``, ``LC_ALL``,
``LANG``) only, so ``--lang`` could reach them only by changing the environment that git inherits
too. Instead ``install_catalog`` binds those names, in click's modules and typer's, to a
``gettext.NullTranslations`` whose catalog is the plain mapping below (nothing to compile), and
back to the standard functions for English. A message missing here stays in English; a test runs
every message through the real program and checks that no module of click is left out.

Only click >= 8.2 carries these calls (typer 0.26 and later vendor a click without them), hence
``typer<0.26`` and ``click>=8.2.1,<8.5`` in pyproject.toml (click 8.5 gives arguments a help of
their own, which typer 0.25 leaves empty). The catalog holds the messages of every click in that
range.
"""

from __future__ import annotations

import gettext
import sys
from types import ModuleType

# click's (and typer's) message -> Swedish. Keep the {placeholders} and %(names)s identical.
SWEDISH: dict[str, str] = {
    # usage errors
    "Error: {message}": "Fel: {message}",
    "Try '{command} {option}' for help.": "Kör '{command} {option}' för hjälp.",
    "Usage:": "Användning:",
    "No such option: {name}": "Okänd flagga: {name}",
    "No such option {name!r}.": "Okänd flagga {name!r}.",
    "No such command {name!r}.": "Okänt kommando {name!r}.",
    "Missing command.": "Ett kommando saknas.",
    # click follows these with the parameter's name and a full stop
    "Missing argument": "Saknar argumentet",
    "Missing option": "Saknar flaggan",
    "Missing parameter": "Saknar parametern",
    "Missing {param_type}": "Saknar {param_type}",
    "Missing parameter: {param_name}": "Saknar parametern: {param_name}",
    "Option {name!r} does not take a value.": "Flaggan {name!r} tar inget värde.",
    "Argument {name!r} takes {nargs} values.": "Argumentet {name!r} tar {nargs} värden.",
    "Invalid value for {param_hint}: {message}": "Ogiltigt värde för {param_hint}: {message}",
    "Invalid value: {message}": "Ogiltigt värde: {message}",
    "Invalid start character for option ({option})": "Ogiltigt första tecken i flagga ({option})",
    "Value must be an iterable.": "Värdet måste vara en följd.",
    "{value!r} is not a valid {number_type}.": "{value!r} är inte ett giltigt tal ({number_type}).",
    "{value} is not in the range {range}.": "{value} ligger inte i intervallet {range}.",
    "{value!r} is not a valid boolean.": "{value!r} är inte ett giltigt sanningsvärde.",
    "{value!r} is not a valid boolean. Recognized values: {states}":
        "{value!r} är inte ett giltigt sanningsvärde. Giltiga värden: {states}",
    "{value!r} is not a valid UUID.": "{value!r} är inte ett giltigt UUID.",
    "Choose from:\n\t{choices}": "Välj bland:\n\t{choices}",
    "Choice({choices})": "Val({choices})",
    "file": "filen",
    "directory": "mappen",
    "path": "sökvägen",
    "{name} {filename!r} does not exist.": "{name} {filename!r} finns inte.",
    "{name} {filename!r} is a file.": "{name} {filename!r} är en fil.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} är en mapp.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} går inte att läsa.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} går inte att skriva.",
    "{name} {filename!r} is not executable.": "{name} {filename!r} går inte att köra.",
    "Could not open file {filename!r}: {message}": "Kunde inte öppna filen {filename!r}: {message}",
    "unknown error": "okänt fel",
    "Aborted!": "Avbrutet!",
    # the usage line's words, which click sets without gettext (``help_texts.translate_help``
    # puts them in)
    "[OPTIONS]": "[FLAGGOR]",
    "COMMAND [ARGS]...": "KOMMANDO [ARGUMENT]...",
    # the help
    "Options": "Flaggor",
    "Arguments": "Argument",
    "Commands": "Kommandon",
    "Positional arguments": "Positionsargument",
    "Show this message and exit.": "Visa den här hjälpen och avsluta.",
    "Show the version and exit.": "Visa versionen och avsluta.",
    "%(prog)s, version %(version)s": "%(prog)s, version %(version)s",
    "default: {default}": "standard: {default}",
    "env var: {var}": "miljövariabel: {var}",
    "required": "krävs",
    "(dynamic)": "(dynamiskt)",
    "deprecated": "föråldrat",
    "{text} {deprecated_message}": "{text} {deprecated_message}",
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}":
        "DeprecationWarning: kommandot {name!r} är föråldrat.{extra_message}",
    "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}":
        "DeprecationWarning: {param_type} {name!r} är föråldrad.{extra_message}",
    # prompts (fardplan asks nothing; here so that nothing click can say is left in English)
    "Do you want to continue?": "Vill du fortsätta?",
    "Confirm the action without prompting.": "Bekräfta utan att fråga.",
    "Repeat for confirmation": "Upprepa för att bekräfta",
    "Error: The two entered values do not match.": "Fel: de två värdena stämmer inte överens.",
    "Error: invalid input": "Fel: ogiltig inmatning",
    "Error: The value you entered was invalid.": "Fel: värdet du skrev in var ogiltigt.",
    "Error: {e.message}": "Fel: {e.message}",
    "Press any key to continue...": "Tryck på valfri tangent för att fortsätta...",
    "{editor}: Editing failed": "{editor}: redigeringen misslyckades",
    "{editor}: Editing failed: {e}": "{editor}: redigeringen misslyckades: {e}",
    # faults in a command's definition, and streams (programming errors, not the user's)
    "Unknown color {colour!r}": "Okänd färg {colour!r}",
    "Unknown standard stream '{name}'": "Okänd standardström '{name}'",
    "Windows error: {error}": "Windows-fel: {error}",
    "Shell completion is not supported for Bash versions older than 4.4.":
        "Kompletteringen fungerar inte i Bash äldre än 4.4.",
    "Couldn't detect Bash version, shell completion is not supported.":
        "Kunde inte avgöra Bash-versionen; kompletteringen fungerar inte.",
    "Name '{name}' defined twice": "Namnet '{name}' definieras två gånger",
    "Could not determine name for option with declarations {decls!r}":
        "Kunde inte avgöra namnet på flaggan {decls!r}",
    "Boolean option {decl!r} cannot use the same flag for true/false.":
        "Sanningsflaggan {decl!r} kan inte ha samma namn för sant och falskt.",
    "Arguments take exactly one parameter declaration, got {length}: {decls}.":
        "Ett argument deklareras med exakt ett namn, fick {length}: {decls}.",
    "No options defined but a name was passed ({name}). Did you mean to declare an argument instead? "
    "Did you mean to pass '--{name}'?":
        "Inga flaggor deklarerade men ett namn angavs ({name}). Menade du att deklarera ett "
        "argument? Menade du '--{name}'?",
    "d": "d",
}

# (singular, plural) -> (Swedish singular, Swedish plural)
SWEDISH_PLURALS: dict[tuple[str, str], tuple[str, str]] = {
    ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"):
        ("Oväntat extra argument ({args})", "Oväntade extra argument ({args})"),
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."):
        ("Flaggan {name!r} behöver ett värde.", "Flaggan {name!r} behöver {nargs} värden."),
    ("Did you mean {possibility}?", "(Possible options: {possibilities})"):
        ("Menade du {possibility}?", "(Möjliga flaggor: {possibilities})"),
    ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"):
        ("Menade du {possibility}?", "(Menade du någon av: {possibilities}?)"),
    ("Takes {nargs} values but 1 was given.", "Takes {nargs} values but {len} were given."):
        ("Tar {nargs} värden men fick 1.", "Tar {nargs} värden men fick {len}."),
    ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."):
        ("{value!r} är inte {choice}.", "{value!r} är inte ett av {choices}."),
    ("{value!r} does not match the format {format}.", "{value!r} does not match the formats {formats}."):
        ("{value!r} har inte formatet {format}.", "{value!r} har inget av formaten {formats}."),
    ("{len_type} values are required, but {len_value} was given.",
     "{len_type} values are required, but {len_value} were given."):
        ("{len_type} värden krävs, men {len_value} angavs.", "{len_type} värden krävs, men {len_value} angavs."),
}


class SwedishCatalog(gettext.NullTranslations):
    """Click's messages in Swedish; a message it does not hold stays as click wrote it."""

    def gettext(self, message: str) -> str:
        return SWEDISH.get(message, message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        forms = SWEDISH_PLURALS.get((msgid1, msgid2))
        if forms is None:
            return msgid1 if n == 1 else msgid2
        return forms[0] if n == 1 else forms[1]


def _is_translation(function: object) -> bool:
    return (function is gettext.gettext or function is gettext.ngettext
            or isinstance(getattr(function, "__self__", None), SwedishCatalog))


def translating_modules() -> list[ModuleType]:
    """The loaded modules of click and typer that call gettext."""
    found = []
    for name, module in list(sys.modules.items()):
        if module is None or name.partition(".")[0] not in ("click", "typer"):
            continue
        names = vars(module)
        if _is_translation(names.get("_")) or _is_translation(names.get("ngettext")):
            found.append(module)
    return found


def install_catalog(language: str) -> None:
    """Make click speak ``language``: Swedish from the catalog, English as click writes it."""
    if language == "sv":
        catalog = SwedishCatalog()
        single, plural = catalog.gettext, catalog.ngettext
    else:
        single, plural = gettext.gettext, gettext.ngettext
    for module in translating_modules():
        names = vars(module)
        if _is_translation(names.get("_")):
            module._ = single  # type: ignore[attr-defined]
        if _is_translation(names.get("ngettext")):
            module.ngettext = plural  # type: ignore[attr-defined]
