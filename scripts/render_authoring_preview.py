"""Render the first page of the rubric-import example's (docs/rubric.md) authoring workbook to PNG (``docs/img/authoring-workbook.png``).

    python scripts/render_authoring_preview.py [--out docs/img/authoring-workbook.png]

Imports ``examples/rubric-import/营业厅服务考核细则.docx`` into an authoring workbook (one 待核对
row, highlighted), prints it with LibreOffice to PDF and the first page with pdftoppm to PNG.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))  # the test support package

from support.libreoffice import convert_to_pdf

from xlscore.rubric.importer.output import import_to_file

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "rubric-import" / "营业厅服务考核细则.docx"


#: The table's part of the landscape A4 page (x, y, width, height as fractions), so the PNG is legible.
CROP = (0.055, 0.085, 0.89, 0.14)


def render(out: Path, resolution: int = 240) -> Path:
    with tempfile.TemporaryDirectory(prefix="xlscore-authoring-") as tmp:
        work = Path(tmp)
        book = work / "authoring.xlsx"
        import_to_file(EXAMPLE, book, "xlsx", force=True)
        pdf = convert_to_pdf([book], work)[book]
        prefix = work / "page"
        width, height = 11.69 * resolution, 8.27 * resolution  # A4 landscape in pixels
        box = [round(CROP[0] * width), round(CROP[1] * height), round(CROP[2] * width), round(CROP[3] * height)]
        subprocess.run(
            ["pdftoppm", "-png", "-r", str(resolution), "-f", "1", "-l", "1", "-singlefile",
             "-x", str(box[0]), "-y", str(box[1]), "-W", str(box[2]), "-H", str(box[3]), str(pdf), str(prefix)],
            check=True, capture_output=True, timeout=120,
        )
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(prefix.with_suffix(".png"), out)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img" / "authoring-workbook.png")
    print(render(parser.parse_args().out))


if __name__ == "__main__":
    main()
