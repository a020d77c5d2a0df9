"""The checked copy's additions to ``xl/styles.xml``: the 差异表's cell styles and the highlight formats.

The styles are appended to the workbook's own lists (counts fixed), so every existing style index
stays what it was.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from xml.etree.ElementTree import Element

from xlscore.report.package import (
    MAIN_NS, STYLES_REL, STYLES_TYPE, Book, Package, add_override, add_relationship, fresh_id, free_part,
)
from xlscore.report.table import CELL_STYLES, FILLS, INKS, LINK_COLOUR
from xlscore.report.xmltext import XML_DECL, child_count, ensure_child, locate, quote, with_attr

#: Stylesheet children in schema order (CT_Stylesheet).
STYLE_ORDER = ("numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs",
               "tableStyles", "colors", "extLst")

@dataclass
class Styles:
    xf: dict[str, int]  # the 差异表's cell styles by key → cellXfs index
    error_dxf: int
    warning_dxf: int


_THIN = "".join(f'<{side} style="thin"><color auto="1"/></{side}>' for side in ("left", "right", "top", "bottom"))
_EMPTY_STYLESHEET = f'{XML_DECL}<styleSheet xmlns="{MAIN_NS}"></styleSheet>'


def add_styles(package: Package, book: Book) -> Styles:
    part = book.styles
    if part is None:
        part = free_part(package, book.folder, "styles", plain=True)  # openpyxl looks only at xl/styles.xml
        package.put(part, _EMPTY_STYLESHEET)
        target = posixpath.relpath(part, book.folder or ".")
        add_relationship(package, book, fresh_id(book.rel_ids), STYLES_REL, target)
        add_override(package, part, STYLES_TYPE)
    current = package.text(part)
    p = locate(current.text, part).root.prefix
    base = _base_font(package.root(part) if book.styles else None)
    text, font = _append(current.text, part, "fonts", _fonts(p, base), [f"<{p}font>{base}</{p}font>"])
    text, fill = _append(text, part, "fills", [_fill(p, FILLS[k]) for k in FILLS],
                         [f'<{p}fill><{p}patternFill patternType="{t}"/></{p}fill>' for t in ("none", "gray125")])
    text, border = _append(text, part, "borders", [f"<{p}border>{_prefixed(_THIN, p)}<{p}diagonal/></{p}border>"],
                           [f"<{p}border/>"])
    default_xf = f'<{p}xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
    text, _ = _append(text, part, "cellStyleXfs", [], [default_xf])
    fonts = {"bold": font, "title": font + 1, "link": font + 2}
    fills = {key: fill + n for n, key in enumerate(FILLS)}
    xfs = [_xf(p, spec, fonts, fills, border) for spec in CELL_STYLES.values()]
    text, first_xf = _append(text, part, "cellXfs", xfs, [default_xf.replace("/>", ' xfId="0"/>')])
    # Fill, and also a bold coloured font and a thin frame: a rule of the workbook's own that is
    # also true and has a higher priority wins the fill, but not the font or the frame.
    dxfs = [f'<{p}dxf><{p}font><{p}b/><{p}color rgb="{ink}"/></{p}font>'
            f'<{p}fill><{p}patternFill patternType="solid"><{p}fgColor rgb="{c}"/><{p}bgColor rgb="{c}"/>'
            f"</{p}patternFill></{p}fill>"
            f"<{p}border>" + "".join(f'<{p}{side} style="thin"><{p}color rgb="{ink}"/></{p}{side}>'
                                     for side in ("left", "right", "top", "bottom")) + f"</{p}border></{p}dxf>"
            for c, ink in ((FILLS["error"], INKS["error"]), (FILLS["warning"], INKS["warning"]))]
    if book.styles is None:
        normal = f'<{p}cellStyle name="Normal" xfId="0" builtinId="0"/>'
        text, _ = _append(text, part, "cellStyles", [], [normal])
    text, first_dxf = _append(text, part, "dxfs", dxfs, [])
    package.put(part, text, current)
    return Styles({key: first_xf + n for n, key in enumerate(CELL_STYLES)}, first_dxf, first_dxf + 1)


def _append(text: str, part: str, local: str, items: list[str], defaults: list[str]) -> tuple[str, int]:
    """``text`` with ``items`` appended to the stylesheet's ``local`` list (``count`` fixed), and the
    index of the first one. An empty or missing list first gets ``defaults`` (what index 0 must be)."""
    successors = STYLE_ORDER[STYLE_ORDER.index(local) + 1:]
    text, _tree, node = ensure_child(text, local, successors, part)
    existing = child_count(text, node)
    if existing == 0:
        items = defaults + items
    if not items:
        return text, existing
    tag = with_attr(text[node.start: node.inner], "count", str(existing + len(items)))
    body = text[node.inner: node.close]
    return text[: node.start] + tag + body + "".join(items) + text[node.close:], max(existing, len(defaults))


def _prefixed(xml: str, prefix: str) -> str:
    return re.sub(r"<(/?)(?=[A-Za-z])", rf"<\g<1>{prefix}", xml) if prefix else xml


def _base_font(root: Element | None) -> str:
    """The inside of a font like the workbook's default one (size, name, family, charset)."""
    m = f"{{{MAIN_NS}}}"
    fonts = root.find(f"{m}fonts") if root is not None else None
    values: dict[str, str | None] = {"sz": "11", "name": "Calibri", "family": None, "charset": None}
    if fonts is not None and len(fonts):
        for tag in values:
            child = fonts[0].find(f"{m}{tag}")
            if child is not None and child.get("val"):
                values[tag] = child.get("val")
    return "".join(f"<{tag} val={quote(v)}/>" for tag, v in values.items() if v)


def _fonts(p: str, base: str) -> list[str]:
    base = _prefixed(base, p)
    title = re.sub(r'(<(?:[^\s>]+:)?sz val=")[^"]*"', r'\g<1>14"', base)
    link = base.replace(f"<{p}name ", f'<{p}color rgb="{LINK_COLOUR}"/><{p}name ', 1)
    return [f"<{p}font><{p}b/>{base}</{p}font>", f"<{p}font><{p}b/>{title}</{p}font>",
            f"<{p}font><{p}u/>{link}</{p}font>"]


def _fill(p: str, colour: str) -> str:
    return (f'<{p}fill><{p}patternFill patternType="solid"><{p}fgColor rgb="{colour}"/><{p}bgColor indexed="64"/>'
            f"</{p}patternFill></{p}fill>")


def _xf(p: str, spec, fonts: dict[str, int], fills: dict[str, int], border: int) -> str:  # type: ignore[no-untyped-def]
    font, fill, bordered, horizontal, vertical, wrap, quote = spec
    attrs = (f'numFmtId="0" fontId="{fonts[font] if font else 0}" fillId="{fills[fill] if fill else 0}" '
             f'borderId="{border if bordered else 0}" xfId="0" applyFont="1" applyFill="1" applyBorder="1" '
             f'applyAlignment="1"' + (' quotePrefix="1"' if quote else ""))
    align = (f' horizontal="{horizontal}"' if horizontal else "") + f' vertical="{vertical}"' + (
        ' wrapText="1"' if wrap else "")
    return f"<{p}xf {attrs}><{p}alignment{align}/></{p}xf>"

