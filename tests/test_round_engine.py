"""A whole round with returns saved by LibreOffice: 12 units, 9 returns (one saved twice, one renamed,
one another unit's form), and what the report and the summary say about them."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from fills import random_fill, written
from round_support import UNITS, roster_workbook
from xlscore.cli import main
from xlscore.generate import GenerateOptions, workbook_layout
from xlscore.round.forms import generate_round, unit_forms
from xlscore.round.roster import read_roster
from xlscore.rubric import load_rubric

libreoffice = pytest.importorskip("support.libreoffice")
pytestmark = pytest.mark.engine
if libreoffice.find_soffice() is None:
    pytest.skip("LibreOffice (soffice) is not installed", allow_module_level=True)

NAMES = dict(UNITS)


def _set_saved(path: Path, when: str) -> None:
    """Rewrite the save time a file records (its earlier save, made before the unit saved it again)."""
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    core = parts["docProps/core.xml"].decode("utf-8")
    core, count = re.subn(r"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)", rf"\g<1>{when}\g<2>", core)
    assert count == 1
    parts["docProps/core.xml"] = core.encode("utf-8")
    path.unlink()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


@pytest.fixture(scope="module")
def round_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("round")
    roster_file = roster_workbook(root / "名单.xlsx")
    roster = read_roster(roster_file)
    rubric = load_rubric()
    layout = workbook_layout(rubric, GenerateOptions())
    forms = {f.unit.id: f for f in unit_forms(roster, root / "下发")}
    for seed, form in enumerate(forms.values()):
        generate_round(rubric, roster, [form], GenerateOptions(inputs=written(random_fill(layout, seed))))
    # What the units send back, before LibreOffice saves it.
    sent = root / "filled"
    sent.mkdir()
    stem = {unit_id: form.path.stem for unit_id, form in forms.items()}
    for unit_id in ("001", "004", "005", "006", "007", "008"):
        shutil.copy(forms[unit_id].path, sent / forms[unit_id].path.name)
    shutil.copy(forms["002"].path, sent / "第二季度考核表(最终版).xlsx")  # renamed by the unit
    shutil.copy(forms["003"].path, sent / f"{stem['003']}.xlsx")  # saved twice
    shutil.copy(forms["003"].path, sent / f"{stem['003']}(2).xlsx")
    shutil.copy(forms["010"].path, sent / f"{stem['009']}.xlsx")  # 山前 returned 山后's form as its own
    returns = root / "回收"
    libreoffice.recalculate(sorted(sent.iterdir()), returns)  # one soffice start for all ten files
    # LibreOffice's conversion keeps the source's save time; the two saves a unit makes a day apart record their own.
    _set_saved(returns / f"{stem['003']}.xlsx", "2025-01-02T08:00:00Z")
    _set_saved(returns / f"{stem['003']}(2).xlsx", "2025-01-03T09:30:00Z")
    return root


def _run(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", str(root / "回收"), "--roster", str(root / "名单.xlsx"), "--no-copy",
                                       "--jobs", "1", *args])
    return result.exit_code, result.stdout


def test_json_report_lists_the_round(round_dir: Path) -> None:
    code, out = _run(round_dir, "--format", "json")
    data = json.loads(out)["round"]
    units = {u["id"]: u for u in data["units"]}
    assert list(units) == [unit_id for unit_id, _name in UNITS]  # every roster unit, in roster order
    assert sorted(i for i, u in units.items() if u["state"] == "missing") == ["010", "011", "012"]
    assert data["counts"] == {"returned": 7, "missing": 3, "duplicate": 1, "mismatch": 1, "unreadable": 0, "off_roster": 0}
    twice = units["003"]
    assert twice["state"] == "duplicate" and twice["choice"] == "newer"
    assert Path(twice["file"]).name == "城东供电所客服中心(2).xlsx"
    assert [Path(f).name for f in twice["other_files"]] == ["城东供电所客服中心.xlsx"]
    renamed = units["002"]
    assert (renamed["state"], renamed["matched_by"], renamed["reason"]) == ("returned", "id", "renamed")
    assert Path(renamed["file"]).name == "第二季度考核表(最终版).xlsx"
    wrong = units["009"]
    assert (wrong["state"], wrong["reason"]) == ("mismatch", "other_units_form")
    notes = {(n["state"], n["unit_id"]) for n in data["notes"]}
    assert notes == {("missing", "010"), ("missing", "011"), ("missing", "012"), ("duplicate", "003"),
                     ("renamed", "002"), ("mismatch", "009")}
    mismatch = next(n["message"] for n in data["notes"] if n["state"] == "mismatch")
    assert NAMES["010"] in mismatch and NAMES["009"] in mismatch
    assert data["exit_code"] == 1 and json.loads(out)["exit_code"] >= 1 and code == json.loads(out)["exit_code"]


def test_text_report_and_summary(round_dir: Path) -> None:
    summary = round_dir / "汇总.xlsx"
    code, out = _run(round_dir, "--summary", str(summary), "-q")
    assert code == 1
    lines = [line for line in out.splitlines() if ": 未回收: " in line]
    assert [next(n for n in NAMES.values() if f"“{n}”" in line) for line in lines] == [NAMES["010"], NAMES["011"], NAMES["012"]]
    duplicate = next(line for line in out.splitlines() if ": 重复: " in line)
    assert "使用 城东供电所客服中心(2).xlsx,因为它的保存时间 2025-01-03 09:30:00 UTC 最晚" in duplicate
    assert any(": 已按编号识别: " in line and "第二季度考核表(最终版).xlsx" in line for line in out.splitlines())
    assert any(": 单位不符: " in line and NAMES["009"] in line for line in out.splitlines())
    book = openpyxl.load_workbook(summary, read_only=True)
    try:
        assert book.sheetnames[0] == "回收情况"
        rows = [r for r in book["回收情况"].iter_rows(min_row=4, values_only=True) if r[0]]
        states = {r[0]: r[4] for r in rows}
        assert states == {**{i: "已回收" for i, _ in UNITS}, "003": "重复", "009": "单位不符",
                          "010": "未回收", "011": "未回收", "012": "未回收"}
        assert next(r[5] for r in rows if r[0] == "003").startswith("城东供电所客服中心(2).xlsx")
        ranked = [r for r in book["单位汇总"].iter_rows(min_row=4, values_only=True) if r[1]]
        assert sorted(r[1] for r in ranked) == sorted(NAMES.values())  # one row per roster unit
        missing = {r[1]: r[3] for r in ranked if r[1] in (NAMES["010"], NAMES["011"], NAMES["012"])}
        assert set(missing.values()) == {"未回收"} and len(missing) == 3
    finally:
        book.close()
