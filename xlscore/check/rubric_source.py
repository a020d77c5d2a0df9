"""Which rubric a returned workbook is checked against, and what to say about it (RUB findings)."""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass, field

from xlscore.check import codes
from xlscore.check.findings import Finding
from xlscore.form.metadata import Metadata
from xlscore.reader.xlsx import WorkbookData
from xlscore.rubric.canonical import rubric_from_json, rubric_sha256
from xlscore.rubric import cache as rubric_cache
from xlscore.rubric.loader import default_rubric_path, load_rubric
from xlscore.rubric.model import Rubric
from xlscore.form.wording import SHEETS


@functools.lru_cache(maxsize=1)
def shipped_rubric() -> Rubric:
    """The rubric xlscore ships, loaded once per process (models are frozen, so sharing is safe)."""
    return load_rubric()


@functools.lru_cache(maxsize=1)
def shipped_identity() -> tuple[str, str, str]:
    """(id, version, sha256) of the shipped rubric: all a check against an embedded rubric needs of it."""
    return rubric_cache.shipped_identity(default_rubric_path().read_bytes(), shipped_rubric)


@dataclass
class RubricChoice:
    rubric: Rubric
    lang: str
    vars: dict[str, str]
    metadata: Metadata | None
    findings: list[Finding] = field(default_factory=list)


def read_metadata(workbook: WorkbookData) -> Metadata | None | str:
    """The metadata, None when the sheet is gone, or a short reason string when it is unreadable."""
    sheet = workbook.sheets.get(SHEETS["meta"]["zh"])  # the same name in every language
    if sheet is None:
        return None
    rows: dict[str, str] = {}
    for (row, col), cell in sorted(sheet.cells.items()):
        if col == 1 and isinstance(cell.value, str):
            value = sheet.get(row, 2)
            rows[cell.value] = "" if value is None or value.value is None else str(value.value)
    try:
        return Metadata.from_rows(rows)
    except (ValueError, KeyError) as exc:
        return str(exc)


def choose_rubric(workbook: WorkbookData, override: Rubric | None, override_name: str | None, lang: str) -> RubricChoice:
    """The embedded rubric, unless ``override`` is given; findings say what differs."""
    meta = read_metadata(workbook)
    default_name = override_name or ("the built-in rubric" if lang == "en" else "xlscore 内置评分细则")
    if meta is None:
        rubric = override or shipped_rubric()
        found = codes.RUB001.make(lang, rubric=f"{rubric.id} {rubric.version}")
        return RubricChoice(rubric, _guess_lang(workbook), dict(rubric.vars), None, [found])
    if isinstance(meta, str):
        rubric = override or shipped_rubric()
        found = codes.RUB004.make(lang, detail=meta, rubric=f"{rubric.id} {rubric.version}")
        return RubricChoice(rubric, _guess_lang(workbook), dict(rubric.vars), None, [found])
    embedded, problem = _embedded(meta)
    if override is not None:
        choice = RubricChoice(override, meta.lang, _vars(override, meta), meta)
        sha = rubric_sha256(override)
        if sha != meta.rubric_sha256:
            choice.findings.append(codes.RUB002.make(
                lang, expected=sha[:12], found=meta.rubric_sha256[:12], expected_id=override.id,
                expected_version=override.version, found_id=meta.rubric_id, found_version=meta.rubric_version,
            ))
        return choice
    if embedded is None:
        rubric = shipped_rubric()
        found = codes.RUB004.make(lang, detail=problem, rubric=default_name)
        return RubricChoice(rubric, meta.lang, _vars(rubric, meta), meta, [found])
    choice = RubricChoice(embedded, meta.lang, _vars(embedded, meta), meta)
    shipped_id, shipped_version, shipped_sha = shipped_identity()
    if shipped_id == embedded.id and shipped_sha != meta.rubric_sha256:
        choice.findings.append(codes.RUB003.make(
            lang, rubric_id=embedded.id, found=embedded.version, expected=shipped_version,
            found_sha=meta.rubric_sha256[:12], expected_sha=shipped_sha[:12],
        ))
    return choice


_EMBEDDED: dict[str, Rubric] = {}


def _embedded(meta: Metadata) -> tuple[Rubric | None, str]:
    """The rubric in the metadata, if its text still hashes to the recorded sha256 (parsed once per sha)."""
    if hashlib.sha256(meta.rubric_json.encode("utf-8")).hexdigest() != meta.rubric_sha256:
        return None, "sha256"
    if meta.rubric_sha256 not in _EMBEDDED:
        try:
            rubric = rubric_cache.embedded_rubric(meta.rubric_json, meta.rubric_sha256, rubric_from_json)
        except ValueError as exc:  # pydantic's ValidationError is one
            return None, type(exc).__name__
        if rubric_sha256(rubric) != meta.rubric_sha256:
            return None, "sha256"
        if len(_EMBEDDED) > 16:
            _EMBEDDED.clear()
        _EMBEDDED[meta.rubric_sha256] = rubric
    return _EMBEDDED[meta.rubric_sha256], ""


def embedded_rubric(meta: Metadata) -> Rubric | None:
    """The rubric a form's metadata carries, or None when it is damaged (its text no longer hashes right)."""
    return _embedded(meta)[0]


def _vars(rubric: Rubric, meta: Metadata) -> dict[str, str]:
    return {k: v for k, v in meta.vars.items() if k in rubric.vars}


def _guess_lang(workbook: WorkbookData) -> str:
    return "en" if SHEETS["summary"]["en"] in workbook.sheets and SHEETS["summary"]["zh"] not in workbook.sheets else "zh"
