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
