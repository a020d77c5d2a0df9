"""The generated form as LibreOffice prints it: read back from its PDF with pdftotext.

No item may be cut across two pages (the manual page breaks), 说明 is one page, the correction log
(a hidden sheet) does not print, and the protected ranges and locked structure survive LibreOffice.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from support.libreoffice import convert_to_pdf, find_soffice
from xlscore.form.row_text import row_text
from xlscore.form.wording import text
from xlscore.generate import GenerateOptions, generate_workbook, workbook_layout
from xlscore.generate.sheets import guide_lines
from xlscore.rubric import load_rubric
from xlscore.rules.base import number

pytestmark = [
    pytest.mark.engine,
    pytest.mark.skipif(find_soffice() is None or shutil.which("pdftotext") is None,
                       reason="needs LibreOffice (soffice) and poppler (pdftotext)"),
]
OPTIONS = GenerateOptions(unit="示例供电公司客户服务中心", period="2024年1月—2024年3月")
PREFIX = 8  # characters of a text that identify it on a page


def _squash(value: str) -> str:
    return re.sub(r"\s+", "", value)


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("print")
    rubric = load_rubric()
    book = generate_workbook(rubric, folder / "form.xlsx", OPTIONS)
    pdf = convert_to_pdf([book], folder)[book]
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True,
                         timeout=300).stdout
    pages = [p for p in out.split("\f")]
    if pages and not pages[-1].strip():
        pages.pop()
    return workbook_layout(rubric, OPTIONS), pages


def test_no_item_is_split_across_pages(printed) -> None:  # type: ignore[no-untyped-def]
    layout, pages = printed
    squashed = [_squash(p) for p in pages]
    lines = [set(p.split()) for p in pages]  # the words of each page (a 序号 may share a line with its 项目)
    for sheet in layout.sheets:
        section = sheet.section
        heading = _squash(text("section_heading", layout.lang, id=section.id, title=section.title,
                               total=number(section.total)))
        on_sheet = [n for n, p in enumerate(squashed) if heading in p]
        assert on_sheet, f"section {section.id} does not print"
        expected: dict[int, Counter[str]] = {n: Counter() for n in on_sheet}
        start = on_sheet[0]
        for block in sheet.item_blocks():
            content = _squash(block.item.content)[:PREFIX]
            page = next((n for n in on_sheet if n >= start and block.item.no in lines[n] and content in squashed[n]), None)
            assert page is not None, f"item {block.item.no} not found from page {start + 1} on"
            start = page
            for row in block.rows:
                expected[page][_squash(row_text(block, row, layout.lang))[:PREFIX]] += 1
        # Every row of each item whose 序号 a page prints is on that page too.
        for n, wanted in expected.items():
            for prefix, count in wanted.items():
                assert squashed[n].count(prefix) >= count, f"page {n + 1}: a row starting {prefix!r} is on another page"


def test_the_guide_is_one_page(printed) -> None:  # type: ignore[no-untyped-def]
    layout, pages = printed
    lines = [_squash(line) for line in guide_lines(layout.rubric, layout.lang) if line.strip()]
    guide = [n for n, p in enumerate(pages) if lines[0] in _squash(p)]
    assert len(guide) == 1
    assert all(line[:PREFIX] in _squash(pages[guide[0]]) for line in lines), "every line of 说明 on its one page"
    next_page = _squash(pages[guide[0] + 1])
    first = layout.sheets[0].section
    assert _squash(text("section_heading", layout.lang, id=first.id, title=first.title, total=number(first.total))) in next_page


def test_the_correction_log_does_not_print(printed) -> None:  # type: ignore[no-untyped-def]
    layout, pages = printed
    assert layout.rubric.corrections, "the shipped rubric has corrections to log"
    title = _squash(text("corrections_title", layout.lang))
    assert not any(title in _squash(p) for p in pages)


def test_the_cover_carries_the_signature_block(printed) -> None:  # type: ignore[no-untyped-def]
    layout, pages = printed
    cover = _squash(pages[0])
    for key in ("sign_unit", "sign_unit_head", "sign_team", "sign_leader", "sign_members"):
        assert _squash(text(key, layout.lang)) in cover, key
    assert "19页" not in cover and _squash(layout.rubric.version) in cover
    assert _squash(text("incomplete", layout.lang, note="")) not in cover


def test_libreoffice_keeps_the_pass_ranges_and_the_locked_structure(tmp_path: Path) -> None:
    options = GenerateOptions(password="sheet", self_password="unit", assess_password="team")
    book = generate_workbook(load_rubric(), tmp_path / "pw.xlsx", options)
    out = tmp_path / "out"
    out.mkdir()
    subprocess.run([find_soffice(), "--headless", "--norestore", f"-env:UserInstallation={(tmp_path / 'p').as_uri()}",
                    "--convert-to", "xlsx", "--outdir", str(out), str(book)], check=True, capture_output=True, timeout=300)
    with zipfile.ZipFile(out / "pw.xlsx") as saved, zipfile.ZipFile(book) as ours:
        mine = re.findall(r'<protectedRange password="(\w+)" sqref="([^"]+)" name="([^"]+)"', ours.read("xl/worksheets/sheet3.xml").decode())
        theirs = re.findall(r'<protectedRange name="([^"]+)" password="(\w+)" sqref="([^"]+)"', saved.read("xl/worksheets/sheet3.xml").decode())
        assert sorted((n, p.upper(), s) for n, p, s in theirs) == sorted((n, p, s) for p, s, n in mine)
        assert "<sheetProtection" in saved.read("xl/worksheets/sheet3.xml").decode()
        assert "<workbookProtection" in saved.read("xl/workbook.xml").decode()


def test_libreoffice_reads_the_notes_of_a_checked_copy(tmp_path: Path) -> None:
    from xlscore.check.checker import check_file
    from xlscore.report.copy import write_checked_copy

    source = Path(__file__).parent / "fixtures" / "formula_changed.xlsx"
    report = check_file(source)
    copy = write_checked_copy(source, tmp_path / "checked.xlsx", report)
    from xlscore.report.table import cell_notes

    wanted = {line.split()[0] for note in cell_notes(report).values() for line in note.splitlines()}
    out = tmp_path / "out"
    out.mkdir()
    subprocess.run([find_soffice(), "--headless", "--norestore", f"-env:UserInstallation={(tmp_path / 'p').as_uri()}",
                    "--convert-to", "xlsx", "--outdir", str(out), str(copy)], check=True, capture_output=True, timeout=300)
    with zipfile.ZipFile(out / "checked.xlsx") as saved:
        comments = "".join(saved.read(n).decode() for n in saved.namelist() if re.fullmatch(r"xl/comments\d+\.xml", n))
    assert wanted and all(code in comments for code in wanted), "LibreOffice read the notes and saved them again"


def test_the_blank_form_prints_no_deductions_or_scores(printed) -> None:  # type: ignore[no-untyped-def]
    layout, pages = printed
    headings = [_squash(text("section_heading", layout.lang, id=s.section.id, title=s.section.title,
                             total=number(s.section.total))) for s in layout.sheets]
    section_pages = [p for p in pages if any(h in _squash(p) for h in headings)]
    assert section_pages
    for page in section_pages:
        # A deduction would print 0 and a score its 标准分 again; blank, no cell prints 0.
        assert "0" not in page.split(), "a computed cell prints a number on the blank form"
    summary = next(p for p in pages if _squash(text("summary_title", layout.lang)) in _squash(p))
    words = summary.split()
    grand = number(sum(sum((i.score for i in s.all_items()), start=0) for s in layout.rubric.sections))
    assert words.count(str(grand)) == 1, "汇总 shows the scoreable 标准分 once and no total score yet"
    assert "0" not in words and not any(w.endswith("%") for w in words), "no difference and no 得分率 yet"
