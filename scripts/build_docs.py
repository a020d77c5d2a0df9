"""Rebuild everything the docs show that is generated: the command reference, the code list, the screenshots.

    python scripts/build_docs.py              # all of it (the screenshots need LibreOffice, poppler, Chromium)
    python scripts/build_docs.py --text-only  # docs/cli.md and docs/codes.md only (no engine needed)

Steps, in order; each is one of the scripts the project already has, run in a fresh interpreter:

1. ``docs/cli.md`` from the click definitions (``scripts/build_cli_doc.py``);
2. ``docs/codes.md`` from the code catalogue (``python -m xlscore.check.docs``);
3. the print previews in ``docs/img``: the form (封面, 说明, section 1, 汇总), a filled form, the 差异表 of a
   checked copy, the summary's sheets (``scripts/render_previews.py``);
4. the summary's chart (``scripts/render_summary_chart.py``);
5. the web page after checking the example units (``scripts/render_web_page.py``);
6. the authoring workbook of the rubric-import example (``scripts/render_authoring_preview.py``).

The guide (``docs/使用指南.md``) and docs/workbook.md show these pictures. Exits 0 when every step
succeeded, else 1 after running the others, naming the steps that failed. ``tests/test_docs.py`` checks
steps 1 and 2 (``tests/test_codes_doc.py`` too); ``tests/test_previews.py`` runs the renderers.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
TEXT_STEPS = [
    ("docs/cli.md", [PY, "scripts/build_cli_doc.py"], None),
    ("docs/codes.md", [PY, "-m", "xlscore.check.docs"], ROOT / "docs" / "codes.md"),
]
PICTURE_STEPS = [
    ("print previews", [PY, "scripts/render_previews.py", "--out", "docs/img"], None),
    ("summary chart", [PY, "scripts/render_summary_chart.py", "--out", "docs/img/summary-chart.png"], None),
    ("web page", [PY, "scripts/render_web_page.py", "--out", "docs/img/web-check.png"], None),
    ("authoring workbook", [PY, "scripts/render_authoring_preview.py", "--out", "docs/img/authoring-workbook.png"], None),
]


def run_step(name: str, command: list[str], stdout_to: Path | None) -> bool:
    print(f"build_docs: {name} …", flush=True)
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, encoding="utf-8")
    if done.returncode != 0:
        print(f"build_docs: {name} failed (exit {done.returncode}):\n{done.stderr.strip()}", file=sys.stderr)
        return False
    if stdout_to is not None:
        stdout_to.write_text(done.stdout, encoding="utf-8")
    return True


def main(argv: list[str]) -> int:
    steps = TEXT_STEPS if "--text-only" in argv else TEXT_STEPS + PICTURE_STEPS
    failed = [name for name, command, target in steps if not run_step(name, command, target)]
    if failed:
        print(f"build_docs: failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    print(f"build_docs: {len(steps)} steps done")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
