"""Minimal .xlsx packages written from hand-written XML, for reader tests of each storage form."""

from __future__ import annotations

import zipfile
from pathlib import Path

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
ETC = "http://www.wps.cn/officeDocument/2017/etCustomData"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
ROOT_RELS = (f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}">'
             f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>')


def worksheet(rows: str, *, after: str = "", root_attrs: str = "") -> str:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{MAIN}" xmlns:r="{REL}"{root_attrs}>'
            f"<sheetData>{rows}</sheetData>{after}</worksheet>")


def package(path: Path, rows: str, *, strings: list[str] | None = None, styles: str | None = None,
            workbook_pr: str = "", after: str = "", root_attrs: str = "", sheet_name: str = "Sheet1",
            extra: dict[str, str] | None = None, directories: bool = False, reverse: bool = False) -> Path:
    """A one-sheet workbook whose ``<sheetData>`` holds ``rows``; ``strings`` are raw ``<si>`` bodies."""
    rels = [f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>']
    parts = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": ROOT_RELS,
        "xl/workbook.xml": (f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{REL}">{workbook_pr}'
                            f'<sheets><sheet name="{sheet_name}" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        "xl/worksheets/sheet1.xml": worksheet(rows, after=after, root_attrs=root_attrs),
    }
    if strings is not None:
        rels.append(f'<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>')
        body = "".join(f"<si>{s}</si>" for s in strings)
        parts["xl/sharedStrings.xml"] = (f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}" count="{len(strings)}" '
                                         f'uniqueCount="{len(strings)}">{body}</sst>')
    if styles is not None:
        rels.append(f'<Relationship Id="rId3" Type="{REL}/styles" Target="styles.xml"/>')
        parts["xl/styles.xml"] = f'<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{MAIN}">{styles}</styleSheet>'
    parts["xl/_rels/workbook.xml.rels"] = f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}">{"".join(rels)}</Relationships>'
    parts.update(extra or {})
    names = list(parts)
    if reverse:
        names.reverse()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        if directories:
            for folder in ("_rels/", "docProps/", "xl/", "xl/_rels/", "xl/worksheets/"):
                archive.writestr(zipfile.ZipInfo(folder), b"")
        for name in names:
            archive.writestr(name, parts[name].encode("utf-8"))
    return path
