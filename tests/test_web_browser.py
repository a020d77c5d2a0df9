"""The web page in a real headless Chromium: drop files, follow the batch, read the results as a user does."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from web_support import CHROMEDRIVER, CHROMIUM, FIXTURES, UNITS, LiveServer, chromium, drop_files
from xlscore.check.checker import check_file
from xlscore.report.render import report_json

pytestmark = [
    pytest.mark.engine,
    pytest.mark.skipif(not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()),
                       reason="chromium and chromedriver are not installed"),
    pytest.mark.filterwarnings("ignore::DeprecationWarning"),
]
HOSTILE = '<img src=x onerror="window.__xss=1">'


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    driver = chromium()
    try:
        yield driver
    finally:
        driver.quit()


def _wait(driver, condition: str, seconds: float = 60):  # type: ignore[no-untyped-def]
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, seconds).until(lambda d: d.execute_script(f"return {condition}"))


def _hostile_copy(target: Path) -> Path:
    from test_web import _replace_shared_string

    _replace_shared_string(FIXTURES / "not_yes_no.xlsx", target, "也许", HOSTILE)
    return target


def test_drop_a_batch_and_read_the_results(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    files = tmp_path / "upload"
    files.mkdir()
    units = sorted(UNITS.glob("*.xlsx"))
    for unit in units:
        shutil.copyfile(unit, files / unit.name)
    hostile = _hostile_copy(files / "城中客服中心.xlsx")
    (files / "损坏.xlsx").write_bytes(units[0].read_bytes()[:5000])
    dropped = sorted(files.iterdir())
    with LiveServer(tmp_path / "server") as server:
        browser.get(server.url)
        assert browser.find_element(By.TAG_NAME, "h1").text == "xlscore 考核评分表"
        drop_files(browser, dropped)
        _wait(browser, "document.getElementById('download-summary').offsetParent !== null")
        rows = browser.find_elements(By.CSS_SELECTOR, "#results tbody tr.file")
        assert len(rows) == len(dropped)
        by_name = {row.find_element(By.CSS_SELECTOR, "td.name").text: row for row in rows}
        assert "无法校验" in by_name["损坏.xlsx"].text
        assert check_file(files / "损坏.xlsx").unreadable in by_name["损坏.xlsx"].text
        for unit in units:
            expected = report_json(check_file(files / unit.name))
            cells = [td.text for td in by_name[unit.name].find_elements(By.TAG_NAME, "td")]
            assert cells[1] == expected["unit"]
            assert cells[3] == f"自查 {expected['totals']['self_check']['grand']} / 考评 {expected['totals']['assessed']['grand']}"
            counts = expected["counts"]
            assert cells[4] == f"{counts['error']} / {counts['warning']} / {counts['info']}"
        assert "校验完成" in browser.find_element(By.ID, "progress-text").text
        headers = [th.text for th in browser.find_elements(By.CSS_SELECTOR, "#summary-table th")]
        assert "排名" in headers
        assert browser.find_element(By.ID, "rates-title").text.startswith("各单位考评得分率")
        assert all(td.text.endswith("%") for td in browser.find_elements(By.CSS_SELECTOR, "#rates-table td")[1:3])
        by_name[hostile.name].find_element(By.CSS_SELECTOR, "button.toggle").click()
        _wait(browser, "document.querySelector('.findings-table') !== null")
        table = browser.find_element(By.CSS_SELECTOR, ".findings-table")
        assert HOSTILE in table.text  # shown as text
        assert not table.find_elements(By.TAG_NAME, "img")  # never as markup
        assert browser.execute_script("return window.__xss") is None
        link = by_name[units[0].name].find_element(By.LINK_TEXT, "下载校验副本").get_attribute("href")
        assert link.startswith(server.url.split("?")[0] + "batches/")


def test_choose_files_in_english(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    source = FIXTURES / "text_numbers.xlsx"
    with LiveServer(tmp_path / "server", lang="en") as server:
        browser.get(server.url)
        browser.find_element(By.ID, "files").send_keys(str(source))
        _wait(browser, "document.querySelector('#results tbody tr.file') !== null")
        _wait(browser, "document.getElementById('progress-text').textContent.startsWith('Done')")
        row = browser.find_element(By.CSS_SELECTOR, "#results tbody tr.file")
        # refused inputs (text in number cells) leave the 考评 pass unfinished: no total, no rank
        assert "incomplete" in row.text and "Assessment —" in row.text and "null" not in row.text
        row.find_element(By.CSS_SELECTOR, "button.toggle").click()
        _wait(browser, "document.querySelector('.findings-table') !== null")
        lines = browser.find_elements(By.CSS_SELECTOR, ".findings-table tbody tr")
        assert len(lines) == len(check_file(source).findings)
        assert browser.find_element(By.ID, "download-summary").is_displayed() is False


def test_generate_a_form_and_see_a_refused_upload(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    from xlscore.web.uploads import Limits

    with LiveServer(tmp_path / "server", limits=Limits(max_files=1)) as server:
        browser.get(server.url)
        browser.find_element(By.NAME, "unit").send_keys("城北客服中心")
        browser.find_element(By.NAME, "period").send_keys("2026年第一季度")
        browser.find_element(By.CSS_SELECTOR, "#generate-form button[type=submit]").click()
        _wait(browser, "document.getElementById('generate-result').textContent !== ''")
        assert browser.find_element(By.ID, "generate-result").text == "已生成:考核评分表.xlsx"
        units = sorted(UNITS.glob("*.xlsx"))[:2]
        browser.find_element(By.ID, "files").send_keys("\n".join(str(p) for p in units))
        _wait(browser, "document.getElementById('check-error').textContent !== ''")
        assert "一次最多校验 1 个文件" in browser.find_element(By.ID, "check-error").text
        assert not browser.find_elements(By.CSS_SELECTOR, "#results tbody tr")


def test_a_roster_shows_returns_and_missing_units(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    from round_support import roster_workbook
    from xlscore.generate import GenerateOptions
    from xlscore.round.forms import generate_round, unit_forms
    from xlscore.round.roster import read_roster
    from xlscore.rubric import load_rubric

    roster_file = roster_workbook(tmp_path / "名单.xlsx", [("01", "城南客服中心"), ("02", "城北客服中心")])
    roster = read_roster(roster_file)
    forms = unit_forms(roster, tmp_path / "下发")
    generate_round(load_rubric(), roster, forms[:1], GenerateOptions())
    with LiveServer(tmp_path / "server") as server:
        browser.get(server.url)
        browser.find_element(By.ID, "roster").send_keys(str(roster_file))
        browser.find_element(By.ID, "files").send_keys(str(forms[0].path))
        _wait(browser, "document.querySelectorAll('#returns-table tbody tr').length === 2")
        assert browser.find_element(By.ID, "returns-title").text.startswith("回收情况")
        rows = [tr.text for tr in browser.find_elements(By.CSS_SELECTOR, "#returns-table tbody tr")]
        assert "已回收" in rows[0] and "城北客服中心" in rows[1] and "未回收" in rows[1]
