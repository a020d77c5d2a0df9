"""Malformed rubrics: each gets located, actionable messages (library and CLI), never a traceback.

Every case is ``examples/small-rubric.yaml`` with one edit. Expected problems are
``(YAML path, key phrase, line)``; the list is exact and in order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from xlscore.cli import main
from xlscore.errors import RubricError
from xlscore.rubric import parse_rubric, rubric_sha256

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "small-rubric.yaml"
BASE = EXAMPLE.read_text(encoding="utf-8")
RULE_11 = "sections[0].items[0].items[0].rules[0]"  # 1.1, 振铃超时 (line 24)
ITEM_12 = "sections[0].items[0].items[1]"  # 1.2, 接通率 (line 33)
RULE_12 = f"{ITEM_12}.rules[0]"  # its below_target rule (line 41)
ITEM_2 = "sections[0].items[1]"  # 2, 管理制度 (line 60)
ITEM_3 = "sections[0].items[2]"  # 3, 综合评价 (line 75)
TOP_KEYS = "blank_inputs, corrections, exemption_policy, id, sections, source, title, vars, version"
KINDS = "per_occurrence, capped_per_occurrence, per_missing, once, zero_out, below_target, threshold_zero_out, manual, range, bonus"


def edit(old: str, new: str) -> str:
    """The example rubric with one unique piece of text replaced."""
    assert BASE.count(old) == 1, f"not unique in the example: {old!r}"
    return BASE.replace(old, new)


@dataclass(frozen=True)
class Case:
    id: str
    text: str
    problems: list[tuple[str, str, int | None]]  # (path, key phrase of the message, line)
    english: list[str] = field(default_factory=list)  # key phrases with --lang en, in order


CASES = [
    Case(
        "unknown-top-level-key",
        edit("title: 示例考核细则", "titel: 示例考核细则"),
        [
            ("title", "缺少必填键 `title`", None),
            ("titel", f"未知的键 `titel`;此处允许的键:{TOP_KEYS}。是不是想写 `title`?", 3),
        ],
        ["required key `title` is missing", f"unknown key `titel`; allowed here: {TOP_KEYS}. Did you mean `title`?"],
    ),
    Case(
        "unknown-rule-key",
        edit("                points: 2\n", "                point: 2\n"),
        [(f"{RULE_11}.points", "缺少必填键 `points`", 24), (f"{RULE_11}.point", "是不是想写 `points`", 26)],
    ),
    Case(
        "unknown-rule-type",
        edit("type: per_occurrence\n                clause: 振铃超时,扣2分", "type: per_occurence\n                clause: 振铃超时,扣2分"),
        [(f"{RULE_11}.type", f"未知的规则类型 `per_occurence`;允许的类型:{KINDS}。是不是想写 `per_occurrence`?", 24)],
        [f"unknown rule type `per_occurence`; allowed types: {KINDS}. Did you mean `per_occurrence`?"],
    ),
    Case(
        "missing-rule-type",
        edit("- type: per_occurrence\n                clause: 振铃超时,扣2分/次", "- clause: 振铃超时,扣2分/次"),
        [(f"{RULE_11}.type", "规则缺少 `type`;请写明规则类型之一:per_occurrence", 24)],
    ),
    Case(
        "score-not-a-number",
        edit("score: 10\n            text: 抽查不少于12", "score: abc\n            text: 抽查不少于12"),
        [("sections[0].items[0].items[0].score", "应为数字,实际是 `abc`", 20)],
    ),
    Case(
        "serial-unquoted",
        edit('no: "1.1"', "no: 1.10"),
        [("sections[0].items[0].items[0].no", "应为文本,实际是 `1.1`;请加引号", 17)],
    ),
    Case(
        "serial-malformed",
        edit('no: "1.1"', 'no: "1.a"'),
        [("sections[0].items[0].items[0].no", "序号 `1.a` 格式不对:应为 1、1.2 或 6.10", 17)],
    ),
    Case(
        "duplicate-serial",
        edit('no: "1.3"', 'no: "1.2"'),
        [("sections[0].items[0].items[2].no", f"序号 1.2 在本部分重复(第一次出现在 {ITEM_12})", 48)],
    ),
    Case(
        "group-total-mismatch",
        edit("score: 10\n            text: 抽查不少于12", "score: 12\n            text: 抽查不少于12"),
        [("sections[0].items[0].total", "分组 1 声明的标准分为 40,但下属各项合计 42;请改正", 15)],
    ),
    Case(
        "section-total-mismatch",
        edit("total: 60", "total: 70"),
        [("sections[0].total", "部分 1 声明的标准分为 70,但下属各项合计 60", 11)],
    ),
    Case(
        "negative-points",
        edit("points: 3\n                rounding", "points: -3\n                rounding"),
        [(f"{RULE_12}.points", "扣分值 -3 无法适用:每次扣分必须大于 0", 45)],
    ),
    Case(
        "zero-points",
        edit("points: 5\n", "points: 0\n"),
        [(f"{ITEM_2}.rules[0].points", "扣分值 0 无法适用", 68)],
    ),
    Case(
        "empty-clause",
        edit("clause: 按实际情况评分", 'clause: ""'),
        [(f"{ITEM_3}.rules[0].clause", "不能为空;请填写内容", 82)],
    ),
    Case(
        "blank-clause",
        edit("clause: 按实际情况评分", 'clause: "   "'),
        [(f"{ITEM_3}.rules[0].clause", "不能为空;请填写内容", 82)],
    ),
    Case(
        "missing-clause",
        edit("            clause: 按实际情况评分\n", ""),
        [(f"{ITEM_3}.rules[0].clause", "缺少必填键 `clause`", 81)],
    ),
    Case(
        "bad-yaml-indentation",
        edit("            name: 接通率", "             name: 接通率"),
        [("", "YAML 语法错误", 34)],
        ["YAML syntax error"],
    ),
    Case(
        "duplicate-yaml-key",
        edit("            name: 接通率\n", "            name: 接通率\n            name: 接通率2\n"),
        [(f"{ITEM_12}.name", "键 `name` 重复出现", 35)],
    ),
    Case(
        "target-above-100",
        edit("target: 85", "target: 120"),
        [(f"{RULE_12}.target", "百分比 120 超出 0–100", 43)],
    ),
    Case(
        "rounding-misspelt",
        edit("rounding: floor", "rounding: flor"),
        [(f"{RULE_12}.rounding", "值 `flor` 不被允许;允许的值:floor, ceil, proportional。是不是想写 `floor`?", 46)],
    ),
    Case(
        "per-missing-no-elements",
        edit("elements: [报修制度, 回访制度, 投诉举报制度]", "elements: []"),
        [(f"{ITEM_2}.rules[0].elements", "没有列出任何项目;请在 `elements` 中列出", 69)],
    ),
    Case(
        "sample-on-zero-out",
        edit(
            "            clause: 泄露客户信息,此项不得分\n",
            "            clause: 泄露客户信息,此项不得分\n            sample: {min: 3, unit: 份}\n",
        ),
        [(f"{ITEM_2}.rules[2].sample", "规则类型 zero_out 不能带抽查数量 `sample`", 75)],
    ),
    Case(
        "monthly-rule-without-months",
        edit("            sample: {min: 3, unit: 个月}\n            exemption", "            exemption"),
        [(f"{ITEM_12}.sample", "按月计算的规则需要项目写明抽查月数", 33)],  # no `sample` key: the item's line
    ),
    Case(
        "manual-with-another-rule",
        edit("clause: 按实际情况评分\n", "clause: 按实际情况评分\n          - {type: once, clause: 扣1分, points: 1}\n"),
        [(f"{ITEM_3}.rules[0].type", "人工评分(manual)规则必须是该项目唯一的规则", 81)],
    ),
    Case(
        "undefined-variable",
        edit("title: 服务热线{hotline}", "title: 服务热线{hotlin}"),
        [("sections[0].title", "未定义的变量 `{hotlin}`;请在 `vars` 中定义它(已定义:hotline)", 10)],
    ),
    Case(
        "variable-name-upper-case",
        edit('  hotline: "95598"', '  Hotline: "95598"\n  hotline: "95598"'),
        [("vars", "变量名 `Hotline` 只能由小写字母", 6)],
    ),
    Case("top-level-list", "- id: small-demo\n- title: 示例\n", [("", "文件顶层应为键值映射", 1)]),
    Case("empty-file", "# nothing here\n", [("", "文件顶层应为键值映射", 1)]),
    Case(
        "incomplete-without-note",
        edit("    total: 60\n", "    total: 70\n    incomplete: true\n"),
        [("sections[0].note", "标记为不完整的部分必须写 `note`", 9)],
    ),
    Case(
        "score-nan",
        edit("score: 10\n            text: 抽查不少于12", "score: .nan\n            text: 抽查不少于12"),
        [("sections[0].items[0].items[0].score", "应为有限的数字", 20)],
    ),
    Case(
        "recursive-alias",
        edit("    items:\n      - no: \"1\"", "    items: &loop\n      - *loop\n      - no: \"1\""),
        [("sections[0].items[0]", "形成无限循环", 12)],  # the alias (line 13) is the anchored list of line 12
    ),
    Case(
        "key-that-is-a-list",
        edit("id: small-demo", "id: small-demo\n? [a, b]\n: 1"),
        [("", "键 `[a, b]` 应为文本", 3)],
    ),
    Case(
        "alias-bomb",
        edit(
            "vars:\n",
            "x1: &x1 [a, a, a, a, a, a, a, a, a, a]\n"
            + "".join(f"x{n}: &x{n} [{', '.join([f'*x{n - 1}'] * 10)}]\n" for n in range(2, 8))
            + "vars:\n",
        ),
        [("x6[0][6][8][8][8][4]", "文件展开后超过 200000 个节点", 6)],  # stops at the 200,001st node
    ),
]


# --- the library -------------------------------------------------------------------------------
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_parse_rubric_reports_exact_problems(case: Case) -> None:
    with pytest.raises(RubricError) as info:
        parse_rubric(case.text, "bad.yaml")
    found = info.value.problems
    assert [(p.path, p.line) for p in found] == [(path, line) for path, _, line in case.problems]
    for problem, (_, phrase, _) in zip(found, case.problems):
        assert phrase in problem.message
        assert problem.severity == "error"


@pytest.mark.parametrize("case", [c for c in CASES if c.english], ids=[c.id for c in CASES if c.english])
def test_parse_rubric_in_english(case: Case) -> None:
    with pytest.raises(RubricError) as info:
        parse_rubric(case.text, "bad.yaml", lang="en")
    messages = [p.message for p in info.value.problems]
    assert len(messages) == len(case.english)
    for message, phrase in zip(messages, case.english):
        assert phrase in message


# --- the command line ------------------------------------------------------------------------
def check(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def assert_clean_failure(result: Result, code: int = 1) -> None:
    assert result.exit_code == code, result.output
    assert isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_cli_check_reports_each_problem(case: Case, tmp_path: Path) -> None:
    file = tmp_path / "bad.yaml"
    file.write_text(case.text, encoding="utf-8")
    result = check("rubric", "check", str(file))
    assert_clean_failure(result)
    for path, phrase, line in case.problems:
        where = f"{file}:{line}" if line else str(file)
        where = f"{where}: {path}" if path else where
        assert f"{where}: 错误: " in result.output
        assert phrase in result.output
    assert f"{file}: 评分细则有 {len(case.problems)} 处错误,未通过校验。" in result.output


ENGLISH_CLI = [c for c in CASES if c.id in ("unknown-top-level-key", "unknown-rule-type")]


@pytest.mark.parametrize("lang_first", [True, False], ids=["main-option", "command-option"])
@pytest.mark.parametrize("case", ENGLISH_CLI, ids=[c.id for c in ENGLISH_CLI])
def test_cli_check_in_english(case: Case, lang_first: bool, tmp_path: Path) -> None:
    file = tmp_path / "bad.yaml"
    file.write_text(case.text, encoding="utf-8")
    args = ["--lang", "en", "rubric", "check"] if lang_first else ["rubric", "check", "--lang", "en"]
    result = check(*args, str(file))
    assert_clean_failure(result)
    assert ": error: " in result.output and "错误" not in result.output
    for phrase in case.english:
        assert phrase in result.output
    assert f"the rubric has {len(case.english)} error(s) and is not valid." in result.output


def test_cli_check_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-rubric.yaml"
    result = check("rubric", "check", str(missing))
    assert_clean_failure(result, 2)  # could not check, as for a workbook
    assert f"{missing}: 错误: 找不到评分细则文件;请检查路径和文件名" in result.output
    english = check("rubric", "check", "--lang", "en", str(missing))
    assert_clean_failure(english, 2)
    assert "no such rubric file" in english.output
    shown = check("rubric", "show", str(missing))
    assert_clean_failure(shown, 2)
    folder = check("rubric", "check", str(tmp_path))
    assert_clean_failure(folder, 2)


def test_cli_check_not_utf8(tmp_path: Path) -> None:
    file = tmp_path / "gbk.yaml"
    file.write_bytes(BASE.encode("gbk"))
    result = check("rubric", "check", str(file))
    assert_clean_failure(result)
    assert "无法读取评分细则文件" in result.output and "UTF-8" in result.output


def test_cli_check_incomplete_section_is_a_warning(tmp_path: Path) -> None:
    file = tmp_path / "incomplete.yaml"
    text = edit("    total: 60\n", "    total: 70\n    incomplete: true\n    note: 原文第3页缺失\n")
    file.write_text(text, encoding="utf-8")
    result = check("rubric", "check", str(file))
    assert result.exit_code == 0, result.output
    warning = "部分 1 声明 70 分,已知各项合计 60(该部分标记为不完整:原文第3页缺失)"
    assert f"{file}:11: sections[0].total: 警告: {warning}" in result.output
    assert "评分细则有效" in result.output
    assert "1 条警告" in result.output
    loaded = parse_rubric(text, str(file))
    assert [(p.path, p.severity, p.line) for p in loaded.warnings] == [("sections[0].total", "warning", 11)]


def test_cli_check_valid_example() -> None:
    result = check("rubric", "check", str(EXAMPLE))
    assert result.exit_code == 0, result.output
    assert "评分细则有效(id small-demo" in result.output
    assert "警告" not in result.output


# --- the canonical hash ------------------------------------------------------------------------
def sha(text: str) -> str:
    return rubric_sha256(parse_rubric(text).rubric)


BASE_SHA = sha(BASE)

def swap_lines(text: str, first: str, second: str) -> str:
    """``text`` with the adjacent lines ``first`` and ``second`` in the other order."""
    assert text.count(first + second) >= 1
    return text.replace(first + second, second + first, 1)


SAME_RUBRIC = {
    "key-order": swap_lines(
        swap_lines(BASE, "title: 示例考核细则\n", 'version: "1.0"\n'), "                points: 2\n", "                unit: 次\n"
    ),
    "comments": "# 另一条注释\n"
    + BASE.replace("    total: 60\n", "    total: 60  # 部分合计\n").replace("rules:\n", "rules:  # 条款\n"),
    "whitespace": "\n\n"
    + BASE.replace("{min: 12, unit: 个录音电话}", "{  min: 12 ,   unit: 个录音电话 }").replace("\n", "  \n")
    + "\n\n",
    "number-spelling": BASE.replace("points: 2\n", "points: 2.0\n", 1)
    .replace("score: 10\n", "score: 10.0\n", 1)
    .replace("target: 85", "target: 85.00")
    .replace("limit: 150", "limit: 1.5e2")
    .replace("total: 60", "total: 60.0"),
    "block-style-list": BASE.replace(
        "elements: [报修制度, 回访制度, 投诉举报制度]",
        "elements:\n              - 报修制度\n              - 回访制度\n              - 投诉举报制度",
    ),
}


@pytest.mark.parametrize("variant", list(SAME_RUBRIC), ids=list(SAME_RUBRIC))
def test_sha256_ignores_presentation(variant: str) -> None:
    assert SAME_RUBRIC[variant] != BASE
    assert sha(SAME_RUBRIC[variant]) == BASE_SHA


@pytest.mark.parametrize(
    "changed",
    [
        edit("clause: 振铃超时未道歉,扣0.5分/次", "clause: 振铃超时未致歉,扣0.5分/次"),
        edit("points: 0.5", "points: 1"),
        edit("rounding: floor", "rounding: ceil"),
        edit('hotline: "95598"', 'hotline: "95599"'),
    ],
    ids=["clause-text", "points", "rounding", "variable-default"],
)
def test_sha256_changes_with_content(changed: str) -> None:
    assert sha(changed) != BASE_SHA
