"""The checked copy: the returned package kept part for part, plus 差异表 and highlights (SPEC §4).

Fixtures are generated workbooks with things openpyxl would drop added at the zip level (an image,
a legacy comment, x14 extensions, macros), so the tests can see that the copy keeps them.
"""

from __future__ import annotations

import hashlib
import re
import struct
import zipfile
import zlib
from decimal import Decimal
from pathlib import Path
from xml.etree.ElementTree import Element

import openpyxl
import pytest
from defusedxml import ElementTree as SafeET

from xlscore import __version__
from xlscore.report.table import discrepancy_table, highlights
from xlscore.check.checker import CheckOptions, check_file
from xlscore.report.copy import CopyError, write_checked_copy
from xlscore.check.findings import Finding, Report, Severity, Totals
from xlscore.generate import GenerateOptions, generate_workbook, workbook_layout
from xlscore.reader.xlsx import read_workbook
from xlscore.rubric import load_rubric
from support.libreoffice import convert_to_pdf, find_soffice
from xlscore.form.wording import sheet_name

ROOT = Path(__file__).resolve().parent.parent
SMALL = ROOT / "examples" / "small-rubric.yaml"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
M = f"{{{MAIN}}}"
EDITED = {"[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml"}
FORMULA_TEXT = '=HYPERLINK("http://x","y")'
MACRO_TYPE = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
VBA = b"fake VBA project \x00\x01\x02 not a real compound file"
pytestmark = pytest.mark.filterwarnings("ignore:.*extension is not supported:UserWarning")
INPUTS = {"XS_S1_I1_1_SELF_SAMPLE": 12, "XS_S1_I1_1_R1_SELF_IN": 3, "XS_S1_I1_1_R1_ASSESS_IN": "abc",
          "XS_S1_I1_1_R1_ASSESS_REMARK": FORMULA_TEXT, "XS_COVER_UNIT": "国网某供电公司"}


# --- fixtures -----------------------------------------------------------------------------------
def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(
        b"IEND", b"")


DRAWING = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" '
    f'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="{REL}"><xdr:oneCellAnchor>'
    "<xdr:from><xdr:col>1</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>"
    '<xdr:ext cx="952500" cy="952500"/><xdr:pic><xdr:nvPicPr><xdr:cNvPr id="2" name="Picture 1"/><xdr:cNvPicPr>'
    '<a:picLocks noChangeAspect="1"/></xdr:cNvPicPr></xdr:nvPicPr><xdr:blipFill><a:blip r:embed="rId1"/><a:stretch>'
    '<a:fillRect/></a:stretch></xdr:blipFill><xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="952500" cy="952500"/>'
    '</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic><xdr:clientData/>'
    "</xdr:oneCellAnchor></xdr:wsDr>"
)
COMMENTS = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="{MAIN}">'
    "<authors><author>审核员</author></authors>"
    '<commentList><comment ref="G6" authorId="0"><text><r><t>请核对此数</t></r></text></comment>'
    "</commentList></comments>"
)
VML = (
    '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:x="urn:schemas-microsoft-com:office:excel"><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/>'
    '</o:shapelayout><v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" '
    'path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/>'
    '</v:shapetype><v:shape id="_x0000_s1025" type="#_x0000_t202" style="position:absolute;margin-left:59.25pt;'
    'margin-top:1.5pt;width:108pt;height:59.25pt;z-index:1;visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">'
    '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>'
    '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>'
    '<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>7, 15, 5, 2, 9, 15, 9, 4</x:Anchor>'
    "<x:AutoFill>False</x:AutoFill><x:Row>5</x:Row><x:Column>6</x:Column></x:ClientData></v:shape></xml>"
)
X14_PRIORITY = 400  # above every priority the generator gives the form's own rules
EXT_LIST = (
    '<extLst><ext uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}" '
    'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:conditionalFormattings>'
    '<x14:conditionalFormatting xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">'
    f'<x14:cfRule type="expression" priority="{X14_PRIORITY}" id="{{00000000-0000-0000-0000-000000000001}}">'
    "<xm:f>FALSE</xm:f><x14:dxf><fill><patternFill><bgColor rgb=\"FF00FF00\"/></patternFill></fill></x14:dxf>"
    "</x14:cfRule><xm:sqref>A1</xm:sqref></x14:conditionalFormatting></x14:conditionalFormattings></ext>"
    '<ext uri="{CCE6A557-97BC-4b89-ADB8-FDF4D5DB4E36}" '
    'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
    '<x14:dataValidations count="1" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">'
    '<x14:dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1"><x14:formula1>'
    "<xm:f>'汇总'!$B$4:$B$5</xm:f></x14:formula1><xm:sqref>M7</xm:sqref></x14:dataValidation>"
    "</x14:dataValidations></ext></extLst>"
)


def _rels(*rels: tuple[str, str, str]) -> bytes:
    body = "".join(f'<Relationship Id="{i}" Type="{REL}/{t}" Target="{target}"/>' for i, t, target in rels)
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships '
            f'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{body}</Relationships>').encode()


def _rezip(path: Path, changes: dict[str, bytes]) -> None:
    """Rewrite the package at ``path`` with parts replaced or added (the others as they were)."""
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    parts.update(changes)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def _part(path: Path, name: str) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return archive.read(name)


def _edit(data: bytes, old: str, new: str) -> bytes:
    text = data.decode()
    assert old in text, old
    return text.replace(old, new, 1).encode()


class Book:
    """A filled generated workbook with an image, a legacy comment and x14 extensions added."""

    def __init__(self, folder: Path, name: str = "filled.xlsx", macros: bool = False) -> None:
        rubric = load_rubric(SMALL)
        options = GenerateOptions(unit="U", period="P", inputs=INPUTS)
        self.layout = workbook_layout(rubric, options)
        self.path = generate_workbook(rubric, folder / name, options)
        self.section = self.layout.slots["XS_S1_I1_1_R1_SELF_IN"].sheet
        self.summary = self.layout.slots["XS_SUM_SELF"].sheet
        data = read_workbook(self.path)
        self.parts = {sheet.name: sheet.part for sheet in data.sheets.values()}
        self.guide = sheet_name("guide", "zh")
        self._decorate(macros)

    def _decorate(self, macros: bool) -> None:
        guide, section = self.parts[self.guide], self.parts[self.section]
        office = "application/vnd.openxmlformats-officedocument"
        types = _edit(_part(self.path, "[Content_Types].xml"), "</Types>",
                      '<Default Extension="png" ContentType="image/png"/>'
                      f'<Default Extension="vml" ContentType="{office}.vmlDrawing"/>'
                      f'<Override PartName="/xl/drawings/drawing1.xml" ContentType="{office}.drawing+xml"/>'
                      f'<Override PartName="/xl/comments1.xml" ContentType="{office}.spreadsheetml.comments+xml"/>'
                      "</Types>")
        workbook = _edit(_part(self.path, "xl/workbook.xml"), "<workbookView ",
                         '<workbookView firstSheet="1" activeTab="2" ')
        changes = {
            "xl/media/image1.png": _png(),
            "xl/drawings/drawing1.xml": DRAWING.encode(),
            "xl/drawings/_rels/drawing1.xml.rels": _rels(("rId1", "image", "../media/image1.png")),
            _rels_of(guide): _rels(("rId1", "drawing", "../drawings/drawing1.xml")),
            guide: _edit(_part(self.path, guide), "</worksheet>", '<drawing r:id="rId1"/></worksheet>'),
            "xl/comments1.xml": COMMENTS.encode(),
            "xl/drawings/vmlDrawing1.vml": VML.encode(),
            _rels_of(section): _rels(("rId1", "comments", "../comments1.xml"),
                                     ("rId2", "vmlDrawing", "../drawings/vmlDrawing1.vml")),
            section: _edit(_part(self.path, section), "</worksheet>",
                           f'<legacyDrawing r:id="rId2"/>{EXT_LIST}</worksheet>'),
            "xl/workbook.xml": workbook,
        }
        if macros:
            types = _edit(types, "</Types>",
                          '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>')
            types = _edit(types, f"{office}.spreadsheetml.sheet.main+xml", MACRO_TYPE)
            changes["xl/vbaProject.bin"] = VBA
            changes["xl/_rels/workbook.xml.rels"] = _edit(
                _part(self.path, "xl/_rels/workbook.xml.rels"), "</Relationships>",
                '<Relationship Id="rId99" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" '
                'Target="vbaProject.bin"/></Relationships>')
        changes["[Content_Types].xml"] = types
        _rezip(self.path, changes)

    def report(self) -> Report:
        """Findings on two sheets, at a cell not in sheetData, without a cell, on a missing sheet."""
        s, t = self.section, self.summary
        findings = [
            Finding("IN002", Severity.ERROR, "录入的“abc”不是数字", s, "J6", "1.1", "assessed", None, "abc"),
            Finding("REM001", Severity.WARNING, FORMULA_TEXT, s, "M6", "1.1", "self_check", "=1+1", "+SUM(A1)"),
            Finding("STRUCT001", Severity.ERROR, "a row beyond the form", s, "Z99", None, None, "12", "5"),
            Finding("IN001", Severity.WARNING, "未录入", s, "$G$7", "1.1", "self_check"),
            Finding("DIFF001", Severity.INFO, "自查分 0,考评分 10", s, "L5", "1.1", None, "10", "0"),
            Finding("CALC005", Severity.ERROR, "汇总得分应为 50", t, "D5", None, "self_check", "50", "60"),
            Finding("CALC006", Severity.WARNING, "stale", t, "E5", None, "assessed", "1", "2"),
            Finding("META001", Severity.WARNING, "the rubric version is unknown"),
            Finding("STRUCT002", Severity.ERROR, "sheet gone", "不存在", "A1"),
        ]
        return Report(
            str(self.path), "small-demo", "1.0", "70761b9082801538ee37ac65bf041d11fd4db021c7681a81165f2f2ac6b20048",
            unit="国网某供电公司", period="2024年第一季度", findings=findings,
            file_sha256=hashlib.sha256(self.path.read_bytes()).hexdigest(), checked_at="2024-04-10 09:30:00",
            totals={"self_check": Totals({"1": Decimal("50")}, Decimal("50")),
                    "assessed": Totals({"1": Decimal("60")}, Decimal("60"))},
            shown_totals={"self_check": Totals({"1": Decimal("6E+1")}, Decimal("6E+1")),
                          "assessed": Totals({"1": Decimal("60")}, Decimal("60"))},
            section_titles={"1": "服务热线95598"},
        )


def _rels_of(part: str) -> str:
    folder, name = part.rsplit("/", 1)
    return f"{folder}/_rels/{name}.rels"


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("checked")
    book = Book(folder)
    before = hashlib.sha256(book.path.read_bytes()).hexdigest()
    copy = write_checked_copy(book.path, folder / "filled.checked.xlsx", book.report())
    return book, copy, before


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def _xml(path: Path, part: str) -> Element:
    return SafeET.fromstring(_part(path, part), forbid_dtd=True)


def _tab_selected(path: Path) -> set[str]:
    return {part for part, data in _parts(path).items()
            if part.startswith("xl/worksheets/sheet") and b"tabSelected" in data}


def _local_names(workbook: Element) -> dict[tuple[str, str], str]:
    return {(d.get("name"), d.get("localSheetId")): d.text for d in workbook.iter(f"{M}definedName")
            if d.get("localSheetId")}


def _added_formats(text: str) -> list[str]:
    return re.findall(r'<conditionalFormatting sqref="[^"]*"><cfRule type="expression" dxfId="\d+" priority="\d+">'
                      r"<formula>TRUE</formula></cfRule></conditionalFormatting>", text)


# --- the package -------------------------------------------------------------------------------
def test_every_part_is_kept_and_only_the_named_parts_change(made) -> None:  # type: ignore[no-untyped-def]
    book, copy, before = made
    source, result = _parts(book.path), _parts(copy)
    assert hashlib.sha256(book.path.read_bytes()).hexdigest() == before
    assert set(source) <= set(result)
    # the copy's mark: a custom property, in a new properties part when the workbook had none
    marked = {"docProps/custom.xml"} if "docProps/custom.xml" in source else {"_rels/.rels"}
    expected = {"xl/worksheets/sheet6.xml"} | ({"docProps/custom.xml"} if "docProps/custom.xml" not in source else set())
    new = set(result) - set(source)
    assert expected <= new
    # Besides those: the notes of highlighted cells (comments, their VML drawing, the sheet's relationships).
    notes = r"xl/(comments\d+\.xml|drawings/vmlDrawing\d+\.xml|worksheets/_rels/sheet\d+\.xml\.rels)"
    assert all(part in expected or re.fullmatch(notes, part) for part in new), new
    changed = {part for part in source if source[part] != result[part]}
    highlighted = {book.parts[book.section], book.parts[book.summary]}
    selected = _tab_selected(book.path)  # the old active tab, unselected so Excel does not group it with 差异表
    sheet_list = {p for p in source if p == "docProps/app.xml" and b"TitlesOfParts" in source[p]}
    assert changed == EDITED | highlighted | selected | marked | sheet_list
    for part in selected - highlighted:
        assert result[part] == source[part].replace(b' tabSelected="1"', b"")
    for part in ("xl/media/image1.png", "xl/drawings/drawing1.xml", "xl/comments1.xml", "xl/drawings/vmlDrawing1.vml",
                 "xl/sharedStrings.xml", _rels_of(book.parts[book.section]), book.parts[book.guide]):
        assert result[part] == source[part]


def test_highlighted_sheets_only_gain_the_conditional_formats_and_notes(made) -> None:  # type: ignore[no-untyped-def]
    book, copy, _ = made
    for name in (book.section, book.summary):
        original = _part(book.path, book.parts[name]).decode()
        edited = _part(copy, book.parts[name]).decode()
        added = _added_formats(edited)
        assert added and not _added_formats(original)
        for block in added:
            edited = edited.replace(block, "", 1)
        # A sheet without notes of its own gets the drawing of the notes; one with notes keeps its own.
        edited = re.sub(r'<legacyDrawing xmlns:r="[^"]+" r:id="rId\d+"/>', "", edited, count=1) if "legacyDrawing" not in original else edited
        assert edited == original.replace(' tabSelected="1"', "")


def test_the_new_sheet_is_first_and_active_and_sheet_indexes_shift(made) -> None:  # type: ignore[no-untyped-def]
    book, copy, _ = made
    root = _xml(copy, "xl/workbook.xml")
    sheets = [s.get("name") for s in root.iter(f"{M}sheet")]
    original = [s.get("name") for s in _xml(book.path, "xl/workbook.xml").iter(f"{M}sheet")]
    assert sheets == ["差异表", *original]
    view = root.find(f"{M}bookViews/{M}workbookView")
    assert (view.get("activeTab"), view.get("firstSheet")) == ("0", "0")
    local, old = _local_names(root), _local_names(_xml(book.path, "xl/workbook.xml"))
    assert local == {**{(n, str(int(i) + 1)): text for (n, i), text in old.items()},
                     ("_xlnm.Print_Titles", "0"): "'差异表'!$14:$14"}
    assert old == {("_xlnm.Print_Titles", "2"): f"'{book.section}'!$1:$3"}
    assert read_workbook(copy).names == read_workbook(book.path).names
    assert _tab_selected(copy) == {"xl/worksheets/sheet6.xml"}


def test_styles_are_appended_with_counts_fixed(made) -> None:  # type: ignore[no-untyped-def]
    book, copy, _ = made
    old, new = _xml(book.path, "xl/styles.xml"), _xml(copy, "xl/styles.xml")
    for tag in ("fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "dxfs"):
        before, after = old.find(f"{M}{tag}"), new.find(f"{M}{tag}")
        assert int(after.get("count")) == len(after)
        assert [SafeET.tostring(e) for e in after[: len(before)]] == [SafeET.tostring(e) for e in before]
    dxfs = new.find(f"{M}dxfs")
    colours = [d.find(f"{M}fill/{M}patternFill/{M}bgColor").get("rgb") for d in dxfs[len(old.find(f'{M}dxfs')):]]
    assert colours == ["FFFFC7CE", "FFFFD8A8"]


def test_highlights_are_conditional_formats_with_fresh_priorities(made) -> None:  # type: ignore[no-untyped-def]
    book, copy, _ = made
    first_new_dxf = len(_xml(book.path, "xl/styles.xml").find(f"{M}dxfs"))
    expected = {book.section: {"G7 M6": first_new_dxf + 1, "J6 Z99": first_new_dxf},
                book.summary: {"D5": first_new_dxf, "E5": first_new_dxf + 1}}
    for name, wanted in expected.items():
        root = _xml(copy, book.parts[name])
        rules = {" ".join(sorted(cf.get("sqref").split())): cf.find(f"{M}cfRule")
                 for cf in root.iter(f"{M}conditionalFormatting")}
        assert {sqref: int(rules[sqref].get("dxfId")) for sqref in wanted} == wanted
        priorities = [int(r.get("priority")) for r in root.iter() if r.tag.endswith("}cfRule")]
        assert len(priorities) == len(set(priorities))
        old = [int(r.get("priority")) for r in _xml(book.path, book.parts[name]).iter() if r.tag.endswith("}cfRule")]
        assert all(int(rules[sqref].get("priority")) > max(old, default=0) for sqref in wanted)
        assert not any("L5" in sqref.split() for sqref in rules)  # info findings are not highlighted
    section = _xml(copy, book.parts[book.section])
    ours = [cf.find(f"{M}cfRule") for cf in section.findall(f"{M}conditionalFormatting")]
    assert min(int(r.get("priority")) for r in ours if r.find(f"{M}formula").text == "TRUE") > X14_PRIORITY
    order = [child.tag.rpartition("}")[2] for child in section]
    last_cf = max(i for i, tag in enumerate(order) if tag == "conditionalFormatting")
    assert order[last_cf + 1:] == ["dataValidations", "printOptions", "pageMargins", "pageSetup", "headerFooter",
                                   "rowBreaks", "legacyDrawing", "extLst"]


# --- the 差异表 sheet -----------------------------------------------------------------------------
def _table(ws) -> dict[str, list]:  # type: ignore[no-untyped-def]
    """The findings table: header row number and its rows, read with openpyxl."""
    header = next(row for row in range(1, 40) if ws.cell(row, 2).value == "严重程度")
    rows = [[ws.cell(r, c) for c in range(1, 12)] for r in range(header + 1, ws.max_row + 1)]
    return {"header": header, "rows": rows}


def test_the_sheet_reads_back_with_openpyxl(made) -> None:  # type: ignore[no-untyped-def]
    book, copy, _ = made
    wb = openpyxl.load_workbook(copy)
    ws = wb.worksheets[0]
    assert ws.title == "差异表" and wb.active.title == "差异表"
    report = book.report()
    table = _table(ws)
    assert ws.freeze_panes == f"A{table['header'] + 1}"
    words = {"error": "错误", "warning": "警告", "info": "提示"}
    assert [[c.value for c in r][:3] for r in table["rows"]] == [
        [f.serial, words[f.severity.value], f.code] for f in report.findings]
    by_code = {r[2].value: r for r in table["rows"]}
    message = by_code["REM001"][8]
    assert message.value == FORMULA_TEXT and message.data_type == "s" and message.quotePrefix
    assert [c.value for c in by_code["REM001"][6:8]] == ["=1+1", "+SUM(A1)"]
    assert all(c.data_type == "s" for c in by_code["REM001"][6:8])
    assert [c.value for c in by_code["IN002"][3:6]] == [book.section, "J6", "考评"]
    links = {r[2].value: r[4].hyperlink for r in table["rows"]}
    assert links["IN002"].location == f"'{book.section}'!J6" and links["IN002"].display == "J6"
    assert links["IN001"].location == f"'{book.section}'!G7"
    assert links["CALC005"].location == f"'{book.summary}'!D5"
    assert links["META001"] is None and links["STRUCT002"] is None  # no cell; a sheet that does not exist
    assert [ws[ref].value for ref in ("D3", "D6", "D7")] == ["filled.xlsx", "国网某供电公司", "2024年第一季度"]
    # The audit record: when, by which xlscore, of which file and rubric (full hashes).
    assert ws["D2"].value == f"2024-04-10 09:30:00(xlscore {__version__})"
    assert ws["D4"].value == hashlib.sha256(book.path.read_bytes()).hexdigest()
    assert ws["D5"].value == f"small-demo 版本 1.0(sha256 {report.rubric_sha256})" and len(report.rubric_sha256) == 64
    header = [c.value for c in ws[table["header"]]]
    assert header[-2:] == ["处理情况", "复核人"] and all(r[9].value is None and r[10].value is None for r in table["rows"])
    assert ws.auto_filter.ref == f"A{table['header']}:K{table['header'] + len(report.findings)}"


def test_totals_and_counts_are_at_the_top(made) -> None:  # type: ignore[no-untyped-def]
    _, copy, _ = made
    ws = openpyxl.load_workbook(copy).worksheets[0]
    values = [[c.value for c in row] for row in ws.iter_rows(min_row=9, max_row=12, max_col=9)]
    assert values[0] == ["部分", None, None, "自查(重算)", "自查(表中)", "是否一致",
                         "考评(重算)", "考评(表中)", "是否一致"]
    assert values[1] == ["1 服务热线95598", None, None, 50, 60, "不一致", 60, 60, "一致"]
    assert values[2] == ["总计", None, None, 50, 60, "不一致", 60, 60, "一致"]
    assert values[3][:6] == ["错误", 4, "警告", 4, "提示", 1]


def test_the_copy_reads_back_with_the_single_pass_reader(made) -> None:  # type: ignore[no-untyped-def]
    book, copy, _ = made
    data = read_workbook(copy)
    assert next(iter(data.sheets)) == "差异表"
    cells = data.sheets["差异表"].cells
    assert all(cell.formula is None and cell.kind in ("inlineStr", "n", "") for cell in cells.values())
    assert FORMULA_TEXT in {cell.value for cell in cells.values()}
    original = read_workbook(book.path)
    for name, sheet in original.sheets.items():
        assert {k: (c.value, c.formula) for k, c in data.sheets[name].cells.items()} == {
            k: (c.value, c.formula) for k, c in sheet.cells.items()}


def test_excel_safety_lint_is_clean(made) -> None:  # type: ignore[no-untyped-def]
    excel_safety = pytest.importorskip("support.excel_safety")
    _, copy, _ = made
    assert excel_safety.excel_safety_problems(copy) == []


def test_text_is_cleaned_and_cut(tmp_path: Path) -> None:
    book = Book(tmp_path)
    long = "控\x01制\x1f字符\ufffe" + "长" * 40000
    report = Report(str(book.path), findings=[Finding("X001", Severity.ERROR, long, book.section, "G6", found="\x0b5")])
    copy = write_checked_copy(book.path, tmp_path / "out.xlsx", report)
    sheet = _part(copy, "xl/worksheets/sheet6.xml").decode()
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe]", sheet)
    ws = openpyxl.load_workbook(copy).worksheets[0]
    row = _table(ws)["rows"][0]
    assert row[8].value.startswith("控制字符长") and len(row[8].value) == 32767
    assert row[7].value == "5"
    from support.excel_safety import excel_safety_problems

    assert excel_safety_problems(copy) == []


# --- variants ----------------------------------------------------------------------------------
def test_an_xlsm_keeps_its_macros_and_content_type(tmp_path: Path) -> None:
    book = Book(tmp_path, "filled.xlsm", macros=True)
    copy = write_checked_copy(book.path, tmp_path / "filled.checked.xlsm", book.report())
    assert _part(copy, "xl/vbaProject.bin") == VBA
    types = _xml(copy, "[Content_Types].xml")
    workbook_type = next(o.get("ContentType") for o in types if o.get("PartName") == "/xl/workbook.xml")
    assert workbook_type == MACRO_TYPE
    assert read_workbook(copy).has_macros
    assert b"vbaProject" in _part(copy, "xl/_rels/workbook.xml.rels")


def test_a_second_copy_numbers_the_sheet_name_and_english_works(tmp_path: Path) -> None:
    book = Book(tmp_path)
    first = write_checked_copy(book.path, tmp_path / "one.xlsx", book.report())
    second = write_checked_copy(first, tmp_path / "two.xlsx", book.report())
    names = [s.get("name") for s in _xml(second, "xl/workbook.xml").iter(f"{M}sheet")]
    assert names[:3] == ["差异表(2)", "差异表", "封面"]
    third = write_checked_copy(second, tmp_path / "three.xlsx", book.report(), lang="en")
    wb = openpyxl.load_workbook(third)
    assert wb.sheetnames[:3] == ["Discrepancies", "差异表(2)", "差异表"]
    assert wb.active.title == "Discrepancies"
    assert "Severity" in [c.value for row in wb.worksheets[0].iter_rows(max_row=20) for c in row]
    # print titles: one per sheet, each shifted along
    titles = sorted((d.get("localSheetId"), d.text) for d in _xml(third, "xl/workbook.xml").iter(f"{M}definedName")
                    if d.get("name") == "_xlnm.Print_Titles")
    assert [t[0] for t in titles] == ["0", "1", "2", "5"]
    assert titles[0][1].startswith("'Discrepancies'!") and titles[3][1].startswith(f"'{book.section}'!")


def test_a_report_from_the_checker(tmp_path: Path) -> None:
    book = Book(tmp_path)
    report = check_file(book.path, CheckOptions())
    assert report.findings
    copy = write_checked_copy(book.path, tmp_path / "checked.xlsx", report)
    ws = openpyxl.load_workbook(copy).worksheets[0]
    rows = _table(ws)["rows"]
    assert [r[2].value for r in rows] == [f.code for f in report.findings]
    for row, finding in zip(rows, report.findings, strict=True):
        if finding.cell:
            assert row[4].hyperlink.location == f"'{finding.sheet}'!{finding.cell}"


def test_it_refuses_to_overwrite_the_source(tmp_path: Path) -> None:
    book = Book(tmp_path)
    before = book.path.read_bytes()
    with pytest.raises(ValueError):
        write_checked_copy(book.path, book.path, book.report())
    link = tmp_path / "link.xlsx"
    link.symlink_to(book.path)
    with pytest.raises(ValueError):
        write_checked_copy(book.path, link, book.report())
    (tmp_path / "sub").mkdir()
    with pytest.raises(ValueError):
        write_checked_copy(book.path, tmp_path / "sub" / ".." / book.path.name, book.report())
    assert book.path.read_bytes() == before


def test_a_file_that_is_not_a_package_leaves_nothing_behind(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(CopyError):
        write_checked_copy(bad, tmp_path / "out" / "bad.checked.xlsx", Report(str(bad)))
    assert not (tmp_path / "out" / "bad.checked.xlsx").exists()
    assert [p.name for p in tmp_path.rglob(".xlscore-*")] == []


PREFIXED_WORKBOOK = (
    f'<?xml version="1.0" encoding="UTF-8"?><x:workbook xmlns:x="{MAIN}" xmlns:rel="{REL}"><x:sheets>'
    '<x:sheet name="数据" sheetId="7" rel:id="R1"/></x:sheets></x:workbook>'
)
PREFIXED_SHEET = (
    f'<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="{MAIN}"><x:sheetData><x:row r="1">'
    '<x:c r="A1" t="inlineStr"><x:is><x:t>a &lt; b</x:t></x:is></x:c></x:row></x:sheetData>'
    '<x:pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></x:worksheet>'
)
PREFIXED_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
)


def _prefixed_package(path: Path) -> Path:
    """A workbook as the Open XML SDK writes it: ``x:`` prefixes, no styles part, no bookViews, no names."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", PREFIXED_TYPES)
        archive.writestr("_rels/.rels", _rels(("rId1", "officeDocument", "xl/workbook.xml")))
        archive.writestr("xl/workbook.xml", PREFIXED_WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _rels(("R1", "worksheet", "worksheets/sheet1.xml")))
        archive.writestr("xl/worksheets/sheet1.xml", PREFIXED_SHEET)
    return path


def test_a_prefixed_package_without_styles(tmp_path: Path) -> None:
    source = _prefixed_package(tmp_path / "sdk.xlsx")
    report = Report(str(source), findings=[Finding("IN001", Severity.WARNING, "missing", "数据", "B2")])
    copy = write_checked_copy(source, tmp_path / "sdk.checked.xlsx", report)
    assert _part(copy, "xl/worksheets/sheet1.xml").decode().count("<x:conditionalFormatting") == 1
    styles = _xml(copy, "xl/styles.xml")
    assert [child.tag.rpartition("}")[2] for child in styles] == ["fonts", "fills", "borders", "cellStyleXfs",
                                                                   "cellXfs", "cellStyles", "dxfs"]
    wb = openpyxl.load_workbook(copy)
    assert wb.sheetnames == ["差异表", "数据"] and wb["数据"]["A1"].value == "a < b"
    assert not wb["数据"]["A1"].font.b and not wb["数据"]["A1"].quotePrefix  # style 0 is still the default
    assert list(read_workbook(copy).sheets) == ["差异表", "数据"]
    from support.excel_safety import excel_safety_problems

    assert excel_safety_problems(copy) == []


EXAMPLES = sorted((ROOT / "examples" / "units").glob("*.xlsx"))


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_workbooks_saved_by_libreoffice(example: Path, tmp_path: Path) -> None:
    """The example units went through LibreOffice: another writer's package layout, same guarantees."""
    report = check_file(example, CheckOptions())
    copy = write_checked_copy(example, tmp_path / "copy.xlsx", report)
    source, result = _parts(example), _parts(copy)
    parts = {sheet.name: sheet.part for sheet in read_workbook(example).sheets.values()}
    highlighted = {parts[f.sheet] for f in report.findings
                   if f.cell and f.sheet in parts and f.severity is not Severity.INFO}
    changed = {part for part in source if source[part] != result.get(part)}
    marked = {"docProps/custom.xml", "_rels/.rels", "docProps/app.xml"}  # the output mark, the stale sheet list
    assert changed <= EDITED | highlighted | _tab_selected(example) | marked
    assert {"[Content_Types].xml", "xl/workbook.xml", "xl/styles.xml"} <= changed
    assert next(iter(read_workbook(copy).sheets)) == "差异表"
    from support.excel_safety import excel_safety_problems

    assert excel_safety_problems(copy) == []


def test_the_same_input_gives_the_same_copy(tmp_path: Path) -> None:
    book = Book(tmp_path)
    one = write_checked_copy(book.path, tmp_path / "one.xlsx", book.report())
    two = write_checked_copy(book.path, tmp_path / "two.xlsx", book.report())
    assert one.read_bytes() == two.read_bytes()


# --- a real spreadsheet program -------------------------------------------------------------------
@pytest.mark.engine
@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_the_copies(made, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _, copy, _ = made
    sdk_source = _prefixed_package(tmp_path / "sdk.xlsx")
    sdk = write_checked_copy(sdk_source, tmp_path / "sdk.checked.xlsx",
                             Report(str(sdk_source), findings=[Finding("X001", Severity.ERROR, "m", "数据", "A1")]))
    macros = Book(tmp_path, "filled.xlsm", macros=True)
    xlsm = write_checked_copy(macros.path, tmp_path / "macros.checked.xlsm", macros.report())
    pdfs = convert_to_pdf([copy, sdk, xlsm], tmp_path / "pdf", profile=tmp_path / "profile")
    assert set(pdfs) == {copy, sdk, xlsm}
    for pdf in pdfs.values():
        assert pdf.read_bytes().startswith(b"%PDF"), pdf


def test_check_file_records_when_and_what_it_checked() -> None:
    fixture = Path(__file__).parent / "fixtures" / "formula_changed.xlsx"
    report = check_file(fixture)
    assert report.file_sha256 == hashlib.sha256(fixture.read_bytes()).hexdigest()
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", report.checked_at or "")


def test_formulas_show_their_equals_sign_and_highlighted_cells_carry_notes() -> None:
    report = check_file(Path(__file__).parent / "fixtures" / "formula_changed.xlsx")
    table = discrepancy_table(report, "zh")
    changed = [r for r in table.rows()[table.header_row:] if r[2] is not None and r[2].value == "CALC012"]
    assert changed and all(str(r[6].value).startswith("=") and str(r[7].value).startswith("=") for r in changed)
    assert all(r[6].style == "wrap" and r[7].style == "wrap" for r in changed)
    marked = {(sheet, cell) for sheet, cells in highlights(report).items() for cell in cells}
    assert set(table.notes) == marked
    for (sheet, cell), note in table.notes.items():
        codes = {f.code for f in report.findings if f.sheet == sheet and f.cell == cell}
        assert all(note.count(code) >= 1 for code in codes), note


def test_highlighted_cells_carry_their_findings_as_notes(tmp_path: Path) -> None:
    source = Path(__file__).parent / "fixtures" / "wrong_count_vs_typed_score.xlsx"  # 1.9: CALC006 and CALC010
    report = check_file(source)
    copy = write_checked_copy(source, tmp_path / "checked.xlsx", report)
    wb = openpyxl.load_workbook(copy)
    found = {(ws.title, c.coordinate): c.comment.text for ws in wb.worksheets for row in ws.iter_rows() for c in row
             if c.comment}
    expected = discrepancy_table(report, "zh").notes
    assert found == {(sheet, ref.split(":")[0]): text for (sheet, ref), text in expected.items()}
    assert any("CALC006" in text and "CALC010" in text for text in found.values()), "one note lists every finding of its cell"
    with zipfile.ZipFile(copy) as package:
        types = package.read("[Content_Types].xml").decode()
        assert "spreadsheetml.comments+xml" in types and "vmlDrawing" in types
