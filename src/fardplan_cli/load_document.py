"""The builders of the document's own text: ``document:`` in region.yaml (title, colophon, shared
sections) and a core's ``sections:`` (its own versions of shared sections)."""

from __future__ import annotations

from typing import Any

from fardplan_cli.i18n import t
from fardplan_cli.load_fields import FieldReader
from fardplan_cli.model import (
    PLACEMENTS,
    Contact,
    DocumentSection,
    DocumentText,
    SectionReplacement,
)
from fardplan_cli.yamlfile import Document, PathKey


class DocumentBuilder(FieldReader):
    """Builds the document's parts of the model; load.py's builder is one."""

    def _document(self, doc: Document, data: dict[str, Any]) -> DocumentText:
        if data.get("document") is None:
            return DocumentText()
        path: PathKey = ("document",)
        entry = self._mapping(doc, data["document"], path, "the document")
        if entry is None:
            return DocumentText()
        contacts = []
        for index, item in enumerate(self._list(doc, entry, path, "contacts")):
            cpath: PathKey = (*path, "contacts", index)
            contact = self._mapping(doc, item, cpath, "a contact")
            if contact is None:
                continue
            role = self._str(doc, contact, cpath, "role", required=True)
            if role is not None:
                contacts.append(Contact(role, self._str(doc, contact, cpath, "name", required=False)))
        sections = []
        for index, item in enumerate(self._list(doc, entry, path, "sections")):
            spath: PathKey = (*path, "sections", index)
            section = self._mapping(doc, item, spath, "a section")
            if section is None:
                continue
            section_id = self._str(doc, section, spath, "id", required=True)
            placement = self._str(doc, section, spath, "placement", required=True)
            if section_id is None or placement is None:
                continue
            if placement not in PLACEMENTS:
                self._problem(doc, (*spath, "placement"), "unknown-placement", t(
                    "unknown {field} {value!r}; choose one of {options}", field="placement",
                    value=placement, options=", ".join(PLACEMENTS)))
                continue
            sections.append(DocumentSection(
                id=section_id,
                heading=self._str(doc, section, spath, "heading", required=False),
                level=self._int(doc, section, spath, "level", required=False) or 1,
                placement=placement,
                text=self._str(doc, section, spath, "text", required=False) or "",
                pos=self._pos(doc, spath),
            ))
        return DocumentText(
            title=self._str(doc, entry, path, "title", required=False),
            publisher=self._str(doc, entry, path, "publisher", required=False),
            address=self._str(doc, entry, path, "address", required=False),
            year=self._int(doc, entry, path, "year", required=False),
            contacts=tuple(contacts),
            sections=tuple(sections),
        )

    def _section_replacements(self, doc: Document, data: dict[str, Any]) -> tuple[SectionReplacement, ...]:
        replacements = []
        for index, item in enumerate(self._list(doc, data, (), "sections")):
            path: PathKey = ("sections", index)
            entry = self._mapping(doc, item, path, "a section")
            if entry is None:
                continue
            section_id = self._str(doc, entry, path, "id", required=True)
            text = self._str(doc, entry, path, "text", required=True)
            if section_id is not None and text is not None:
                replacements.append(SectionReplacement(
                    section_id, self._str(doc, entry, path, "heading", required=False), text,
                    self._pos(doc, path)))
        return tuple(replacements)
