"""Screenshot the web page after checking the example units (for ``docs/img/web-check.png``).

    python scripts/render_web_page.py [--out docs/img/web-check.png]

Serves the page on a free loopback port, drops the example units and a damaged file onto it in
headless Chromium, opens the findings of the first file that has some, and saves the page.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the web tests' helpers

from web_support import UNITS, LiveServer, chromium, drop_files  # noqa: E402


def render(out: Path) -> Path:
    from selenium.webdriver.common.by import By

    with tempfile.TemporaryDirectory(prefix="xlscore-web-") as tmp:
        work = Path(tmp)
        files = work / "回收表"
        files.mkdir()
        for unit in sorted(UNITS.glob("*.xlsx")):
            shutil.copyfile(unit, files / unit.name)
        (files / "城中客服中心.xlsx").write_bytes((files / unit.name).read_bytes()[:5000])
        driver = chromium()
        try:
            with LiveServer(work / "server") as server:
                driver.get(server.url)
                drop_files(driver, sorted(files.iterdir()))
                for _ in range(600):
                    if driver.find_element(By.ID, "download-summary").is_displayed():
                        break
                    time.sleep(0.1)
                driver.find_elements(By.CSS_SELECTOR, "button.toggle")[0].click()
                time.sleep(0.5)
                height = driver.execute_script("return document.documentElement.scrollHeight")
                driver.set_window_size(1280, min(height + 200, 3400))
                out.parent.mkdir(parents=True, exist_ok=True)
                driver.save_screenshot(str(out))
        finally:
            driver.quit()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img" / "web-check.png")
    print(render(parser.parse_args().out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
