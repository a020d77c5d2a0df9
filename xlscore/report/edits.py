"""The checked copy's edits of existing parts: the workbook (new first sheet, shifted local names, print
titles, active tab) and each sheet's selected-tab flag."""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element

from xlscore.cells import quote_sheet
from xlscore.report.package import MAIN_NS, REL_NS, Book, Package, SheetPart, part_contains
from xlscore.report.xmltext import Unsupported, attr, ensure_child, escape, locate, quote, rewrite_tags, with_attr

#: Workbook children that come after ``definedNames`` (CT_Workbook order).
AFTER_DEFINED_NAMES = frozenset({
    "calcPr", "oleSize", "customWorkbookViews", "pivotCaches", "smartTagPr", "smartTagTypes", "webPublishing",
    "fileRecoveryPr", "webPublishObjects", "extLst",
})


# --- xl/workbook.xml ---------------------------------------------------------------------------
def edit_workbook(package: Package, book: Book, name: str, rid: str, header_row: int) -> None:
    current = package.text(book.part)
    text = _shift_local_sheet_ids(current.text, book.part)
    text = _add_print_titles(text, book.part, name, header_row)
    text = _insert_sheet(text, book.part, name, rid, _next_sheet_id(package.root(book.part)))
    text = _activate_first(text, book.part)
    package.put(book.part, text, current)


def _shift_local_sheet_ids(text: str, part: str) -> str:
    names = locate(text, part).child("definedNames")
    if names is None or names.empty:
        return text

    def shift(tag: str) -> str:
        if "localSheetId" not in tag:  # most names: workbook-wide
            return tag
        index = attr(tag, "localSheetId")
        return with_attr(tag, "localSheetId", str(int(index) + 1)) if index and index.isdigit() else tag

    return rewrite_tags(text, names, "definedName", shift)


def _add_print_titles(text: str, part: str, name: str, header_row: int) -> str:
    text, tree, names = ensure_child(text, "definedNames", AFTER_DEFINED_NAMES, part)
    p = tree.root.prefix
    value = escape(f"{quote_sheet(name)}!${header_row}:${header_row}")
    snippet = f'<{p}definedName name="_xlnm.Print_Titles" localSheetId="0">{value}</{p}definedName>'
    return text[: names.inner] + snippet + text[names.inner:]


def _next_sheet_id(root: Element) -> int:
    ids = [int(s.get("sheetId", "0")) for s in root.iter(f"{{{MAIN_NS}}}sheet") if s.get("sheetId", "").isdigit()]
    return max(ids, default=0) + 1


def _insert_sheet(text: str, part: str, name: str, rid: str, sheet_id: int) -> str:
    tree = locate(text, part)
    sheets = tree.child("sheets")
    if sheets is None or sheets.empty:
        raise Unsupported(part, "no <sheets>")
    p = tree.root.prefix
    root_tag = text[tree.root.start: tree.root.inner]
    declared = re.search(r"\sxmlns:([^\s=]+)\s*=\s*[\"']" + re.escape(REL_NS) + "[\"']", root_tag)
    r_attr = f"{declared.group(1)}:id" if declared else f'xmlns:r="{REL_NS}" r:id'
    snippet = f'<{p}sheet name={quote(name)} sheetId="{sheet_id}" {r_attr}={quote(rid)}/>'
    return text[: sheets.inner] + snippet + text[sheets.inner:]


def _activate_first(text: str, part: str) -> str:
    """The new sheet (index 0) as the active tab, scrolled into view, in every workbook view."""
    tree = locate(text, part)
    views = tree.child("bookViews")
    p = tree.root.prefix
    if views is None or views.empty:
        at = views.start if views else tree.child("sheets").start  # type: ignore[union-attr]
        end = views.end if views else at
        return f'{text[:at]}<{p}bookViews><{p}workbookView activeTab="0"/></{p}bookViews>{text[end:]}'

    def activate(tag: str) -> str:
        tag = with_attr(tag, "activeTab", "0")
        return with_attr(tag, "firstSheet", "0") if attr(tag, "firstSheet") is not None else tag

    return rewrite_tags(text, views, "workbookView", activate)


_TAB_SELECTED = tuple("tabSelected".encode(encoding) for encoding in ("utf-8", "utf-16-le", "utf-16-be"))


def deselect(package: Package, sheet: SheetPart) -> None:
    """Clear ``tabSelected`` so the old active sheet is not grouped with the new one."""
    if not sheet.part or sheet.part not in package.names:
        return
    if not part_contains(package.archive, sheet.part, _TAB_SELECTED):
        return
    current = package.text(sheet.part)
    views = locate(current.text, sheet.part).child("sheetViews")
    if views is None or views.empty:
        return
    text = rewrite_tags(current.text, views, "sheetView", lambda tag: with_attr(tag, "tabSelected", None))
    if text != current.text:
        package.put(sheet.part, text, current)


