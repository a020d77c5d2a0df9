"""What the reader takes from ``styles.xml``: the cell styles whose number format shows a percentage.

A program that saves the file (WPS, Excel) rewrites ``styles.xml``: style indexes and custom format
ids change, and a custom format may redefine a built-in id. So a style is judged by the format
code it resolves to, never by its ``s=`` index or its format id alone.
"""

from __future__ import annotations

import re

#: Built-in number formats (ECMA-376 §18.8.30) whose code shows a percentage.
BUILTIN_CODES = {9: "0%", 10: "0.00%"}
#: What in a format code is shown as it is, not as a format: "text", \x, _x (a space as wide as x), *x (fill), [..].
_LITERAL = re.compile(r'"[^"]*"|\\.|_.|\*.|\[[^\]]*\]')


def shows_percent(code: str) -> bool:
    """Whether format ``code`` multiplies by 100 and shows ``%`` (a ``%`` outside quotes and escapes)."""
    return "%" in code and "%" in _LITERAL.sub("", code)


def percent_styles(root, ns: str) -> set[int]:  # type: ignore[no-untyped-def]
    """Indexes of the ``<cellXfs>`` entries of ``styles.xml`` (``root``) whose resolved format shows a percentage."""
    codes: dict[int, str] = dict(BUILTIN_CODES)
    for fmt in root.iter(f"{ns}numFmt"):
        number = fmt.get("numFmtId", "")
        if number.isdigit():
            codes[int(number)] = fmt.get("formatCode", "")
    percent = {number for number, code in codes.items() if shows_percent(code)}
    xfs = root.find(f"{ns}cellXfs")
    out: set[int] = set()
    for index, xf in enumerate(xfs if xfs is not None else []):
        number = xf.get("numFmtId", "0")
        if number.isdigit() and int(number) in percent:
            out.add(index)
    return out
