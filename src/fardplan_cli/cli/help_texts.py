"""The commands' help in Swedish: each command's and option's English help, and its translation.

The help is written in English in the commands' modules (docstrings and ``help=``), as every
message is; ``translate_help`` puts a built command's help into the language chosen for the run,
before click prints it. A test checks that every help text of every command is here.
"""

from __future__ import annotations

import click

from fardplan_cli.i18n import current_language

SWEDISH_HELP: dict[str, str] = {
    "Keep Region Stockholm's roadmaps (färdplaner) for the regional urban cores as YAML in git.":
        "Håll Region Stockholms färdplaner för de regionala stadskärnorna som YAML i git.",
    "The plan repository (default: FARDPLAN_REPO, else the nearest folder at or above here holding "
    "plans/region.yaml).":
        "Planförrådet (standard: FARDPLAN_REPO, annars närmaste mapp här eller ovanför som har "
        "plans/region.yaml).",
    "Language of labels, messages and help (default: FARDPLAN_LANG, else sv where the locale is "
    "Swedish, else en).":
        "Språk för rubriker, meddelanden och hjälp (standard: FARDPLAN_LANG, annars sv där "
        "språkinställningen är svenska, annars en).",
    "Print the version and exit.": "Skriv ut versionen och avsluta.",
    "Install completion for the current shell.": "Installera tabbkomplettering för det här skalet.",
    "Show completion for the current shell, to copy it or customize the installation.":
        "Visa tabbkompletteringen för det här skalet, för att kopiera den eller anpassa "
        "installationen.",
    "Install completion for the specified shell.": "Installera tabbkomplettering för det angivna skalet.",
    "Show completion for the specified shell, to copy it or customize the installation.":
        "Visa tabbkompletteringen för det angivna skalet, för att kopiera den eller anpassa "
        "installationen.",
    "Output format.": "Utdataformat.",
    "Output format (github: workflow-command annotations).":
        "Utdataformat (github: anteckningar som workflow-kommandon).",
    "Output format (html: one self-contained page for print).":
        "Utdataformat (html: en fristående sida för utskrift).",
    "The cores, with counts of the initiatives in each core's plan by status.":
        "Kärnorna, med antalet insatser i varje kärnas plan per status.",
    "List initiatives; with --core, that core's plan in id order.":
        "Lista insatser; med --core den kärnans plan i id-ordning.",
    "Only this core's plan: its common and core-specific initiatives (id or name, e.g. sodertalje or "
    "Södertälje).":
        "Bara den här kärnans plan: dess gemensamma och kärnspecifika insatser (id eller namn, t.ex. "
        "sodertalje eller Södertälje).",
    "Only this goal area (1-9).": "Bara det här målområdet (1-9).",
    "Only this status: planned, ongoing, done, paused, dropped (or its Swedish label).":
        "Bara den här statusen: planned, ongoing, done, paused, dropped (eller dess svenska namn).",
    "Only initiatives the actor leads or takes part in, also through a group or part_of.":
        "Bara insatser som aktören leder eller deltar i, också genom en grupp eller part_of.",
    "Only initiatives the actor leads, as lead or lead unit (also through a group).":
        "Bara insatser som aktören leder, som ansvarig aktör eller ansvarig enhet (också genom en "
        "grupp).",
    "Only initiatives with an activity that the actor owns.":
        "Bara insatser med en aktivitet som aktören äger.",
    "Only initiatives with an overdue activity: due before today and neither done nor dropped.":
        "Bara insatser med en försenad aktivitet: klar senast före i dag och varken genomförd eller "
        "utgången.",
    "The common initiatives' status in every core: one row per initiative, one column per core.":
        "De gemensamma insatsernas status i varje kärna: en rad per insats, en kolumn per kärna.",
    "Only common or only core-specific initiatives.": "Bara gemensamma eller bara kärnspecifika insatser.",
    "Only initiatives prioritised in this cycle (e.g. 2027-2030).":
        "Bara insatser som prioriterats under den här mandatperioden (t.ex. 2027-2030).",
    "Show one initiative in full with its core's direction for its area, or a core's plan.":
        "Visa en insats i sin helhet med kärnans inriktning för dess område, eller en kärnas plan.",
    "The actor registry: every actor that an initiative names.":
        "Aktörsregistret: varje aktör som en insats nämner.",
    "Set an initiative's lead, lead unit and participants (in one core for CORE:ID of a common\n"
    "initiative; its bare id changes the shared ones, in every core).":
        "Ange en insats ansvariga aktör, ansvariga enhet och medverkande aktörer (i en kärna för KÄRNA:ID "
        "av en gemensam insats; dess id utan kärna ändrar de gemensamma, i alla kärnor).",
    "The unit of the lead that leads it (e.g. an administration).":
        "Den enhet hos den ansvariga aktören som leder den (t.ex. en förvaltning).",
    "Remove the lead unit.": "Ta bort den ansvariga enheten.",
    "The lead (ansvarig aktör), by id or name.": "Den ansvariga aktören, med id eller namn.",
    "Remove the lead.": "Ta bort den ansvariga aktören.",
    "Add a participant (repeatable).": "Lägg till en medverkande aktör (kan upprepas).",
    "Remove a participant (repeatable).": "Ta bort en medverkande aktör (kan upprepas).",
    "Print the unified diff of the file; write nothing.": "Skriv ut filens diff; skriv ingenting till filen.",
    "Commit exactly the edited file with a message saying what changed.":
        "Checka in just den ändrade filen med ett meddelande som säger vad som ändrades.",
    "The commit message's first line (the summary of the change follows it).":
        "Incheckningsmeddelandets första rad (sammanfattningen av ändringen följer efter den).",
    "Refuse the edit if it leaves a warning on the initiative (as `validate --strict` would fail).":
        "Vägra ändringen om den lämnar en varning på insatsen (som `validate --strict` skulle "
        "underkänna).",
    "Set an initiative's status in a core, with the reason.":
        "Ange en insats status i en kärna, med skälet.",
    'Why (status_note); "" removes it.': 'Varför (status_note); "" tar bort den.',
    "Record that a core's political dialogue prioritised an initiative.":
        "Registrera att en kärnas politiska samtal prioriterade en insats.",
    "The dialogue's date (YYYY-MM-DD); a date without one adds it.":
        "Samtalets datum (ÅÅÅÅ-MM-DD); ett datum utan samtal lägger till det.",
    "The political cycle whose dialogue prioritised it, e.g. 2027-2030.":
        "Mandatperioden vars dialog prioriterade den, t.ex. 2027-2030.",
    "Take the priority back.": "Ta tillbaka prioriteringen.",
    "Add a core-specific initiative with the next free id in its area; print its reference.":
        "Lägg till en kärnspecifik insats med nästa lediga id i dess område; skriv ut dess referens.",
    "The core, by id or name.": "Kärnan, med id eller namn.",
    "The goal area, 1-9.": "Målområdet, 1-9.",
    "The title.": "Titeln.",
    "The description.": "Beskrivningen.",
    "The lead.": "Den ansvariga aktören.",
    "A participant (repeatable).": "En medverkande aktör (kan upprepas).",
    "Reports for the follow-up: status per core and goal area, and who is responsible for what.":
        "Rapporter för uppföljningen: status per kärna och målområde, och vem som ansvarar för vad.",
    "Per core and goal area: initiatives by status, prioritised, without lead; and a total row.\n\n"
    "The filters are those of 'fardplan list', and the counts agree with it. With --core, the core's\n"
    "lägesbild follows the table. With --common, a matrix of the common initiatives' status in\n"
    "every core instead (only --area applies to it).":
        "Per kärna och målområde: insatser per status, prioriterade, utan ansvarig aktör; och en "
        "summarad.\n\nFiltren är desamma som i 'fardplan list', och antalen stämmer med den. Med "
        "--core följer\nkärnans lägesbild efter tabellen. Med --common i stället en matris av de "
        "gemensamma insatsernas\nstatus i varje kärna (bara --area gäller för den).",
    "Count the priorities of this cycle (default: the current cycle, the latest that has started).":
        "Räkna prioriteringarna under den här mandatperioden (standard: den aktuella, den senaste "
        "som har börjat).",
    "Also list the initiatives whose last change in git is older than N days.":
        "Lista också insatserna vars senaste ändring i git är äldre än N dagar.",
    "What each actor leads, takes part in, and is concerned in through part_of.\n\n"
    "With --actor, one row per initiative and way, saying the degree and through whom; without, a\n"
    "matrix of actors x cores with leads/takes part/concerned counts.":
        "Vad varje aktör ansvarar för, medverkar i och berörs av genom part_of.\n\n"
        "Med --actor en rad per insats och väg, med graden och genom vem; utan den en matris av\n"
        "aktörer x kärnor med antal som ansvarar/medverkar/berörs.",
    "This actor's initiatives, with the path by which it is involved (id or name).":
        "Den här aktörens insatser, med vägen genom vilken den är med (id eller namn).",
    "Only this core (id or name).": "Bara den här kärnan (id eller namn).",
    "Show what changed in the plans between two revisions (default: the latest cycle and the\n"
    "working tree): cores, initiatives, fields, directions, character, goal areas, cycles, actors.":
        "Visa vad som ändrats i planerna mellan två revisioner (standard: den senaste "
        "mandatperioden och\narbetskopian): kärnor, insatser, fält, färdriktningar, karaktärsbeskrivningar, "
        "målområden, mandatperioder, aktörer.",
    "Only this core (id or name) and the common initiatives.":
        "Bara den här kärnan (id eller namn) och de gemensamma insatserna.",
    "Exit with 1 when there are changes, 0 when there are none.":
        "Avsluta med 1 när det finns ändringar, 0 när det inte finns några.",
    "Every commit that changed an initiative, newest first, with date, author, message and what\n"
    "changed; follows renumbering back through 'replaces'.":
        "Varje incheckning som ändrat en insats, nyaste först, med datum, författare, meddelande "
        "och vad\nsom ändrades; följer omnumreringar bakåt genom 'replaces'.",
    "The political cycles (mandatperioder) of plans/region.yaml and their git tags.":
        "Mandatperioderna i plans/region.yaml och deras git-taggar.",
    "Each cycle of plans/region.yaml, its tag and commit, and where it stands: upcoming,\n"
    "ongoing (today within its years), ended (not closed yet) or closed (tagged).":
        "Varje mandatperiod i plans/region.yaml, dess tagg och incheckning, och var den står: "
        "kommande,\npågående (i dag inom dess år), slut (ännu inte avslutad) eller avslutad "
        "(taggad).",
    "Close a cycle: an annotated tag cycle/<id> on HEAD. Refuses invalid plans, uncommitted plan\n"
    "changes, an unknown cycle, a cycle already closed, or one whose years are not over (2023-2026\n"
    "ends on 2026-12-31) unless --force.":
        "Avsluta en mandatperiod: en annoterad tagg cycle/<id> på HEAD. Vägrar ogiltiga planer, "
        "planändringar\nsom inte checkats in, en okänd mandatperiod, en som redan är avslutad "
        "eller en vars år\ninte är slut (2023-2026 slutar 2026-12-31) utan --force.",
    "Close the cycle although its years are not over yet.":
        "Avsluta mandatperioden fast dess år inte är slut än.",
    "The tag's message (default: 'Close the political cycle CYCLE').":
        "Taggens meddelande (standard: 'Avsluta mandatperioden MANDATPERIOD').",
    "The whole plan as a printable document, in the order of the published roadmap.\n\n"
    "Per core: the cover, the contents and the introduction; its character; per goal area the\n"
    "introduction, the direction, the common and the core-specific initiatives; the initiative map\n"
    "by goal area; Genomförande; the indicators (lägesbild). In the plans' language unless --lang\n"
    "says otherwise; the plan's text is always as written.":
        "Hela planen som ett utskrivbart dokument, i den publicerade färdplanens ordning.\n\n"
        "Per kärna: omslaget, innehållsförteckningen och inledningen; dess karaktär; per målområde\n"
        "inledningen, inriktningen, de gemensamma och de kärnspecifika insatserna; insatskartan per\n"
        "målområde; Genomförande; indikatorerna (lägesbild). På planernas språk om inte --lang säger\n"
        "annat; planens text är alltid som den är skriven.",
    "Only this core's plan (id or name); default: every core.":
        "Bara den här kärnans plan (id eller namn); standard: alla kärnor.",
    "Write to FILE instead of stdout (never inside plans/, schemas/ or .git/).":
        "Skriv till FILE i stället för standard ut (aldrig i plans/, schemas/ eller .git/).",
    "Write the plans as a static website: the cores' plans and lägesbild, a page per\n"
    "initiative with its follow-up and history, a page per actor, the reports, the changes\n"
    "between cycles, and search.\n\n"
    "The plans are read from git at HEAD (commit them first); the history of every initiative\n"
    "comes from one walk over the commits.":
        "Skriv planerna som en statisk webbplats: kärnornas planer och lägesbild, en sida per\n"
        "insats med dess uppföljning och historik, en sida per aktör, rapporterna, ändringarna\n"
        "mellan mandatperioder, och sökning.\n\n"
        "Planerna läses från git vid HEAD (checka in dem först); varje insats historik kommer\n"
        "från en genomgång av incheckningarna.",
    "The folder to write the site to (replaced whole; never inside plans/, schemas/ or .git/).":
        "Mappen som webbplatsen skrivs till (ersätts helt; aldrig i plans/, schemas/ eller .git/).",
    "Prefix every link with URL (default: relative links, so the folder works from anywhere).":
        "Sätt URL före varje länk (standard: relativa länkar, så att mappen fungerar var som helst).",
    "Language of the site's labels (default: fardplan's --lang or FARDPLAN_LANG, else the plans' "
    "language).":
        "Språk för webbplatsens rubriker (standard: fardplans --lang eller FARDPLAN_LANG, annars "
        "planernas språk).",
    "Check the whole plan set against the schemas and the plan rules; print every problem.\n\n"
    "Exit 0 when the plans are valid, 1 when they have errors (with --strict, warnings too).":
        "Kontrollera hela planmängden mot scheman och planregler; skriv ut varje problem.\n\n"
        "Avslutar med 0 när planerna är giltiga, 1 när de har fel (med --strict även varningar).",
    "Treat warnings as errors.": "Behandla varningar som fel.",
    "Move the plans from format 1 to format 2: each common initiative's status to every core's\n"
    "follow-up, priorities to the cores' dialogues; comments and every other line kept.":
        "Flytta planerna från format 1 till format 2: varje gemensam insats status till varje "
        "kärnas uppföljning, prioriteringar till kärnornas politiska samtal; kommentarer och alla "
        "andra rader behålls.",
    "Print the unified diff of every file; write nothing.":
        "Skriv ut varje fils diff; skriv ingenting till filerna.",
    "Create a new plan repository: git init, schemas, plans, a pre-commit hook and a CI job.\n"
    "Prints where fardplan will be installed from, and the commands for the first commit and push.":
        "Skapa ett nytt planförråd: git init, scheman, planer, en pre-commit-krok och ett CI-jobb.\n"
        "Skriver ut varifrån fardplan kommer att installeras, och kommandona för den första "
        "incheckningen och push.",
    "Start with no plans: an empty region.yaml and actors.yaml instead of the Stockholm plans.":
        "Börja utan planer: en tom region.yaml och actors.yaml i stället för Stockholmsplanerna.",
    "Use the fardplan-validate hook published in this repository in .pre-commit-config.yaml "
    "(default: a local hook for which pre-commit installs fardplan from the --install source).":
        "Använd kroken fardplan-validate som publiceras i det här förrådet i "
        ".pre-commit-config.yaml (standard: en lokal krok som pre-commit installerar fardplan till "
        "från källan i --install).",
    "The pip requirement from which the CI job and the pre-commit hook install fardplan (default: "
    "the source this fardplan was installed from; e.g. 'fardplan @ "
    "git+https://host/fardplan@v0.1.0').":
        "Det pip-krav som CI-jobbet och pre-commit-kroken installerar fardplan från (standard: "
        "källan som den här fardplan installerades från; t.ex. 'fardplan @ "
        "git+https://host/fardplan@v0.1.0').",
    "An initiative (sodertalje:1.3, or a common one's id, 1.1) or a core (sodertalje, Södertälje).":
        "En insats (sodertalje:1.3, eller en gemensams id, 1.1) eller en kärna (sodertalje, Södertälje).",
    "An initiative: sodertalje:1.3, or a common one's id, 1.1.":
        "En insats: sodertalje:1.3, eller en gemensams id, 1.1.",
    "planned, ongoing, done, paused or dropped (Swedish labels too).":
        "planned, ongoing, done, paused eller dropped (de svenska namnen också).",
    "A cycle id (2023-2026), tag, branch or commit. Default: the latest closed cycle.":
        "Ett mandatperiods-id (2023-2026), en tagg, gren eller incheckning. Standard: den senast "
        "stängda mandatperioden.",
    "A cycle id, tag, branch or commit. Default: the working tree.":
        "En mandatperiod, en tagg, en gren eller en incheckning. Standard: arbetskopian.",
    "The cycle id, e.g. 2023-2026.": "Mandatperiodens id, t.ex. 2023-2026.",
    "The folder to create (new or empty).": "Mappen som skapas (ny eller tom).",
    # The follow-up commands (cli/followup.py).
    "A core's political dialogues (politiska samtal), which prioritise its initiatives.":
        "En kärnas politiska samtal, som prioriterar dess insatser.",
    "Record a political dialogue of a core: its date, cycle and what it prioritised.":
        "Registrera ett politiskt samtal i en kärna: datum, mandatperiod och vad det prioriterade.",
    "The dialogue's date, YYYY-MM-DD.": "Samtalets datum, ÅÅÅÅ-MM-DD.",
    "The political cycle it prioritises for, e.g. 2027-2030.":
        "Mandatperioden det prioriterar för, t.ex. 2027-2030.",
    "An initiative it prioritised (repeatable).":
        "En insats som det prioriterade (kan upprepas).",
    "A note.": "En anteckning.",
    "The activities (aktiviteter) that make an initiative concrete in a core.":
        "Aktiviteterna som konkretiserar en insats i en kärna.",
    "Add an activity to an initiative in a core, with the next free id; print its reference.":
        "Lägg till en aktivitet till en insats i en kärna, med nästa lediga id; skriv ut dess "
        "referens.",
    "An initiative in a core: sodertalje:1.3 or sodertalje:2.2.":
        "En insats i en kärna: sodertalje:1.3 eller sodertalje:2.2.",
    "The actor that owns it.": "Aktören som äger den.",
    "The start date, YYYY-MM-DD.": "Startdatum, ÅÅÅÅ-MM-DD.",
    "The due date, YYYY-MM-DD.": "Slutdatum, ÅÅÅÅ-MM-DD.",
    "Set an activity's status; done records the day (done_on).":
        "Ange en aktivitets status; genomförd registrerar dagen (done_on).",
    "An activity: sodertalje:1.3.1.": "En aktivitet: sodertalje:1.3.1.",
    "With done: the day it was done (default: today).":
        "Med genomförd: dagen den genomfördes (standard: i dag).",
    "Append a progress report (lägesrapport) to an initiative in a core.":
        "Lägg till en lägesrapport till en insats i en kärna.",
    "What has happened.": "Vad som har hänt.",
    "The update's date, YYYY-MM-DD (default: today).":
        "Lägesrapportens datum, ÅÅÅÅ-MM-DD (standard: i dag).",
    "The actor that reports it.": "Aktören som rapporterar.",
    "Record how an initiative is carried in a core: an assignment, operations, a forum or\n"
    "funding.":
        "Registrera hur en insats genomförs i en kärna: ett uppdrag, en verksamhet, ett forum "
        "eller en finansiering.",
    "assignment, operations, forum or funding.":
        "assignment (uppdrag), operations (verksamhet), forum eller funding (finansiering).",
    "Who decides, funds or convenes it.": "Vem som beslutar, finansierar eller sammankallar.",
    "The assignment's, forum's or call's name.": "Uppdragets, forumets eller utlysningens namn.",
    "The amount in SEK (funding).": "Beloppet i kronor (finansiering).",
    "The day it was decided, YYYY-MM-DD.": "Dagen det beslutades, ÅÅÅÅ-MM-DD.",
    # workbook
    "The separator C of --format csv: ';', ',' or 'tab' (default: ';' in Swedish, as "
    "spreadsheet programs with Swedish settings read it, else ',').":
        "Avgränsaren C i --format csv: ';', ',' eller 'tab' (standard: ';' på svenska, som "
        "kalkylprogram med svenska inställningar läser den, annars ',').",
    "Output format (html: one self-contained page for print; xlsx: the follow-up workbook that "
    "'fardplan import' reads back).":
        "Utdataformat (html: en fristående sida för utskrift; xlsx: uppföljningens arbetsbok som "
        "'fardplan import' läser tillbaka).",
    "The language of the labels (headings, the workbook's headers and instructions); the plan's "
    "text stays as written (default: fardplan's --lang or FARDPLAN_LANG, else the plans' "
    "language).":
        "Språket i rubriker och etiketter (även arbetsbokens kolumnrubriker och instruktioner); "
        "planens text står som den är skriven (standard: fardplans --lang eller FARDPLAN_LANG, "
        "annars planernas språk).",
    "Apply what a follow-up workbook changed: status, notes, lead and participants, activities\n"
    "and new progress reports, merged cell by cell with what the plans changed since the "
    "workbook\nwas made. A cell changed on both sides is a conflict, and then nothing is written.":
        "För in det som en uppföljningsarbetsbok ändrat: status, kommentarer, ansvarig och "
        "medverkande, aktiviteter och nya lägesrapporter, jämfört cell för cell med det som "
        "ändrats i planerna sedan arbetsboken gjordes. En cell som ändrats på båda håll är en "
        "konflikt, och då skrivs ingenting.",
    "The workbook (xlsx) made by 'fardplan export --format xlsx'.":
        "Arbetsboken (xlsx) som gjorts med 'fardplan export --format xlsx'.",
    "Print what would change and the unified diff; write nothing.":
        "Skriv ut vad som skulle ändras och den enhetliga diffen; skriv ingenting.",
}


# The placeholders of the usage lines and the options' help (``--core CORE``), in Swedish; the
# messages name the same placeholders (``KÄRNA:ID``, ``DATUM``).
SWEDISH_METAVARS: dict[str, str] = {
    "ACTOR": "AKTÖR",
    "CORE": "KÄRNA",
    "CORE:ACTIVITY": "KÄRNA:AKTIVITET",
    "CYCLE": "MANDATPERIOD",
    "DATE": "DATUM",
    "FILE": "FIL",
    "KIND": "SLAG",
    "MSG": "MEDDELANDE",
    "PATH": "SÖKVÄG",
    "REF|CORE": "REF|KÄRNA",
    "SEK": "KRONOR",
    "[FROM]": "[FRÅN]",
    "[TO]": "[TILL]",
}


def _swedish(text: str | None) -> str | None:
    """The Swedish of a help text; click's own (``--help``'s) from click's catalog."""
    from fardplan_cli.cli.click_catalog import SWEDISH

    if text is None:
        return None
    return SWEDISH_HELP.get(text) or SWEDISH.get(text, text)


def translate_help(command: click.Command) -> None:
    """Put the help of ``command``, its parameters and subcommands into the current language."""
    if current_language() != "sv":
        return
    command.help = _swedish(command.help)
    command.short_help = _swedish(command.short_help)
    command.options_metavar = _swedish(command.options_metavar)  # [FLAGGOR]
    for parameter in command.params:
        if hasattr(parameter, "help"):
            parameter.help = _swedish(parameter.help)
        _translate_metavar(parameter)
    if isinstance(command, click.Group):
        command.subcommand_metavar = _swedish(command.subcommand_metavar) or ""
        for sub in command.commands.values():
            translate_help(sub)


def _translate_metavar(parameter: click.Parameter) -> None:
    """``--core KÄRNA``, ``fardplan init SÖKVÄG``: the placeholder named (or, for an argument of
    one value, made from its name) in Swedish."""
    named = parameter.metavar
    if named is None and isinstance(parameter, click.Argument) and parameter.nargs == 1:
        named = (parameter.name or "").upper()
    if named is not None and named in SWEDISH_METAVARS:
        parameter.metavar = SWEDISH_METAVARS[named]
