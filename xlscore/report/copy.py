"""The checked copy (SPEC §4): the returned workbook's own package, plus a 差异表 sheet and highlights.

openpyxl's load → save drops x14 validations, images, form controls, threaded comments and WPS
in-cell images, so the copy is made by package surgery instead. Each part that has to change is
parsed with ``defusedxml`` first (no DTDs, no entities), edited as text at located positions (so
namespaces, prefixes and everything else stay exactly as they were) and parsed again afterwards.
Every other part is copied unchanged (the same bytes after decompression).

Parts the copy changes:

* ``[Content_Types].xml``: an Override for the new sheet (the workbook's own content type stays,
  so an ``.xlsm`` stays macro-enabled and keeps ``xl/vbaProject.bin``);
* ``xl/workbook.xml``: the new sheet first in ``<sheets>``, every ``definedName@localSheetId``
  plus one, print titles for the new sheet, ``activeTab``/``firstSheet`` 0;
* ``xl/_rels/workbook.xml.rels``: the new sheet's relationship;
* ``xl/styles.xml``: fonts, fills, a border and cell styles for the new sheet, two ``<dxf>``
  highlight fills (errors, warnings);
* each worksheet with an error or warning at a cell: one ``<conditionalFormatting>`` per
  severity (formula ``TRUE``, so empty cells light up too; ``sheetData`` is not touched);
* each sheet whose tab was selected: ``tabSelected`` removed, or Excel would open it grouped
  with the new sheet;
* new: ``xl/worksheets/sheetN.xml``, the 差异表 itself (inline strings only).
"""

from __future__ import annotations

import os
import posixpath
import zipfile
import zlib
from pathlib import Path

from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException

from xlscore.check.findings import Report, Severity
from xlscore.reader.errors import UnreadableWorkbook
from xlscore.reader.sniff import inspect_zip
from xlscore.report.docprops import drop_calc_chain, drop_sheet_lists, mark_as_output
from xlscore.report.edits import deselect, edit_workbook
from xlscore.report.package import (
    MAIN_NS, WORKSHEET_REL, WORKSHEET_TYPE, Book, Package, add_override, add_relationship, fresh_id, free_part,
    first_element, read_book, write_package,
)
from xlscore.report.notes import add_notes
from xlscore.report.sheet_xml import sheet_xml
from xlscore.report.styles import Styles, add_styles
from xlscore.report.table import discrepancy_table, highlights
from xlscore.report.wording import error_text, sheet_name_choice
from xlscore.report.xmltext import Tree, Unsupported, attr, locate, start_tags

#: Worksheet children that come after ``conditionalFormatting`` (ECMA-376 CT_Worksheet order).
AFTER_CONDITIONAL_FORMATTING = frozenset({
    "dataValidations", "hyperlinks", "printOptions", "pageMargins", "pageSetup", "headerFooter",
    "rowBreaks", "colBreaks", "customProperties", "cellWatches", "ignoredErrors", "smartTags", "drawing",
    "legacyDrawing", "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "webPublishItems",
    "tableParts", "extLst", "AlternateContent",
})


class CopyError(ValueError):
    """The checked copy cannot be written (the message says why, in the report's language)."""


def write_checked_copy(source: Path, target: Path, report: Report, lang: str = "zh") -> Path:
    """Write ``source`` plus a first sheet 差异表 and highlighted cells to ``target``, atomically.

    ``source`` is only read. Raises :class:`CopyError` (a ValueError) when ``target`` is ``source``
    or the package cannot be edited, and OSError when ``target`` cannot be written.
    """
    source, target = Path(source), Path(target)
    _refuse_same_file(source, target, lang)
    try:
        with zipfile.ZipFile(source) as archive:
            inspect_zip(source, archive)
            package = Package(archive, source, lang)
            _edit(package, report, lang)
            write_package(archive, package.encoded(), target, package.streamed(), package.removed)
    except Unsupported as exc:
        raise CopyError(error_text("unsupported", lang, file=source.name, part=exc.part, detail=exc.detail)) from None
    except (zipfile.BadZipFile, UnreadableWorkbook, SafeET.ParseError, DefusedXmlException, KeyError, EOFError,
            UnicodeError, zlib.error) as exc:
        detail = type(exc).__name__
        raise CopyError(error_text("not_a_package", lang, file=source.name, detail=detail)) from None
    return target


def _refuse_same_file(source: Path, target: Path, lang: str) -> None:
    same = source.resolve() == target.resolve()
    if not same and target.exists() and source.exists():
        same = os.path.samefile(source, target)
    if same:
        raise CopyError(error_text("same_file", lang, file=source.name))


# --- the edit ----------------------------------------------------------------------------------
def _edit(package: Package, report: Report, lang: str) -> None:
    book = read_book(package)
    name = sheet_name_choice({s.name for s in book.sheets}, lang)
    part = free_part(package, posixpath.join(book.folder, "worksheets"), "sheet")
    styles = add_styles(package, book)
    table = discrepancy_table(report, lang)
    package.put(part, sheet_xml(table, styles.xf, lambda sheet: book.worksheet(sheet) is not None, lang))
    rid = fresh_id(book.rel_ids)
    add_relationship(package, book, rid, WORKSHEET_REL, posixpath.relpath(part, book.folder or "."))
    add_override(package, part, WORKSHEET_TYPE)
    edit_workbook(package, book, name, rid, table.header_row)
    for sheet in book.sheets:
        deselect(package, sheet)
    _highlight(package, book, report, styles)
    add_notes(package, book, table.notes)
    drop_calc_chain(package, book)
    drop_sheet_lists(package)
    mark_as_output(package)
    _verify(package, book, name)


def _verify(package: Package, book: Book, name: str) -> None:
    """The edited workbook parses and lists the new sheet first (a last guard against a bad edit)."""
    first = first_element(package.text(book.part).encode(), f"{MAIN_NS}}}sheet")
    if first is None or first.get("name") != name:
        raise Unsupported(book.part, "the new sheet is not first")


# --- highlights ----------------------------------------------------------------------------------
def _highlight(package: Package, book: Book, report: Report, styles: Styles) -> None:
    """One conditional format per severity on each worksheet with errors or warnings at cells."""
    for name, cells in highlights(report).items():
        sheet = book.worksheet(name)
        if sheet is None:
            continue
        errors = [ref for ref, severity in cells.items() if severity is Severity.ERROR]
        warnings = [ref for ref, severity in cells.items() if severity is Severity.WARNING]
        _add_conditional_formats(package, sheet.part, errors, warnings, styles)


def _add_conditional_formats(package: Package, part: str, errors: list[str], warnings: list[str],
                             styles: Styles) -> None:
    current = package.text(part)
    tree = locate(current.text, part)
    p = tree.root.prefix
    priority = _max_priority(current.text, tree)
    blocks = []
    for refs, dxf in ((errors, styles.error_dxf), (warnings, styles.warning_dxf)):
        if refs:
            priority += 1
            blocks.append(f'<{p}conditionalFormatting sqref="{" ".join(refs)}"><{p}cfRule type="expression" '
                          f'dxfId="{dxf}" priority="{priority}"><{p}formula>TRUE</{p}formula></{p}cfRule>'
                          f"</{p}conditionalFormatting>")
    at = tree.before(AFTER_CONDITIONAL_FORMATTING)
    package.put(part, current.text[:at] + "".join(blocks) + current.text[at:], current)


def _max_priority(text: str, tree: Tree) -> int:
    """The highest ``cfRule@priority`` of the sheet, x14 rules in ``extLst`` included (they share it)."""
    data = tree.child("sheetData")
    top = 0
    for match in start_tags(text, data.end if data else tree.root.inner, tree.root.close, "cfRule"):
        value = attr(match.group(0), "priority") or ""
        top = max(top, int(value) if value.isdigit() else 0)
    return top


