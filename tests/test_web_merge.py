"""The web page merges two sets of copies paired by unit, and compares two versions of a unit's return."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl

from merge_support import form, full_fill, layout_of, side, small_rubric
from web_support import client


def _copies(tmp_path: Path) -> dict[str, Path]:
    rubric = small_rubric()
    layout = layout_of(rubric)
    fill = full_fill(layout, 6)
    name = next(s.name for s in layout.slots.values() if s.kind.value == "input" and s.pass_key == "self_check")
    return {
        "self": form(rubric, tmp_path / "城南.xlsx", side(layout, fill, "self_check")),
        "assess": form(rubric, tmp_path / "城南-考评.xlsx", side(layout, fill, "assessed")),
        "old": form(rubric, tmp_path / "旧.xlsx", dict(fill, **{name: "x"})),
        "new": form(rubric, tmp_path / "新.xlsx", fill), "name": name,  # type: ignore[dict-item]
    }


def test_merge_two_zips_and_download_the_merged_forms(tmp_path: Path) -> None:
    copies = _copies(tmp_path)
    http, settings = client(tmp_path / "web")
    folder = io.BytesIO()
    with zipfile.ZipFile(folder, "w") as archive:
        archive.write(copies["assess"], "考评/城南-考评.xlsx")
    files = [("self", ("城南.xlsx", copies["self"].read_bytes())), ("assess", ("考评.zip", folder.getvalue()))]
    response = http.post("/api/merge", headers={"x-xlscore-token": settings.token}, files=files)
    assert response.status_code == 200, response.text
    body = response.json()
    assert len(body["pairs"]) == 1 and body["pairs"][0]["merge"]["written"]
    assert body["pairs"][0]["lines"][0].startswith("已合并 self/城南.xlsx(自查)")
    assert str(tmp_path) not in response.text  # server folders never shown
    download = http.get(body["download"])
    assert download.status_code == 200
    names = zipfile.ZipFile(io.BytesIO(download.content)).namelist()
    assert names == ["城南.checked.xlsx", "城南.xlsx"]
    assert http.post("/api/merge", files=files).status_code == 403  # no token


def test_compare_two_versions(tmp_path: Path) -> None:
    copies = _copies(tmp_path)
    http, settings = client(tmp_path / "web")
    files = [("old", ("城南.xlsx", copies["old"].read_bytes())), ("new", ("城南.xlsx", copies["new"].read_bytes()))]
    response = http.post("/api/compare?lang=en", headers={"x-xlscore-token": settings.token}, files=files)
    assert response.status_code == 200, response.text
    body = response.json()
    assert [c["name"] for c in body["changes"]] == [copies["name"]]
    assert any(f["status"] == "resolved" and f["code"] == "IN002" for f in body["findings"])
    sheet = openpyxl.load_workbook(io.BytesIO(http.get(body["download"]).content))["Changes"]
    assert sheet["A1"].value == "Kind" and sheet["G2"].value == "x"


def test_the_page_offers_merge_and_compare(tmp_path: Path) -> None:
    http, _settings = client(tmp_path / "web")
    page = http.get("/").text
    assert "合并与对比" in page and 'id="merge-form"' in page and 'name="assess"' in page and 'name="new"' in page
    assert "Merge and compare" in http.get("/?lang=en").text
    script = http.get("/static/round.js")
    assert script.status_code == 200 and "api/merge" in script.text and "innerHTML" not in script.text
