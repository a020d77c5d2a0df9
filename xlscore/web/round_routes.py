"""The web page's merge and compare: two sets of uploads in, :mod:`xlscore.round.outcomes` runs them, JSON out.

``POST /api/merge`` takes the 自查 copies (``self``) and the 考评 copies (``assess``), files or .zip folders,
pairs them by unit and merges each pair; the merged forms and their checked copies download as one zip.
``POST /api/compare`` takes an earlier (``old``) and a later (``new``) return of one unit; its 变更表
workbook downloads. Guards and limits are the check's (token, origin, request size, upload limits).
"""

from __future__ import annotations

import os
import secrets
import shutil
import zipfile
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Route

from xlscore.atomic import write_atomically
from xlscore.round.merge_render import write_changes
from xlscore.round.outcomes import MergeRun, diff_pair, merge_folders, unpaired_lines
from xlscore.web.uploads import UploadRefused, store_uploads

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOWNLOAD = {"merge": {"zh": "合并结果.zip", "en": "merged.zip"}, "compare": {"zh": "变更表.xlsx", "en": "changes.xlsx"}}
MAX_RESULTS = 64


class RoundRoutes:
    """Merge and compare on the page; results are kept under unguessable ids in the server's private folder."""

    def __init__(self, handlers) -> None:  # type: ignore[no-untyped-def]
        self.handlers = handlers
        self.root = handlers.settings.root / "round"
        self.results: dict[str, tuple[Path, str]] = {}

    def routes(self) -> list[Route]:
        return [Route("/api/merge", self.merge, methods=["POST"]), Route("/api/compare", self.compare, methods=["POST"]),
                Route("/round/{result}/download", self.download)]

    def _guard(self, request: Request, lang: str) -> Response | None:
        return self.handlers._forbidden(request, lang) or self.handlers._too_large(request, lang)

    def _folder(self) -> tuple[str, Path]:
        result = secrets.token_urlsafe(12)
        folder = self.root / result
        folder.mkdir(parents=True, mode=0o700)
        if len(self.results) >= MAX_RESULTS:  # the oldest result goes: the server's folder stays bounded
            oldest = next(iter(self.results))
            shutil.rmtree(self.results.pop(oldest)[0].parent, ignore_errors=True)
        return result, folder

    async def _store(self, form, fields: tuple[str, str], folder: Path) -> list[Path]:  # type: ignore[no-untyped-def]
        limits = self.handlers.settings.limits
        places = []
        for name in fields:
            uploads = [(u.filename or "?", u.file) for u in form.getlist(name) if isinstance(u, UploadFile) and u.filename]
            staged = folder / f"{name}-uploads"
            staged.mkdir(mode=0o700)
            intake = await run_in_threadpool(store_uploads, uploads, staged, limits)
            place = folder / name
            place.mkdir()
            for stored in intake.files:  # one flat folder, as pairing by unit reads it
                stored.path.rename(_free(place, stored.path.name))
            places.append(place)
        return places

    async def _receive(self, request: Request, fields: tuple[str, str], max_files: int) -> Response | tuple[str, Path, list[Path]]:
        """Guard the request and store its two sets of uploads: (result id, its folder, the two folders), or a refusal."""
        from xlscore.web.app import _lang, _refusal

        lang = _lang(request)
        refused = self._guard(request, lang)
        if refused is not None:
            return refused
        result, folder = self._folder()
        async with request.form(max_files=max_files, max_fields=10) as form:
            try:
                places = await self._store(form, fields, folder)
            except UploadRefused as exc:
                shutil.rmtree(folder, ignore_errors=True)
                return _refusal(exc.key, lang, 413, **exc.values)
        return result, folder, places

    async def merge(self, request: Request) -> Response:
        from xlscore.web.app import _lang

        lang = _lang(request)
        received = await self._receive(request, ("self", "assess"), 2 * self.handlers.settings.limits.max_files + 2)
        if isinstance(received, Response):
            return received
        result, folder, (first, second) = received
        out = folder / "merged"
        pairing, outcomes = await run_in_threadpool(merge_folders, first, second, out, MergeRun(lang=lang))
        body = {"pairs": [_local(dict(o.data, lines=o.lines, exit_code=o.exit_code), folder) for o in outcomes],
                "unpaired": _local(unpaired_lines(pairing, lang), folder)}
        if any(o.output is not None for o in outcomes):
            archive = folder / pick_name("merge", lang)
            await run_in_threadpool(_zip, out, archive)
            self.results[result] = (archive, "application/zip")
            body["download"] = f"/round/{result}/download"
        return JSONResponse(body)

    async def compare(self, request: Request) -> Response:
        from xlscore.web.app import _lang, _refusal

        lang = _lang(request)
        received = await self._receive(request, ("old", "new"), 4)
        if isinstance(received, Response):
            return received
        result, folder, (first, second) = received
        old, new = (next(iter(sorted(p.iterdir())), None) for p in (first, second))
        if old is None or new is None:
            shutil.rmtree(folder, ignore_errors=True)
            return _refusal("no_files", lang, 400)
        outcome = await run_in_threadpool(diff_pair, old, new, lang)
        body = _local(dict(outcome.data, lines=outcome.lines, exit_code=outcome.exit_code), folder)
        if outcome.comparison is not None:
            target = folder / pick_name("compare", lang)
            await run_in_threadpool(write_changes, outcome.comparison, target, lang)
            self.results[result] = (target, XLSX)
            body["download"] = f"/round/{result}/download"
        return JSONResponse(body)

    async def download(self, request: Request) -> Response:
        from xlscore.web.app import _lang, _refusal

        found = self.results.get(request.path_params["result"])
        if found is None or not found[0].is_file():
            return _refusal("no_batch", _lang(request), 404)
        return FileResponse(found[0], filename=found[0].name, media_type=found[1])


def pick_name(kind: str, lang: str) -> str:
    return DOWNLOAD[kind].get(lang) or DOWNLOAD[kind]["zh"]


def _free(folder: Path, name: str) -> Path:
    """``folder/name``, or ``folder/stem (2).suffix`` … when two uploads share a name."""
    target, number = folder / name, 2
    while target.exists():
        target = folder / f"{Path(name).stem} ({number}){Path(name).suffix}"
        number += 1
    return target


def _zip(folder: Path, archive: Path) -> None:
    def write(handle) -> None:  # type: ignore[no-untyped-def]
        with zipfile.ZipFile(handle, "w", zipfile.ZIP_STORED) as out:  # workbooks are zips already
            for path in sorted(folder.iterdir()):
                out.write(path, path.name)

    write_atomically(archive, write)


def _local(data, folder: Path):  # type: ignore[no-untyped-def]
    """The result with the server's folder taken out of every path: the page shows the names users gave."""
    prefix = str(folder) + os.sep
    if isinstance(data, dict):
        return {k: _local(v, folder) for k, v in data.items()}
    if isinstance(data, list):
        return [_local(v, folder) for v in data]
    if isinstance(data, str):
        return data.replace(prefix, "")
    return data
