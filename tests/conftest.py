import os
import sys
from pathlib import Path

import pytest

# Test helpers (fills.py) are imported by name.
sys.path.insert(0, str(Path(__file__).parent))
# One fixed time for what xlscore records (the 差异表's check time, the summary's date), so that two
# outputs made seconds apart compare byte for byte (xlscore.clock).
os.environ.setdefault("SOURCE_DATE_EPOCH", "1791590400")  # 2026-10-10

#: Words in a skip reason that mean "the spreadsheet engine or its tools are missing".
ENGINE_WORDS = ("libreoffice", "soffice", "ooxml-validator", "pdftoppm", "pdftotext", "python3-uno", "uno", "chromium", "chromedriver")


def _engine_skip(report: pytest.TestReport | pytest.CollectReport) -> bool:
    if not report.skipped or not os.environ.get("XLSCORE_REQUIRE_ENGINE"):
        return False
    reason = str(report.longrepr).lower()
    return any(word in reason for word in ENGINE_WORDS)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):  # type: ignore[no-untyped-def]
    """With XLSCORE_REQUIRE_ENGINE set (CI), a skip for want of LibreOffice is a failure."""
    outcome = yield
    report = outcome.get_result()
    if _engine_skip(report):
        report.outcome = "failed"


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector):  # type: ignore[no-untyped-def]
    outcome = yield
    report = outcome.get_result()
    if _engine_skip(report):
        report.outcome = "failed"
