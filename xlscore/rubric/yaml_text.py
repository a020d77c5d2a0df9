"""Rubric YAML: parsing with YAML 1.2 booleans, and each path's line, duplicate keys and alias bombs.

Imported only when YAML text is parsed: a check or a generate whose rubric is cached never loads PyYAML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from xlscore.errors import RubricError, RubricProblem
from xlscore.rubric.validate import message as _msg

#: More YAML nodes than any rubric needs (the shipped one has ~2,000): stops an alias bomb early.
MAX_NODES = 200_000


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


def parse_yaml(text: str, name: str, lang: str) -> tuple[dict[str, Any], dict[str, int]]:
    """The rubric data in YAML ``text`` and the 1-based line of each path; raises :class:`RubricError`."""
    lines, problems = _structure(text, lang)
    if problems:
        raise RubricError(name, problems)
    try:
        data = yaml.load(text, Loader=RubricYamlLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        raise RubricError(name, [_yaml_problem(exc, lang)]) from None
    if not isinstance(data, dict):
        raise RubricError(name, [RubricProblem("", _msg("not_mapping", lang), 1)])
    return data, lines


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
