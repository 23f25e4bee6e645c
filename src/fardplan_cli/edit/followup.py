"""The edits of a core's follow-up: dialogues, activities, updates and how an initiative is carried.

Activities, updates and carriers belong to an initiative in one core: a core-specific initiative's
own lines, or a common initiative's follow-up in that core's file (``common: "2.2": ...``). A
dialogue is an item of the core's ``dialogues`` list. Each edit is pure, as those of ``commands``:
it resolves what the user typed (unknown names are usage errors, exit 2) and returns an
``EditResult`` with the one file's new text, in which only the edited lines changed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from fardplan_cli.edit.commands import (
    _per_core,
    _ref,
    _result,
    _set_list,
    resolve_for_edit,
    typed_text,
    unchanged,
)
from fardplan_cli.edit.lines import (
    EditResult,
    _Edit,
    _plan_text,
    _target,
    _text_of,
    _with_top_level_key,
)
from fardplan_cli.edit.plantext import DIALOGUES_KEY, PlanText
from fardplan_cli.edit.roundtrip import dump_block, flow_list, id_scalar, insert_key, plain_scalar
from fardplan_cli.edit.summary import (
    CARRIER_WORDS,
    actor_name,
    actor_names,
    note_set,
    status_change,
    summary,
)
from fardplan_cli.errors import UsageError
from fardplan_cli.i18n import t
from fardplan_cli.model import Core, Initiative, PlanSet

if TYPE_CHECKING:
    from ruamel.yaml.comments import CommentedMap

DIALOGUE_KEY_ORDER = ("date", "cycle", "participants", "prioritized", "note")
ACTIVITY_KEY_ORDER = (
    "id", "title", "owner", "participants", "start", "due", "status", "done_on", "note",
)
CARRIER_KINDS = ("assignment", "operations", "forum", "funding")


def checked_date(option: str, typed: str) -> str:
    """A date typed for ``option``: ISO ``YYYY-MM-DD`` naming a day that exists."""
    from fardplan_cli.grammar import is_iso_date

    text = typed.strip()
    if not is_iso_date(text):
        raise UsageError(t(
            "{option} {value!r} is not a date; write it as YYYY-MM-DD, e.g. 2027-03-14",
            option=option, value=typed))
    return text


def _today() -> str:
    from fardplan_cli.clock import today

    return today().isoformat()


def _text(option: str, typed: str) -> str:
    text = typed_text(option, typed)
    if not text.strip():
        raise UsageError(t("{option} must not be empty", option=option))
    return text


def _actors(plan: PlanSet, typed: Sequence[str]) -> list[str]:
    from fardplan_cli.query import resolve_actor

    return list(dict.fromkeys(resolve_actor(plan, a).id for a in typed))


def _actor(plan: PlanSet, typed: str | None) -> str | None:
    from fardplan_cli.query import resolve_actor

    return resolve_actor(plan, typed).id if typed is not None else None


class DialogueEdit(_Edit):
    """One dialogue of a core (an item of its ``dialogues`` list, found by its date)."""

    key_order = DIALOGUE_KEY_ORDER

    def __init__(self, files: Mapping[str, bytes], core: Core, date: str) -> None:
        self.path = core.file
        self.ref = f"{core.id}:{date}"
        self.index = None
        self.text = _plan_text(files, self.path)
        self.old_text = self.text.source
        if self.text.dialogues_flow:
            raise self.text.refuse_flow(DIALOGUES_KEY)
        index = self.text.entry_index(self.text.dialogues, date)
        if index is None:
            raise UsageError(t("{path} has no dialogue of {date}", path=self.path, date=date))
        self._open(DIALOGUES_KEY, self.text.dialogues[index],
                   t("the dialogue of {date}", date=date), date)


def new_dialogue(
    plan: PlanSet, files: Mapping[str, bytes], core: Core, *, date: str, cycle: str,
    participants: Sequence[str] = (), prioritized: Sequence[str] = (), note: str | None = None,
) -> EditResult:
    """The core's file with a dialogue added, in date order among its dialogues (the
    ``dialogues`` key added where the file has none)."""
    from ruamel.yaml.comments import CommentedMap

    item = CommentedMap()
    item["date"] = plain_scalar(date)
    item["cycle"] = plain_scalar(cycle)
    if participants:
        item["participants"] = flow_list(participants)
    if prioritized:
        item["prioritized"] = _id_list(prioritized)
    if note:
        item["note"] = plain_scalar(note)
    old_text = _text_of(files, core.file)
    text = PlanText(core.file, old_text)
    dumped = dump_block({DIALOGUES_KEY: [item]})
    if text.dialogues:
        if text.dialogues_flow:
            raise text.refuse_flow(DIALOGUES_KEY)
        later = [d for d in text.dialogues if (d.name or "") > date]
        at = later[0].start if later else text.dialogues[-1].end
        new_text = text.with_text(at, at, dumped[len(DIALOGUES_KEY) + 2:])
    else:
        new_text = _with_top_level_key(text, DIALOGUES_KEY, dumped)
    parts = [t("cycle {cycle}", cycle=cycle)]
    if prioritized:
        parts.append(t("prioritised {ids}", ids=", ".join(prioritized)))
    if participants:
        parts.append(t("participants {names}", names=actor_names(plan, participants)))
    if note:
        parts.append(t("with a note"))
    said = t("{head}: {changes}", head=t("dialogue add {core} {date}", core=core.id, date=date),
             changes=", ".join(parts))
    return EditResult(core.file, old_text, new_text, said, f"{core.id}:{date}", None, None)


def _id_list(ids: Sequence[str]) -> Any:
    from ruamel.yaml.comments import CommentedSeq

    seq = CommentedSeq([id_scalar(i) for i in ids])
    seq.fa.set_flow_style()
    return seq


def add_dialogue(
    plan: PlanSet, files: Mapping[str, bytes], core: str, *, date: str, cycle: str,
    participants: Sequence[str] = (), prioritize: Sequence[str] = (), note: str | None = None,
) -> EditResult:
    """Record a political dialogue of a core: its date, cycle, participants, the initiatives it
    prioritised (ids in that core's plan) and a note. One dialogue per core and date."""
    from fardplan_cli.query import resolve_core, resolve_cycle

    the_core = resolve_core(plan, core)
    day = checked_date("--date", date)
    cycle_id = resolve_cycle(plan, cycle)
    if any(d.date == day for d in the_core.dialogues):
        raise UsageError(t(
            "{core} already has a dialogue of {date}; prioritise in it with 'fardplan "
            "prioritize {core}:ID --cycle {cycle} --dialogue {date}'",
            core=the_core.id, date=day, cycle=cycle_id))
    ids = [i.id for i in plan.core_plan(the_core.id)]
    prioritized: list[str] = []
    for typed in prioritize:
        wanted = typed.strip().rpartition(":")[2].strip()
        if wanted not in ids:
            raise UsageError(t("{core} has no initiative {id}", core=the_core.id, id=typed))
        if wanted not in prioritized:
            prioritized.append(wanted)
    note_text = _text("--note", note) if note is not None else None
    return new_dialogue(plan, files, the_core, date=day, cycle=cycle_id,
                        participants=_actors(plan, participants), prioritized=prioritized,
                        note=note_text)


def _with_appended(edit: _Edit, key: str, item: CommentedMap) -> None:
    """Append ``item`` to the list ``key`` of the edited initiative (added where it has none)."""
    from ruamel.yaml.comments import CommentedSeq

    current = edit.item.get(key)
    if isinstance(current, CommentedSeq) and not current.fa.flow_style():
        current.append(item)
    elif current:
        raise edit.text.refuse_flow(key)
    else:
        edit.set(key, CommentedSeq([item]))


def _core_target(plan: PlanSet, files: Mapping[str, bytes], ref: str, what: str,
                 ) -> tuple[Initiative, _Edit]:
    initiative = resolve_for_edit(plan, ref)
    _per_core(plan, initiative, what)
    return initiative, _target(files, plan, initiative)


def next_activity_id(initiative: Initiative) -> str:
    """``<initiative id>.<n>``: one more than the highest n among the initiative's activities in
    that core (so an id is never reused while its activity is in the file)."""
    numbers = [int(a.id.rsplit(".", 1)[1]) for a in initiative.activities
               if a.id.rsplit(".", 1)[0] == initiative.id and a.id.rsplit(".", 1)[1].isdigit()]
    return f"{initiative.id}.{max(numbers, default=0) + 1}"


def add_activity(
    plan: PlanSet, files: Mapping[str, bytes], ref: str, *, title: str,
    owner: str | None = None, participants: Sequence[str] = (), start: str | None = None,
    due: str | None = None, note: str | None = None,
) -> EditResult:
    """Add an activity to an initiative in a core, with the next free id, status planned."""
    from ruamel.yaml.comments import CommentedMap

    title_text = _text("--title", title)
    note_text = _text("--note", note) if note is not None else None
    start_day = checked_date("--start", start) if start is not None else None
    due_day = checked_date("--due", due) if due is not None else None
    if start_day and due_day and due_day < start_day:
        raise UsageError(t("--due {due} is before --start {start}", due=due_day, start=start_day))
    initiative, edit = _core_target(plan, files, ref, t("an activity"))
    owner_id = _actor(plan, owner)
    new_id = next_activity_id(initiative)
    item = CommentedMap()
    item["id"] = id_scalar(new_id)
    item["title"] = plain_scalar(title_text)
    if owner_id is not None:
        item["owner"] = plain_scalar(owner_id)
    if participant_ids := _actors(plan, participants):
        item["participants"] = flow_list(participant_ids)
    if start_day is not None:
        item["start"] = plain_scalar(start_day)
    if due_day is not None:
        item["due"] = plain_scalar(due_day)
    item["status"] = "planned"
    if note_text is not None:
        item["note"] = plain_scalar(note_text)
    _with_appended(edit, "activities", item)
    ref = f"{initiative.followed_in or initiative.core}:{new_id}"
    return replace(_result(edit, t("activity add {ref}", ref=ref), [title_text]), ref=ref)


def set_activity_status(
    plan: PlanSet, files: Mapping[str, bytes], ref: str, status: str, *,
    note: str | None = None, date: str | None = None,
) -> EditResult:
    """Set an activity's status (``sodertalje:1.3.1``). Done records ``done_on`` (``date``, by
    default today); another status removes it. ``note`` sets the activity's note."""
    from fardplan_cli.query import resolve_core, resolve_status

    core_part, _, activity_id = ref.strip().rpartition(":")
    if not core_part or activity_id.count(".") < 2:
        raise UsageError(t(
            "{ref!r} is not an activity reference: use CORE:ACTIVITY (sodertalje:1.3.1)", ref=ref))
    core = resolve_core(plan, core_part.strip())
    new_status = resolve_status(status)
    day = checked_date("--date", date) if date is not None else None
    if day is not None and new_status != "done":
        raise UsageError(t("--date is the day an activity was done: give it with status done"))
    note_text = _text("--note", note) if note is not None else None
    initiative_id = activity_id.rsplit(".", 1)[0]
    initiative = next((i for i in plan.core_plan(core.id) if i.id == initiative_id), None)
    activity = (next((a for a in initiative.activities if a.id == activity_id), None)
                if initiative is not None else None)
    if initiative is None or activity is None:
        from fardplan_cli.errors import NotFoundError

        known = [f"{core.id}:{a.id}" for i in plan.core_plan(core.id) for a in i.activities]
        raise NotFoundError(t("unknown activity {name!r}", name=ref)
                            + ("; " + t("did you mean {options}?", options=", ".join(known[:5]))
                               if known else ""), known)
    edit = _target(files, plan, initiative)
    items = edit.item.get("activities") or []
    item = next((a for a in items if str(a.get("id")) == activity_id), None)
    if item is None:
        raise UsageError(t("{path} has no activity {id}", path=edit.path, id=activity_id))
    parts: list[str] = []
    if new_status != activity.status or "status" not in item:
        _set_key(item, "status", plain_scalar(new_status))
        parts.append(status_change(activity.status, new_status))
    if new_status == "done":
        done_on = day or activity.done_on or _today()
        if done_on != activity.done_on:
            _set_key(item, "done_on", plain_scalar(done_on))
            parts.append(t("done on {date}", date=done_on))
    elif activity.done_on is not None:
        _delete_key(item, "done_on")
        parts.append(t("done date removed"))
    if note_text is not None and note_text != activity.note:
        _set_key(item, "note", plain_scalar(note_text))
        parts.append(note_set(note_text))
    return _result(edit, t("activity set-status {ref}", ref=f"{core.id}:{activity_id}"), parts)


def _set_key(item: CommentedMap, key: str, value: Any) -> None:
    if key in item:
        item[key] = value
    else:
        insert_key(item, key, value, ACTIVITY_KEY_ORDER)


def _delete_key(item: CommentedMap, key: str) -> None:
    from fardplan_cli.edit.roundtrip import delete_key

    if key in item:
        delete_key(item, key, None)


def add_update(
    plan: PlanSet, files: Mapping[str, bytes], ref: str, text: str, *,
    date: str | None = None, by: str | None = None,
) -> EditResult:
    """Append a dated progress report (lägesrapport) to an initiative in a core; ``date`` by
    default today, never in the future."""
    body = _text("TEXT", text)
    day = checked_date("--date", date) if date is not None else _today()
    if day > _today():
        raise UsageError(t("--date {date} is in the future; an update reports what has happened",
                           date=day))
    initiative, edit = _core_target(plan, files, ref, t("an update"))
    by_id = _actor(plan, by)
    from ruamel.yaml.comments import CommentedMap

    item = CommentedMap()
    item["date"] = plain_scalar(day)
    item["text"] = plain_scalar(body)
    if by_id is not None:
        item["by"] = plain_scalar(by_id)
    _with_appended(edit, "updates", item)
    dated = (t("{date} by {name}", date=day, name=actor_name(plan, by_id)) if by_id is not None
             else day)
    return _result(edit, t("update {ref}", ref=_ref(initiative)), [dated])


def add_carrier(
    plan: PlanSet, files: Mapping[str, bytes], ref: str, *, kind: str,
    actor: str | None = None, name: str | None = None, amount: int | None = None,
    decided: str | None = None,
) -> EditResult:
    """Record how an initiative is carried in a core (genomförande): an assignment, operations,
    a forum or funding, with who decides or funds it, its name, the amount and the day decided."""
    from ruamel.yaml.comments import CommentedMap

    wanted = kind.strip().lower()
    if wanted not in CARRIER_KINDS:
        raise UsageError(t("unknown kind {kind!r}; choose one of {options}", kind=kind,
                           options=", ".join(CARRIER_KINDS)))
    if amount is not None and amount < 0:
        raise UsageError(t("--amount must not be negative"))
    name_text = _text("--name", name) if name is not None else None
    day = checked_date("--decided", decided) if decided is not None else None
    initiative, edit = _core_target(plan, files, ref, t("how it is carried"))
    actor_id = _actor(plan, actor)
    item = CommentedMap()
    item["kind"] = wanted
    if actor_id is not None:
        item["actor"] = plain_scalar(actor_id)
    if name_text is not None:
        item["name"] = plain_scalar(name_text)
    if amount is not None:
        item["amount_sek"] = amount
    if day is not None:
        item["decided"] = plain_scalar(day)
    _with_appended(edit, "carried_by", item)
    parts = [t(CARRIER_WORDS.get(wanted, wanted))]
    if actor_id is not None:
        parts.append(t("by {name}", name=actor_name(plan, actor_id)))
    if amount is not None:
        parts.append(t("{amount} SEK", amount=amount))
    return _result(edit, t("carry {ref}", ref=_ref(initiative)), [" ".join(parts)])


__all__ = [
    "ACTIVITY_KEY_ORDER", "CARRIER_KINDS", "DIALOGUE_KEY_ORDER", "DialogueEdit", "add_activity",
    "add_carrier", "add_dialogue", "add_update", "checked_date", "new_dialogue", "next_activity_id",
    "set_activity_status",
]


def prioritize(
    plan: PlanSet, files: Mapping[str, bytes], ref: str, cycle: str, *,
    dialogue: str | None = None, remove: bool = False,
) -> EditResult:
    """Record (or, with ``remove``, take back) that a core's political dialogue prioritised the
    initiative: its id in the ``prioritized`` list of that core's dialogue of ``dialogue``'s date,
    or of the only dialogue of the cycle. ``dialogue`` of a date without one adds that dialogue.
    Priorities are the core's: a bare common id is a usage error."""
    from fardplan_cli.query import resolve_cycle

    initiative = resolve_for_edit(plan, ref)
    core_id = _per_core(plan, initiative, t("the priority"))
    core = plan.core(core_id)
    assert core is not None
    cycle_id = resolve_cycle(plan, cycle)
    head = t("prioritize {ref}", ref=_ref(initiative))
    date = checked_date("--dialogue", dialogue) if dialogue is not None else None
    of_cycle = [d for d in core.dialogues if d.cycle == cycle_id]
    if date is not None:
        found = next((d for d in core.dialogues if d.date == date), None)
        if found is None:
            if remove:
                return unchanged(files, core.file, summary(head, []), _ref(initiative))
            result = new_dialogue(plan, files, core, date=date, cycle=cycle_id,
                                  prioritized=[initiative.id])
            return replace(result, summary=summary(head, [t("+{cycle} (dialogue {date} added)",
                                                            cycle=cycle_id, date=date)]),
                           ref=_ref(initiative))
        if found.cycle != cycle_id:
            raise UsageError(t(
                "the dialogue of {date} in {core} is in cycle {cycle}, not {wanted}",
                date=date, core=core.id, cycle=found.cycle, wanted=cycle_id))
    else:
        if remove:
            listing = [d for d in of_cycle if initiative.id in d.prioritized]
            if not listing:
                return unchanged(files, core.file, summary(head, []), _ref(initiative))
            of_cycle = listing
        if not of_cycle:
            raise UsageError(t(
                "{core} has no dialogue in cycle {cycle}: record it first with 'fardplan "
                "dialogue add {core} --date DATE --cycle {cycle}', or give --dialogue DATE",
                core=core.id, cycle=cycle_id))
        if len(of_cycle) > 1:
            raise UsageError(t(
                "{core} has {count} dialogues in cycle {cycle} ({dates}); give --dialogue DATE",
                core=core.id, count=len(of_cycle), cycle=cycle_id,
                dates=", ".join(d.date for d in of_cycle)))
        found = of_cycle[0]
    edit = DialogueEdit(files, core, found.date)
    current = list(found.prioritized)
    wanted = ([i for i in current if i != initiative.id] if remove
              else current if initiative.id in current else [*current, initiative.id])
    if wanted == current:
        return edit.result(summary(head, []))
    _set_list(edit, "prioritized", wanted)
    change = (t("-{cycle} (dialogue {date})", cycle=cycle_id, date=found.date) if remove
              else t("+{cycle} (dialogue {date})", cycle=cycle_id, date=found.date))
    return edit.result(summary(head, [change]))
