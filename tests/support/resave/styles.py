"""``styles.xml`` regenerated as WPS writes it: cell formats in another order, number formats renumbered.

* ``cellXfs`` renumbered (the first, the default, stays first; the rest in reverse order) and every
  ``s=`` of cells and rows and ``style=`` of columns remapped, so each cell keeps its look;
* custom number formats renumbered from 176 (where WPS starts them); a custom format that is a
  built-in one (``General``) replaced by the built-in id, and the built-in percent formats 9 and 10
  moved to custom ids with the same code — a percent cell is then found only by its resolved format;
  the accounting formats 41-44 written out with their built-in ids, as WPS does;
* the built-in cell style names in Chinese, as the Chinese WPS names them.
"""

from __future__ import annotations

import re

from .cells import Cell, rewrite
from .parts import Parts, text_of, xml_of

FIRST_CUSTOM = 176
BUILTIN_CODES = {"General": 0, "0": 1, "0.00": 2}
MOVED_BUILTINS = {9: "0%", 10: "0.00%"}
#: WPS writes the accounting formats 41-44 out in full, with their built-in ids (as stored in its files).
WPS_BUILTINS = (
    (41, '_ * #,##0_ ;_ * \\-#,##0_ ;_ * &quot;-&quot;_ ;_ @_ '),
    (42, '_ &quot;￥&quot;* #,##0_ ;_ &quot;￥&quot;* \\-#,##0_ ;_ &quot;￥&quot;* &quot;-&quot;_ ;_ @_ '),
    (43, '_ * #,##0.00_ ;_ * \\-#,##0.00_ ;_ * &quot;-&quot;??_ ;_ @_ '),
    (44, '_ &quot;￥&quot;* #,##0.00_ ;_ &quot;￥&quot;* \\-#,##0.00_ ;_ &quot;￥&quot;* &quot;-&quot;??_ ;_ @_ '),
)
CHINESE_STYLE_NAMES = {
    "Normal": "常规", "Comma": "千位分隔", "Comma [0]": "千位分隔[0]", "Currency": "货币", "Currency [0]": "货币[0]",
    "Percent": "百分比", "Hyperlink": "超链接", "Followed Hyperlink": "已访问的超链接",
}
XF = re.compile(r"<xf\b[^>]*?(?:/>|>.*?</xf>)", re.DOTALL)
NUMFMT = re.compile(r'<numFmt\b[^>]*?numFmtId="(\d+)"[^>]*?formatCode="([^"]*)"[^>]*/>')


def regenerate_styles(parts: Parts) -> None:
    text = parts.text("xl/styles.xml")
    text, formats = _number_formats(text)
    text, order = _cell_formats(text, formats)
    text = re.sub(r'(<cellStyle\b[^>]*?name=")([^"]*)(")',
                  lambda m: m.group(1) + xml_of(CHINESE_STYLE_NAMES.get(text_of(m.group(2)), text_of(m.group(2)))) + m.group(3),
                  text)
    parts.put("xl/styles.xml", text)
    for _name, part in parts.sheets():
        if parts.has(part):
            parts.put(part, _remap_sheet(parts.text(part), order))


def _number_formats(text: str) -> tuple[str, dict[int, int]]:
    """The new ``numFmts`` and the old id → new id of every format that moved."""
    moved: dict[int, int] = {}
    kept: list[tuple[int, str]] = []
    next_id = FIRST_CUSTOM
    for old, code in NUMFMT.findall(text):
        builtin = BUILTIN_CODES.get(text_of(code))
        if builtin is not None:
            moved[int(old)] = builtin
            continue
        moved[int(old)] = next_id
        kept.append((next_id, code))
        next_id += 1
    used = {int(i) for i in re.findall(r'<xf\b[^>]*?numFmtId="(\d+)"', text)}
    for builtin, code in MOVED_BUILTINS.items():
        if builtin in used:
            moved[builtin] = next_id
            kept.append((next_id, code))
            next_id += 1
    listed = [*WPS_BUILTINS, *kept]
    body = "".join(f'<numFmt numFmtId="{i}" formatCode="{code}"/>' for i, code in listed)
    block = f'<numFmts count="{len(listed)}">{body}</numFmts>'
    text = re.sub(r"<numFmts\b.*?</numFmts>|<numFmts\b[^>]*/>", "", text, flags=re.DOTALL)
    text = re.sub(r"(<styleSheet\b[^>]*>)", lambda m: m.group(1) + block, text, count=1)

    def renumber(match: re.Match[str]) -> str:
        old = int(match.group(2))
        return f'{match.group(1)}numFmtId="{moved.get(old, old)}"'

    text = re.sub(r'(<xf\b[^>]*?)numFmtId="(\d+)"', renumber, text)
    return text, moved


def _cell_formats(text: str, _formats: dict[int, int]) -> tuple[str, dict[int, int]]:
    """``cellXfs`` reordered; returns old index → new index."""
    block = re.search(r"(<cellXfs\b[^>]*>)(.*?)(</cellXfs>)", text, re.DOTALL)
    assert block is not None
    xfs = XF.findall(block.group(2))
    new_order = [0] + list(range(len(xfs) - 1, 0, -1))  # new position → old index
    order = {old: new for new, old in enumerate(new_order)}
    body = "".join(xfs[old] for old in new_order)
    return text[: block.start(2)] + body + text[block.end(2):], order


def _remap_sheet(xml: str, order: dict[int, int]) -> str:
    def cell(c: Cell) -> Cell | None:
        if "s" not in c.attrs:
            return None
        c.attrs["s"] = str(order[int(c.attrs["s"])])
        return c

    xml = rewrite(xml, cell)
    xml = re.sub(r'(<row\b[^>]*?\bs=")(\d+)(")', lambda m: f"{m.group(1)}{order[int(m.group(2))]}{m.group(3)}", xml)
    return re.sub(r'(<col\b[^>]*?\bstyle=")(\d+)(")', lambda m: f"{m.group(1)}{order[int(m.group(2))]}{m.group(3)}", xml)
