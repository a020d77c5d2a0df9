"""``rubric import --lang en``: every finding in English; the review marks in the rubric stay in Chinese."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.importer.office_tables import write_docx, write_xlsx
from xlscore.cli import main
from xlscore.rubric.importer.notes import NOTES, place_text

#: One row for each kind of finding: a veto, a range with a cap, a bonus with no cap next to a zero-out,
#: a list taken from 考核内容, an unstated rounding, a 小计 that does not add up, a note row, no 序号.
ROWS = [
    ("section", "一、服务(40分)"),
    ("group", "1", "服务质量", 30),
    ("item", "1.1", "规范", "规范服务", 10, "服务不规范的,视情况扣1-3分,最多扣2分;发生有责投诉的一票否决。"),
    ("item", "1.2", "宣传", "宣传报道", 10, "每发表一篇稿件加0.5分;发生重大事故此项不得分。"),
    ("item", "1.3", "设施", "配备饮水机、老花镜、雨伞", 5, "每缺一项扣1分。"),
    ("subtotal", "小计", 30),
    ("item", "", "满意", "满意率≥95%", 15, "满意率每低1个百分点扣2分。"),
    ("note", "注:每季度考核一次。"),
]
#: Chinese that may stay in an English line: the source's own quoted text and the form's own terms.
QUOTED = re.compile(r"“[^”]*”|\([^)]*[\u4e00-\u9fff][^)]*\)")
TERMS = ("序号", "考核内容", "标准分", "评分规定", "一票否决", "不得分", "扣完为止", "小计", "合计", "要素", "考核细则")


def _import(tmp_path: Path, fmt: str, lang: str) -> tuple[str, Path]:
    writer = write_docx if fmt == "docx" else write_xlsx
    source = writer(tmp_path / f"细则.{fmt}", "服务考核细则", ROWS)
    out = tmp_path / "out.yaml"
    result = CliRunner().invoke(main, ["rubric", "import", str(source), "-o", str(out), "--lang", lang])
    assert result.exit_code == 1, result.output
    return result.output, out


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_findings_are_english_throughout(fmt: str, tmp_path: Path) -> None:
    output, out = _import(tmp_path, fmt, "en")
    lines = [line for line in output.splitlines() if line.strip()]
    assert len(lines) >= 8
    for line in lines:
        rest = line.split(": ", 1)[1] if line.startswith(str(tmp_path)) else line  # the file's own name is Chinese
        assert not re.search(r"[\u4e00-\u9fff]", _without_terms(rest).replace("'", "")), line
    assert "a veto (一票否决" in output and "caps its deduction at 2 points" in output
    assert "no cap on the bonus is stated" in output and "the bonus is still added then" in output
    assert ("table 1, row " if fmt == "docx" else "row ") in output
    # the rubric written keeps its review marks in the document's language
    text = out.read_text(encoding="utf-8")
    assert "“一票否决”不受支持" in text and "未写加分上限" in text and "a veto" not in text


def test_chinese_is_the_default(tmp_path: Path) -> None:
    output, _ = _import(tmp_path, "docx", "zh")
    assert "待核对: 序号1.1:“发生有责投诉的一票否决” — “一票否决”不受支持" in output
    assert "表1第" in output and "table 1" not in output


def test_every_message_has_both_languages_with_the_same_fields() -> None:
    for key, texts in NOTES.items():
        if key == "given":  # carries both languages as its values
            continue
        fields = {lang: set(re.findall(r"\{(\w+)\}", texts[lang])) for lang in ("zh", "en")}
        assert fields["zh"] == fields["en"], key
        assert not re.search(r"[\u4e00-\u9fff]", _without_terms(texts["en"])), key


def _without_terms(text: str) -> str:
    """English text without the quoted source and the form's own Chinese terms."""
    text = QUOTED.sub("", text)
    for term in TERMS:
        text = text.replace(term, "")
    return text


@pytest.mark.parametrize(("where", "english"), [
    ("表2第5行第3列", "table 2, row 5, column 3"), ("表1第7行", "table 1, row 7"),
    ("'考核细则'第4行", "'考核细则' row 4"), ("'考核细则'!E8", "'考核细则'!E8"), ("表1之前", "above table 1"),
])
def test_places_in_english(where: str, english: str) -> None:
    assert place_text(where, "en") == english
    assert place_text(where, "zh") == where
