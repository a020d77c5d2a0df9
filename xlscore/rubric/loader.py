"""Load a rubric file: YAML → model → self-checks, with every problem located by YAML path.

Problems are collected, not raised one by one: a rubric author sees them all at once.
"""

from __future__ import annotations

import difflib
import errno
import os
import re
import stat
import typing
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Callable

import yaml
from pydantic import BaseModel, ValidationError

from xlscore.errors import RubricError, RubricProblem
from xlscore.i18n import fmt, pick
from xlscore.rubric.messages import RUBRIC_MESSAGES
from xlscore.rubric.model import Group, Item, Rubric
from xlscore.rubric.selfcheck import self_check
from xlscore.rules import KINDS

DEFAULT_RUBRIC = "csc.yaml"
#: A rubric file with one of these suffixes is an authoring workbook, not YAML.
AUTHORING_SUFFIXES = (".xlsx", ".xlsm")
#: More YAML nodes than any rubric needs (the shipped one has ~2,000): stops an alias bomb early.
MAX_NODES = 200_000
#: Tags pydantic puts into error locations for tagged unions; they are not YAML keys.
_TAGS: dict[str, type[BaseModel]] = {"group": Group, "item": Item, **KINDS}


_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser when PyYAML has it: 10× faster


class RubricYamlLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """YAML 1.2 booleans: only true/false, so the key ``no`` (序号) and 是/否-like words stay text."""


RubricYamlLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
RubricYamlLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


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
    lines, problems = _structure(text, lang)
    if problems:
        raise RubricError(name, problems)
    try:
        data = yaml.load(text, Loader=RubricYamlLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        raise RubricError(name, [_yaml_problem(exc, lang)]) from None
    if not isinstance(data, dict):
        raise RubricError(name, [RubricProblem("", _msg("not_mapping", lang), 1)])
    return rubric_from_data(data, name, lang=lang, locate=lambda problem: _line_of(problem.path, lines))


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

    try:
        rubric = Rubric.model_validate(data)
    except ValidationError as exc:
        found = [placed(_translate(err, {}, lang)) for err in exc.errors()]
        raise RubricError(name, _unique(found)) from None
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


# --- YAML structure: line numbers and duplicate keys ----------------------------------------------
def _structure(text: str, lang: str) -> tuple[dict[str, int], list[RubricProblem]]:
    """Map each YAML path to its 1-based line; report YAML syntax errors, duplicate keys and alias loops."""
    try:
        root = yaml.compose(text, Loader=RubricYamlLoader)
    except yaml.YAMLError as exc:
        return {}, [_yaml_problem(exc, lang)]
    except RecursionError:
        return {}, [RubricProblem("", _msg("too_deep", lang))]
    walker = _Walker(lang, text)
    if root is not None:
        try:
            walker.walk(root, "")
        except _TooLarge as exc:
            return {}, [RubricProblem(exc.path, _msg("too_large", lang, limit=MAX_NODES), exc.line)]
        except RecursionError:
            return {}, [RubricProblem("", _msg("too_deep", lang))]
    return walker.lines, walker.problems


def _yaml_problem(exc: yaml.YAMLError, lang: str) -> RubricProblem:
    mark = getattr(exc, "problem_mark", None)
    line = mark.line + 1 if mark is not None else None
    detail = getattr(exc, "problem", None) or str(exc)
    return RubricProblem("", _msg("bad_yaml", lang, detail=detail), line)


def _source_text(node: yaml.Node, source: str) -> str:
    """The node as typed in the file (for a key that is a list or mapping), shortened."""
    text = source[node.start_mark.index : node.end_mark.index]
    return " ".join(text.split())[:40]


class _TooLarge(Exception):
    def __init__(self, path: str, line: int) -> None:
        super().__init__(path)
        self.path, self.line = path, line


@dataclass
class _Walker:
    """Walks the YAML node tree as the loader will expand it (aliases included), recording lines."""

    lang: str
    source: str = ""
    lines: dict[str, int] = field(default_factory=dict)
    problems: list[RubricProblem] = field(default_factory=list)
    nodes: int = 0
    open: set[int] = field(default_factory=set)  # ids of the nodes being walked: an alias back to one loops

    def walk(self, node: yaml.Node, path: str) -> None:
        line = node.start_mark.line + 1
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _TooLarge(path, line)
        self.lines.setdefault(path, line)
        if id(node) in self.open:
            self.problems.append(RubricProblem(path, _msg("recursive_alias", self.lang), line))
            return
        self.open.add(id(node))
        try:
            if isinstance(node, yaml.MappingNode):
                self._mapping(node, path)
            elif isinstance(node, yaml.SequenceNode):
                for index, value_node in enumerate(node.value):
                    self.walk(value_node, f"{path}[{index}]")
        finally:
            self.open.discard(id(node))

    def _mapping(self, node: yaml.MappingNode, path: str) -> None:
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                key = _source_text(key_node, self.source) or "…"
                self.problems.append(RubricProblem(path, _msg("key_not_text", self.lang, key=key), key_line))
                continue
            key = str(key_node.value)
            child = f"{path}.{key}" if path else key
            if key in seen:
                self.problems.append(RubricProblem(child, _msg("duplicate_key", self.lang, key=key), key_line))
            seen.add(key)
            self.lines.setdefault(child, key_line)
            self.walk(value_node, child)


def _line_of(path: str, lines: dict[str, int]) -> int | None:
    while path:
        if path in lines:
            return lines[path]
        cut = max(path.rfind("."), path.rfind("["))
        path = path[:cut] if cut > 0 else ""
    return None


# --- pydantic errors → located, actionable messages -----------------------------------------------
def _yaml_path(loc: tuple[Any, ...]) -> str:
    parts: list[str] = []
    previous: Any = None
    for part in loc:
        if isinstance(part, int):
            parts.append(f"[{part}]")
        elif isinstance(previous, int) and part in _TAGS:
            pass  # a union tag, not a key
        else:
            parts.append(f".{part}" if parts else str(part))
        previous = part
    return "".join(parts)


def _model_at(loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model class that holds the last element of ``loc``."""
    cls: type[BaseModel] | None = Rubric
    previous: Any = None
    for part in loc[:-1]:
        if isinstance(part, int):
            previous = part
            continue
        if isinstance(previous, int) and part in _TAGS:
            cls = _TAGS[part]
        elif cls is not None and part in cls.model_fields:
            models = _models_in(cls.model_fields[part].annotation)
            cls = models[0] if len(models) == 1 else None
        else:
            return None
        previous = part
    return cls


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found: list[type[BaseModel]] = []
    for arg in typing.get_args(annotation):
        found.extend(_models_in(arg))
    return found


def _suggest(word: str, choices: list[str], lang: str) -> str:
    close = difflib.get_close_matches(str(word), choices, n=1, cutoff=0.6)
    return _msg("did_you_mean", lang, suggestion=close[0]) if close else ""


def _translate(err: dict[str, Any], lines: dict[str, int], lang: str) -> RubricProblem:
    loc = tuple(err["loc"])
    path = _yaml_path(loc)
    kind = err["type"]
    ctx = err.get("ctx", {})
    key = loc[-1] if loc else ""
    if kind == "extra_forbidden":
        model = _model_at(loc)
        allowed = sorted(model.model_fields) if model else []
        message = _msg("unknown_key", lang, key=key, allowed=", ".join(allowed)) + _suggest(str(key), allowed, lang)
    elif kind == "union_tag_invalid":
        tags = list(KINDS)
        tag = ctx.get("tag")
        message = _msg("unknown_type", lang, tag=tag, allowed=", ".join(tags)) + _suggest(str(tag), tags, lang)
        path = f"{path}.type"
    elif kind == "union_tag_not_found":
        message = _msg("missing_type", lang, allowed=", ".join(KINDS))
        path = f"{path}.type"
    elif kind == "missing":
        message = _msg("missing_key", lang, key=key)
    elif kind == "literal_error":
        choices = [e.strip(" '") for e in str(ctx.get("expected", "")).replace(" or ", ",").split(",")]
        message = _msg("not_allowed", lang, value=err.get("input"), allowed=", ".join(choices))
        message += _suggest(str(err.get("input")), choices, lang)
    elif kind == "string_type":
        message = _msg("want_text", lang, value=err.get("input"))
    elif kind in ("decimal_parsing", "decimal_type", "int_parsing", "int_type", "float_parsing", "int_from_float"):
        message = _msg("want_number", lang, value=err.get("input"))
    elif kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        bound = next(iter(ctx.values()), "?")
        message = _msg(kind, lang, value=err.get("input"), bound=bound)
    elif kind in ("too_short", "string_too_short", "blank_text"):
        message = _msg("empty", lang)
    elif kind in ("list_type",):
        message = _msg("want_list", lang)
    elif kind in ("model_type", "dict_type", "model_attributes_type"):
        message = _msg("want_mapping", lang)
    elif kind in ("bool_parsing", "bool_type"):
        message = _msg("want_bool", lang, value=err.get("input"))
    elif kind == "string_pattern_mismatch":
        message = _msg("bad_pattern", lang, value=err.get("input"), pattern=ctx.get("pattern"))
    elif kind == "finite_number":
        message = _msg("want_finite", lang, value=err.get("input"))
    elif kind == "invalid_key":
        message = _msg("key_not_text", lang, key=key)
        path = f"{_yaml_path(loc[:-1])}.{key}".lstrip(".")
    elif kind in RUBRIC_MESSAGES:  # a validator's own PydanticCustomError, worded in messages.py
        message = _msg(kind, lang, **{"value": err.get("input"), **ctx})
    elif kind == "value_error":
        message = _msg("invalid", lang, detail=str(ctx.get("error", err["msg"])))
    else:
        message = _msg("invalid", lang, detail=err["msg"])
    return RubricProblem(path, message, _line_of(path, lines))


def _unique(problems: list[RubricProblem]) -> list[RubricProblem]:
    seen: set[tuple[str, str]] = set()
    out = []
    for p in problems:
        if (p.path, p.message) not in seen:
            seen.add((p.path, p.message))
            out.append(p)
    return out


def _msg(message_id: str, lang: str, **values: object) -> str:
    return fmt(pick(RUBRIC_MESSAGES[message_id], lang), values)


def _reason(exc: Exception) -> str:
    return getattr(exc, "strerror", None) or exc.__class__.__name__
