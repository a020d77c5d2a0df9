"""Table structures read from what the cells hold: a category column before the item column, grade
level rows, a group row stating a total, a rule stated once in a 备注 row."""

from __future__ import annotations

from pathlib import Path

from xlscore.rubric.importer import import_rubric


def xlsx(path: Path, rows: list[list[object]], merges: tuple[str, ...] = ()) -> Path:
    """An Excel table written with openpyxl; ``^`` in a cell leaves it blank (under a merge)."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "表1"
    for row in rows:
        sheet.append([None if value == "^" else value for value in row])
    for area in merges:
        sheet.merge_cells(area)
    book.save(path)
    return path


def items(result) -> list[dict]:  # type: ignore[no-untyped-def]
    """Every item of the imported rubric, groups flattened."""
    out: list[dict] = []

    def walk(nodes: list[dict]) -> None:
        for node in nodes:
            if "items" in node:
                walk(node["items"])
            else:
                out.append(node)
    for section in result.data["sections"]:
        walk(section["items"])
    return out


def test_category_column_left_of_the_item_is_a_group(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "t.xlsx", [
        ["类别", "序号", "项目", "考核内容", "评分标准", "标准分"],
        ["技术指标", "1", "重复利用率", "≥75%", "未达到扣2分", 5],
        ["^", "2", "管网漏损率", "≤10%", "未达到扣3分", 3],
        ["^", "3", "计量率", "100%", "未达到扣1分", 2],
    ], merges=("A2:A4",))
    names = [item.get("name") for item in items(import_rubric(path))]
    assert names == ["重复利用率", "管网漏损率", "计量率"]


def test_group_row_stating_a_total_without_a_rule_keeps_its_total(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "t.xlsx", [
        ["考核内容", "^", "考核标准", "扣分标准"],
        ["基础工作", "党建（10分）", "由上级部门制定考核标准，并组织考核。", ""],
        ["^", "自治（5分）", "1、按期完成换届选举（3分）。", "延期换届的扣1分"],
        ["^", "^", "2、有办公场所（2分）。", "无办公场所不得分"],
    ], merges=("A1:B1", "A2:A4", "B3:B4"))
    got = [(item.get("name"), item["score"]) for item in items(import_rubric(path))]
    assert got[0] == ("由上级部门制定考核标准，并组织考核。", 10)
    assert [score for _, score in got] == [10, 3, 2]


def test_grade_level_rows_are_one_item_scored_by_hand(tmp_path: Path) -> None:
    levels = [("差", 0, "杂乱"), ("合格", 1, "能通行"), ("良好", 2, "有警示"), ("优秀", 3, "畅通")]
    rows: list[list[object]] = [["项次", "检查项目", "等级", "标准分", "查检状况", "评分"]]
    for no, name in (("1", "通道状况"), ("2", "工作场所")):
        rows += [[no if i == 0 else "^", name if i == 0 else "^", word, points, text, ""]
                 for i, (word, points, text) in enumerate(levels)]
    path = xlsx(tmp_path / "t.xlsx", rows, merges=("A2:A5", "B2:B5", "A6:A9", "B6:B9", "F2:F5", "F6:F9"))
    got = items(import_rubric(path))
    assert [(item["name"], item["score"]) for item in got] == [("通道状况", 3), ("工作场所", 3)]
    for item in got:
        assert [rule["type"] for rule in item["rules"]] == ["manual"]
        assert "review" in item["rules"][0] and "优秀3分" in item["rules"][0]["clause"]
        assert "合格:能通行" in item["content"]


def test_rule_stated_once_in_a_note_row_applies_to_every_item(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "t.xlsx", [
        ["服务监测评分表", "^", "^"],
        ["备注：1、评分标准：检查内容有1项不符合，即扣该项全部标准分值；2、指标权重：环境占权重43%", "^", "^"],
        ["二级指标", "检查内容及细节描述", "标准分值"],
        ["门楣标牌", "设置醒目的门楣标牌，保持清洁", 1],
        ["营业时间牌", "设置营业时间牌", 0.5],
    ], merges=("A1:C1", "A2:C2"))
    got = items(import_rubric(path))
    assert [item["score"] for item in got] == [1, 0.5]
    for item in got:
        assert [rule["type"] for rule in item["rules"]] == ["zero_out"]
        assert "review" not in item["rules"][0] and "review" not in item
        assert "扣该项全部标准分值" in item["rules"][0]["clause"]


def test_rule_in_a_closing_note_row_applies_and_is_not_left_as_a_note(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "t.xlsx", [
        ["项目", "考核内容", "标准分"],
        ["制度", "建立值班制度", 2],
        ["台账", "建立检查台账", 3],
        ["备注：考核内容有一项未落实的，扣除该项全部分值。", "^", "^"],
    ], merges=("A4:C4",))
    result = import_rubric(path)
    assert [[rule["type"] for rule in item["rules"]] for item in items(result)] == [["zero_out"], ["zero_out"]]
    assert not [f for f in result.findings if f.severity == "review"]


def grouped(tmp_path: Path, rows: list[list[object]], merge: str) -> list[dict]:
    """The top entries of a table whose 项目 column is merged over ``merge``."""
    path = xlsx(tmp_path / "t.xlsx", [["项目", "序号", "检查内容", "标准分", "评分细则"], *rows], merges=(merge,))
    return import_rubric(path).data["sections"][0]["items"]


def test_merged_group_cell_does_not_name_the_first_item(tmp_path: Path) -> None:
    entries = grouped(tmp_path, [["管理运作（6）", "1", "签有物业服务合同", 1, "不符合扣1分"],
                                 ["^", "2", "有年度计划", 2, "不符合扣2分"],
                                 ["^", "3", "有考核机制", 3, "每发现一处不符合扣1分"]], "A2:A4")
    assert len(entries) == 1 and entries[0]["name"] == "管理运作（6）" and entries[0]["total"] == 6
    assert [item.get("name") for item in entries[0]["items"]] == [None, None, None]


def test_starting_total_without_a_score_column_is_one_item(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "t.xlsx", [
        ["考核实行百分制，起评分100分。", "^", "^"],
        ["序号", "考核项目", "扣分标准"],
        ["1", "环境卫生", "发现一处不整洁扣1分"],
        ["2", "仪容仪表", "未佩戴工号牌扣2分"],
    ], merges=("A1:C1",))
    got = items(import_rubric(path))
    assert len(got) == 1 and got[0]["score"] == 100
    assert [(rule["type"], rule.get("points")) for rule in got[0]["rules"]] == [("per_occurrence", 1), ("once", 2)]
    assert "起评分100分" in got[0]["review"]


def test_no_score_column_and_no_starting_total_is_refused(tmp_path: Path) -> None:
    import pytest

    from xlscore.rubric.importer import RubricImportError

    path = xlsx(tmp_path / "t.xlsx", [
        ["序号", "考核项目", "扣分标准"],
        ["1", "环境卫生", "发现一处不整洁扣1分"],
    ])
    with pytest.raises(RubricImportError):
        import_rubric(path)


def test_merged_group_ends_at_the_next_name_of_its_own(tmp_path: Path) -> None:
    entries = grouped(tmp_path, [["机构健全", "1", "建立消防组织", 10, "不符合扣2分"],
                                 ["^", "2", "配备专职人员", 10, "不符合扣1分"],
                                 ["责任明确", "3", "签订消防责任书", 15, "未签订扣5分"]], "A2:A3")
    assert [(e.get("name"), "items" in e) for e in entries] == [("机构健全", True), ("责任明确", False)]
    assert len(entries[0]["items"]) == 2


def test_merged_section_cell_under_a_repeated_content_name_is_not_the_content(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "t.xlsx", [
        ["检查内容", "具体检查项目", "标准分值", "检查内容", "评分标准"],
        ["一、许可管理", "1、是否超过有效期限", 20, "许可证在有效期限内", "超过有效期限扣20分。"],
        ["^", "2、是否擅自改变经营地址", 10, "不得擅自改变经营地址", "擅自改变经营地址扣10分。"],
    ], merges=("A2:A3",))
    assert [item["content"] for item in items(import_rubric(path))] == ["许可证在有效期限内", "不得擅自改变经营地址"]
