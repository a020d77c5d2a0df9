"""Cell notes (comments) on the highlighted cells of a checked copy: the finding's code and message.

Someone who prints or opens only the form sheet then sees why a cell is red. A note is a
comments part plus the VML drawing Excel draws it with, both tied to the sheet by relationships
and a ``legacyDrawing`` element. A sheet that already has notes or a legacy drawing keeps its own
and gets none added (merging two comment parts is not worth the risk of a repair prompt).
"""

from __future__ import annotations

import posixpath
from types import SimpleNamespace

from xlscore.cells import cell_to_rowcol
from xlscore.report.package import (
    MAIN_NS, REL_NS, Book, Package, add_override, add_relationship, fresh_id, free_part, relationships,
)
from xlscore.report.xmltext import XML_DECL, clean, escape, locate

COMMENTS_REL = REL_NS + "/comments"
VML_REL = REL_NS + "/vmlDrawing"
COMMENTS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"
VML_TYPE = "application/vnd.openxmlformats-officedocument.vmlDrawing"
#: Worksheet children that come after ``legacyDrawing`` (ECMA-376 CT_Worksheet order).
AFTER_LEGACY_DRAWING = frozenset({
    "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst",
})
#: Notes per sheet (a VML id block holds 1024 shapes).
MAX_NOTES = 1000
AUTHOR = "xlscore"


def add_notes(package: Package, book: Book, notes: dict[tuple[str, str], str]) -> None:
    """Attach ``notes`` ((sheet, cell or range) → text) to the cells of the workbook's worksheets."""
    by_sheet: dict[str, dict[str, str]] = {}
    for (sheet, ref), text in notes.items():
        by_sheet.setdefault(sheet, {})[ref.split(":")[0]] = text
    for index, (name, cells) in enumerate(sorted(by_sheet.items()), start=1):
        sheet = book.worksheet(name)
        if sheet is not None:
            _sheet_notes(package, sheet.part, dict(list(cells.items())[:MAX_NOTES]), 100 + index)


def _sheet_notes(package: Package, part: str, cells: dict[str, str], block: int) -> None:
    folder = posixpath.dirname(part)
    rels_part = posixpath.join(folder, "_rels", posixpath.basename(part) + ".rels")
    rels = relationships(package, rels_part, folder)
    if any(kind in (COMMENTS_REL, VML_REL) for _rid, kind, _target in rels) or "legacyDrawing" in package.text(part).text:
        return
    book_folder = posixpath.dirname(folder)
    comments = free_part(package, book_folder, "comments")
    drawing = free_part(package, posixpath.join(book_folder, "drawings"), "vmlDrawing")
    package.put(comments, _comments_xml(cells))
    package.put(drawing, _vml(cells, block))
    add_override(package, comments, COMMENTS_TYPE)
    add_override(package, drawing, VML_TYPE)
    ids = {rid for rid, _kind, _target in rels}
    owner = SimpleNamespace(rels_part=rels_part)  # add_relationship needs only the relationships part
    vml_id = fresh_id(ids)
    add_relationship(package, owner, vml_id, VML_REL, posixpath.relpath(drawing, folder))  # type: ignore[arg-type]
    add_relationship(package, owner, fresh_id(ids), COMMENTS_REL, posixpath.relpath(comments, folder))  # type: ignore[arg-type]
    current = package.text(part)
    tree = locate(current.text, part)
    at = tree.before(AFTER_LEGACY_DRAWING)
    snippet = f'<{tree.root.prefix}legacyDrawing xmlns:r="{REL_NS}" r:id="{vml_id}"/>'
    package.put(part, current.text[:at] + snippet + current.text[at:], current)


def _comments_xml(cells: dict[str, str]) -> str:
    body = "".join(f'<comment ref="{ref}" authorId="0"><text><t xml:space="preserve">{escape(clean(text))}</t></text></comment>'
                   for ref, text in cells.items())
    return (f'{XML_DECL}<comments xmlns="{MAIN_NS}"><authors><author>{AUTHOR}</author></authors>'
            f"<commentList>{body}</commentList></comments>")


def _vml(cells: dict[str, str], block: int) -> str:
    shapes = []
    for n, ref in enumerate(cells, start=1):
        row, col = cell_to_rowcol(ref)
        r, c = row - 1, col - 1
        shapes.append(
            f'<v:shape id="_x0000_s{block * 1024 + n}" type="#_x0000_t202" style="position:absolute;margin-left:80pt;'
            f'margin-top:2pt;width:260pt;height:110pt;z-index:{n};visibility:hidden" fillcolor="#ffffe1" '
            'o:insetmode="auto"><v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/>'
            '<v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div>'
            '</v:textbox><x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/>'
            f"<x:Anchor>{c + 1}, 15, {r}, 10, {c + 5}, 15, {r + 7}, 4</x:Anchor><x:AutoFill>False</x:AutoFill>"
            f"<x:Row>{r}</x:Row><x:Column>{c}</x:Column></x:ClientData></v:shape>"
        )
    return (
        '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:x="urn:schemas-microsoft-com:office:excel">'
        f'<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="{block}"/></o:shapelayout>'
        '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">'
        '<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>'
        + "".join(shapes) + "</xml>"
    )
