"""Rubrics of other offices, hand-written: import never crashes and is never wrong without a flag.

Every expected clause must come back with its hand-written kind and points, or be marked for
review; a clause the importer gets wrong without a review mark fails the test. The share parsed
right is asserted too, so that a regression in recognising the common phrasings shows.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tests.importer.corpus import CORPUS
from tests.importer.office_tables import write_docx, write_xlsx
from xlscore.rubric.importer import import_rubric


def _write(name: str, folder: Path) -> tuple[Path, dict[str, list]]:
    spec = CORPUS[name]
    rows, expected = [], {}
    for row in spec["rows"]:
        if row[0] == "item":
            rows.append(row[:-1])
            expected[row[1] or row[3]] = row[-1]
        else:
            rows.append(row)
    if spec["format"] == "docx":
        path = write_docx(folder / f"{name}.docx", spec["title"], rows, header=spec["header"],
                          merge_groups=spec.get("merge_groups", False))
    else:
        path = write_xlsx(folder / f"{name}.xlsx", spec["title"], rows, header=spec["header"],
                          merge_groups=spec.get("merge_groups", False))
    return path, expected


def _items(data: dict) -> list[dict]:
    return [i for s in data["sections"] for e in s["items"] for i in e.get("items", [e])]


def _verdicts(name: str, folder: Path) -> tuple[int, int, list[str]]:
    path, expected = _write(name, folder)
    result = import_rubric(path)
    assert result.rubric is not None, [f.message for f in result.errors]
    items = {(i["no"] if not i["no"].startswith("9") or len(i["no"]) < 3 else i["content"]): i for i in _items(result.data)}
    right = total = 0
    silent: list[str] = []
    for key, clauses in expected.items():
        item = items[key]
        assert len(item["rules"]) == len(clauses), (key, item["rules"])
        for rule, (kind, points) in zip(item["rules"], clauses):
            total += 1
            flagged = bool(rule.get("review") or item.get("review"))
            same = (kind == "review" and flagged) or (rule["type"] == kind and _same_parameters(rule, points))
            if same:
                right += 1
            elif not flagged:
                silent.append(f"{name} {key}: {rule} (expected {kind} {points})")
    return right, total, silent


def _same_parameters(rule: dict, expected: float | dict | None) -> bool:
    """The rule's points, or each parameter the expectation names (numbers compared as Decimal)."""
    if expected is None:
        return True
    wanted = expected if isinstance(expected, dict) else {"points": expected}
    for key, value in wanted.items():
        found = rule.get(key)
        if isinstance(value, str) and found != value:
            return False
        if not isinstance(value, str) and (found is None or Decimal(str(found)) != Decimal(str(value))):
            return False
    return True


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_never_silently_wrong(name: str, tmp_path: Path) -> None:
    right, total, silent = _verdicts(name, tmp_path)
    assert silent == []
    assert right >= 0.7 * total, f"{right}/{total}"


def test_corpus_share_parsed_right(tmp_path: Path) -> None:
    right = total = 0
    for name in CORPUS:
        r, t, _ = _verdicts(name, tmp_path)
        right, total = right + r, total + t
    assert total == 56
    assert right / total >= 0.9, f"{right}/{total}"


def test_section_rows_notes_and_totals(tmp_path: Path) -> None:
    path, _ = _write("service_hall", tmp_path)
    result = import_rubric(path)
    sections = result.data["sections"]
    assert [(s["title"], s["total"]) for s in sections] == [("一、服务环境", 30), ("二、服务质量", 50), ("三、安全与纪律", 20)]
    assert any(f.severity == "info" and "注:考核结果" in f.message for f in result.findings)
    assert sections[0]["items"][0]["score"] == 10  # typed as 10分
    assert sections[0]["items"][3]["score"] == 10  # typed as １０


def test_missing_serial_numbers_are_numbered_and_said(tmp_path: Path) -> None:
    path, _ = _write("safety", tmp_path)
    result = import_rubric(path)
    numbers = [i["no"] for i in _items(result.data)]
    assert len(set(numbers)) == len(numbers) == 8
    assert sum("没有序号" in f.message for f in result.findings) == 8


def test_merged_project_cells_over_groups(tmp_path: Path) -> None:
    path, _ = _write("ward", tmp_path)
    sections = import_rubric(path).data["sections"]
    groups = [(e["no"], e["name"], e["total"], len(e["items"])) for e in sections[0]["items"] if "items" in e]
    assert groups == [("1", "病房管理", 20, 3), ("2", "药品管理", 20, 2)]
