"""The canonical form of a rubric and its sha256: what identifies a rubric version.

Key order, comments, whitespace and how numbers were typed (``2`` vs ``2.0``) do not change it;
any change of content does. Variables are kept unsubstituted (the defaults are part of the form).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from decimal import Decimal
from typing import Any

from xlscore.rubric.model import Rubric
from xlscore.rules.base import number

_VAR = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


_FIELDS: dict[type, tuple[str, ...]] = {}


def _kept_fields(cls: type) -> tuple[str, ...]:
    """The names of a record class's fields that belong to the canonical form, worked out once per class."""
    names = _FIELDS.get(cls)
    if names is None:
        names = _FIELDS[cls] = tuple(f.name for f in dataclasses.fields(cls) if not f.metadata.get("exclude"))
    return names


def plain(value: object) -> Any:
    """A record as JSON-ready data: every field but those marked ``exclude`` (review notes), Decimals as
    :func:`number` text."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {name: plain(getattr(value, name)) for name in _kept_fields(type(value))}
    if isinstance(value, Decimal):
        return number(value)
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    return value


#: Per rubric object (rubrics are frozen): its canonical JSON (None until asked for) and sha256.
_CACHE: dict[int, tuple[Rubric, str | None, str]] = {}


def _remember(rubric: Rubric, text: str | None, digest: str) -> None:
    if len(_CACHE) > 64:
        _CACHE.clear()
    _CACHE[id(rubric)] = (rubric, text, digest)


def canonical_json(rubric: Rubric) -> str:
    """Compact JSON with sorted keys and every default spelled out; worked out once per rubric object."""
    cached = _CACHE.get(id(rubric))
    if cached is not None and cached[0] is rubric and cached[1] is not None:
        return cached[1]
    data = plain(rubric)
    if data.get("blank_inputs") == "incomplete":  # added later: the default leaves every existing sha256 as it was
        del data["blank_inputs"]
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    _remember(rubric, text, hashlib.sha256(text.encode("utf-8")).hexdigest())
    return text


def rubric_sha256(rubric: Rubric) -> str:
    """sha256 of the canonical JSON; remembered per rubric object (rubrics are frozen)."""
    cached = _CACHE.get(id(rubric))
    if cached is not None and cached[0] is rubric:
        return cached[2]
    canonical_json(rubric)
    return _CACHE[id(rubric)][2]


def remember_sha256(rubric: Rubric, digest: str) -> None:
    """Record ``rubric``'s sha256 when it is known already (a cached rubric, validated with that hash)."""
    cached = _CACHE.get(id(rubric))
    if cached is None or cached[0] is not rubric:
        _remember(rubric, None, digest)


def rubric_from_json(text: str) -> Rubric:
    """Load a rubric back from its canonical JSON (as embedded in a workbook); raises ``ValidationError``."""
    from xlscore.rubric.validate import validated_json

    return validated_json(Rubric, text)


def substitute(rubric: Rubric, overrides: dict[str, str] | None = None) -> Rubric:
    """A copy of ``rubric`` with ``{name}`` variables replaced in every text (``overrides`` win over ``vars``)."""
    values = {**rubric.vars, **(overrides or {})}

    def replace(node: object) -> object:
        if isinstance(node, str):
            return _VAR.sub(lambda m: values.get(m.group(1), m.group(0)), node)
        if isinstance(node, dict):
            return {k: (v if k == "vars" else replace(v)) for k, v in node.items()}
        if isinstance(node, list):
            return [replace(v) for v in node]
        return node

    from xlscore.rubric.validate import validated

    data = replace(plain(rubric))
    data["vars"] = values  # type: ignore[index]
    return validated(Rubric, data)
