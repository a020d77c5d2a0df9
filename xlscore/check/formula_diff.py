"""What differs between two formulas that look the same when printed.

A changed-formula finding shows the workbook's formula beside the generated one. When the two
print identically, the difference is one a reader cannot see: a hidden character (a zero-width
space, a BOM), a look-alike character (a full-width ``Ｉ``, a Cyrillic ``С``), or nothing in the
text at all: the sheet it sits on has another name (a name that decodes differently, or holds
such a character), or the rows it reads have moved. This module says which, so the finding
never prints two identical formulas without a reason.
"""

from __future__ import annotations

import unicodedata

from xlscore.i18n import fmt

#: Letters that print like Latin capitals or digits but are other characters (Cyrillic, Greek).
LOOKALIKES = str.maketrans({
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T", "Х": "X",
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "х": "x", "І": "I", "Ι": "I", "Α": "A", "Β": "B", "Ε": "E",
    "Ζ": "Z", "Η": "H", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Χ": "X", "Υ": "Y",
})
WORDS = {
    "char": {"zh": "第 {at} 个字符不同:表中为 {found},应为 {expected}", "en": "character {at} differs: the workbook has {found}, the form {expected}"},
    "extra": {"zh": "表中第 {at} 个字符 {found} 是多出来的", "en": "character {at} of the workbook's formula, {found}, is extra"},
    "missing": {"zh": "表中在第 {at} 个字符处少了 {expected}", "en": "the workbook's formula lacks {expected} at character {at}"},
    "sheet": {"zh": "公式文字相同,但所在工作表的名称不同:表中为“{found}”,原表为“{expected}”({why})",
              "en": "the text is the same but its sheet's name differs: “{found}” in the workbook, “{expected}” in the form ({why})"},
    "rows": {"zh": "公式文字相同,但所引用的行已移动(插入或删除了行),它读的已不是原表的单元格",
             "en": "the text is the same but the rows it reads have moved (rows inserted or deleted), so it reads other cells than the form's"},
    "name_char": {"zh": "名称第 {at} 个字符不同:表中为 {found},应为 {expected}", "en": "character {at} of the name differs: {found} instead of {expected}"},
    "name_extra": {"zh": "表中名称第 {at} 个字符 {found} 是多出来的", "en": "character {at} of the workbook's name, {found}, is extra"},
    "name_missing": {"zh": "表中名称在第 {at} 个字符处少了 {expected}", "en": "the workbook's name lacks {expected} at character {at}"},
    "hidden": {"zh": "不可见字符", "en": "a hidden character"},
    "lookalike": {"zh": "形近字符", "en": "a look-alike character"},
    "lead": {"zh": ";两者看起来相同,区别在于:", "en": "; they look the same, but "},
}


def _key(lang: str) -> str:
    return "en" if lang == "en" else "zh"


def visible(text: str) -> str:
    """``text`` as a reader sees it: hidden characters dropped, look-alikes and full-width forms made plain."""
    plain = "".join(c for c in unicodedata.normalize("NFKC", text) if not _hidden(c))
    return plain.translate(LOOKALIKES)


def looks_same(found: str, expected: str) -> bool:
    """Whether the two formulas print the same (leading ``=`` aside)."""
    return visible(found.lstrip("=")) == visible(expected.lstrip("="))


def _hidden(c: str) -> bool:
    return unicodedata.category(c) in ("Cf", "Cc", "Co", "Cn") or (unicodedata.category(c) == "Zs" and c != " ")


def describe(c: str, lang: str) -> str:
    """``U+200B ZERO WIDTH SPACE(不可见字符)``: a character a reader cannot tell apart by eye."""
    kind = "hidden" if _hidden(c) else "lookalike" if visible(c) != c else None
    shown = "" if _hidden(c) else f"“{c}” "
    opening, closing = (" (", ")") if lang == "en" else ("(", ")")
    note = f"{opening}{WORDS[kind][_key(lang)]}{closing}" if kind else ""
    return f"{shown}U+{ord(c):04X} {unicodedata.name(c, '?')}{note}"


def text_difference(found: str, expected: str, lang: str, subject: str = "") -> str:
    """The first character where ``found`` and ``expected`` part, described (``subject`` "name_": of a sheet name)."""
    key = _key(lang)
    words = {kind: WORDS[subject + kind][key] for kind in ("char", "extra", "missing")}
    at = next((i for i, (a, b) in enumerate(zip(found, expected)) if a != b), min(len(found), len(expected)))
    if at < len(found) and at < len(expected):
        if found[at + 1:] == expected[at:]:
            return fmt(words["extra"], at=at + 1, found=describe(found[at], lang))
        if found[at:] == expected[at + 1:]:
            return fmt(words["missing"], at=at + 1, expected=describe(expected[at], lang))
        return fmt(words["char"], at=at + 1, found=describe(found[at], lang), expected=describe(expected[at], lang))
    if at < len(found):
        return fmt(words["extra"], at=at + 1, found=describe(found[at], lang))
    return fmt(words["missing"], at=at + 1, expected=describe(expected[at], lang))


def what_differs(found: str, expected: str, here_found: str, here_layout: str, lang: str) -> str:
    """Why two formulas that print the same are not the same, led by ``;``; "" when they do not print the same."""
    found, expected = found.lstrip("="), expected.lstrip("=")
    if not looks_same(found, expected):
        return ""
    key = _key(lang)
    if found != expected:
        return WORDS["lead"][key] + text_difference("=" + found, "=" + expected, lang)
    gap = "; " if key == "en" else ";"
    if here_found.upper() != here_layout.upper():
        why = text_difference(here_found, here_layout, lang, "name_")
        return gap + fmt(WORDS["sheet"][key], found=printable(here_found), expected=here_layout, why=why)
    return gap + WORDS["rows"][key]


def printable(text: str) -> str:
    """Control characters (what ISO-8859-1 makes of UTF-8 continuation bytes) as ``\\x88``, so a name can be shown."""
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" if ord(c) < 256 else f"\\u{ord(c):04x}" for c in text)
