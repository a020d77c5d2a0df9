"""A 评分规定 cell → numbered clauses → sentences → one deduction each.

``1.抽查…,扣2分/次;2.…`` and ``(1)…`` and ``①…`` and line breaks all separate clauses; ``;`` and
``。`` separate sentences (never inside parentheses); a comma separates two deductions in one
sentence (``…扣2分/单,未正确录入…的,扣2分/单``). A sentence that is all in parentheses is an
aside (an exemption or an exception), kept apart from the rules.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from xlscore.rubric.importer.numbers import NUMBER

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
OPEN, CLOSE = "([【", ")]】"
MARKER = re.compile(r"^(?:\((\d{1,2})\)|(\d{1,2})(?:、|\.(?!\d))|([一二三四五六七八九十]{1,2})、)")
#: One deduction (or bonus, or zero-out) phrase; two of them in one sentence are two rules.
DEDUCTION = re.compile(
    rf"扣除?{NUMBER}(?:分?[-~至到]{NUMBER})?分|(?:此项|该项|本项)?不得分|得0分|加{NUMBER}分|奖励?{NUMBER}分|"
    rf"扣除?(?:该|此|本)项(?:全部)?分|一票否决"
)
CAP = re.compile(
    rf"[,(]?(?:(?:最多|最高|累计|合计|共|至多|本项|此项|该项)(?:可|最多)?[扣加](?:分)?(?:不超过)?({NUMBER})分(?:为止)?"
    rf"|扣满({NUMBER})分为止|以({NUMBER})分为限|扣分(?:不超过|不得超过|最多|上限)({NUMBER})分"
    rf"|(?:直至|直到)?扣[至为到]0分为止|(?:单项|本项|此项|该项)?分值?扣完为止|扣完本项分值为止)[)]?"
)


@dataclass
class Sentence:
    text: str  # folded: NFKC, no spaces, no list marker, no closing punctuation
    aside: bool = False  # printed in parentheses on its own
    clause_no: str = ""  # the list number it was printed under, if any
    cap: str | None = None  # ``最多扣5分`` (the number) or "" for 扣完为止, removed from ``text``


def normalise(text: str) -> str:
    """NFKC (full-width digits and punctuation to ASCII), circled numbers to list markers, spaces out."""
    for index, mark in enumerate(CIRCLED, start=1):
        text = text.replace(mark, f"\n{index}.")
    text = unicodedata.normalize("NFKC", text).replace("\u2212", "-").replace("—", "-").replace("–", "-").replace("〜", "~")
    text = text.replace(":", ":").replace("。", "。")
    text = dash_as_deduction(text)
    text = re.sub(r"(\d)[ \t]+([.、])", r"\1\2", text)  # ``2 .回访`` as OCR and typists leave it
    text = re.sub(r"[ \t]+(?=\d{1,2}[.、]\D)", "\n", text)  # a list number after spaces starts a clause
    return re.sub(r"[ \t\u00a0]+", "", text).strip()


def dash_as_deduction(text: str) -> str:
    """``—0.5分/项``, ``每缺一种—1分``, ``每低5—0.5分``, ``减2分``: the dash (and 减) before an amount means 扣.

    A dash between two amounts after 扣 (``扣4—6分``) stays a range."""
    text = re.sub(rf"(每[^\d,;。扣]{{0,8}}\d+(?:\.\d+)?(?:%|个百分点|分钟|小时|天|人|次|个)?)-(?={NUMBER}分)", r"\1扣", text)
    text = re.sub(rf"\(-({NUMBER})分?\)", r",扣\1分", text)  # 未恰当称呼客户(-5)
    text = re.sub(rf"(?<![\d.分扣除至到~])-(?={NUMBER}分)", "扣", text)
    return re.sub(rf"(?<![加增])减(?:去|除)?(?={NUMBER}分)", "扣", text)


def sentences(text: str) -> list[Sentence]:
    """The sentences of one 评分规定 text, each knowing its list number."""
    out: list[Sentence] = []
    clause_no = ""
    for raw in _split_top(normalise(text), ";。\n"):
        body = raw.strip(",;。. \n")
        marker = MARKER.match(body)
        if marker:
            clause_no = next(g for g in marker.groups() if g)
            body = body[marker.end():].strip(",;。. ")
        if not body:
            continue
        aside = body[0] in OPEN and _closing(body, 0) == len(body) - 1
        if aside:
            body = body[1:-1].strip(",;。. ")
        for piece in _split_deductions(body) if not aside else [body]:
            out.append(_with_cap(Sentence(piece, aside, clause_no)))
    return out


def _with_cap(sentence: Sentence) -> Sentence:
    found = CAP.search(sentence.text)
    if found is None or sentence.aside:
        return sentence
    number = next((g for g in found.groups() if g), "")
    rest = (sentence.text[: found.start()] + sentence.text[found.end():]).strip(",;。. \n")
    return Sentence(rest or sentence.text, sentence.aside, sentence.clause_no, number)


def _split_top(text: str, separators: str) -> list[str]:
    """Split at ``separators`` outside parentheses."""
    parts, depth, start = [], 0, 0
    for index, ch in enumerate(text):
        if ch in OPEN:
            depth += 1
        elif ch in CLOSE:
            depth = max(0, depth - 1)
        elif ch in separators and depth == 0:
            parts.append(text[start:index + 1])
            start = index + 1
    parts.append(text[start:])
    return [p for p in parts if p.strip(",;。. \n")]


def _split_deductions(sentence: str) -> list[str]:
    """Cut a sentence after each deduction phrase that another deduction follows (at a comma)."""
    without_caps = CAP.sub("", sentence)
    if len(DEDUCTION.findall(without_caps)) < 2:
        return [sentence]
    chunks, current = [], ""
    for piece in _split_top(sentence, ","):
        current += piece
        if DEDUCTION.search(CAP.sub("", current)):
            chunks.append(current.strip(","))
            current = ""
    if current.strip(","):
        if chunks and not DEDUCTION.search(CAP.sub("", current)):
            chunks[-1] = f"{chunks[-1]},{current.strip(',')}"
        else:
            chunks.append(current.strip(","))
    return chunks


def _closing(text: str, start: int) -> int:
    depth = 0
    for index in range(start, len(text)):
        if text[index] in OPEN:
            depth += 1
        elif text[index] in CLOSE:
            depth -= 1
            if depth == 0:
                return index
    return -1
