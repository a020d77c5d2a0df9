"""Text as Excel and WPS store it: shared strings in rich-text runs with phonetic runs, and inline strings.

* :func:`rich_strings` - every shared string of two characters or more becomes two runs, the first
  bold, followed by an ``<rPh>`` phonetic run and ``<phoneticPr>`` (as a Chinese or Japanese Excel
  writes them); the phonetic text is never part of the value.
* :func:`inline_strings` - every other text cell (alternating in reading order) becomes an inline
  string, every second one of those in runs.
"""

from __future__ import annotations

import re

from .cells import Cell, rewrite
from .parts import Parts, text_of, xml_of

SI = re.compile(r"<si>(.*?)</si>|<si/>", re.DOTALL)
PLAIN = re.compile(r'^<t(?: xml:space="preserve")?>(.*)</t>$', re.DOTALL)
BOLD = '<rPr><b/><sz val="10"/><color rgb="FF000000"/><rFont val="宋体"/><family val="3"/><charset val="134"/></rPr>'
PLAIN_RUN = '<rPr><sz val="10"/><color rgb="FF000000"/><rFont val="宋体"/><family val="3"/><charset val="134"/></rPr>'
PHONETIC = "ピン"


def runs(text: str) -> str:
    """``text`` as two runs (the first character bold), or one ``<t>`` when it is shorter than two."""
    if len(text) < 2:
        return f'<t xml:space="preserve">{xml_of(text)}</t>'
    return (f'<r>{BOLD}<t xml:space="preserve">{xml_of(text[:1])}</t></r>'
            f'<r>{PLAIN_RUN}<t xml:space="preserve">{xml_of(text[1:])}</t></r>')


def rich_strings(parts: Parts) -> None:
    if not parts.has("xl/sharedStrings.xml"):
        return

    def one(match: re.Match[str]) -> str:
        plain = PLAIN.match(match.group(1) or "")
        if plain is None or len(text_of(plain.group(1))) < 2:
            return match.group(0)
        return (f'<si>{runs(text_of(plain.group(1)))}<rPh sb="0" eb="1"><t>{PHONETIC}</t></rPh>'
                '<phoneticPr fontId="0" type="noConversion"/></si>')

    parts.put("xl/sharedStrings.xml", SI.sub(one, parts.text("xl/sharedStrings.xml")))


def shared_strings(parts: Parts) -> list[str]:
    """The plain text of each shared string (runs joined, phonetic runs left out)."""
    out = []
    for match in SI.finditer(parts.text("xl/sharedStrings.xml")):
        inner = re.sub(r"<rPh\b.*?</rPh>", "", match.group(1) or "", flags=re.DOTALL)
        out.append("".join(text_of(t) for t in re.findall(r"<t\b[^>]*>(.*?)</t>", inner, re.DOTALL)))
    return out


def inline_strings(parts: Parts) -> None:
    strings = shared_strings(parts) if parts.has("xl/sharedStrings.xml") else []
    for _name, part in parts.sheets():
        if not parts.has(part):
            continue
        count = 0

        def change(cell: Cell) -> Cell | None:
            nonlocal count
            if cell.attrs.get("t") != "s":
                return None
            count += 1
            if count % 2:
                return None
            value = re.search(r"<v>(\d+)</v>", cell.inner)
            if value is None:
                return None
            text = strings[int(value.group(1))]
            cell.attrs["t"] = "inlineStr"
            body = runs(text) if count % 4 == 0 else f'<t xml:space="preserve">{xml_of(text)}</t>'
            cell.inner = f"<is>{body}</is>"
            return cell

        parts.put(part, rewrite(parts.text(part), change))
