"""Validation of rubric data into the model, and pydantic's errors as located, actionable problems.

The only module of the rubric that uses pydantic, and only inside its functions: a check or a
generate that takes its rubric from the cache never imports it. A validator is built per record
class on first use (``TypeAdapter``) and kept for the process. Validation errors are pydantic's
``ValidationError``, a ``ValueError``.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import typing
from typing import Any, TypeVar

from xlscore.errors import RubricProblem
from xlscore.i18n import fmt, pick
from xlscore.rubric.messages import RUBRIC_MESSAGES
from xlscore.rubric.model import Group, Item, Rubric
from xlscore.rules import KINDS

T = TypeVar("T")

#: Tags pydantic puts into error locations for tagged unions; they are not YAML keys.
_TAGS: dict[str, type] = {"group": Group, "item": Item, **KINDS}


@functools.lru_cache(maxsize=None)
def _adapter(cls: type) -> Any:
    from pydantic import TypeAdapter

    return TypeAdapter(cls)


def validated(cls: type[T], data: object) -> T:
    """``data`` (plain Python: dicts, lists, text, numbers) as a ``cls`` record; raises ``ValidationError``."""
    return _adapter(cls).validate_python(data)  # type: ignore[no-any-return]


def validated_json(cls: type[T], text: str) -> T:
    """JSON ``text`` as a ``cls`` record; raises ``ValidationError``."""
    return _adapter(cls).validate_json(text)  # type: ignore[no-any-return]


def rubric_or_problems(data: object, lang: str) -> tuple[Rubric | None, list[RubricProblem]]:
    """``data`` validated as a :class:`Rubric`, or None and every problem, worded and located by path."""
    from pydantic import ValidationError

    try:
        return validated(Rubric, data), []
    except ValidationError as exc:
        return None, [_translate(err, lang) for err in exc.errors()]


def error_lines(exc: Exception) -> list[tuple[str, str]]:
    """(dotted location, pydantic's message) of each error, worded as pydantic words them for its models."""
    out = []
    for err in exc.errors():  # type: ignore[attr-defined]
        text = str(err["msg"])
        if err["type"] == "unexpected_keyword_argument":
            text = "Extra inputs are not permitted"
        elif err["type"] == "dataclass_type":
            text = text.replace("a dictionary or an instance of", "a valid dictionary or instance of")
        out.append((".".join(str(part) for part in err["loc"]), text))
    return out


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


def _record_at(loc: tuple[Any, ...]) -> type | None:
    """The record class that holds the last element of ``loc``."""
    cls: type | None = Rubric
    previous: Any = None
    for part in loc[:-1]:
        if isinstance(part, int):
            previous = part
            continue
        hints = typing.get_type_hints(cls) if cls is not None else {}
        if isinstance(previous, int) and part in _TAGS:
            cls = _TAGS[part]
        elif part in hints:
            records = _records_in(hints[part])
            cls = records[0] if len(records) == 1 else None
        else:
            return None
        previous = part
    return cls


def _records_in(annotation: Any) -> list[type]:
    if isinstance(annotation, type) and dataclasses.is_dataclass(annotation):
        return [annotation]
    found: list[type] = []
    for arg in typing.get_args(annotation):
        found.extend(_records_in(arg))
    return found


def suggest(word: str, choices: list[str], lang: str) -> str:
    """`` Did you mean …?`` for the closest of ``choices``, or nothing."""
    close = difflib.get_close_matches(str(word), choices, n=1, cutoff=0.6)
    return message("did_you_mean", lang, suggestion=close[0]) if close else ""


def _translate(err: dict[str, Any], lang: str) -> RubricProblem:
    loc = tuple(err["loc"])
    path = _yaml_path(loc)
    kind = err["type"]
    ctx = err.get("ctx", {})
    key = loc[-1] if loc else ""
    if kind in ("extra_forbidden", "unexpected_keyword_argument"):
        record = _record_at(loc)
        allowed = sorted(f.name for f in dataclasses.fields(record)) if record else []
        text = message("unknown_key", lang, key=key, allowed=", ".join(allowed)) + suggest(str(key), allowed, lang)
    elif kind == "union_tag_invalid":
        tags = list(KINDS)
        tag = ctx.get("tag")
        text = message("unknown_type", lang, tag=tag, allowed=", ".join(tags)) + suggest(str(tag), tags, lang)
        path = f"{path}.type"
    elif kind == "union_tag_not_found":
        text = message("missing_type", lang, allowed=", ".join(KINDS))
        path = f"{path}.type"
    elif kind in ("missing", "missing_argument"):
        text = message("missing_key", lang, key=key)
    elif kind == "literal_error":
        choices = [e.strip(" '") for e in str(ctx.get("expected", "")).replace(" or ", ",").split(",")]
        text = message("not_allowed", lang, value=err.get("input"), allowed=", ".join(choices))
        text += suggest(str(err.get("input")), choices, lang)
    elif kind == "string_type":
        text = message("want_text", lang, value=err.get("input"))
    elif kind in ("decimal_parsing", "decimal_type", "int_parsing", "int_type", "float_parsing", "int_from_float"):
        text = message("want_number", lang, value=err.get("input"))
    elif kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        bound = next(iter(ctx.values()), "?")
        text = message(kind, lang, value=err.get("input"), bound=bound)
    elif kind in ("too_short", "string_too_short", "blank_text"):
        text = message("empty", lang)
    elif kind in ("list_type",):
        text = message("want_list", lang)
    elif kind in ("model_type", "dict_type", "model_attributes_type", "dataclass_type", "dataclass_args_type"):
        text = message("want_mapping", lang)
    elif kind in ("bool_parsing", "bool_type"):
        text = message("want_bool", lang, value=err.get("input"))
    elif kind == "string_pattern_mismatch":
        text = message("bad_pattern", lang, value=err.get("input"), pattern=ctx.get("pattern"))
    elif kind == "finite_number":
        text = message("want_finite", lang, value=err.get("input"))
    elif kind == "invalid_key":
        text = message("key_not_text", lang, key=key)
        path = f"{_yaml_path(loc[:-1])}.{key}".lstrip(".")
    elif kind in RUBRIC_MESSAGES:  # a validator's own custom error, worded in messages.py
        text = message(kind, lang, **{"value": err.get("input"), **ctx})
    elif kind == "value_error":
        text = message("invalid", lang, detail=str(ctx.get("error", err["msg"])))
    else:
        text = message("invalid", lang, detail=err["msg"])
    return RubricProblem(path, text, None)


def message(message_id: str, lang: str, **values: object) -> str:
    """A rubric message (messages.py) in ``lang``, filled with ``values``."""
    return fmt(pick(RUBRIC_MESSAGES[message_id], lang), values)
