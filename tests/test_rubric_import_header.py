"""Header roles by name (the synonyms offices use) and by what the columns hold."""

from __future__ import annotations

import pytest

from xlscore.rubric.importer.header import find_header, role_of
from xlscore.rubric.importer.tables import Cell, Grid


def grid(rows: list[list[str]], merged: dict[tuple[int, int], tuple[int, int]] | None = None) -> Grid:
    """A grid from texts; ``merged`` maps a covered position to its origin (its text is the origin's)."""
    merged = merged or {}
    out = []
    for r, row in enumerate(rows):
        cells = []
        for c, text in enumerate(row):
            origin = merged.get((r, c), (r, c))
            cells.append(Cell(rows[origin[0]][origin[1]], origin, f"R{r + 1}C{c + 1}"))
        out.append(cells)
    return Grid("表1", out)


@pytest.mark.parametrize("name", ["评分规定", "评分标准", "考评标准", "扣分标准", "评分办法", "考核办法", "评分细则",
                                  "考评办法", "评\u3000分\u3000标\u3000准"])
def test_rule_column_names(name):
    assert role_of(name) == "text"


@pytest.mark.parametrize("name", ["标准分", "分值", "分数", "满分", "应得分", "应得分数", "配分", "权重分", "标准分值",
                                  "标准分（分）", "标准分(分)"])
def test_score_column_names(name):
    assert role_of(name) == "score"


@pytest.mark.parametrize("name", ["考核内容", "检查内容", "工作内容", "标准内容", "项目内容"])
def test_content_column_names(name):
    assert role_of(name) == "content"


@pytest.mark.parametrize("name", ["得分", "扣减分数", "实得分数", "扣分", "备注", "评定分值", "检查情况", "自评分", "考核分"])
def test_result_columns_are_ignored(name):
    assert role_of(name) is None


def test_either_column_is_the_rule_column_when_it_deducts():
    header = find_header(grid([
        ["序号", "检查项目", "标准分值", "评定标准", "检查情况", "评定分值"],
        ["1", "门卫", "5", "未设置大门的扣5分\n未配备值守人员的扣5分", "", ""],
        ["2", "材料", "5", "无措施的扣5分", "", ""],
    ]))
    assert header is not None
    assert header.columns["text"] == 3 and header.columns["score"] == 2 and header.columns["name"] == 1
    assert "text" in header.by_content


def test_either_column_is_the_content_when_another_deducts():
    header = find_header(grid([
        ["序号", "考核标准", "评分细则", "分值"],
        ["1", "按要求制定计划", "计划缺失扣1分", "1"],
        ["2", "按时总结", "总结缺失扣1分", "1"],
    ]))
    assert header is not None
    assert header.columns["content"] == 1 and header.columns["text"] == 2


def test_score_column_with_numbers_wins_over_an_empty_one():
    header = find_header(grid([
        ["序号", "检查内容", "检查要点", "标准分值", "应得分数"],
        ["1", "制度", "制度不健全,扣10分", "10", ""],
        ["2", "预案", "未制定预案,扣8分", "１０", ""],
    ]))
    assert header is not None
    assert header.columns["score"] == 3 and header.columns["text"] == 2 and header.columns["content"] == 1


def test_header_merged_over_two_columns_names_group_and_item():
    header = find_header(grid([
        ["序号", "检查项目", "检查项目", "扣分标准", "应得分数", "扣减分数", "实得分数"],
        ["1", "保证项目", "安全生产责任制", "未建立的扣10分", "10", "", ""],
        ["2", "保证项目", "目标管理", "未制定目标的扣10分", "10", "", ""],
    ], merged={(0, 2): (0, 1), (2, 1): (1, 1)}))
    assert header is not None
    assert header.columns == {"no": 0, "name": 1, "content": 2, "text": 3, "score": 4}


def test_content_column_that_states_its_deductions_is_also_the_rule_column():
    header = find_header(grid([
        ["考核项目", "考核内容", "标准分", "自评分", "考核分"],
        ["班子", "班子团结计4分。不团结扣1分。", "4分", "", ""],
        ["班子", "落实到位计2分,有不廉洁现象扣2分。", "2分", "", ""],
    ]))
    assert header is not None
    assert header.columns["text"] == header.columns["content"] == 1 and header.columns["score"] == 2


def test_table_without_a_rule_column_imports_items_scored_by_hand(tmp_path):
    from tests.importer.office_tables import write_xlsx
    from xlscore.rubric.importer import import_rubric

    rows = [("item", "1", "整理", "办公物品归类放置,且摆放整齐。", 4, ""),
            ("item", "2", "整理", "文件柜顶部不许放置物品。", 3, "")]
    source = write_xlsx(tmp_path / "6S.xlsx", "评比表", rows, header=["序号", "项目", "考核内容", "分值", "得分"])
    result = import_rubric(source)
    items = [i for s in result.data["sections"] for e in s["items"] for i in e.get("items", [e])]
    assert [(i["no"], i["score"]) for i in items] == [("1", 4), ("2", 3)]
    assert all(i["rules"][0]["type"] == "manual" and "review" in i for i in items)


def test_points_written_in_the_item_cell_make_the_score_column():
    header = find_header(grid([
        ["公共卫生成绩评分项(50分)", "公共卫生成绩评分项(50分)", "公共卫生成绩评分项(50分)"],
        ["项目", "规范要求", "扣分点"],
        ["地面（30分）", "地面无垃圾", "地面有杂物,扣10分"],
        ["地面（30分）", "地面无垃圾", "阳台不整洁,扣5分"],
        ["门窗墙壁（10分）", "门窗无积灰", "门窗不干净,扣5分"],
    ], merged={(0, 1): (0, 0), (0, 2): (0, 0), (3, 0): (2, 0), (3, 1): (2, 1)}))
    assert header is not None and header.row == 1
    assert header.columns["score"] == 0 and header.columns["text"] == 2 and header.points_in_text


def test_finest_column_with_points_is_the_score_column():
    header = find_header(grid([
        ["项目及权重", "项目及权重", "考核标准", "评分细则"],
        ["A1、计划与总结(2分)", "B1计划(1分)", "按要求制定计划", "计划缺失扣1分"],
        ["A1、计划与总结(2分)", "B2总结(1分)", "按要求总结", "总结缺失扣1分"],
    ], merged={(0, 1): (0, 0), (2, 0): (1, 0)}))
    assert header is not None
    assert header.columns["score"] == 1 and header.columns["text"] == 3 and header.points_in_text


def test_score_column_found_by_its_numbers_despite_a_closing_note():
    header = find_header(grid([
        ["检查项目", "分类", "评分标准", "小一", "小二"],
        ["活动室", "10分", "地面不洁扣4分", "", ""],
        ["柜子", "5分", "物品零乱扣2分", "", ""],
        ["注:每周检查一次", "注:每周检查一次", "注:每周检查一次", "注:每周检查一次", "注:每周检查一次"],
    ], merged={(3, c): (3, 0) for c in range(1, 5)}))
    assert header is not None and header.columns["score"] == 1 and "score" in header.by_content


def test_rule_cell_with_the_amount_alone_takes_the_defect_beside_it(tmp_path):
    from xlscore.rubric.importer.rows import amount_clause

    assert amount_clause("缺质量控制医师签名", "1") == "缺质量控制医师签名,扣1分"
    assert amount_clause("入院诊断填写有缺陷", "０.５/项") == "入院诊断填写有缺陷,扣0.5分/项"
    assert amount_clause("*传染病漏报", "乙级") == "*传染病漏报:乙级"
    assert amount_clause("门窗", "门窗不净扣2分") == ""


def test_merged_rule_cell_gives_each_item_a_copy_and_下同_carries_down(tmp_path):
    from xlscore.rubric.importer import import_rubric

    import docx

    document = docx.Document()
    table = document.add_table(rows=5, cols=4)
    texts = [["序号", "项目分值", "标准", "备注"],
             ["1", "责任意识(10分)", "建立安全生产责任制度。(5)", "每条内容中缺项,扣除本条分值。(下同)"],
             ["", "", "逐级签订安全责任书。(5)", ""],
             ["2", "文化建设(4分)", "把安全文化纳入企业文化。(2)", "每有一项创新的追加0.5分,加分累计不超1分。"],
             ["", "", "建立创建活动领导机构。(2)", ""]]
    for r, row in enumerate(texts):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    for top, col in ((1, 0), (1, 1), (1, 3), (3, 0), (3, 1), (3, 3)):
        table.cell(top, col).merge(table.cell(top + 1, col))
    document.save(str(tmp_path / "t.docx"))
    result = import_rubric(tmp_path / "t.docx")
    items = [i for s in result.data["sections"] for e in s["items"] for i in e.get("items", [e])]
    assert [str(i["score"]) for i in items] == ["5", "5", "2", "2"]
    assert [[r["type"] for r in i["rules"]] for i in items] == [
        ["zero_out"], ["zero_out"], ["zero_out", "bonus"], ["zero_out", "bonus"]]
    assert all("review" in i["rules"][1] for i in items[2:])  # the shared bonus's cap is per item: check
    assert all("review" in i for i in items[2:])  # the rule carried down by 下同


@pytest.mark.parametrize("content,serial", [("1.1按时上报", "1.1"), ("１、办公物品归类", "1"), ("（21）消防通道", "21"),
                                            ("100%完成任务", None), ("10分钟内到场", None), ("3个月内整改", None),
                                            ("（一）整理", None)])
def test_serial_written_in_the_content(content, serial):
    from xlscore.rubric.importer.build import WRITTEN_SERIAL
    from xlscore.rubric.importer.tables import fold

    found = WRITTEN_SERIAL.match(fold(content))
    assert (next(g for g in found.groups() if g) if found else None) == serial


def test_levels_of_indicators_the_finest_holds_content_points_and_rules():
    header = find_header(grid([
        ["A级指标", "B级指标", "C级指标", "得分", "存在问题"],
        ["A1卫生(2分)", "B1健康检查(2分)", "C1.每日开展健康检查。(1分)缺一人次扣0.1分;本项不得分。", "", ""],
        ["A1卫生(2分)", "B1健康检查(2分)", "C2.持有健康证明。(1分)每人次扣0.1分,扣完为止。", "", ""],
    ], merged={(2, 0): (1, 0), (2, 1): (1, 1)}))
    assert header is not None
    assert header.columns == {"text": 2, "content": 2, "name": 1, "score": 2} and header.points_in_text


def test_a_body_sentence_is_no_header_name():
    assert role_of("按照安全生产目标管理制度的规定,制定年度安全生产目标与指标。") is None


def test_finer_numbers_column_holds_the_items_points():
    header = find_header(grid([
        ["序号", "考核项目", "标准分值", "考核内容", "考核内容", "考核内容", "评分标准"],
        ["1", "班组安全管理", "50", "安全事故管理", "25", "1.三违情况", "“三违”一人次扣5分。"],
        ["1", "班组安全管理", "50", "安全事故管理", "25", "2.轻伤事故", "轻伤事故按一人次扣10分。"],
        ["1", "班组安全管理", "50", "安全质量标准化", "10", "1.文明生产", "文明生产差的一次扣2分。"],
    ], merged={**{(r, c): (1, c) for r in (2, 3) for c in (0, 1, 2)}, (2, 3): (1, 3), (2, 4): (1, 4),
               (0, 4): (0, 3), (0, 5): (0, 3)}))
    assert header is not None
    assert header.columns["score"] == 4 and header.columns["name"] == 3 and header.columns["content"] == 5
