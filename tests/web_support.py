"""Helpers of the web page's tests: an app on a private folder, a client, and waiting for a batch."""

from __future__ import annotations

import time
from pathlib import Path

from starlette.testclient import TestClient

from xlscore.web.app import Settings, create_app
from xlscore.web.uploads import Limits

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
UNITS = ROOT / "examples" / "units"


def client(root: Path, limits: Limits | None = None, workers: int = 1) -> tuple[TestClient, Settings]:
    settings = Settings(root=root, allowed_hosts=["testserver"], limits=limits or Limits(), workers=workers)
    return TestClient(create_app(settings)), settings


def finished(http: TestClient, batch: str, polls: int = 600) -> dict:
    """The batch's state once it is done (polling, as the page does)."""
    for _ in range(polls):
        state = http.get(f"/api/batches/{batch}").json()
        if state["finished"]:
            return state
        time.sleep(0.05)
    raise AssertionError(f"batch {batch} did not finish")


class LiveServer:
    """The app served by uvicorn on a free loopback port, in a thread, for a real browser."""

    def __init__(self, root: Path, lang: str = "zh", limits: Limits | None = None) -> None:
        import threading

        import uvicorn

        from xlscore.web.server import free_port

        self.port = free_port("127.0.0.1")
        self.settings = Settings(root=root, allowed_hosts=["127.0.0.1"], workers=2, limits=limits or Limits())
        config = uvicorn.Config(create_app(self.settings), host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.url = f"http://127.0.0.1:{self.port}/" + ("?lang=en" if lang == "en" else "")

    def __enter__(self) -> "LiveServer":
        self.thread.start()
        for _ in range(200):
            if self.server.started:
                return self
            time.sleep(0.05)
        raise AssertionError("the server did not start")

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,1000"]


def chromium(extra: tuple[str, ...] = ()):  # type: ignore[no-untyped-def]
    """Debian's Chromium under Selenium through Debian's chromedriver (no browser download)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in (*CHROMIUM_ARGS, *extra):
        options.add_argument(arg)
    return webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))


#: Drops the files chosen in a stand-in input onto the drop zone, as a drag from the desktop does.
DROP_SCRIPT = """
const input = arguments[0], zone = document.getElementById('drop-zone');
const data = new DataTransfer();
for (const file of input.files) data.items.add(file);
zone.dispatchEvent(new DragEvent('dragover', {dataTransfer: data, bubbles: true, cancelable: true}));
zone.dispatchEvent(new DragEvent('drop', {dataTransfer: data, bubbles: true, cancelable: true}));
"""
STAND_IN_SCRIPT = """
const input = document.createElement('input');
input.type = 'file'; input.multiple = true; input.id = 'stand-in';
document.body.appendChild(input);
return input;
"""


def drop_files(driver, paths: list[Path]) -> None:  # type: ignore[no-untyped-def]
    """Drop ``paths`` onto the page's drop zone (a real DragEvent with real File objects)."""
    stand_in = driver.execute_script(STAND_IN_SCRIPT)
    stand_in.send_keys("\n".join(str(p) for p in paths))
    driver.execute_script(DROP_SCRIPT, stand_in)
    driver.execute_script("arguments[0].remove()", stand_in)
