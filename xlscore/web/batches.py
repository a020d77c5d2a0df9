"""Batches of uploaded files, checked in the background while the page polls their progress.

A batch runs in its own thread, which drives the same process pool as ``xlscore check``; the
server's event loop never waits for a check. One file that fails in any way becomes a row with a
one-line message; the others go on.
"""

from __future__ import annotations

import dataclasses
import secrets
import shutil
import threading
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from xlscore.atomic import write_atomically
from xlscore.check.checker import CheckOptions
from xlscore.check.messages import internal_error_message
from xlscore.batch.runner import RunResult, Skipped, check_one
from xlscore.web.uploads import Refused, Stored
from xlscore.web.views import file_row, findings_table, frame_view
from xlscore.web.words import word

#: Finished batches kept for download; older ones (and their files) are removed.
KEEP_BATCHES = 20
SUMMARY_NAME = {"zh": "汇总表.xlsx", "en": "summary.xlsx"}
ALL_COPIES_NAME = {"zh": "校验副本.zip", "en": "checked-copies.zip"}


@dataclass
class Entry:
    index: int
    stored: Stored
    result: RunResult | None = None
    failure: str | None = None
    row: dict[str, Any] | None = None


@dataclass
class Batch:
    id: str
    folder: Path
    lang: str
    entries: list[Entry]
    refused: list[Refused] = field(default_factory=list)
    done: int = 0
    finished: bool = False
    summary: Path | None = None
    summary_view: dict[str, Any] | None = None
    rounds: Any = None  # a RoundCheck when a roster came with the files (xlscore.round.run)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def progress(self, since: int = 0) -> dict[str, Any]:
        with self.lock:
            rows = [e.row for e in self.entries[since:self.done] if e.row is not None]
            return {
                "id": self.id, "total": len(self.entries), "done": self.done, "finished": self.finished,
                "files": rows, "summary": self.summary_view if self.finished else None,
                "refused": [{"file": r.display, "message": word(r.key, self.lang, **r.values)} for r in self.refused],
            }

    def findings(self, index: int) -> dict[str, Any] | None:
        entry = self._entry(index)
        if entry is None or entry.result is None or entry.result.report.unreadable is not None:
            return None
        return findings_table(entry.result.report, self.lang)

    def copy(self, index: int) -> Path | None:
        entry = self._entry(index)
        return entry.result.copy if entry is not None and entry.result is not None else None

    def _entry(self, index: int) -> Entry | None:
        with self.lock:
            return self.entries[index] if 0 <= index < self.done else None

    def all_copies(self) -> Path:
        """Every checked copy (and the summary) in one zip, with the folders the summary's links expect."""
        target = self.folder / ALL_COPIES_NAME.get(self.lang, ALL_COPIES_NAME["zh"])
        if not target.exists():
            write_atomically(target, self._zip_copies)
        return target

    def _zip_copies(self, handle: BinaryIO) -> None:
        with zipfile.ZipFile(handle, "w", zipfile.ZIP_STORED) as archive:
            for entry in self.entries:
                if entry.result is not None and entry.result.copy is not None:
                    archive.write(entry.result.copy, entry.result.copy.relative_to(self.folder).as_posix())
            if self.summary is not None:
                archive.write(self.summary, self.summary.name)


class BatchStore:
    """All batches of this server, and the one worker thread at a time that checks them."""

    def __init__(self, root: Path, workers: int) -> None:
        self.root = root
        self.workers = workers
        self.batches: dict[str, Batch] = {}
        self.lock = threading.Lock()
        self.running = threading.Semaphore(1)

    def new_folder(self) -> tuple[str, Path]:
        batch_id = secrets.token_urlsafe(12)
        folder = self.root / batch_id
        folder.mkdir(parents=True, mode=0o700)
        return batch_id, folder

    def start(self, batch_id: str, folder: Path, files: list[Stored], refused: list[Refused], lang: str,
              rounds: Any = None) -> Batch:
        batch = Batch(batch_id, folder, lang, [Entry(i, s) for i, s in enumerate(files)], refused, rounds=rounds)
        with self.lock:
            self.batches[batch_id] = batch
            self._forget_old()
        threading.Thread(target=self._run, args=(batch,), name=f"xlscore-batch-{batch_id}", daemon=True).start()
        return batch

    def get(self, batch_id: str) -> Batch | None:
        with self.lock:
            return self.batches.get(batch_id)

    def _forget_old(self) -> None:
        finished = [b for b in self.batches.values() if b.finished]
        for batch in finished[: max(0, len(self.batches) - KEEP_BATCHES)]:
            del self.batches[batch.id]
            shutil.rmtree(batch.folder, ignore_errors=True)

    def _run(self, batch: Batch) -> None:
        with self.running:
            options = CheckOptions(lang=batch.lang)
            try:
                _check_pooled(batch, options, self.workers)
            except Exception:  # noqa: BLE001 - a broken pool must not lose the files not yet checked
                pass
            for entry in batch.entries[batch.done:]:
                _record(batch, entry, *_check_alone(entry, options, batch.lang))
            try:
                _summarise(batch)
            finally:
                with batch.lock:
                    batch.finished = True


def _check_pooled(batch: Batch, options: CheckOptions, workers: int) -> None:
    from xlscore.batch.pool import Job, run_jobs

    jobs = [Job(e.stored.path, options, True) for e in batch.entries]
    for entry, result in zip(batch.entries, run_jobs(jobs, workers)):
        _record(batch, entry, result, None)


def _check_alone(entry: Entry, options: CheckOptions, lang: str) -> tuple[RunResult | None, str | None]:
    try:
        return check_one(entry.stored.path, options, write_copy=True), None
    except Exception as exc:  # noqa: BLE001 - one bad file never stops the batch
        return None, internal_error_message(exc, lang)


def _record(batch: Batch, entry: Entry, result: RunResult | None, failure: str | None) -> None:
    if result is not None and result.report.unreadable is not None:
        result.report.file = entry.stored.display  # the summary lists it by the name the user knows
    row = file_row(entry.index, entry.stored.display, result, failure, batch.lang)
    if result is not None and result.copy is not None:
        row["copy"] = True
    if result is not None and result.copy_error is not None:
        row["copy_error"] = result.copy_error
    with batch.lock:
        entry.result, entry.failure, entry.row = result, failure, row
        batch.done += 1


def _summarise(batch: Batch) -> None:
    """For several files: the same summary workbook as ``check --summary``, and its ranking for the page."""
    if len(batch.entries) < 2 and batch.rounds is None:
        return
    from xlscore.batch.summary import Failure, UnitRow, rates_frame, unit_row, units_frame, write_summary

    rows = [unit_row(e.result) if e.result is not None else Failure(e.stored.display, e.failure or "")
            for e in batch.entries]
    lead, returns = _round(batch, rows)
    if returns is not None:
        rows = batch.rounds.summary_rows(rows)
    units = [r for r in rows if isinstance(r, UnitRow)]
    failures = [r for r in rows if isinstance(r, Failure)]
    skipped = [Skipped(Path(r.display), r.key) for r in batch.refused if r.key in ("owner", "checked", "not_workbook")]
    path = batch.folder / SUMMARY_NAME.get(batch.lang, SUMMARY_NAME["zh"])
    write_summary(path, units, failures, skipped, batch.lang, lead)
    from xlscore.batch.words import w

    view = {"units": {"title": w("title", batch.lang), **frame_view(units_frame(units, batch.lang))}}
    if returns is not None:
        view["returns"] = returns
    if units:
        rates = frame_view(rates_frame(units, batch.lang), w("unit", batch.lang), percent=True)
        view["rates"] = {"title": w("rates_title", batch.lang), **rates}
    batch.summary, batch.summary_view = path, view


def _round(batch: Batch, rows: list) -> tuple[Any, dict[str, Any] | None]:  # type: ignore[type-arg]
    """With a roster: each checked file identified by the name the user knows, then 回收情况's sheet and table."""
    if batch.rounds is None:
        return None, None
    from xlscore.round.summary_sheet import returns_sheet, returns_table

    for entry in batch.entries:
        if entry.result is not None:
            batch.rounds.add(entry.result.report, name=entry.stored.display)
    status = batch.rounds.status()
    return returns_sheet(status, batch.lang), returns_table(status, batch.lang).view()


def read_uploaded_roster(upload: Any, folder: Path) -> Any:
    """Keep an uploaded roster beside the batch's files and read it (raises ``RosterError``)."""
    from xlscore.round.roster import RosterError, RosterProblem
    from xlscore.round.roster_files import MAX_BYTES
    from xlscore.round.run import RoundCheck
    from xlscore.web.uploads import UploadRefused, save_stream

    name = Path(upload.filename or "roster").name
    target = folder / "roster" / f"roster{Path(name).suffix.lower()[:8]}"
    target.parent.mkdir(mode=0o700)
    try:
        save_stream(upload.file, target, MAX_BYTES, name)
    except UploadRefused:
        raise RosterError([RosterProblem("too_big", name, values={"limit": MAX_BYTES // (1024 * 1024)})]) from None
    try:
        rounds = RoundCheck.from_file(target)
    except RosterError as exc:  # said of the file the user chose, not of where the server keeps it
        raise RosterError([dataclasses.replace(p, file=name) for p in exc.problems]) from None
    rounds.roster = dataclasses.replace(rounds.roster, file=name)
    return rounds
