"""A package held as its parts in zip order, for the re-savers: read, edit as text, write back.

Re-savers rewrite XML as text at the places they change (the way the programs they imitate write
it); every part they do not touch keeps its bytes. Parsing for inspection goes through defusedxml.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import html
from xml.sax.saxutils import escape

from defusedxml import ElementTree as SafeET

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
WORKSHEET_REL = REL_NS + "/worksheet"
XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def text_of(xml: str) -> str:
    """XML character data as the text it stands for (character references included)."""
    return html.unescape(xml)


def xml_of(text: str) -> str:
    """Text as XML character data (``"`` escaped as ``&quot;``, as Excel and WPS write it)."""
    return escape(text, {'"': "&quot;"})


class Parts:
    """A package's parts by name, in their zip order; directory entries are not parts."""

    def __init__(self, data: bytes) -> None:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            self.order = [n for n in archive.namelist() if not n.endswith("/")]
            self.data = {name: archive.read(name) for name in self.order}
        self.directories = False  # write zip directory entries (as WPS does)

    def has(self, name: str) -> bool:
        return name in self.data

    def text(self, name: str) -> str:
        return self.data[name].decode("utf-8")

    def put(self, name: str, content: str | bytes) -> None:
        if name not in self.data:
            self.order.append(name)
        self.data[name] = content.encode("utf-8") if isinstance(content, str) else content

    def remove(self, name: str) -> None:
        if name in self.data:
            del self.data[name]
            self.order.remove(name)

    # --- the workbook's structure --------------------------------------------------------------
    def sheets(self) -> list[tuple[str, str]]:
        """(sheet name, worksheet part) in workbook order."""
        root = SafeET.fromstring(self.data["xl/workbook.xml"], forbid_dtd=True)
        targets = {rid: part for rid, _kind, part in self.relationships("xl/_rels/workbook.xml.rels", "xl")}
        return [(node.get("name", ""), targets.get(node.get(f"{{{REL_NS}}}id", ""), ""))
                for node in root.iter(f"{{{MAIN_NS}}}sheet")]

    def sheet_part(self, sheet: str) -> str:
        return dict(self.sheets())[sheet]

    def relationships(self, rels_part: str, folder: str) -> list[tuple[str, str, str]]:
        if rels_part not in self.data:
            return []
        root = SafeET.fromstring(self.data[rels_part], forbid_dtd=True)
        out = []
        for rel in root.iter(f"{{{PKG_REL_NS}}}Relationship"):
            target = rel.get("Target", "")
            part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            out.append((rel.get("Id", ""), rel.get("Type", ""), part))
        return out

    def add_relationship(self, owner: str, kind: str, target_part: str) -> str:
        """A relationship from part ``owner`` ("" for the package) to ``target_part``; returns its id."""
        folder = posixpath.dirname(owner)
        rels_part = posixpath.join(folder, "_rels", posixpath.basename(owner) + ".rels")
        if rels_part not in self.data:
            self.put(rels_part, f'{XML_DECL}<Relationships xmlns="{PKG_REL_NS}"></Relationships>')
        ids = {rid for rid, _k, _p in self.relationships(rels_part, folder)}
        n = len(ids) + 1
        while f"rId{n}" in ids:
            n += 1
        target = posixpath.relpath(target_part, folder or ".")
        snippet = f'<Relationship Id="rId{n}" Type="{kind}" Target="{target}"/>'
        self.put(rels_part, self.text(rels_part).replace("</Relationships>", snippet + "</Relationships>"))
        return f"rId{n}"

    def remove_relationships(self, owner: str, target_part: str) -> None:
        folder = posixpath.dirname(owner)
        rels_part = posixpath.join(folder, "_rels", posixpath.basename(owner) + ".rels")
        if rels_part not in self.data:
            return
        target = re.escape(posixpath.relpath(target_part, folder or "."))
        pattern = rf'<Relationship\b[^>]*Target="/?(?:{target}|{re.escape(target_part)})"[^>]*/>'
        self.put(rels_part, re.sub(pattern, "", self.text(rels_part)))

    def add_override(self, part: str, content_type: str) -> None:
        types = self.text("[Content_Types].xml")
        if f'PartName="/{part}"' not in types:
            snippet = f'<Override PartName="/{part}" ContentType="{content_type}"/>'
            self.put("[Content_Types].xml", types.replace("</Types>", snippet + "</Types>"))

    def add_default(self, extension: str, content_type: str) -> None:
        types = self.text("[Content_Types].xml")
        if f'Extension="{extension}"' not in types:
            snippet = f'<Default Extension="{extension}" ContentType="{content_type}"/>'
            self.put("[Content_Types].xml", re.sub(r"(<Types\b[^>]*>)", lambda m: m.group(1) + snippet, types, count=1))

    def remove_override(self, part: str) -> None:
        pattern = rf'<Override\b[^>]*PartName="/{re.escape(part)}"[^>]*/>'
        self.put("[Content_Types].xml", re.sub(pattern, "", self.text("[Content_Types].xml")))

    # --- writing -------------------------------------------------------------------------------
    def to_bytes(self, order: list[str] | None = None) -> bytes:
        names = order or self.order
        assert sorted(names) == sorted(self.data), "every part written once"
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            written: set[str] = set()
            for name in names:
                if self.directories:
                    for folder in _folders(name):
                        if folder not in written:
                            written.add(folder)
                            archive.writestr(zipfile.ZipInfo(folder, (1980, 1, 1, 0, 0, 0)), b"")
                archive.writestr(name, self.data[name])
        return out.getvalue()


def _folders(name: str) -> list[str]:
    parts = name.split("/")[:-1]
    return ["/".join(parts[: i + 1]) + "/" for i in range(len(parts))]
