"""Locating and editing elements in XML text, and making text safe for a cell.

The checked copy edits package parts as text at located positions, so namespaces, prefixes and
everything else stay exactly as the file had them; every part is parsed with defusedxml before it
is located here, and again after it is edited.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Iterator

XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
MAX_CELL_CHARS = 32767


class Unsupported(Exception):
    def __init__(self, part: str, detail: str) -> None:
        super().__init__(f"{part}: {detail}")
        self.part, self.detail = part, detail




# --- locating elements in XML text -------------------------------------------------------------
TOKEN = re.compile(
    r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<!.*?>"
    r"|</(?P<end>[^\s>]+)\s*>"
    r"|<(?P<start>[^\s/>!?]+)(?:\s+[^\s=/>]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*\s*(?P<empty>/?)>",
    re.DOTALL,
)
_ATTR = re.compile(r"(\s+)([^\s=/>]+)(\s*=\s*)(\"[^\"]*\"|'[^']*')")
#: Children whose content is skipped when locating (a worksheet's cells can be megabytes).
_SKIPPED = frozenset({"sheetData"})


@dataclass
class Node:
    """An element's place in the text: ``<start …>`` inner ``</close>`` end."""

    qname: str
    start: int
    inner: int
    close: int
    end: int

    @property
    def local(self) -> str:
        return self.qname.rpartition(":")[2]

    @property
    def prefix(self) -> str:
        return self.qname[: len(self.qname) - len(self.local)]

    @property
    def empty(self) -> bool:
        return self.inner == self.end


@dataclass
class Tree:
    root: Node
    children: list[Node]

    def child(self, local: str) -> Node | None:
        return next((c for c in self.children if c.local == local), None)

    def before(self, locals_: frozenset[str] | tuple[str, ...]) -> int:
        """Where a new child goes so that it precedes every child named in ``locals_``."""
        return next((c.start for c in self.children if c.local in locals_), self.root.close)


def locate(text: str, part: str = "") -> Tree:
    """The root element and its direct children, located in ``text`` (which defusedxml accepted)."""
    stack: list[Node] = []
    children: list[Node] = []
    root: Node | None = None
    pos = 0
    while (match := TOKEN.search(text, pos)) is not None:
        pos = match.end()
        if match.group("start") is not None:
            node = Node(match.group("start"), match.start(), pos, pos, pos)
            if match.group("empty"):
                if len(stack) == 1:
                    children.append(node)
                elif not stack:
                    root = node
            elif len(stack) == 1 and node.local in _SKIPPED:
                closing = _closing(text, node, pos)
                if closing is None:
                    raise Unsupported(part, f"unclosed {node.qname}")
                node.close, node.end = closing.start(), closing.end()
                children.append(node)
                pos = node.end
            elif len(stack) == 1 and _skip_plain_child(text, node, pos):
                children.append(node)  # its content holds nothing that could hide or nest its end tag
                pos = node.end
            else:
                stack.append(node)
        elif match.group("end") is not None:
            if not stack or stack[-1].qname != match.group("end"):
                raise Unsupported(part, f"unexpected </{match.group('end')}>")
            node = stack.pop()
            node.close, node.end = match.start(), match.end()
            if len(stack) == 1:
                children.append(node)
            elif not stack:
                root = node
    if root is None or stack:
        raise Unsupported(part, "no root element")
    return Tree(root, children)


def _closing(text: str, node: Node, pos: int) -> re.Match[str] | None:
    return _end_tag(node.qname).search(text, pos)


@functools.lru_cache(maxsize=256)
def _end_tag(qname: str) -> re.Pattern[str]:
    return re.compile(rf"</{re.escape(qname)}\s*>")


def _skip_plain_child(text: str, node: Node, pos: int) -> bool:
    """Set ``node``'s end from its first end tag, when nothing in between can make that wrong.

    Only ``locate``'s root and its children are needed, and a child such as ``mergeCells`` or
    ``definedNames`` can hold thousands of elements. Its first ``</qname>`` is its own end unless
    an element of the same name nests inside, or a comment, CDATA section or processing instruction
    holds the text (``<`` cannot appear raw in text or attribute values). Otherwise the caller
    walks the content token by token.
    """
    closing = _closing(text, node, pos)
    if closing is None:
        return False
    end = closing.start()
    if text.find("<!", pos, end) != -1 or text.find("<?", pos, end) != -1:
        return False
    nested = text.find(f"<{node.qname}", pos, end)
    while nested != -1:
        after = text[nested + len(node.qname) + 1: nested + len(node.qname) + 2]
        if after in ("", ">", "/") or after.isspace():
            return False
        nested = text.find(f"<{node.qname}", nested + 1, end)
    node.close, node.end = closing.start(), closing.end()
    return True


def child_count(text: str, node: Node) -> int:
    depth = count = 0
    for match in TOKEN.finditer(text, node.inner, node.close):
        if match.group("start") is not None:
            count += depth == 0
            depth += not match.group("empty")
        elif match.group("end") is not None:
            depth -= 1
    return count


def attr(tag: str, name: str) -> str | None:
    return next((m.group(4)[1:-1] for m in _ATTR.finditer(tag) if m.group(2) == name), None)


def with_attr(tag: str, name: str, value: str | None) -> str:
    """The start tag ``tag`` with attribute ``name`` set to ``value`` (removed when ``None``)."""
    for match in _ATTR.finditer(tag):
        if match.group(2) == name:
            if value is None:
                return tag[: match.start()] + tag[match.end():]
            return tag[: match.start(4)] + quote(value) + tag[match.end(4):]
    if value is None:
        return tag
    close = len(tag) - (2 if tag.endswith("/>") else 1)
    return f"{tag[:close]} {name}={quote(value)}{tag[close:]}"


def rewrite_tags(text: str, node: Node, local: str, rewrite) -> str:  # type: ignore[no-untyped-def]
    """``text`` with every start tag named ``local`` inside ``node`` replaced by ``rewrite(tag)``."""
    pieces, last = [], node.inner
    for match in start_tags(text, node.inner, node.close, local):
        pieces += [text[last: match.start()], rewrite(match.group(0))]
        last = match.end()
    return text[: node.inner] + "".join(pieces) + text[last:]


def start_tags(text: str, start: int, end: int, local: str) -> Iterator[re.Match[str]]:
    """The :data:`TOKEN` matches of the start tags named ``local`` (any prefix) in ``text[start:end]``.

    Without comments, CDATA or processing instructions there, every ``<`` opens a tag (``<`` cannot
    appear raw in text or attribute values), so the tags are found by their name alone instead of
    by walking every token (a definedNames or a run of conditional formats has thousands).
    """
    if text.find("<!", start, end) == -1 and text.find("<?", start, end) == -1:
        for hit in _named(local).finditer(text, start, end):
            match = TOKEN.match(text, hit.start(), end)
            if match is not None and match.group("start") is not None:
                yield match
        return
    for match in TOKEN.finditer(text, start, end):
        qname = match.group("start")
        if qname is not None and qname.rpartition(":")[2] == local:
            yield match


@functools.lru_cache(maxsize=64)
def _named(local: str) -> re.Pattern[str]:
    return re.compile(rf"<(?:[^\s/>!?<]*:)?{re.escape(local)}(?=[\s/>])")


def opened(text: str, node: Node) -> str:
    """``text`` with the empty element ``<x …/>`` at ``node`` written as ``<x …></x>``."""
    tag = re.sub(r"\s*/>$", ">", text[node.start: node.end])
    return text[: node.start] + tag + f"</{node.qname}>" + text[node.end:]


def ensure_child(text: str, local: str, successors: frozenset[str] | tuple[str, ...], part: str
                  ) -> tuple[str, Tree, Node]:
    """``text`` with a non-empty-form ``local`` child of the root (created before ``successors``)."""
    tree = locate(text, part)
    node = tree.child(local)
    if node is None:
        prefix = tree.root.prefix
        at = tree.before(successors)
        text = f"{text[:at]}<{prefix}{local}></{prefix}{local}>{text[at:]}"
    elif node.empty:
        text = opened(text, node)
    else:
        return text, tree, node
    tree = locate(text, part)
    return text, tree, tree.child(local)  # type: ignore[return-value]


# --- XML text helpers ----------------------------------------------------------------------------
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(value: object) -> str:
    """Text for a cell: characters XML cannot hold removed, at most 32,767 (UTF-16) characters."""
    text = "" if value is None else str(value)
    text = _ILLEGAL_XML.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    if len(text) <= MAX_CELL_CHARS // 2:
        return text
    units = text.encode("utf-16-le")
    return units[: 2 * MAX_CELL_CHARS].decode("utf-16-le", errors="ignore") if len(units) > 2 * MAX_CELL_CHARS else text


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def quote(value: str) -> str:
    escaped = escape(value).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")
    return f'"{escaped}"'


def number_text(value: Decimal) -> str:
    return format(value.normalize(), "f")
