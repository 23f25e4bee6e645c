"""The comparison of the document's own text: the title and colophon of ``document:`` in
region.yaml, its shared sections, and a core's own wording of shared sections (``sections:`` in
the core's file). diff.py calls it for the region and for each core.

Sections are matched by their id, in the new side's order, then the removed ones. Texts are
compared word by word; a text that appears or disappears is one insertion or one deletion.
"""

from __future__ import annotations

from collections.abc import Sequence

from fardplan_cli.diff_change import Change, list_change, word_diff
from fardplan_cli.model import Contact, DocumentSection, DocumentText, SectionReplacement

# The document's fields, in the order the published document prints them.
DOCUMENT_TEXT_FIELDS = ("title", "publisher", "address")


def contact_text(contact: Contact) -> str:
    """A contact as the colophon prints it: its role, and its name after a colon."""
    return f"{contact.role}: {contact.name}" if contact.name else contact.role


def _text(kind: str, core: str | None, key: str | None, name: str, old: str | None,
          new: str | None) -> Change:
    return Change(kind, core, None, name, old, new, key=key,
                  words=word_diff(old or "", new or ""))


def document_changes(old: DocumentText, new: DocumentText) -> list[Change]:
    """What changed in the document's title and colophon (one ``document-changed`` per field),
    then in its shared sections."""
    changes: list[Change] = []
    for name in DOCUMENT_TEXT_FIELDS:
        before, after = getattr(old, name), getattr(new, name)
        if before != after:
            changes.append(_text("document-changed", None, None, name, before, after))
    if old.year != new.year:
        changes.append(Change("document-changed", None, None, "year", old.year, new.year))
    before_contacts = [contact_text(c) for c in old.contacts]
    after_contacts = [contact_text(c) for c in new.contacts]
    added, removed = list_change(before_contacts, after_contacts)
    if added or removed:
        changes.append(Change("document-changed", None, None, "contacts", before_contacts,
                              after_contacts, added=added, removed=removed))
    changes += section_changes(None, old.sections, new.sections)
    return changes


def section_changes(
    core: str | None,
    old: Sequence[DocumentSection] | Sequence[SectionReplacement],
    new: Sequence[DocumentSection] | Sequence[SectionReplacement],
) -> list[Change]:
    """The sections added, removed and changed (one ``section-changed`` per field: heading,
    level, placement, text), keyed by the section's id. ``core`` None: the document's shared
    sections; else that core's own wording of them."""
    old_by_id = {s.id: s for s in old}
    new_ids = {s.id for s in new}
    changes: list[Change] = []
    for section in new:
        before = old_by_id.get(section.id)
        if before is None:
            changes.append(Change("section-added", core, None, None, new=section,
                                  key=section.id))
            continue
        if before.heading != section.heading:
            changes.append(_text("section-changed", core, section.id, "heading", before.heading,
                                 section.heading))
        if isinstance(before, DocumentSection) and isinstance(section, DocumentSection):
            for name in ("level", "placement"):
                if getattr(before, name) != getattr(section, name):
                    changes.append(Change("section-changed", core, None, name,
                                          getattr(before, name), getattr(section, name),
                                          key=section.id))
        if before.text != section.text:
            changes.append(_text("section-changed", core, section.id, "text", before.text,
                                 section.text))
    for section in old:
        if section.id not in new_ids:
            changes.append(Change("section-removed", core, None, None, old=section,
                                  key=section.id))
    return changes
