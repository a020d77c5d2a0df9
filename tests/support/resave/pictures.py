"""An in-cell picture as WPS stores it: ``xl/cellimages.xml`` and a cell holding ``_xlfn.DISPIMG("ID_…",1)``.

The picture part is tied to the workbook by a relationship of WPS's own type, with WPS's content
type; the cell's formula names the picture. What the cell stores as its value depends on who saved
it last (``stored``):

* ``"text"`` - the text ``=DISPIMG("ID_…",1)`` (``t="str"``), as WPS writes it;
* ``"empty"`` - no cached value;
* ``"name"`` - the error ``#NAME?`` (``t="e"``), as Excel leaves it after saving a WPS file.
"""

from __future__ import annotations

import struct
import zlib

from .cells import Cell, rewrite
from .parts import REL_NS, XML_DECL, Parts, xml_of

CELL_IMAGE_REL = "http://www.wps.cn/officeDocument/2020/cellImage"
CELL_IMAGE_TYPE = "application/vnd.wps-officedocument.cellimage+xml"
ETC_NS = "http://www.wps.cn/officeDocument/2017/etCustomData"
XDR_NS = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
IMAGE_REL = REL_NS + "/image"
STORED = ("text", "empty", "name")


def picture_id(n: int) -> str:
    return f"ID_{n:032X}"


def in_cell_pictures(parts: Parts, cells: list[tuple[str, str]], stored: str = "text") -> None:
    """Put a picture into each of ``cells`` ((sheet, A1)), replacing what the cell held."""
    assert stored in STORED
    if not cells:
        return
    parts.put("xl/media/image1.png", png())
    parts.add_default("png", "image/png")
    rid = "rId1"
    parts.put("xl/_rels/cellimages.xml.rels",
              f'{XML_DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
              f'<Relationship Id="{rid}" Type="{IMAGE_REL}" Target="media/image1.png"/></Relationships>')
    pictures = "".join(_picture(n, picture_id(n), rid) for n in range(1, len(cells) + 1))
    parts.put("xl/cellimages.xml",
              f'{XML_DECL}<etc:cellImages xmlns:xdr="{XDR_NS}" xmlns:r="{REL_NS}" xmlns:a="{A_NS}" '
              f'xmlns:etc="{ETC_NS}">{pictures}</etc:cellImages>')
    parts.add_override("xl/cellimages.xml", CELL_IMAGE_TYPE)
    parts.add_relationship("xl/workbook.xml", CELL_IMAGE_REL, "xl/cellimages.xml")
    for n, (sheet, ref) in enumerate(cells, start=1):
        part = parts.sheet_part(sheet)
        parts.put(part, _dispimg(parts.text(part), ref, picture_id(n), stored))


def dispimg(identifier: str) -> str:
    return f'_xlfn.DISPIMG("{identifier}",1)'


def _dispimg(xml: str, ref: str, identifier: str, stored: str) -> str:
    found = False

    def change(cell: Cell) -> Cell | None:
        nonlocal found
        if cell.attrs.get("r") != ref:
            return None
        found = True
        formula = f"<f>{xml_of(dispimg(identifier))}</f>"
        cell.attrs.pop("t", None)
        if stored == "text":
            cell.attrs["t"] = "str"
            cell.inner = f'{formula}<v>{xml_of("=DISPIMG(" + chr(34) + identifier + chr(34) + ",1)")}</v>'
        elif stored == "name":
            cell.attrs["t"] = "e"
            cell.inner = f"{formula}<v>#NAME?</v>"
        else:
            cell.inner = formula
        return cell

    xml = rewrite(xml, change)
    assert found, f"no cell {ref} to put a picture in"
    return xml


def _picture(n: int, identifier: str, rid: str) -> str:
    return (f'<etc:cellImage><xdr:pic><xdr:nvPicPr><xdr:cNvPr id="{n + 1}" name="{identifier}" descr="photo"/>'
            '<xdr:cNvPicPr><a:picLocks noChangeAspect="1"/></xdr:cNvPicPr></xdr:nvPicPr>'
            f'<xdr:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill>'
            '<xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="952500" cy="952500"/></a:xfrm>'
            '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic></etc:cellImage>')


def png(width: int = 8, height: int = 8) -> bytes:
    """A small grey PNG, built with zlib (a valid image for any reader)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\x80\x80\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
