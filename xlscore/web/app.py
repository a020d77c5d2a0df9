"""The web page's routes: the page itself, generate, check (upload, progress, findings) and downloads.

Every POST must carry the server's per-process token (it is only in the page this server served)
and, when the browser sends one, an Origin equal to the page's own; the Host header must be one of
this server's addresses (no DNS rebinding). Results are addressed by unguessable batch ids.
"""

from __future__ import annotations

import secrets
import shutil
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from xlscore.i18n import DEFAULT_LANG, LANGS
from xlscore.round.roster import RosterError
from xlscore.web.batches import SUMMARY_NAME, BatchStore, read_uploaded_roster
from xlscore.web.uploads import Limits, UploadRefused, store_uploads
from xlscore.web.words import all_words, word

TOKEN_HEADER = "x-xlscore-token"
MAX_TEXT = 200  # 被考核单位 and 考核期间 are short; the page's fields allow 100 characters


@dataclass
class Settings:
    """How one server runs: its private folder, the hosts it answers to, its limits and worker count."""

    root: Path
    allowed_hosts: list[str] = field(default_factory=lambda: ["127.0.0.1", "localhost"])
    limits: Limits = field(default_factory=Limits)
    workers: int = 1
    token: str = field(default_factory=lambda: secrets.token_urlsafe(24))


def create_app(settings: Settings) -> Starlette:
    """The application; every upload and result lives under ``settings.root``."""
    templates = Environment(loader=PackageLoader("xlscore.web", "templates"), autoescape=select_autoescape(default=True))
    store = BatchStore(settings.root / "batches", settings.workers)
    static = StaticFiles(directory=str(resources.files("xlscore.web") / "static"))
    handlers = _Handlers(settings, templates, store)
    routes = [
        Route("/", handlers.page),
        Route("/generate", handlers.generate, methods=["POST"]),
        Route("/api/check", handlers.check, methods=["POST"]),
        Route("/api/batches/{batch}", handlers.progress),
        Route("/api/batches/{batch}/files/{index:int}/findings", handlers.findings),
        Route("/batches/{batch}/files/{index:int}/copy", handlers.copy),
        Route("/batches/{batch}/summary", handlers.summary),
        Route("/batches/{batch}/copies", handlers.all_copies),
        Mount("/static", static, name="static"),
    ]
    middleware = [Middleware(TrustedHostMiddleware, allowed_hosts=settings.allowed_hosts), Middleware(_NoSniff)]
    app = Starlette(routes=routes, middleware=middleware)
    app.state.settings, app.state.store = settings, store
    return app


class _NoSniff:
    """Every response is taken as the type it says (a JSON of cell texts is never read as HTML), and never framed."""

    def __init__(self, app) -> None:  # type: ignore[no-untyped-def]
        self.app = app

    async def __call__(self, scope, receive, send) -> None:  # type: ignore[no-untyped-def]
        async def add_headers(message) -> None:  # type: ignore[no-untyped-def]
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"x-content-type-options", b"nosniff"),
                                      (b"x-frame-options", b"DENY"), (b"referrer-policy", b"no-referrer")]
            await send(message)

        await self.app(scope, receive, add_headers if scope["type"] == "http" else send)


def _lang(request: Request) -> str:
    lang = request.query_params.get("lang") or DEFAULT_LANG
    return lang if lang in LANGS else DEFAULT_LANG


def _given(upload: object) -> bool:
    return isinstance(upload, UploadFile) and bool(upload.filename)


def _refusal(key: str, lang: str, status: int, **values: object) -> JSONResponse:
    return JSONResponse({"message": word(key, lang, **values)}, status_code=status)


class _Handlers:
    def __init__(self, settings: Settings, templates: Environment, store: BatchStore) -> None:
        self.settings, self.templates, self.store = settings, templates, store
        self.uploads = settings.root / "uploads"

    async def page(self, request: Request) -> HTMLResponse:
        lang = _lang(request)
        html = self.templates.get_template("index.html").render(
            lang=lang, w=all_words(lang), token=self.settings.token, other="en" if lang == "zh" else "zh",
            limits=self.settings.limits,
        )
        return HTMLResponse(html, headers={"Content-Security-Policy": _CSP})

    def _forbidden(self, request: Request, lang: str) -> JSONResponse | None:
        """The CSRF guard: the token, and a same-origin Origin when there is one."""
        if not secrets.compare_digest(request.headers.get(TOKEN_HEADER, ""), self.settings.token):
            return _refusal("forbidden", lang, 403)
        origin = request.headers.get("origin")
        if origin is not None and origin != f"{request.url.scheme}://{request.headers.get('host', '')}":
            return _refusal("forbidden", lang, 403)
        return None

    def _too_large(self, request: Request, lang: str) -> JSONResponse | None:
        length = request.headers.get("content-length")
        if length is None or not length.isdigit():
            return _refusal("length_required", lang, 411)
        limit = self.settings.limits.max_request_bytes
        if int(length) > limit:
            return _refusal("request_too_large", lang, 413, limit=limit // (1024 * 1024))
        return None

    async def generate(self, request: Request) -> Response:
        lang = _lang(request)
        refused = self._forbidden(request, lang) or self._too_large(request, lang)
        if refused is not None:
            return refused
        from xlscore.web.forms import generate_form

        async with request.form(max_files=1, max_fields=10) as form:
            upload = form.get("rubric")
            try:
                outcome = await run_in_threadpool(
                    generate_form, self.uploads, upload if isinstance(upload, UploadFile) and upload.filename else None,
                    str(form.get("unit") or "")[:MAX_TEXT], str(form.get("period") or "")[:MAX_TEXT], lang,
                    self.settings.limits,
                )
            except Exception as exc:  # noqa: BLE001 - the page shows one line, never a server error page
                return _refusal("generate_failed", lang, 500, kind=type(exc).__name__)
        if outcome.problems is not None:
            outcome.cleanup()
            return JSONResponse({"message": word("rubric_invalid", lang), "problems": outcome.problems}, status_code=400)
        return FileResponse(outcome.path, filename=outcome.name, background=BackgroundTask(outcome.cleanup),
                            media_type=_XLSX)

    async def check(self, request: Request) -> JSONResponse:
        lang = _lang(request)
        refused = self._forbidden(request, lang) or self._too_large(request, lang)
        if refused is not None:
            return refused
        limits = self.settings.limits
        batch_id, root = self.store.new_folder()
        # One more than allowed, so that too many files get our message rather than the parser's.
        async with request.form(max_files=limits.max_files + 2, max_fields=10) as form:
            uploads = [u for u in form.getlist("files") if isinstance(u, UploadFile)]
            roster = form.get("roster")
            try:
                rounds = await run_in_threadpool(read_uploaded_roster, roster, root) if _given(roster) else None
            except RosterError as exc:
                shutil.rmtree(root, ignore_errors=True)
                return JSONResponse({"message": word("roster_invalid", lang), "problems": exc.lines(lang)}, status_code=400)
            if len(uploads) > limits.max_files:
                shutil.rmtree(root, ignore_errors=True)
                return _refusal("too_many_files", lang, 413, limit=limits.max_files)
            try:
                pairs = [(u.filename or "?", u.file) for u in uploads]
                intake = await run_in_threadpool(store_uploads, pairs, root, limits)
            except UploadRefused as exc:
                shutil.rmtree(root, ignore_errors=True)
                return _refusal(exc.key, lang, 413, **exc.values)
        if not intake.files and not intake.refused:
            shutil.rmtree(root, ignore_errors=True)
            return _refusal("no_files", lang, 400)
        batch = self.store.start(batch_id, root, intake.files, intake.refused, lang, rounds)
        return JSONResponse(batch.progress())

    async def progress(self, request: Request) -> JSONResponse:
        batch = self.store.get(request.path_params["batch"])
        if batch is None:
            return _refusal("no_batch", _lang(request), 404)
        since = request.query_params.get("since", "0")
        return JSONResponse(batch.progress(int(since) if since.isdigit() else 0))

    async def findings(self, request: Request) -> JSONResponse:
        batch = self.store.get(request.path_params["batch"])
        table = batch.findings(request.path_params["index"]) if batch is not None else None
        if table is None:
            return _refusal("no_batch", _lang(request), 404)
        return JSONResponse(table)

    async def copy(self, request: Request) -> Response:
        batch = self.store.get(request.path_params["batch"])
        path = batch.copy(request.path_params["index"]) if batch is not None else None
        if path is None or not path.is_file():
            return _refusal("no_batch", _lang(request), 404)
        return FileResponse(path, filename=path.name, media_type=_XLSX)

    async def summary(self, request: Request) -> Response:
        batch = self.store.get(request.path_params["batch"])
        if batch is None or batch.summary is None or not batch.finished:
            return _refusal("no_batch", _lang(request), 404)
        return FileResponse(batch.summary, filename=SUMMARY_NAME.get(batch.lang, SUMMARY_NAME["zh"]), media_type=_XLSX)

    async def all_copies(self, request: Request) -> Response:
        batch = self.store.get(request.path_params["batch"])
        if batch is None or not batch.finished:
            return _refusal("no_batch", _lang(request), 404)
        path = await run_in_threadpool(batch.all_copies)
        return FileResponse(path, filename=path.name, media_type="application/zip")


_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: Only this server's own script and styles; no inline script, nothing from elsewhere.
_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
