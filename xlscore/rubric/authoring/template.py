"""``xlscore rubric template``: a blank authoring workbook with one example section row."""

from __future__ import annotations

from pathlib import Path

from xlscore.rubric.authoring.write import authoring_bytes


def template_bytes() -> bytes:
    data = {"id": "", "title": "", "version": "", "source": "", "sections": []}
    return authoring_bytes(data)


def write_template(output: Path) -> Path:
    from xlscore.atomic import write_bytes_atomically

    write_bytes_atomically(output, template_bytes())
    return output
