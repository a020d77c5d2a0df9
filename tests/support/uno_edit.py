"""Edit one workbook inside LibreOffice through UNO, the way an auditor edits it in a spreadsheet program.

Run by :mod:`support.libreoffice` with an interpreter that can ``import uno`` (Debian's
``/usr/bin/python3`` with ``python3-uno``)::

    /usr/bin/python3 -I _uno_edit.py REQUEST.json

The request is a JSON object::

    {"soffice": "/usr/bin/soffice", "profile_url": "file:///SCRATCH/profile", "pipe": "xlscore-...",
     "source": "SCRATCH/source.xlsx", "target": "SCRATCH/result.xlsx", "result": "SCRATCH/result.json",
     "filter": "Calc MS Excel 2007 XML", "connect_timeout": 60,
     "operations": [{"op": "insert_rows", "sheet": "Data", "row": 3, "count": 1},
                    {"op": "delete_rows", "sheet": "Data", "row": 3, "count": 1},
                    {"op": "set_cells", "cells": [{"sheet": "Data", "cell": "B5", "kind": "formula",
                                                   "value": "=SUM(A1:A4)"}]}]}

It starts its own soffice (headless, listening on a private pipe, with the given profile), loads the
source, applies the operations in order, recalculates, stores the target with the given filter and
terminates that soffice. The outcome goes to the ``result`` file as ``{"ok": true, "operations": [...]}``
or ``{"ok": false, "error": "..."}``; the exit status is 0 on success. This file only imports ``uno``
inside functions, so importing it elsewhere is harmless. The caller runs it in its own process group
and kills that group afterwards, which also ends a soffice that outlived this script.
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import time
import traceback

#: LibreOffice error codes a formula gets when its text does not parse (not runtime errors such as
#: #DIV/0! or #NAME?, which a typed formula may legitimately produce).
SYNTAX_ERRORS = {
    501: "invalid character",
    507: "missing pair",
    508: "missing bracket",
    509: "missing operator",
    510: "missing variable",
    511: "missing variable",
    512: "formula overflow",
    516: "internal syntactical error",
    517: "internal syntactical error",
    518: "internal syntactical error",
    520: "internal syntactical error",
}

#: ``com.sun.star.sheet.CellFlags`` VALUE | DATETIME | STRING | FORMULA: a cell's content, not its format.
CLEAR_CONTENTS = 1 | 2 | 4 | 16


class EditError(Exception):
    """The requested edit cannot be made (unknown sheet, formula that does not parse, ...)."""


def start_office(request: dict) -> subprocess.Popen:
    """Start soffice headless, listening on the request's private pipe, with the request's profile."""
    command = [
        request["soffice"], "--headless", "--invisible", "--norestore", "--nolockcheck", "--nologo",
        "--nodefault", f"-env:UserInstallation={request['profile_url']}",
        f"--accept=pipe,name={request['pipe']};urp;StarOffice.ComponentContext",
    ]
    return subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def connect(request: dict, office: subprocess.Popen):
    """The remote component context, retried until soffice accepts or the connect timeout passes."""
    import uno

    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    url = f"uno:pipe,name={request['pipe']};urp;StarOffice.ComponentContext"
    deadline = time.monotonic() + float(request.get("connect_timeout", 60))
    while True:
        try:
            return resolver.resolve(url)
        except Exception:  # noqa: BLE001 - NoConnectException (a UNO type) until soffice listens
            if office.poll() is not None:
                raise EditError(f"soffice exited with status {office.returncode} before accepting a connection")
            if time.monotonic() > deadline:
                raise EditError("soffice did not accept a connection in time")
            time.sleep(0.1)


def prop(name: str, value: object):
    """A ``com.sun.star.beans.PropertyValue``."""
    from com.sun.star.beans import PropertyValue

    item = PropertyValue()
    item.Name = name
    item.Value = value
    return item


def load(desktop, path: str):
    """Load ``path`` hidden; recalculation on load follows the profile (always, in our profiles)."""
    import uno

    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(path), "_blank", 0, (prop("Hidden", True),))
    if doc is None or not hasattr(doc, "Sheets"):
        raise EditError(f"LibreOffice could not open {path} as a spreadsheet")
    return doc


def get_sheet(doc, name: str):
    sheets = doc.Sheets
    if not sheets.hasByName(name):
        raise EditError(f"no sheet named {name!r}; the workbook has {list(sheets.ElementNames)!r}")
    return sheets.getByName(name)


def used_end_row(sheet) -> int:
    """0-based index of the last row of the sheet's used area."""
    cursor = sheet.createCursor()
    cursor.gotoEndOfUsedArea(False)
    return cursor.getRangeAddress().EndRow


def change_rows(doc, op: dict) -> dict:
    """Insert or delete whole rows; check the used area moved as it must when the edit lies inside it."""
    sheet = get_sheet(doc, op["sheet"])
    index, count = op["row"] - 1, op["count"]
    before = used_end_row(sheet)
    if op["op"] == "insert_rows":
        sheet.getRows().insertByIndex(index, count)
        expected = before + count if index <= before else None
    else:
        sheet.getRows().removeByIndex(index, count)
        expected = before - count if index + count - 1 < before else None
    after = used_end_row(sheet)
    if expected is not None and after != expected:
        raise EditError(f"{op['op']} on {op['sheet']!r} row {op['row']}: the used area ends at row "
                        f"{after + 1}, expected {expected + 1}; the engine did not make the edit")
    return {"op": op["op"], "sheet": op["sheet"], "used_end_row_before": before + 1, "used_end_row_after": after + 1}


def excel_formula_parser(doc, context):
    """A formula parser for formulas as typed in Excel (English names, ``,`` separators, ``'Sheet'!A1``)."""
    import uno
    from com.sun.star.sheet.AddressConvention import XL_A1

    language = uno.getConstantByName("com.sun.star.sheet.FormulaLanguage.XL_ENGLISH")
    mapper = context.ServiceManager.createInstanceWithContext("com.sun.star.sheet.FormulaOpCodeMapper", context)
    groups = ("SPECIAL", "ALL_EXCEPT_SPECIAL")
    entries = ()
    for group in groups:
        entries += tuple(mapper.getAvailableMappings(
            language, uno.getConstantByName(f"com.sun.star.sheet.FormulaMapGroup.{group}")))
    parser = doc.createInstance("com.sun.star.sheet.FormulaParser")
    opcode_map = uno.Any("[]com.sun.star.sheet.FormulaOpCodeMapEntry", entries)
    uno.invoke(parser, "setPropertyValue", ("OpCodeMap", opcode_map))
    parser.setPropertyValue("FormulaConvention", XL_A1)
    parser.setPropertyValue("CompileEnglish", True)
    return parser


def set_one(cell, spec: dict, parser) -> None:
    """Write a number, a text, a formula (Excel syntax) or nothing into ``cell``."""
    kind, value = spec["kind"], spec.get("value")
    if kind == "number":
        cell.setValue(float(value))
    elif kind == "text":
        cell.setString(value)
    elif kind == "formula":
        cell.setTokens(parser.parseFormula(value, cell.getCellAddress()))
    elif kind == "empty":
        cell.clearContents(CLEAR_CONTENTS)
    else:
        raise EditError(f"unknown cell kind {kind!r}")


def set_cells(doc, op: dict, context) -> dict:
    """Write every requested cell, then reject formulas the engine could not parse."""
    parser = excel_formula_parser(doc, context)
    written = []
    for spec in op["cells"]:
        cell = get_sheet(doc, spec["sheet"]).getCellRangeByName(spec["cell"])
        set_one(cell, spec, parser)
        written.append((spec, cell))
    doc.calculateAll()
    for spec, cell in written:
        code = cell.getError()
        if spec["kind"] == "formula" and code in SYNTAX_ERRORS:
            raise EditError(f"{spec['sheet']}!{spec['cell']}: LibreOffice cannot parse {spec['value']!r} "
                            f"(Err:{code}, {SYNTAX_ERRORS[code]})")
    return {"op": "set_cells", "count": len(written)}


def apply(doc, operations: list[dict], context) -> list[dict]:
    reports = []
    for op in operations:
        if op["op"] in ("insert_rows", "delete_rows"):
            reports.append(change_rows(doc, op))
        elif op["op"] == "set_cells":
            reports.append(set_cells(doc, op, context))
        else:
            raise EditError(f"unknown operation {op['op']!r}")
    return reports


def store(doc, path: str, filter_name: str) -> None:
    import uno

    doc.calculateAll()
    doc.storeToURL(uno.systemPathToFileUrl(path), (prop("FilterName", filter_name), prop("Overwrite", True)))


def shut_down(desktop, doc, office: subprocess.Popen) -> None:
    """Close the document, ask soffice to quit, and kill it if it does not."""
    for action in (lambda: doc is not None and doc.close(True), desktop.terminate):
        with contextlib.suppress(Exception):  # the bridge drops while soffice quits
            action()
    try:
        office.wait(timeout=20)
    except subprocess.TimeoutExpired:
        office.kill()
        office.wait()


def run(request: dict) -> dict:
    office = start_office(request)
    desktop = doc = None
    try:
        context = connect(request, office)
        desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        doc = load(desktop, request["source"])
        reports = apply(doc, request["operations"], context)
        store(doc, request["target"], request["filter"])
        return {"ok": True, "operations": reports}
    finally:
        if desktop is not None:
            shut_down(desktop, doc, office)
        elif office.poll() is None:
            office.kill()
            office.wait()


def main(argv: list[str]) -> int:
    with open(argv[1], encoding="utf-8") as handle:
        request = json.load(handle)
    try:
        outcome = run(request)
    except EditError as error:
        outcome = {"ok": False, "error": str(error)}
    except Exception as error:  # noqa: BLE001 - a UNO exception: report it with its place
        outcome = {"ok": False, "error": f"{type(error).__name__}: {error}", "traceback": traceback.format_exc()}
    with open(request["result"], "w", encoding="utf-8") as handle:
        json.dump(outcome, handle)
    return 0 if outcome["ok"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
