"""Render the chart page of a summary workbook to PNG (for ``docs/img/summary-chart.png``).

    python scripts/render_summary_chart.py [SUMMARY] [--out docs/img/summary-chart.png]

The chart page is found in LibreOffice's PDF by its text (the rate table above the charts), not
counted: the item sheet prints on as many pages as the rubric needs.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))  # the test support package

from support.libreoffice import convert_to_pdf

ROOT = Path(__file__).resolve().parent.parent
MARK = "总体"


def render(summary: Path, out: Path, resolution: int = 80) -> Path:
    with tempfile.TemporaryDirectory(prefix="xlscore-chart-") as tmp:
        work = Path(tmp)
        copy = work / "summary.xlsx"
        shutil.copyfile(summary, copy)
        pdf = convert_to_pdf([copy], work)[copy]
        page = chart_page(pdf)
        prefix = work / "page"
        subprocess.run(
            ["pdftoppm", "-png", "-r", str(resolution), "-f", str(page), "-l", str(page), "-singlefile",
             str(pdf), str(prefix)],
            check=True, capture_output=True, timeout=120,
        )
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(prefix.with_suffix(".png"), out)
    return out


def chart_page(pdf: Path) -> int:
    """The 1-based page showing the chart sheet's rate table (its 总体 column is on no other sheet)."""
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True, text=True,
                          timeout=120).stdout
    for number, page in enumerate(text.split("\f"), start=1):
        if MARK in "".join(page.split()):
            return number
    raise SystemExit(f"no page of {pdf.name} shows the chart sheet")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("summary", nargs="?", type=Path, default=ROOT / "examples" / "汇总.xlsx")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img" / "summary-chart.png")
    args = parser.parse_args()
    print(render(args.summary, args.out))


if __name__ == "__main__":
    main()
