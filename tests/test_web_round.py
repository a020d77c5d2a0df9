"""The web page with a roster: 回收情况 on the page equals the summary's 回收情况 sheet, and no unit is dropped."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl

from round_support import roster_workbook
from web_support import client, finished
from xlscore.generate import GenerateOptions
from xlscore.round.forms import generate_round, unit_forms
from xlscore.round.roster import read_roster
from xlscore.rubric import load_rubric

UNITS = [("01", "城南客服中心"), ("02", "城北客服中心"), ("03", "城东客服中心")]


def _post(http, settings, files):  # type: ignore[no-untyped-def]
    return http.post("/api/check", headers={"x-xlscore-token": settings.token}, files=files)


def test_roster_upload_lists_returns_and_missing_units(tmp_path: Path) -> None:
    roster_file = roster_workbook(tmp_path / "名单.xlsx", UNITS)
    roster = read_roster(roster_file)
    forms = unit_forms(roster, tmp_path / "下发")
    generate_round(load_rubric(), roster, forms, GenerateOptions())
    http, settings = client(tmp_path / "web")
    files = [("files", ("城南客服中心.xlsx", forms[0].path.read_bytes())),
             ("files", ("改了名字.xlsx", forms[1].path.read_bytes())),
             ("roster", ("名单.xlsx", roster_file.read_bytes()))]
    response = _post(http, settings, files)
    assert response.status_code == 200, response.text
    state = finished(http, response.json()["id"])
    returns = state["summary"]["returns"]
    assert returns["title"] == "回收情况(名单:名单.xlsx,3 个单位)"
    assert [(r[0], r[4], r[5]) for r in returns["rows"]] == [("01", "已回收", "城南客服中心.xlsx"),
                                                             ("02", "已回收", "改了名字.xlsx"), ("03", "未回收", "")]
    assert "没有交回表格" in returns["rows"][2][6]
    assert [r[0] for r in state["summary"]["units"]["rows"]] and len(state["summary"]["units"]["rows"]) == 3
    book = openpyxl.load_workbook(io.BytesIO(http.get(f"/batches/{state['id']}/summary").content))
    sheet = [[c or "" for c in r] for r in book["回收情况"].iter_rows(min_row=4, values_only=True)]
    assert sheet == returns["rows"]  # the page's table is the sheet's, cell for cell


def test_a_bad_roster_is_refused_with_its_problems(tmp_path: Path) -> None:
    http, settings = client(tmp_path / "web")
    files = [("files", ("a.xlsx", b"PK")), ("roster", ("名单.txt", "城南\n城南\n".encode("gbk")))]
    response = _post(http, settings, files)
    assert response.status_code == 400
    body = response.json()
    assert body["message"] == "名单无法使用:"
    assert body["problems"][0].startswith("名单.txt 第 2 行: 单位“城南”在名单中出现两次")
    assert not list((tmp_path / "web" / "batches").iterdir())  # nothing kept of a refused request
