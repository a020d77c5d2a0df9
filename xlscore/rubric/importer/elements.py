"""The list a ``每缺1项`` / ``各扣N分`` counts, read from a clause or from the 考核内容.

``应建立报修制度、回访制度、…等`` → [报修制度, 回访制度, …]; ``不具备独立的休息区、学习区`` →
[休息区, 学习区]; ``提供通知类、…、订阅类短信业务`` with the clause's noun ``短信业务`` → […, 订阅类].
"""

from __future__ import annotations

import re

LEAD = re.compile(
    r"^(?:应当|应|须|必须)?(?:建立|具备|具有|提供|通过|包括|包含|设有|设置|配备|配置|实现|开展|制定|建有|有)"
    r"|^(?:不具备|未具备|不具有|没有|未建立|未提供|未设置|未配备|缺少|缺|无)"
)
TRAIL = re.compile(r"(?:等等|等)[^、]*$")
MAX_ELEMENT = 24


def clause_list(text: str) -> list[str]:
    """The 、-separated list in ``text`` (the segment with the most 、), cleaned; [] if none of two or more."""
    segments = re.split(r"[,;:。()]", text)
    best = max(segments, key=lambda s: s.count("、"), default="")
    if best.count("、") < 1:
        return []
    return _clean(best.split("、"), "")


def introduced(text: str) -> bool:
    """Whether the list in ``text`` reads as an enumeration of required things (``通过A、B等方式``, ``应建立A、B``)."""
    segments = re.split(r"[,;:。()]", text)
    best = max(segments, key=lambda s: s.count("、"), default="")
    return bool(LEAD.match(best.strip())) or "等" in best


def content_list(content: str, noun: str) -> list[str]:
    """The list in 考核内容; ``noun`` (``短信业务``) is cut off the last element."""
    return clause_list_with_noun(content, noun)


def clause_list_with_noun(text: str, noun: str) -> list[str]:
    segments = re.split(r"[,;:。()]", text)
    best = max(segments, key=lambda s: s.count("、"), default="")
    if best.count("、") < 1:
        return []
    return _clean(best.split("、"), noun)


def _clean(parts: list[str], noun: str) -> list[str]:
    parts = [p.strip() for p in parts]
    first = LEAD.sub("", parts[0])
    if "的" in first:
        first = first.rsplit("的", 1)[1]
    parts[0] = first
    last = re.sub(r"的$", "", TRAIL.sub("", parts[-1]))
    if noun and last.endswith(noun) and len(last) > len(noun):
        last = last[: -len(noun)]
    parts[-1] = last
    parts = [p for p in parts if p]
    if any(re.fullmatch(r"[\d.]+", p) for p in parts):
        return []  # ``1、二十种规程``: a list number, not a list
    if len(parts) < 2 or any(len(p) > MAX_ELEMENT for p in parts) or len(set(parts)) != len(parts):
        return []
    return parts
