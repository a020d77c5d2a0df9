"""Language selection and a message formatter that tolerates missing values."""

from __future__ import annotations

from typing import Mapping

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"


class _Lenient(dict):
    def __missing__(self, key: str) -> str:
        return "?"


def fmt(template: str, values: Mapping[str, object] | None = None, **more: object) -> str:
    """Format ``template`` with ``{name}`` fields; a missing value prints as ``?`` instead of failing."""
    data = _Lenient({k: v for k, v in (values or {}).items() if v is not None})
    data.update({k: v for k, v in more.items() if v is not None})
    return template.format_map(data)  # str.format's own parser (C): what string.Formatter does, faster


def pick(texts: Mapping[str, str], lang: str) -> str:
    """The text for ``lang``, falling back to Chinese."""
    return texts.get(lang) or texts[DEFAULT_LANG]
