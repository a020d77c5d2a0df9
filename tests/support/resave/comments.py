"""Comments on cells as Excel writes them.

* :func:`legacy_comments` - a comments part (``xl/commentsN.xml``) and the VML drawing that shows
  it, tied to the sheet by two relationships and a ``<legacyDrawing>`` element;
* :func:`threaded_comments` - the same legacy comments (Excel 365 always writes them as a fallback,
  text ``[Threaded comment]…``) plus ``xl/threadedComments/threadedCommentN.xml`` on the sheet and
  ``xl/persons/person.xml`` on the workbook.
"""

from __future__ import annotations

import re

from .parts import REL_NS, XML_DECL, Parts, xml_of

COMMENTS_REL = REL_NS + "/comments"
VML_REL = REL_NS + "/vmlDrawing"
THREADED_REL = "http://schemas.microsoft.com/office/2017/10/relationships/threadedComment"
PERSON_REL = "http://schemas.microsoft.com/office/2017/10/relationships/person"
COMMENTS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"
VML_TYPE = "application/vnd.openxmlformats-officedocument.vmlDrawing"
THREADED_TYPE = "application/vnd.ms-excel.threadedcomments+xml"
PERSON_TYPE = "application/vnd.ms-excel.person+xml"
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
THREADED_NS = "http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments"
PERSON_ID = "{4B5E7A2C-1D3F-4E6A-8B9C-0D1E2F3A4B5C}"
AUTHOR = "考评组"
TEXT = "已核对原始记录"
#: Worksheet children that come after ``legacyDrawing`` (CT_Worksheet order).
AFTER = ("legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst")


def legacy_comments(parts: Parts, cells: list[tuple[str, str]]) -> None:
    _comments(parts, cells, threaded=False)


def threaded_comments(parts: Parts, cells: list[tuple[str, str]]) -> None:
    _comments(parts, cells, threaded=True)


def _comments(parts: Parts, cells: list[tuple[str, str]], threaded: bool) -> None:
    by_sheet: dict[str, list[str]] = {}
    for sheet, ref in cells:
        by_sheet.setdefault(sheet, []).append(ref)
    if threaded and by_sheet:
        parts.put("xl/persons/person.xml",
                  f'{XML_DECL}<personList xmlns="{THREADED_NS}" xmlns:x="{MAIN_NS}"><person displayName="{AUTHOR}" '
                  f'id="{PERSON_ID}" userId="{AUTHOR}" providerId="None"/></personList>')
        parts.add_override("xl/persons/person.xml", PERSON_TYPE)
        parts.add_relationship("xl/workbook.xml", PERSON_REL, "xl/persons/person.xml")
    parts.add_default("vml", VML_TYPE)
    for n, (sheet, refs) in enumerate(by_sheet.items(), start=1):
        part = parts.sheet_part(sheet)
        ids = [f"{{{n:08X}-0000-4000-8000-{i:012X}}}" for i in range(len(refs))]
        comments, vml = f"xl/comments{n}.xml", f"xl/drawings/vmlDrawing{n}.vml"
        parts.put(comments, _comments_xml(refs, ids if threaded else None))
        parts.put(vml, _vml(refs, n))
        parts.add_override(comments, COMMENTS_TYPE)
        vml_id = parts.add_relationship(part, VML_REL, vml)
        parts.add_relationship(part, COMMENTS_REL, comments)
        if threaded:
            thread = f"xl/threadedComments/threadedComment{n}.xml"
            parts.put(thread, _threaded_xml(refs, ids))
            parts.add_override(thread, THREADED_TYPE)
            parts.add_relationship(part, THREADED_REL, thread)
        parts.put(part, _legacy_drawing(parts.text(part), vml_id))


def _comments_xml(refs: list[str], ids: list[str] | None) -> str:
    authors = [f"tc={i}" for i in ids] if ids else [AUTHOR]
    body = []
    for k, ref in enumerate(refs):
        if ids:
            text = f"[Threaded comment]\n\nYour version of Excel allows you to read this threaded comment.\n\nComment:\n    {TEXT}"
            body.append(f'<comment ref="{ref}" authorId="{k}" shapeId="0" xr:uid="{ids[k]}"><text><t>{xml_of(text)}</t></text></comment>')
        else:
            body.append(f'<comment ref="{ref}" authorId="0" shapeId="0"><text><r><rPr><b/><sz val="9"/><rFont val="宋体"/>'
                        f'<charset val="134"/></rPr><t>{xml_of(AUTHOR)}:</t></r><r><rPr><sz val="9"/><rFont val="宋体"/>'
                        f'<charset val="134"/></rPr><t xml:space="preserve">\n{xml_of(TEXT)}</t></r></text></comment>')
    names = "".join(f"<author>{xml_of(a)}</author>" for a in authors)
    uid = ' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="xr" ' \
          'xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision"' if ids else ""
    return f'{XML_DECL}<comments xmlns="{MAIN_NS}"{uid}><authors>{names}</authors><commentList>{"".join(body)}</commentList></comments>'


def _threaded_xml(refs: list[str], ids: list[str]) -> str:
    body = "".join(f'<threadedComment ref="{ref}" dT="2026-03-05T09:30:00.00" personId="{PERSON_ID}" id="{i}">'
                   f"<text>{xml_of(TEXT)}</text></threadedComment>" for ref, i in zip(refs, ids))
    return f'{XML_DECL}<ThreadedComments xmlns="{THREADED_NS}" xmlns:x="{MAIN_NS}">{body}</ThreadedComments>'


def _vml(refs: list[str], block: int) -> str:
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    shapes = []
    for k, ref in enumerate(refs, start=1):
        letters, row = coordinate_from_string(ref)
        col = column_index_from_string(letters)
        shapes.append(
            f'<v:shape id="_x0000_s{block * 1024 + k}" type="#_x0000_t202" style="position:absolute;margin-left:59.25pt;'
            'margin-top:1.5pt;width:108pt;height:59.25pt;z-index:1;visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">'
            '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>'
            '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>'
            '<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/>'
            f"<x:Anchor>{col}, 15, {row - 1}, 2, {col + 2}, 15, {row + 3}, 16</x:Anchor><x:AutoFill>False</x:AutoFill>"
            f"<x:Row>{row - 1}</x:Row><x:Column>{col - 1}</x:Column></x:ClientData></v:shape>")
    return ('<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
            'xmlns:x="urn:schemas-microsoft-com:office:excel">'
            f'<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="{block}"/></o:shapelayout>'
            '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">'
            '<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>'
            + "".join(shapes) + "</xml>")


def _legacy_drawing(xml: str, rid: str) -> str:
    if "xmlns:r=" not in xml[: xml.index(">", xml.index("<worksheet"))]:
        xml = re.sub(r"(<worksheet\b)", rf'\1 xmlns:r="{REL_NS}"', xml, count=1)
    at = min((xml.index(f"<{tag}") for tag in AFTER if f"<{tag}" in xml), default=xml.rindex("</worksheet>"))
    return xml[:at] + f'<legacyDrawing r:id="{rid}"/>' + xml[at:]
