"""The builders of the follow-up in a core (format 2): political dialogues, a core's follow-up of
each common initiative (``common:``), and an initiative's activities, updates and carriers."""

from __future__ import annotations

from typing import Any

from fardplan_cli.grammar import is_initiative_id
from fardplan_cli.i18n import t
from fardplan_cli.load_fields import FieldReader, describe_value
from fardplan_cli.model import Activity, Carrier, Dialogue, FollowUp, Update
from fardplan_cli.rule_nodes import bad_id_message
from fardplan_cli.yamlfile import Document, PathKey


class FollowUpBuilder(FieldReader):
    """Builds the follow-up's parts of the model; load.py's builder is one."""

    def _dialogues(self, doc: Document, data: dict[str, Any]) -> tuple[Dialogue, ...]:
        dialogues = []
        for index, item in enumerate(self._list(doc, data, (), "dialogues")):
            path: PathKey = ("dialogues", index)
            entry = self._mapping(doc, item, path, "a dialogue")
            if entry is None:
                continue
            day = self._str(doc, entry, path, "date", required=True)
            cycle = self._str(doc, entry, path, "cycle", required=True)
            if day is None or cycle is None:
                continue
            dialogues.append(Dialogue(
                date=day, cycle=cycle,
                participants=self._str_list(doc, entry, path, "participants"),
                prioritized=self._str_list(doc, entry, path, "prioritized"),
                note=self._str(doc, entry, path, "note", required=False),
                pos=self._pos(doc, path),
            ))
        return tuple(dialogues)

    def _follow_ups(self, doc: Document, data: dict[str, Any]) -> tuple[FollowUp, ...]:
        """The core's ``common:`` section: its follow-up of each common initiative."""
        section = data.get("common")
        if section is None:
            return ()
        if not isinstance(section, dict):
            self._problem(doc, ("common",), "wrong-type", t(
                "{key} should be a mapping, found {kind}", key="common",
                kind=describe_value(section)))
            return ()
        follow_ups = []
        for key, item in section.items():
            path: PathKey = ("common", key)
            if not isinstance(key, str) or not is_initiative_id(key):
                self._problem(doc, path, "bad-id", bad_id_message(str(key)), key=True)
                continue
            entry = self._mapping(doc, item if item is not None else {}, path, "a follow-up")
            if entry is None:
                continue
            follow_ups.append(FollowUp(
                id=key,
                status=self._status(doc, entry, path),
                status_note=self._str(doc, entry, path, "status_note", required=False),
                participants=self._str_list(doc, entry, path, "participants"),
                lead_unit=self._str(doc, entry, path, "lead_unit", required=False),
                activities=self._activities(doc, entry, path),
                updates=self._updates(doc, entry, path),
                carried_by=self._carriers(doc, entry, path),
                pos=self._pos(doc, path),
            ))
        return tuple(follow_ups)

    def _activities(self, doc: Document, data: dict[str, Any], path: PathKey) -> tuple[Activity, ...]:
        activities = []
        for index, item in enumerate(self._list(doc, data, path, "activities")):
            apath: PathKey = (*path, "activities", index)
            entry = self._mapping(doc, item, apath, "an activity")
            if entry is None:
                continue
            activity_id = self._str(doc, entry, apath, "id", required=True)
            title = self._str(doc, entry, apath, "title", required=True)
            if activity_id is None or title is None:
                continue
            activities.append(Activity(
                id=activity_id, title=title,
                owner=self._str(doc, entry, apath, "owner", required=False),
                participants=self._str_list(doc, entry, apath, "participants"),
                start=self._str(doc, entry, apath, "start", required=False),
                due=self._str(doc, entry, apath, "due", required=False),
                status=self._status(doc, entry, apath),
                done_on=self._str(doc, entry, apath, "done_on", required=False),
                note=self._str(doc, entry, apath, "note", required=False),
                pos=self._pos(doc, apath),
            ))
        return tuple(activities)

    def _updates(self, doc: Document, data: dict[str, Any], path: PathKey) -> tuple[Update, ...]:
        updates = []
        for index, item in enumerate(self._list(doc, data, path, "updates")):
            upath: PathKey = (*path, "updates", index)
            entry = self._mapping(doc, item, upath, "an update")
            if entry is None:
                continue
            day = self._str(doc, entry, upath, "date", required=True)
            text = self._str(doc, entry, upath, "text", required=True)
            if day is not None and text is not None:
                updates.append(Update(day, text, self._str(doc, entry, upath, "by", required=False),
                                      self._pos(doc, upath)))
        return tuple(updates)

    def _carriers(self, doc: Document, data: dict[str, Any], path: PathKey) -> tuple[Carrier, ...]:
        carriers = []
        for index, item in enumerate(self._list(doc, data, path, "carried_by")):
            cpath: PathKey = (*path, "carried_by", index)
            entry = self._mapping(doc, item, cpath, "a carrier")
            if entry is None:
                continue
            kind = self._str(doc, entry, cpath, "kind", required=True)
            if kind is None:
                continue
            carriers.append(Carrier(
                kind=kind,
                actor=self._str(doc, entry, cpath, "actor", required=False),
                name=self._str(doc, entry, cpath, "name", required=False),
                amount_sek=self._int(doc, entry, cpath, "amount_sek", required=False),
                decided=self._str(doc, entry, cpath, "decided", required=False),
                pos=self._pos(doc, cpath),
            ))
        return tuple(carriers)
