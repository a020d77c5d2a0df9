"""Render the chart page of a summary workbook to PNG (for ``docs/img/summary-chart.png``).

    python scripts/render_summary_chart.py [SUMMARY] [--out docs/img/summary-chart.png]

The summary's sheets each print on one page (units, items, chart, not checked), so the chart is
page 3 of LibreOffice's PDF.
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
CHART_PAGE = 3


def render(summary: Path, out: Path, resolution: int = 80) -> Path:
    with tempfile.TemporaryDirectory(prefix="xlscore-chart-") as tmp:
        work = Path(tmp)
        copy = work / "summary.xlsx"
        shutil.copyfile(summary, copy)
        pdf = convert_to_pdf([copy], work)[copy]
        prefix = work / "page"
        subprocess.run(
            ["pdftoppm", "-png", "-r", str(resolution), "-f", str(CHART_PAGE), "-l", str(CHART_PAGE), "-singlefile",
             str(pdf), str(prefix)],
            check=True, capture_output=True, timeout=120,
        )
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(prefix.with_suffix(".png"), out)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("summary", nargs="?", type=Path, default=ROOT / "examples" / "汇总.xlsx")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img" / "summary-chart.png")
    args = parser.parse_args()
    print(render(args.summary, args.out))


if __name__ == "__main__":
    main()
