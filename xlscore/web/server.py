"""Run the page: a private folder, a free port on 127.0.0.1, the browser, and cleanup on exit."""

from __future__ import annotations

import shutil
import socket
import tempfile
import threading
import webbrowser
from pathlib import Path
from typing import Callable

# The web extra's packages, imported here so that a missing one is said before anything starts.
import jinja2  # noqa: F401
import python_multipart  # noqa: F401
import starlette  # noqa: F401
import uvicorn

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def is_loopback(host: str) -> bool:
    return host in LOOPBACK


def free_port(host: str) -> int:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def serve(host: str, port: int, open_browser: bool, lang: str, workers: int | None,
          announce: Callable[[str], None]) -> None:
    """Serve until interrupted (``port`` 0: a free one; ``workers`` None: all cores); uploads are removed on return."""
    from xlscore.batch.pool import default_jobs
    from xlscore.web.app import Settings, create_app

    root = Path(tempfile.mkdtemp(prefix="xlscore-serve-"))  # mode 0700: this user's alone
    previous = tempfile.tempdir
    tempfile.tempdir = str(root)  # uploads spooled to disk by the form parser land here too
    try:
        port = port or free_port(host)
        shown = f"[{host}]" if ":" in host else host
        hosts = [host, "127.0.0.1", "localhost"] if is_loopback(host) else ["*"]
        app = create_app(Settings(root=root, allowed_hosts=hosts, workers=workers or default_jobs()))
        url = f"http://{shown}:{port}/" + ("?lang=en" if lang == "en" else "")
        announce(url)
        if open_browser:
            threading.Timer(0.8, webbrowser.open, args=(url,)).start()
        uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
    finally:
        tempfile.tempdir = previous
        shutil.rmtree(root, ignore_errors=True)
