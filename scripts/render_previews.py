"""Render print previews of what xlscore writes: the blank form, a filled form, a checked copy, a summary.

    python scripts/render_previews.py [--out docs/img]

Generates the shipped rubric's workbook with a sample unit and period, prints it to one PDF with
LibreOffice (headless) and renders pages with ``pdftoppm -png -r 80``: ``cover.png``,
``guide.png`` (说明), ``section1-page1.png`` and ``form-summary.png`` (汇总). Then the filled
example ``examples/units/城东客服中心.xlsx`` (``filled-section1.png``, ``filled-summary.png``), the
checked copy of ``examples/units/城南客服中心.xlsx`` (``checked-copy.png``, its 差异表) and the
example summary ``examples/汇总.xlsx`` (``summary-units.png``, ``summary-items.png``). Which PDF page
is which is read from the PDF's own text (``pdftotext``), not counted.

Needs ``soffice`` and poppler (``pdftoppm``, ``pdftotext``) on PATH; exits 2 with a message when
they are missing or a step fails. For a faithful picture also install a CJK font
(``fonts-noto-cjk``) and Carlito (``fonts-crosextra-carlito``): Excel sizes columns by the
workbook's default font, Calibri, and without a font of the same metrics LibreOffice draws every
column about a third wider, so fit-to-width shrinks the whole page; the script warns then.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))  # the test support package

from xlscore.generate import GenerateOptions, generate_workbook, workbook_layout
from xlscore.rubric import load_rubric
from xlscore.rules.base import number
from xlscore.form.wording import text

SAMPLE = GenerateOptions(unit="示例供电公司客户服务中心", period="2024年1月—2024年3月")
RESOLUTION = 80
COVER_PNG, SECTION_PNG = "cover.png", "section1-page1.png"
ROOT = Path(__file__).resolve().parents[1]
FILLED = ROOT / "examples" / "units" / "城东客服中心.xlsx"
FAULTY = ROOT / "examples" / "units" / "城南客服中心.xlsx"
SUMMARY = ROOT / "examples" / "汇总.xlsx"
TIMEOUT = 300


class PreviewError(Exception):
    """A step of the rendering failed; the message says which and why."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("docs/img"), help="folder for the PNGs (default: docs/img)")
    args = parser.parse_args(argv)
    try:
        written = render_previews(args.out)
    except PreviewError as exc:
        print(f"render_previews: {exc}", file=sys.stderr)
        return 2
    for path in written:
        print(path)
    return 0


def render_previews(out: Path) -> list[Path]:
    """Write the PNGs into ``out`` and return their paths."""
    missing = [tool for tool in ("soffice", "pdftoppm", "pdftotext") if shutil.which(tool) is None]
    if missing:
        raise PreviewError(f"missing {', '.join(missing)} (install libreoffice-calc and poppler-utils)")
    _warn_about_column_metrics()
    out.mkdir(parents=True, exist_ok=True)
    rubric = load_rubric()
    with tempfile.TemporaryDirectory(prefix="xlscore-previews-") as tmp:
        work = Path(tmp)
        book = generate_workbook(rubric, work / "preview.xlsx", SAMPLE)
        pdf = to_pdf(book, work)
        pages = page_texts(pdf)
        layout = workbook_layout(rubric, SAMPLE)
        cover = 1
        if _squash(layout.rubric.title) not in _squash(pages[0]):
            raise PreviewError("page 1 of the PDF is not the cover (the rubric title is not on it)")
        section = layout.sheets[0].section
        heading = text("section_heading", SAMPLE.lang, id=section.id, title=section.title, total=number(section.total))
        first = find_page(pages, heading)
        written = [render_page(pdf, cover, out / COVER_PNG), render_page(pdf, first, out / SECTION_PNG),
                   render_page(pdf, find_page(pages, "填写说明"), out / "guide.png"),
                   render_page(pdf, find_page(pages, text("summary_title", SAMPLE.lang)), out / "form-summary.png")]
        written += _examples(out, work, heading)
        return written


def _examples(out: Path, work: Path, heading: str) -> list[Path]:
    """A filled form, a checked copy and a summary, from the committed examples."""
    from xlscore.check.checker import check_file
    from xlscore.report.copy import write_checked_copy

    filled = work / "filled.xlsx"
    shutil.copyfile(FILLED, filled)
    pdf = to_pdf(filled, work)
    pages = page_texts(pdf)
    written = [render_page(pdf, find_page(pages, heading), out / "filled-section1.png"),
               render_page(pdf, find_page(pages, text("summary_title", SAMPLE.lang)), out / "filled-summary.png")]
    copy = write_checked_copy(FAULTY, work / "checked.xlsx", check_file(FAULTY))
    pdf = to_pdf(copy, work)
    written.append(render_page(pdf, find_page(page_texts(pdf), "差异表"), out / "checked-copy.png"))
    summary = work / "summary.xlsx"
    shutil.copyfile(SUMMARY, summary)
    pdf = to_pdf(summary, work)
    pages = page_texts(pdf)
    written.append(render_page(pdf, find_page(pages, "考核结果汇总"), out / "summary-units.png"))
    written.append(render_page(pdf, find_page(pages, "各项考评分"), out / "summary-items.png"))
    return written


def to_pdf(book: Path, work: Path) -> Path:
    """The whole workbook as one PDF (every visible sheet, in order, with its own page setup)."""
    try:
        from support.libreoffice import (
            LibreOfficeError,
            LibreOfficeUnavailable,
            convert_to_pdf,
        )
    except ImportError:  # the shared helper is absent: call soffice directly
        return _soffice_pdf(book, work)
    try:
        return convert_to_pdf([book], work)[book]
    except (LibreOfficeError, LibreOfficeUnavailable) as exc:
        raise PreviewError(f"LibreOffice could not print {book.name}: {exc}") from exc


def _soffice_pdf(book: Path, work: Path) -> Path:
    profile = (work / "profile").resolve().as_uri()
    command = ["soffice", "--headless", "--norestore", "--nolockcheck", f"-env:UserInstallation={profile}",
               "--convert-to", "pdf", "--outdir", str(work), str(book)]
    _run(command)
    pdf = work / (book.stem + ".pdf")
    if not pdf.is_file():
        raise PreviewError(f"LibreOffice wrote no PDF for {book.name}")
    return pdf


def page_texts(pdf: Path) -> list[str]:
    """The text of each page (pdftotext separates pages with a form feed)."""
    pages = _run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"]).split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def find_page(pages: list[str], heading: str) -> int:
    """The 1-based number of the first page showing ``heading`` (whitespace ignored)."""
    wanted = _squash(heading)
    for number_, page in enumerate(pages, start=1):
        if wanted in _squash(page):
            return number_
    raise PreviewError(f"no page of the PDF shows the heading {heading!r}")


def render_page(pdf: Path, page: int, png: Path) -> Path:
    prefix = png.with_suffix("")
    _run(["pdftoppm", "-png", "-r", str(RESOLUTION), "-f", str(page), "-l", str(page), "-singlefile", str(pdf), str(prefix)])
    if not png.is_file():
        raise PreviewError(f"pdftoppm wrote no {png.name}")
    return png


def _warn_about_column_metrics() -> None:
    if shutil.which("fc-match") is None:
        return
    family = subprocess.run(["fc-match", "-f", "%{family}", "Calibri"], capture_output=True, text=True, check=False).stdout
    if not any(name in family for name in ("Calibri", "Carlito")):
        print(f"render_previews: warning: Calibri is drawn as {family or '?'}; columns will look wider than in Excel "
              "(install fonts-crosextra-carlito)", file=sys.stderr)


def _squash(value: str) -> str:
    return re.sub(r"\s+", "", value)


def _run(command: list[str]) -> str:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise PreviewError(f"{command[0]} failed: {exc}") from exc
    if done.returncode != 0:
        raise PreviewError(f"{command[0]} exited {done.returncode}: {done.stderr.strip()[:500]}")
    return done.stdout


if __name__ == "__main__":
    sys.exit(main())
