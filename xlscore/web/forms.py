"""Generate a form for the page: the same rubric loader as ``--rubric`` and the same generator as ``generate``."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from starlette.datastructures import UploadFile

from xlscore.errors import RubricError
from xlscore.messages import DEFAULT_OUTPUT
from xlscore.web.uploads import Folder, Limits, UploadRefused, save_stream
from xlscore.web.words import word


@dataclass
class Generated:
    """The written form (to send, then remove), or the rubric's problems as lines to show."""

    path: Path | None = None
    name: str = ""
    problems: list[str] | None = None
    folder: Path | None = None

    def cleanup(self) -> None:
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)


def generate_form(root: Path, rubric_upload: UploadFile | None, unit: str, period: str, lang: str,
                  limits: Limits) -> Generated:
    """Load the rubric (embedded, or the uploaded file) and write the form into a fresh private folder."""
    from xlscore.generate import GenerateOptions, generate_workbook
    from xlscore.rubric import load_rubric

    root.mkdir(parents=True, exist_ok=True, mode=0o700)
    folder = Path(tempfile.mkdtemp(prefix="generate-", dir=root))
    outcome = Generated(folder=folder)
    source = None
    if rubric_upload is not None:
        display = rubric_upload.filename or "rubric.yaml"
        source = Folder(folder / "rubric").place(display)
        try:
            save_stream(rubric_upload.file, source, limits.max_file_bytes, display)
        except UploadRefused as exc:
            outcome.problems = [word(exc.key, lang, **exc.values)]
            return outcome
    try:
        rubric = load_rubric(source, lang=lang)
    except RubricError as exc:
        shown = rubric_upload.filename if rubric_upload is not None else exc.file
        outcome.problems = [f"{p.where(shown or '')}: {p.message}" for p in exc.problems]
        return outcome
    outcome.name = DEFAULT_OUTPUT.get(lang, DEFAULT_OUTPUT["zh"])
    outcome.path = folder / outcome.name
    generate_workbook(rubric, outcome.path, GenerateOptions(unit=unit.strip(), period=period.strip(), lang=lang))
    return outcome
