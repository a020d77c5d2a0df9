"""diff lists exactly what changed and what became of each finding; merge and diff follow check's CLI conventions."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from merge_support import form, full_fill, layout_of, side, small_rubric
from xlscore.cli import main
from xlscore.form.layout import SlotKind
from xlscore.round.diff import FindingStatus, compare


def _run(*args: str):  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    return result


def _names(kind: SlotKind, pass_key: str | None = "self_check") -> list[str]:
    layout = layout_of(small_rubric())
    return [s.name for s in layout.slots.values() if s.kind is kind and s.pass_key == pass_key]


@pytest.fixture(scope="module")
def returns(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A return with a text in a count, and its corrected copy (count fixed, a remark and the cover changed,
    and a new mistake: a negative count)."""
    root = tmp_path_factory.mktemp("returns")
    rubric = small_rubric()
    layout = layout_of(rubric)
    fill = full_fill(layout, 4, remarks=False)
    wrong, other = _whole_inputs(layout)[:2]
    remark = _names(SlotKind.REMARK)[0]
    fill[wrong], fill[other] = "三次", 1
    corrected = dict(fill, **{wrong: 3, other: -2, remark: "见工单 2025-001", "XS_COVER_SELF_BY": "王五"})
    return {
        "old": form(rubric, root / "旧.xlsx", fill), "new": form(rubric, root / "新.xlsx", corrected),
        "wrong": wrong, "other": other, "remark": remark, "root": root,  # type: ignore[dict-item]
        "self": form(rubric, root / "自查.xlsx", side(layout, fill, "self_check")),
        "assess": form(rubric, root / "考评.xlsx", side(layout, fill, "assessed")),
    }


def _whole_inputs(layout) -> list[str]:  # type: ignore[no-untyped-def]
    from xlscore.rules import InputKind

    out = []
    for slot in layout.slots.values():
        if slot.kind is SlotKind.INPUT and slot.pass_key == "self_check":
            item = layout.item(slot.section, slot.item)
            if item.rules[slot.rule or 0].input_spec(item.context()).kind is InputKind.WHOLE:
                out.append(slot.name)
    return out


def test_diff_lists_exactly_the_changed_cells_and_the_resolved_findings(returns: dict) -> None:  # type: ignore[type-arg]
    comparison = compare(returns["old"], returns["new"])
    changed = {c.name: (c.kind, c.old, c.new) for c in comparison.changes}
    assert changed == {
        returns["wrong"]: ("input", "三次", "3"), returns["other"]: ("input", "1", "-2"),
        returns["remark"]: ("remark", "", "见工单 2025-001"), "XS_COVER_SELF_BY": ("cover", "张三", "王五"),
    }
    by_status = {(f.status, f.finding.code, f.finding.name) for f in comparison.findings}
    assert (FindingStatus.RESOLVED, "IN002", returns["wrong"]) in by_status
    assert (FindingStatus.NEW, "IN004", returns["other"]) in by_status
    assert not any(s is FindingStatus.RESOLVED and name == returns["other"] for s, _c, name in by_status)
    assert comparison.exit_code == 1  # the negative count is an error left in the later copy


def test_diff_cli_lines_json_workbook_and_exit_codes(returns: dict, tmp_path: Path) -> None:  # type: ignore[type-arg]
    old, new = str(returns["old"]), str(returns["new"])
    before = hashlib.sha256(returns["old"].read_bytes()).hexdigest()
    zh = _run("diff", old, new)
    assert zh.exit_code == 1
    assert "已更正 IN002" in zh.stdout and "新增 IN004" in zh.stdout and "录入 序号" in zh.stdout
    assert zh.stdout.strip().splitlines()[-1].startswith(f"{old} → {new}:变更 4 处")
    en = _run("diff", old, new, "--lang", "en")
    assert "resolved IN002" in en.stdout and "cells changed" in en.stdout
    data = json.loads(_run("diff", old, new, "--format", "json").stdout)
    assert data["exit_code"] == 1 and len(data["changes"]) == 4
    assert {f["status"] for f in data["findings"]} >= {"resolved", "new"}
    out = tmp_path / "变更.xlsx"
    assert _run("diff", old, new, "-o", str(out)).exit_code == 1
    sheet = openpyxl.load_workbook(out)["变更表"]
    texts = [sheet.cell(r, 7).value for r in range(2, 6)]
    assert "三次" in texts and all(sheet.cell(r, c).data_type != "f" for r in range(1, sheet.max_row + 1) for c in range(1, 9))
    out.write_bytes(b"mine")
    assert _run("diff", old, new, "-o", str(out)).exit_code == 2 and out.read_bytes() == b"mine"
    assert _run("diff", old, new, "-o", str(out), "--force").exit_code == 1
    assert _run("diff", old, old).exit_code == 1  # nothing changed, errors still there
    assert hashlib.sha256(returns["old"].read_bytes()).hexdigest() == before


def test_diff_of_another_rubric_exits_2(returns: dict, tmp_path: Path) -> None:  # type: ignore[type-arg]
    from xlscore.check.rubric_source import shipped_rubric

    other = form(shipped_rubric(), tmp_path / "other.xlsx", {})
    result = _run("diff", str(returns["old"]), str(other))
    assert result.exit_code == 2 and "不是同一评分细则" in result.stdout


def test_diff_folders_summary_per_unit(returns: dict, tmp_path: Path) -> None:  # type: ignore[type-arg]
    old_dir, new_dir = tmp_path / "旧", tmp_path / "新"
    old_dir.mkdir(), new_dir.mkdir()
    (old_dir / "城南.xlsx").write_bytes(returns["old"].read_bytes())
    (new_dir / "城南客服中心-改.xlsx").write_bytes(returns["new"].read_bytes())  # paired by its cover name
    form(small_rubric(), old_dir / "城北.xlsx", {"XS_COVER_UNIT": "城北客服中心"})
    summary = tmp_path / "对比.xlsx"
    result = _run("diff", str(old_dir), str(new_dir), "--summary", str(summary))
    assert result.exit_code == 1, result.output
    rows = list(openpyxl.load_workbook(summary).active.iter_rows(values_only=True))
    assert rows[0][0] == "单位" and len(rows) == 3
    statuses = {Path(r[1]).name if r[1] else r[2]: r[8] for r in rows[1:]}
    assert statuses == {"城南.xlsx": "仍有问题", "城北.xlsx": "未重新提交"}


def test_merge_cli_contract(returns: dict, tmp_path: Path) -> None:  # type: ignore[type-arg]
    own, assessed = str(returns["self"]), str(returns["assess"])
    before = [hashlib.sha256(Path(p).read_bytes()).hexdigest() for p in (own, assessed)]
    out = tmp_path / "合并.xlsx"
    result = _run("merge", own, assessed, "-o", str(out))
    assert result.exit_code == 1 and result.stdout.startswith("已合并") and "IN002" in result.stdout
    assert out.exists() and (tmp_path / "合并.checked.xlsx").exists()
    again = _run("merge", own, assessed, "-o", str(out))
    assert again.exit_code == 2 and "未覆盖" in again.stdout
    data = json.loads(_run("merge", own, assessed, "-o", str(out), "--force", "--format", "json").stdout)
    assert data["exit_code"] == 1 and data["merge"]["written"] and data["report"]["counts"]["error"] >= 1
    en = _run("merge", own, assessed, "-o", str(out), "--force", "--lang", "en", "--no-copy")
    assert en.stdout.startswith("merged ")
    assert _run("merge", own, own, "-o", own).exit_code == 2  # an input is never an output
    assert _run("merge", own, assessed, "-o", own, "--force").exit_code == 2  # not even with --force
    assert [hashlib.sha256(Path(p).read_bytes()).hexdigest() for p in (own, assessed)] == before


def test_merge_conflict_exit_2_then_prefer(returns: dict, tmp_path: Path) -> None:  # type: ignore[type-arg]
    out = tmp_path / "合并.xlsx"
    result = _run("merge", str(returns["old"]), str(returns["new"]), "-o", str(out))
    assert result.exit_code == 2 and not out.exists()
    conflicts = [line for line in result.stdout.splitlines() if ": 冲突 " in line]
    assert len(conflicts) == 3 and "“三次”" in result.stdout and "未写出" in result.stdout
    data = json.loads(_run("merge", str(returns["old"]), str(returns["new"]), "-o", str(out), "--format", "json").stdout)
    assert {c["name"] for c in data["merge"]["conflicts"]} >= {returns["wrong"], returns["other"], "XS_COVER_SELF_BY"}
    assert _run("merge", str(returns["old"]), str(returns["new"]), "-o", str(out), "--prefer", "assess").exit_code == 1
    assert out.exists()


def test_merge_folders_pair_by_unit(returns: dict, tmp_path: Path) -> None:  # type: ignore[type-arg]
    first, second = tmp_path / "自查", tmp_path / "考评"
    first.mkdir(), second.mkdir()
    (first / "城南.xlsx").write_bytes(returns["self"].read_bytes())
    (second / "城南客服中心(考评).xlsx").write_bytes(returns["assess"].read_bytes())
    (second / "孤儿.xlsx").write_bytes(b"not a workbook")
    result = _run("merge", str(first), str(second), "-o", str(tmp_path / "合并"))
    assert result.exit_code == 1, result.output
    assert (tmp_path / "合并" / "城南.xlsx").exists()
    assert "孤儿.xlsx: 在另一个文件夹中没有同一单位的表格" in result.stdout
    assert "1 对表格,1 对完成" in result.stdout


def test_merge_with_a_roster_refuses_two_units_and_pairs_folders_by_id(tmp_path: Path) -> None:
    from round_support import roster_workbook

    roster = roster_workbook(tmp_path / "名单.xlsx", [("01", "城南客服中心"), ("02", "城北客服中心")])
    assert _run("generate", "--roster", str(roster), "-o", str(tmp_path / "下发")).exit_code == 0
    south, north = tmp_path / "下发" / "城南客服中心.xlsx", tmp_path / "下发" / "城北客服中心.xlsx"
    refused = _run("merge", str(south), str(north), "-o", str(tmp_path / "x.xlsx"), "--roster", str(roster))
    assert refused.exit_code == 2 and "不同单位" in refused.stdout and not (tmp_path / "x.xlsx").exists()
    first, second = tmp_path / "自查", tmp_path / "考评"
    first.mkdir(), second.mkdir()
    (first / "a.xlsx").write_bytes(south.read_bytes())
    (second / "renamed.xlsx").write_bytes(south.read_bytes())  # found by its embedded unit id
    (second / "b.xlsx").write_bytes(north.read_bytes())
    result = _run("merge", str(first), str(second), "-o", str(tmp_path / "合并"), "--roster", str(roster),
                  "--format", "json")
    data = json.loads(result.stdout)
    assert [p["merge"]["assess_copy"] for p in data["pairs"]] == [str(second / "renamed.xlsx")]
    assert data["unpaired"] == [str(second / "b.xlsx")]
    assert _run("diff", str(first), str(second), "-o", str(tmp_path / "c.xlsx")).exit_code == 2  # -o is for two files


def test_diff_lists_a_formula_typed_over(returns: dict, tmp_path: Path) -> None:  # type: ignore[type-arg]
    layout = layout_of(small_rubric())
    score = next(s for s in layout.slots.values() if s.kind is SlotKind.ITEM_SCORE and s.pass_key == "self_check")
    book = openpyxl.load_workbook(returns["old"])  # another program's save: openpyxl, with a total typed over
    book[score.sheet].cell(score.row, score.col).value = 99
    book.save(tmp_path / "typed.xlsx")
    comparison = compare(returns["old"], tmp_path / "typed.xlsx")
    assert [(c.kind, c.name, c.new) for c in comparison.changes] == [("formula", score.name, "99")]
    assert comparison.changes[0].old.startswith("=")
    assert any(f.status is FindingStatus.NEW and f.finding.code == "CALC006" for f in comparison.findings)


@pytest.mark.engine
def test_diff_after_a_row_inserted_in_libreoffice_lists_only_what_was_typed(returns: dict, tmp_path: Path) -> None:  # type: ignore[type-arg]
    from support.libreoffice import insert_rows

    layout = layout_of(small_rubric())
    sheet = layout.sheets[0]
    moved = tmp_path / "moved.xlsx"
    insert_rows(returns["new"], moved, sheet.name, sheet.item_blocks()[0].first_row, 2)
    comparison = compare(returns["new"], moved)
    assert comparison.changes == []  # the formulas' text moved with the rows; they read the same cells
