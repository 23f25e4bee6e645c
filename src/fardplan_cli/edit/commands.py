"""The edits: assign, set-status, prioritize, new.

Each edit function is pure: it takes the plan set and the plan files' bytes, resolves what the user
typed (unknown names raise ``NotFoundError``, exit 2), edits the lines of the one initiative
concerned (``plantext``, ``roundtrip``) and returns an ``EditResult`` with the file's new text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from fardplan_cli.edit.plantext import LIST_KEY, PlanText
from fardplan_cli.edit.roundtrip import (
    dump_block,
    flow_list,
    flow_width,
    id_scalar,
    keep_comment_gap,
    plain_scalar,
    text_scalar,
)
from fardplan_cli.edit.summary import actor_name, note_set, status_change, summary
from fardplan_cli.errors import EditRefusedError, UsageError
from fardplan_cli.i18n import t, tn
from fardplan_cli.load import REGION_FILE
from fardplan_cli.model import Initiative, PlanSet

if TYPE_CHECKING:
    pass

from fardplan_cli.edit.lines import (
    _WRAPPER,
    CORE_KEY_ORDER,
    EditResult,
    _Edit,
    _target,
    _text_of,
)

# What YAML does not allow in a file (C0 and C1 controls but tab and line feed, DEL, the byte
# order mark), or reads as a line break of its own (NEL, the Unicode line and paragraph separators).
_NOT_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def typed_text(option: str, value: str) -> str:
    """What the user typed for a text option, as it is written to the plan: line breaks as
    YAML reads them (CRLF and CR are LF), one final line break (a shell's or an editor's) left
    out. Bytes that are not UTF-8 (they reach Python as lone surrogates) and control characters
    (``_NOT_TEXT``) are a usage error."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        code = ord(value[exc.start])
        raise UsageError(t(
            "{option} is not UTF-8 text (byte 0x{byte:02x}); set the terminal or the shell to "
            "UTF-8 and type it again", option=option,
            byte=code - 0xDC00 if 0xDC80 <= code <= 0xDCFF else code)) from None
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    control = _NOT_TEXT.search(text)
    if control is not None:
        raise UsageError(t(
            "{option} holds the control character U+{code:04X}, which a plan file cannot hold "
            "as text; leave it out", option=option, code=ord(control.group())))
    return text[:-1] if text.endswith("\n") else text


def resolve_for_edit(plan: PlanSet, ref: str) -> Initiative:
    """The initiative a reference names: ``sodertalje:2.2`` of a common initiative is that
    initiative as followed up in Södertälje (``followed_in``), ``2.2`` the shared one."""
    from fardplan_cli.grammar import split_reference
    from fardplan_cli.query import resolve_core, resolve_initiative

    initiative = resolve_initiative(plan, ref)
    core_part, _ = split_reference(ref)
    if core_part is not None and initiative.core is None and initiative.followed_in is None:
        core = resolve_core(plan, core_part)
        followed = plan.followed(core.id, initiative.id)
        if followed is not None:
            return followed
    return initiative


def _set_list(edit: _Edit, key: str, values: Sequence[str]) -> None:
    """Make the list ``key`` hold ``values``, editing the existing list in place (style kept)."""
    from ruamel.yaml.comments import CommentedSeq

    current = edit.item.get(key)
    if not values:
        edit.delete(key)
        return
    if not isinstance(current, CommentedSeq):
        edit.set(key, flow_list(values))
        return
    old_width = flow_width(current)
    for index in reversed(range(len(current))):
        if current[index] not in values:
            del current[index]
    for position, value in enumerate(values):
        if position >= len(current) or current[position] != value:
            current.insert(position, plain_scalar(value))
    keep_comment_gap(edit.item, key, old_width)


def _ref(initiative: Initiative) -> str:
    """``sodertalje:2.2`` for a common initiative as followed up in a core; else its ``ref``."""
    if initiative.followed_in is not None and initiative.core is None:
        return f"{initiative.followed_in}:{initiative.id}"
    return initiative.ref


def _result(edit: _Edit, head: str, parts: Sequence[str]) -> EditResult:
    """The edit's result; an edit of a common initiative's shared text says that it applies to
    every core."""
    shared = edit.path == REGION_FILE
    return edit.result(summary(head, parts, shared=shared), shared=shared)


def _per_core(plan: PlanSet, initiative: Initiative, what: str) -> str:
    """The core whose plan holds the initiative; a bare common id is a usage error: ``what``
    (status, priorities, activities, ...) is followed up per core."""
    core_id = initiative.followed_in or initiative.core
    if core_id is None:
        ids = [c.id for c in plan.cores]
        example = "sodertalje" if "sodertalje" in ids or not ids else ids[0]
        raise UsageError(t(
            "{what} of common initiative {id} is followed up per core: name the core, e.g. "
            "{example}:{id}", what=what, id=initiative.id, example=example))
    return core_id


def unchanged(files: Mapping[str, bytes], path: str, summary: str, ref: str) -> EditResult:
    text = _text_of(files, path)
    return EditResult(path, text, text, summary, ref, None, None)


def assign(
    plan: PlanSet,
    files: Mapping[str, bytes],
    ref: str,
    *,
    lead: str | None = None,
    no_lead: bool = False,
    add: Sequence[str] = (),
    remove: Sequence[str] = (),
    lead_unit: str | None = None,
    no_lead_unit: bool = False,
) -> EditResult:
    """Set or remove the lead and the lead unit, add and remove participants.

    A new lead who was a participant stops being one (a lead is not also a participant), and the
    summary says so. Adding a participant already there changes nothing; removing an actor who
    does not take part is refused (``EditRefusedError``). On a common initiative as followed up
    in a core (``sodertalje:2.2``) the participants and the lead unit are that core's (written in
    its follow-up); the lead is shared by every core and is set on the bare id (``2.2``), whose
    edits apply to every core.
    """
    from fardplan_cli.query import resolve_actor

    if lead is not None and no_lead:
        raise UsageError(t("give either --lead or --no-lead, not both"))
    if lead_unit is not None and no_lead_unit:
        raise UsageError(t("give either --lead-unit or --no-lead-unit, not both"))
    if (lead is None and not no_lead and not add and not remove and lead_unit is None
            and not no_lead_unit):
        raise UsageError(t("nothing to assign: give --lead, --no-lead, --add or --remove"))
    initiative = resolve_for_edit(plan, ref)
    followed = initiative.followed_in is not None
    if followed and (lead is not None or no_lead):
        raise UsageError(t(
            "the lead of common initiative {id} is shared by every core; set it on the bare id "
            "('fardplan assign {id} --lead ...'), which changes it in every core",
            id=initiative.id))
    new_lead = resolve_actor(plan, lead).id if lead is not None else None
    new_unit = resolve_actor(plan, lead_unit).id if lead_unit is not None else None
    added = [resolve_actor(plan, a).id for a in add]
    removed = [resolve_actor(plan, a).id for a in remove]
    if both := sorted(set(added) & set(removed)):
        raise UsageError(t("{actors}: both --add and --remove", actors=", ".join(both)))
    final_lead = None if no_lead else (new_lead or initiative.lead)
    if final_lead is not None and final_lead in added:
        raise UsageError(t(
            "{actor} is the lead of {ref}; a lead is not also listed as a participant",
            actor=final_lead, ref=ref))

    edit = _target(files, plan, initiative, ("lead", "lead_unit", "participants"))
    parts: list[str] = []
    if followed:
        shared_participants = _shared(plan, initiative.id).participants
        core = plan.core(initiative.followed_in or "")
        follow = core.follow_up(initiative.id) if core is not None else None
        current = list(follow.participants) if follow is not None else []
        if fixed := [r for r in removed if r in shared_participants and r not in current]:
            raise UsageError(tn(
                "{actors} takes part in common initiative {id} in every core; remove it on "
                "the bare id ('fardplan assign {id} --remove ...'), which changes it in every "
                "core",
                "{actors} take part in common initiative {id} in every core; remove them on "
                "the bare id ('fardplan assign {id} --remove ...'), which changes it in every "
                "core", len(fixed), actors=", ".join(fixed), id=initiative.id))
    else:
        shared_participants = ()
        current = list(initiative.participants)
    if absent := [r for r in dict.fromkeys(removed) if r not in current]:
        # As git refuses to remove what is not there: a mistyped or wrong name is said, not
        # silently ignored.
        raise EditRefusedError(tn(
            "edit refused, nothing written: {actors} does not take part in {ref} (its participants: "
            "{participants})",
            "edit refused, nothing written: {actors} do not take part in {ref} (its participants: "
            "{participants})", len(absent), actors=", ".join(actor_name(plan, a) for a in absent),
            ref=_ref(initiative),
            participants=", ".join(actor_name(plan, p) for p in current) or t("none")))
    if no_lead:
        if initiative.lead is not None:
            edit.delete("lead")
            parts.append(t("no lead"))
    elif new_lead is not None and new_lead != initiative.lead:
        edit.set("lead", plain_scalar(new_lead))
        lead_name = actor_name(plan, new_lead)
        parts.append(t("lead {name} (no longer a participant)", name=lead_name) if new_lead in current
                     else t("lead {name}", name=lead_name))
    participants = [p for p in current if p not in removed and p != final_lead]
    participants += [a for a in dict.fromkeys(added)
                     if a not in participants and a not in shared_participants]
    if participants != current:
        _set_list(edit, "participants", participants)
    parts += ["+" + actor_name(plan, a) for a in dict.fromkeys(added)
              if a not in current and a not in shared_participants]
    parts += ["-" + actor_name(plan, r) for r in dict.fromkeys(removed) if r in current]
    current_unit = edit.item.get("lead_unit") if followed else initiative.lead_unit
    if no_lead_unit:
        if current_unit is not None:
            edit.delete("lead_unit")
            parts.append(t("no lead unit"))
    elif new_unit is not None and new_unit != current_unit:
        edit.set("lead_unit", plain_scalar(new_unit))
        parts.append(t("lead unit {name}", name=actor_name(plan, new_unit)))
    return _result(edit, t("assign {ref}", ref=_ref(initiative)), parts)


def _shared(plan: PlanSet, initiative_id: str) -> Initiative:
    found = plan.find_initiative(None, initiative_id)
    assert found is not None
    return found


def set_status(
    plan: PlanSet, files: Mapping[str, bytes], ref: str, status: str, *, note: str | None = None
) -> EditResult:
    """Set the status, and its reason with ``note``.

    A status note explains the status it was written for: changing the status without ``--note``
    removes the old note; ``--note ""`` removes it too. The note is kept as typed (``typed_text``);
    a note of blanks only is refused: it says nothing, and is likely a mistake. A common
    initiative's status is its status in one core (``sodertalje:2.2``), written in that core's
    follow-up.
    """
    from fardplan_cli.query import resolve_status

    if note is not None:
        typed, note = note, typed_text("--note", note)
        if typed and not typed.strip():
            raise UsageError(t(
                "--note holds only blanks; give the reason, or --note \"\" to remove the note"))
    initiative = resolve_for_edit(plan, ref)
    _per_core(plan, initiative, t("the status"))
    new_status = resolve_status(status)
    edit = _target(files, plan, initiative, ("status", "status_note"))
    edit.changes = []  # its lines are changed by set and delete alone
    parts: list[str] = []
    followed = initiative.followed_in is not None
    if new_status != initiative.status or (not edit.holds("status") and not followed):
        edit.set("status", plain_scalar(new_status))
        parts.append(status_change(initiative.status, new_status))
    if note:
        if note != initiative.status_note:
            edit.set("status_note", plain_scalar(note))
            parts.append(note_set(note))
    elif initiative.status_note is not None and (note == "" or new_status != initiative.status):
        edit.delete("status_note")
        parts.append(t("note removed"))
    return _result(edit, t("set-status {ref}", ref=_ref(initiative)), parts)


def next_initiative_id(plan: PlanSet, core_id: str, area: int) -> str:
    """One more than the highest number in the area among the core's and the common initiatives
    (a core-specific id must not reuse a common one)."""
    core = plan.core(core_id)
    pool = [*plan.region.initiatives, *(core.initiatives if core is not None else ())]
    numbers = [i.number for i in pool if i.area == area]
    return f"{area}.{max(numbers, default=0) + 1}"


def new_initiative(
    plan: PlanSet,
    files: Mapping[str, bytes],
    *,
    core: str,
    area: int,
    title: str,
    description: str | None = None,
    lead: str | None = None,
    participants: Sequence[str] = (),
) -> EditResult:
    """A new core-specific initiative with the next free id, placed after the area's last one."""

    from ruamel.yaml.comments import CommentedMap

    from fardplan_cli.query import resolve_actor, resolve_area, resolve_core

    title = typed_text("--title", title)
    description = typed_text("--description", description) if description is not None else None
    the_core = resolve_core(plan, core)
    resolve_area(plan, area)
    if not title.strip():
        raise UsageError(t("the title must not be empty"))
    lead_id = resolve_actor(plan, lead).id if lead is not None else None
    participant_ids = list(dict.fromkeys(resolve_actor(plan, p).id for p in participants))
    if lead_id is not None and lead_id in participant_ids:
        raise UsageError(t(
            "{actor} is the lead of {ref}; a lead is not also listed as a participant",
            actor=lead_id, ref=f"{the_core.id}:{area}.*"))
    new_id = next_initiative_id(plan, the_core.id, area)

    item = CommentedMap()
    item["id"] = id_scalar(new_id)
    item["title"] = plain_scalar(title)
    if description:
        item["description"] = text_scalar(description)
    if lead_id is not None:
        item["lead"] = plain_scalar(lead_id)
    if participant_ids:
        item["participants"] = flow_list(participant_ids)
    item["status"] = "planned"

    path = the_core.file
    old_text = _text_of(files, path)
    text = PlanText(path, old_text)
    if not text.is_mapping:
        raise UsageError(t("the file is not a mapping"))
    dumped = dump_block({LIST_KEY: [item]})
    position = 0
    if text.items:
        if text.list_flow:
            raise text.refuse_flow(LIST_KEY)
        # After the area's last initiative (the comments after it are above the next one, or
        # after the list); at the very start of the list, below the comments above it.
        position = _insert_position([block.name for block in text.items], area)
        at = text.items[position - 1].end if position else text.items[0].start
        new_text = text.with_text(at, at, dumped[len(_WRAPPER):])
    elif text.top_flow:
        raise text.refuse_flow(t("the file"))
    elif LIST_KEY in text.keys:  # `initiatives: []`, or the key without a value
        if not text.list_empty:
            raise EditRefusedError(t(
                "edit refused, nothing written: {path} has an initiatives key that is not a "
                "list; run 'fardplan validate'", path=path))
        block = text.keys[LIST_KEY]
        new_text = text.with_text(block.start, block.end, dumped)
    else:
        rank = CORE_KEY_ORDER.index(LIST_KEY)
        before = [b for name, b in text.keys.items()
                  if name in CORE_KEY_ORDER and CORE_KEY_ORDER.index(name) < rank]
        at = max(b.end for b in before) if before else min(
            (b.start for b in text.keys.values()), default=len(text.body))
        new_text = text.with_text(at, at, dumped)
    ref = f"{the_core.id}:{new_id}"
    return EditResult(path, old_text, new_text, t("new {ref}: {title}", ref=ref, title=_shorten(title)),
                      ref, position, None)


def _insert_position(ids: Sequence[str | None], area: int) -> int:
    """After the area's last initiative; else before the first of a higher area; else at the end."""
    areas = []
    for raw in ids:
        head = (raw or "").split(".", 1)[0]
        areas.append(int(head) if head.isdigit() else 0)
    in_area = [index for index, a in enumerate(areas) if a == area]
    if in_area:
        return in_area[-1] + 1
    return next((index for index, a in enumerate(areas) if a > area), len(ids))


def _shorten(text: str, width: int = 60) -> str:
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 1].rstrip() + "…"
