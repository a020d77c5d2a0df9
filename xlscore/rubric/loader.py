"""Load a rubric file: YAML → model → self-checks, with every problem located by YAML path.

Problems are collected, not raised one by one: a rubric author sees them all at once. A YAML text
validated before is taken from the per-user cache (``rubric.cache``) without parsing it again.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Callable

from xlscore.errors import RubricError, RubricProblem
from xlscore.rubric import cache
from xlscore.rubric.model import Rubric
from xlscore.rubric.selfcheck import self_check
from xlscore.rubric.validate import message as _msg
from xlscore.rubric.validate import rubric_or_problems

DEFAULT_RUBRIC = "csc.yaml"
#: A rubric file with one of these suffixes is an authoring workbook, not YAML.
AUTHORING_SUFFIXES = (".xlsx", ".xlsm")


def default_rubric_path() -> Path:
    """The rubric shipped with xlscore (package data ``xlscore.templates``)."""
    return Path(str(resources.files("xlscore.templates").joinpath(DEFAULT_RUBRIC)))


@dataclass
class LoadedRubric:
    """A valid rubric, the file it came from, and its warnings (e.g. an incomplete section)."""

    rubric: Rubric
    file: str
    warnings: list[RubricProblem] = field(default_factory=list)


def load_rubric(path: str | Path | None = None, *, lang: str = "zh") -> Rubric:
    """Load and validate a rubric (the shipped one when ``path`` is None); raises :class:`RubricError`."""
    return load_rubric_checked(path, lang=lang).rubric


def load_rubric_checked(path: str | Path | None = None, *, lang: str = "zh") -> LoadedRubric:
    """Like :func:`load_rubric`, also returning warnings; raises :class:`RubricError` listing every error."""
    file = Path(path) if path is not None else default_rubric_path()
    name = str(path) if path is not None else f"<{DEFAULT_RUBRIC}>"
    if file.suffix.lower() in AUTHORING_SUFFIXES:
        return load_authoring(file, name, lang)
    try:
        if not stat.S_ISREG(os.stat(file).st_mode):  # a folder, or a pipe that would block the read forever
            raise IsADirectoryError(errno.EISDIR, "not a regular file") if file.is_dir() else OSError(0, "not a regular file")
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RubricError(name, [RubricProblem("", _msg("file_missing", lang))], unreadable=True) from None
    except (OSError, UnicodeDecodeError) as exc:
        problem = RubricProblem("", _msg("unreadable", lang, reason=_reason(exc)))
        raise RubricError(name, [problem], unreadable=not isinstance(exc, UnicodeDecodeError)) from None
    return parse_rubric(text, name, lang=lang)


def parse_rubric(text: str, name: str = "<rubric>", *, lang: str = "zh") -> LoadedRubric:
    """Parse rubric YAML ``text``; ``name`` is used in messages."""
    rubric, warnings = cache.parsed(text, lang, lambda: _parse(text, name, lang))
    return LoadedRubric(rubric, name, warnings)


def _parse(text: str, name: str, lang: str) -> tuple[Rubric, list[RubricProblem]]:
    from xlscore.errors import nearest
    from xlscore.rubric.yaml_text import parse_yaml

    data, lines = parse_yaml(text, name, lang)
    loaded = rubric_from_data(data, name, lang=lang, locate=lambda problem: nearest(problem.path, lines))
    return loaded.rubric, loaded.warnings


def rubric_from_data(
    data: dict[str, Any], name: str, *, lang: str = "zh", locate: Callable[[RubricProblem], object] | None = None
) -> LoadedRubric:
    """Validate rubric ``data`` (from YAML or the authoring workbook) and run the self-checks.

    ``locate`` places each problem: it returns a line number (YAML) or a cell address (workbook).
    """

    def placed(problem: RubricProblem) -> RubricProblem:
        where = locate(problem) if locate is not None else None
        if isinstance(where, int):
            problem.line = problem.line or where
        elif isinstance(where, str) and where:
            problem.path = f"{where} ({problem.path})" if problem.path else where
        return problem

    rubric, invalid = rubric_or_problems(data, lang)
    if rubric is None:
        raise RubricError(name, _unique([placed(problem) for problem in invalid]))
    checked = [placed(problem) for problem in self_check(rubric, lang)]
    errors = [p for p in checked if p.severity == "error"]
    if errors:
        raise RubricError(name, errors)
    return LoadedRubric(rubric, name, [p for p in checked if p.severity != "error"])


def load_authoring(file: Path, name: str, lang: str) -> LoadedRubric:
    """A rubric from an authoring workbook (``xlscore rubric template`` / ``rubric import``); problems name cells."""
    from xlscore.rubric.authoring.read import AuthoringError, read_authoring

    if not file.is_file():
        raise RubricError(name, [RubricProblem("", _msg("file_missing", lang))])
    try:
        authored = read_authoring(file)
    except AuthoringError as exc:
        raise RubricError(name, [RubricProblem("", _msg("not_authoring", lang, reason=exc.reason))]) from None
    found = [RubricProblem(cell, message) for cell, message in authored.problems]

    def locate(problem: RubricProblem) -> str:
        path = problem.path
        while path:
            if path in authored.cells:
                return authored.cells[path]
            cut = max(path.rfind("."), path.rfind("["))
            path = path[:cut] if cut > 0 else ""
        return ""

    try:
        loaded = rubric_from_data(authored.data, name, lang=lang, locate=locate)
    except RubricError as exc:
        raise RubricError(name, found + exc.problems) from None
    if found:
        raise RubricError(name, found)
    return loaded


def _unique(problems: list[RubricProblem]) -> list[RubricProblem]:
    seen: set[tuple[str, str]] = set()
    out = []
    for p in problems:
        if (p.path, p.message) not in seen:
            seen.add((p.path, p.message))
            out.append(p)
    return out


def _reason(exc: Exception) -> str:
    return getattr(exc, "strerror", None) or exc.__class__.__name__
