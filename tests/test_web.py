"""The web page's API: generate, check one file and batches, bad files, limits, escaping and CSRF.

Every expectation is the library's own answer for the same input (the CLI's generated workbook,
the checker's report, the 差异表 model, the summary), so the page is held to say what the CLI says.
"""

from __future__ import annotations

import io
from decimal import Decimal
import re
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from web_support import FIXTURES, UNITS, client, finished
from xlscore.check.checker import check_file
from xlscore.report.render import report_json
from xlscore.cli import main
from xlscore.web.uploads import Limits

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
SCRIPT = "<script>alert(1)</script>"


def _post(http, settings, url: str, **kwargs):  # type: ignore[no-untyped-def]
    return http.post(url, headers={"x-xlscore-token": settings.token, **kwargs.pop("headers", {})}, **kwargs)


def _upload(paths: list[Path]) -> list[tuple[str, tuple[str, bytes]]]:
    return [("files", (p.name, p.read_bytes())) for p in paths]


def _check(http, settings, files) -> dict:  # type: ignore[no-untyped-def]
    response = _post(http, settings, "/api/check", files=files)
    assert response.status_code == 200, response.text
    return finished(http, response.json()["id"])


def test_page_is_chinese_by_default_english_on_request(tmp_path: Path) -> None:
    http, settings = client(tmp_path)
    page = http.get("/")
    assert page.status_code == 200
    assert "校验回收的评分表" in page.text and settings.token in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert "Check returned forms" in http.get("/?lang=en").text
    assert "校验回收的评分表" in http.get("/?lang=%3Cscript%3E").text  # an unknown language falls back
    assert http.get("/static/app.js").status_code == 200


def test_generate_embedded_rubric_equals_cli(tmp_path: Path) -> None:
    http, settings = client(tmp_path / "web")
    response = _post(http, settings, "/generate", data={"unit": "城北客服中心", "period": "2026年第一季度"})
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    cli_out = tmp_path / "cli.xlsx"
    result = CliRunner().invoke(main, ["generate", "--unit", "城北客服中心", "--period", "2026年第一季度", "-o", str(cli_out)])
    assert result.exit_code == 0, result.output
    assert response.content == cli_out.read_bytes()


def test_generate_uploaded_rubric_equals_cli_and_bad_rubric_is_listed(tmp_path: Path) -> None:
    http, settings = client(tmp_path / "web")
    rubric = FIXTURES.parent.parent / "examples" / "small-rubric.yaml"
    response = _post(http, settings, "/generate", data={"unit": "甲"},
                     files={"rubric": ("small-rubric.yaml", rubric.read_bytes())})
    assert response.status_code == 200
    cli_out = tmp_path / "cli.xlsx"
    result = CliRunner().invoke(main, ["generate", "--rubric", str(rubric), "--unit", "甲", "-o", str(cli_out)])
    assert result.exit_code == 0, result.output
    assert response.content == cli_out.read_bytes()
    bad = _post(http, settings, "/generate", files={"rubric": ("坏.yaml", b"id: x\nsections: 3\n")})
    assert bad.status_code == 400
    problems = bad.json()["problems"]
    assert problems and all(line.startswith("坏.yaml") for line in problems)


def test_check_one_file_shows_the_checkers_report_and_the_difference_table(tmp_path: Path) -> None:
    http, settings = client(tmp_path / "web")
    source = FIXTURES / "text_numbers.xlsx"
    state = _check(http, settings, _upload([source]))
    [row] = state["files"]
    expected = report_json(check_file(source))
    # a refused input (−15) leaves the 考评 pass without a final score: unfinished, not ranked
    assert row["file"] == source.name and row["status"] == "incomplete"
    assert row["unit"] == expected["unit"] and row["counts"] == expected["counts"]
    assert [t["grand"] for t in row["totals"]] == [expected["totals"]["self_check"]["grand"], "—"]
    assert expected["totals"]["assessed"]["grand"] is None  # the page shows the 差异表's "—", not "null"
    assert state["summary"] is None  # one file: no cross-unit summary
    copy = http.get(f"/batches/{state['id']}/files/0/copy")
    assert copy.status_code == 200
    cli_dir = tmp_path / "cli"
    cli_dir.mkdir()
    (cli_dir / source.name).write_bytes(source.read_bytes())
    CliRunner().invoke(main, ["check", str(cli_dir / source.name)])
    cli_copy = cli_dir / "text_numbers.checked.xlsx"
    assert copy.content == cli_copy.read_bytes()
    # The findings on the page are the rows of the 差异表 sheet in the CLI's checked copy, word for word.
    table = http.get(f"/api/batches/{state['id']}/files/0/findings").json()
    sheet = openpyxl.load_workbook(cli_copy, read_only=True).worksheets[0]
    rows = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    header = rows.index(table["columns"] + [""] * (len(rows[0]) - len(table["columns"])))
    findings = [row[:len(table["columns"])] for row in rows[header + 1:]]
    # every finding, roots and what follows from them (the counts count roots only)
    assert table["rows"] == findings and len(findings) == len(expected["findings"]) >= expected["counts"]["error"] + expected["counts"]["warning"] \
        + expected["counts"]["info"]


def test_batch_with_a_bad_file_checks_the_others_and_summarises(tmp_path: Path) -> None:
    http, settings = client(tmp_path / "web", workers=2)
    units = sorted(UNITS.glob("*.xlsx"))
    files = _upload(units) + [("files", ("损坏.xlsx", units[0].read_bytes()[:5000]))]
    state = _check(http, settings, files)
    rows = {r["file"]: r for r in state["files"]}
    assert len(rows) == len(units) + 1
    broken = rows["损坏.xlsx"]
    assert broken["status"] == "unreadable"
    (tmp_path / "损坏.xlsx").write_bytes(units[0].read_bytes()[:5000])
    assert broken["message"] == check_file(tmp_path / "损坏.xlsx").unreadable
    for unit in units:
        assert rows[unit.name]["counts"] == report_json(check_file(unit))["counts"]
    workbook = http.get(f"/batches/{state['id']}/summary")
    assert workbook.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(workbook.content))
    # The ranking on the page is the summary workbook's 单位汇总 table, cell for cell.
    ranking = state["summary"]["units"]
    sheet = [["" if v is None else str(v) for v in row] for row in book.worksheets[0].iter_rows(values_only=True)]
    header = next(n for n, row in enumerate(sheet) if row[0] == "排名")
    shared = [c for c in ranking["columns"] if c in sheet[header]]
    assert {"排名", "单位", "状态", "考评总分"} <= set(shared)
    written = [[row[sheet[header].index(c)] for c in shared] for row in sheet[header + 1:header + 1 + len(ranking["rows"])]]
    assert [[row[ranking["columns"].index(c)] for c in shared] for row in ranking["rows"]] == written
    # And its 得分率 are the workbook's, as percentages.
    rates = state["summary"]["rates"]
    chart = [list(row) for row in book["得分率图"].iter_rows(values_only=True)]
    for page_row, book_row in zip(rates["rows"], chart[1:], strict=True):
        assert page_row[0] == book_row[0]
        for column, text in zip(rates["columns"][1:], page_row[1:]):
            value = Decimal(repr(book_row[chart[0].index(column)]))
            assert text == f"{(value * 100).quantize(Decimal('0.1'))}%"
    everything = zipfile.ZipFile(io.BytesIO(http.get(f"/batches/{state['id']}/copies").content))
    names = everything.namelist()
    assert "汇总表.xlsx" in names
    assert sorted(Path(n).name for n in names if n.endswith(".checked.xlsx")) == sorted(
        u.stem + ".checked.xlsx" for u in units)


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _gbk_zip(name: str, data: bytes) -> bytes:
    """A zip as Chinese Windows makes it: the name in GBK, without the UTF-8 flag."""
    raw = name.encode("gbk")
    placeholder = "x" * len(raw)
    packed = _zip({placeholder: data})
    assert packed.count(placeholder.encode()) == 2  # the local header and the central directory
    return packed.replace(placeholder.encode(), raw)


def test_zip_folder_is_opened_with_skips_and_no_path_escapes(tmp_path: Path) -> None:
    root = tmp_path / "web"
    http, settings = client(root)
    clean = (FIXTURES / "clean.xlsx").read_bytes()
    folder = _zip({
        "回收表/城北.xlsx": clean,
        "../../逃逸.xlsx": clean,
        "回收表/~$城北.xlsx": b"\x00" * 162,
        "回收表/城北.checked.xlsx": clean,
        "回收表/说明.txt": b"x",
        "回收表/旧表.xls": b"\xd0\xcf\x11\xe0",
    })
    state = _check(http, settings, [("files", ("回收表.zip", folder))])
    assert sorted(r["file"] for r in state["files"]) == ["回收表.zip/../../逃逸.xlsx", "回收表.zip/回收表/城北.xlsx"]
    assert all(r["status"] == "complete" for r in state["files"])
    refused = {r["file"] for r in state["refused"]}
    assert refused == {"回收表.zip/回收表/~$城北.xlsx", "回收表.zip/回收表/城北.checked.xlsx", "回收表.zip/回收表/旧表.xls"}
    assert not list(tmp_path.glob("*.xlsx")) and not list(root.glob("*.xlsx"))  # nothing outside the batch folders
    gbk = _check(http, settings, [("files", ("gbk.zip", _gbk_zip("回收表/城南.xlsx", clean)))])
    assert [r["file"] for r in gbk["files"]] == ["gbk.zip/回收表/城南.xlsx"]


def test_limits_on_count_size_and_zip_bombs(tmp_path: Path) -> None:
    clean = (FIXTURES / "clean.xlsx").read_bytes()
    http, settings = client(tmp_path / "a", Limits(max_files=2))
    too_many = _post(http, settings, "/api/check", files=[("files", (f"{n}.xlsx", clean)) for n in range(3)])
    assert too_many.status_code == 413 and "2" in too_many.json()["message"]
    http, settings = client(tmp_path / "b", Limits(max_file_bytes=len(clean) - 1))
    state = _check(http, settings, [("files", ("big.xlsx", clean))])
    assert state["files"] == [] and state["refused"][0]["file"] == "big.xlsx"
    assert "MB" in state["refused"][0]["message"]
    http, settings = client(tmp_path / "c", Limits(max_request_bytes=len(clean)))
    assert _post(http, settings, "/api/check", files=[("files", ("x.xlsx", clean))]).status_code == 413
    http, settings = client(tmp_path / "d")
    bomb = _zip({"bomb.xlsx": b"\x00" * (64 * 1024 * 1024)})
    state = _check(http, settings, [("files", ("bomb.zip", bomb)), ("files", ("ok.xlsx", clean))])
    assert [r["file"] for r in state["files"]] == ["ok.xlsx"]
    assert state["refused"][0]["file"] == "bomb.zip" and "压缩炸弹" in state["refused"][0]["message"]
    not_zip = _check(http, settings, [("files", ("假的.zip", b"not a zip"))])
    assert not_zip["refused"][0]["file"] == "假的.zip"


def test_cell_text_with_script_is_returned_as_data_not_markup(tmp_path: Path) -> None:
    http, settings = client(tmp_path / "web")
    hostile = tmp_path / "hostile.xlsx"
    _replace_shared_string(FIXTURES / "not_yes_no.xlsx", hostile, "也许", SCRIPT)
    state = _check(http, settings, _upload([hostile]))
    table = http.get(f"/api/batches/{state['id']}/files/0/findings")
    assert table.headers["content-type"] == "application/json"
    assert table.headers["x-content-type-options"] == "nosniff"
    assert any(SCRIPT in cell for row in table.json()["rows"] for cell in row)
    assert SCRIPT not in http.get("/").text


def _replace_shared_string(source: Path, target: Path, old: str, new: str) -> None:
    escaped = new.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/sharedStrings.xml":
                assert old.encode() in data
                data = data.replace(old.encode(), escaped.encode())
            out.writestr(info, data)


def test_posts_without_the_token_or_from_another_origin_are_refused(tmp_path: Path) -> None:
    http, settings = client(tmp_path / "web")
    clean = (FIXTURES / "clean.xlsx").read_bytes()
    assert http.post("/api/check", files=[("files", ("a.xlsx", clean))]).status_code == 403
    assert http.post("/generate", data={"unit": "x"}).status_code == 403
    wrong = _post(http, settings, "/generate", headers={"x-xlscore-token": "guess"})
    assert wrong.status_code == 403
    other = _post(http, settings, "/api/check", files=[("files", ("a.xlsx", clean))],
                  headers={"origin": "http://evil.example"})
    assert other.status_code == 403
    assert http.get("/", headers={"host": "evil.example"}).status_code == 400  # DNS rebinding
    assert not any((tmp_path / "web").rglob("a.xlsx"))


def test_unknown_batch_and_file_are_not_found(tmp_path: Path) -> None:
    http, _ = client(tmp_path / "web")
    assert http.get("/api/batches/nope").status_code == 404
    assert http.get("/batches/nope/files/0/copy").status_code == 404
    assert http.get("/batches/nope/summary").status_code == 404


def test_serve_starts_on_loopback_and_removes_its_folder_on_exit(tmp_path: Path) -> None:
    import os
    import signal
    import subprocess
    import sys
    import urllib.request

    env = {**os.environ, "TMPDIR": str(tmp_path)}
    server = subprocess.Popen([sys.executable, "-m", "xlscore", "serve", "--no-browser"], env=env,
                              stderr=subprocess.PIPE, text=True)
    try:
        address = re.search(r"http://(127\.0\.0\.1:\d+)/", server.stderr.readline())
        assert address is not None
        assert [p.name.startswith("xlscore-serve-") for p in tmp_path.iterdir()] == [True]
        page = ""
        for _ in range(100):  # the address is printed just before the server binds it
            try:
                page = urllib.request.urlopen(f"http://{address.group(1)}/", timeout=30).read().decode()
                break
            except OSError:
                time.sleep(0.1)
        assert "校验回收的评分表" in page
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
    assert list(tmp_path.iterdir()) == []


def test_generate_from_an_authoring_workbook_as_the_cli_does(tmp_path: Path) -> None:
    """The page takes what ``--rubric`` takes: an imported authoring workbook, refused while a clause awaits review."""
    http, settings = client(tmp_path / "web")
    authoring = tmp_path / "细则.xlsx"
    source = FIXTURES.parent.parent / "examples" / "rubric-import" / "营业厅服务考核细则.docx"
    CliRunner().invoke(main, ["rubric", "import", str(source), "-o", str(authoring)])
    refused = _post(http, settings, "/generate", files={"rubric": (authoring.name, authoring.read_bytes())})
    cli = CliRunner().invoke(main, ["generate", "--rubric", str(authoring), "-o", str(tmp_path / "no.xlsx")])
    assert refused.status_code == 400 and cli.exit_code == 2
    assert [line.replace(authoring.name, str(authoring)) for line in refused.json()["problems"]] == [
        line.replace(": 错误: ", ": ", 1) for line in cli.stderr.splitlines() if line.strip()]
    book = openpyxl.load_workbook(authoring)
    for row in book["细则"].iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith("表1第7行"):
                cell.value = None  # the reviewer checked the clause and cleared its 待核对 mark
    book.save(authoring)
    made = _post(http, settings, "/generate", data={"unit": "甲"}, files={"rubric": (authoring.name, authoring.read_bytes())})
    assert made.status_code == 200, made.text
    cli = CliRunner().invoke(main, ["generate", "--rubric", str(authoring), "--unit", "甲", "-o", str(tmp_path / "cli.xlsx")])
    assert cli.exit_code == 0, cli.output
    assert made.content == (tmp_path / "cli.xlsx").read_bytes()
