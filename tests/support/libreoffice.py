"""LibreOffice as the project's real spreadsheet engine in tests.

Three things a test needs from a spreadsheet engine, each with one soffice start for many files:

* :func:`recalculate` - load workbooks, compute every formula afresh and save them as ``.xlsx``, so the
  saved cached values (what ``openpyxl.load_workbook(path, data_only=True)`` reads) are the engine's.
* :func:`convert_to_pdf` - the same load and recalculation, saved as PDF for print previews.
* :func:`insert_rows`, :func:`delete_rows`, :func:`set_cells` (and :func:`edit_workbook` for several
  edits in one start) - the edits an auditor makes in a spreadsheet program, driven through UNO, so that
  defined names and formulas move or break exactly as the engine moves them.

LibreOffice keeps a formula's cached value when a file already has one unless its profile says to
recalculate on load, so every call runs soffice with a private profile made by :func:`create_profile`
(a temporary one unless ``profile=`` names a directory). Inputs are never modified: conversions write only
to the output directory, edits load a private copy of the source.

Every soffice (and UNO helper) runs in a new process group that is killed when the call ends or times
out; nothing else is touched. Install the engine with ``apt-get install -y libreoffice-calc-nogui``
(and ``python3-uno`` for the edits, ``fonts-noto-cjk`` for Chinese text in PDFs).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import math
import numbers
import os
import re
import shutil
import signal
import stat
import subprocess
import tempfile
import uuid
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

__all__ = [
    "DEFAULT_TIMEOUT",
    "PROFILE_SETTINGS",
    "XLSX_FILTER",
    "LibreOfficeError",
    "LibreOfficeTimeout",
    "LibreOfficeUnavailable",
    "convert_to_pdf",
    "create_profile",
    "delete_rows",
    "edit_workbook",
    "find_soffice",
    "find_uno_python",
    "insert_rows",
    "recalculate",
    "set_cells",
]

#: The export filter that writes Office Open XML spreadsheets.
XLSX_FILTER = "Calc MS Excel 2007 XML"
#: Seconds one soffice run may take (one run per chunk of files, or per edit call).
DEFAULT_TIMEOUT = 300.0
#: Environment variables that override where soffice and the UNO-capable Python are.
SOFFICE_ENV = "XLSCORE_SOFFICE"
UNO_PYTHON_ENV = "XLSCORE_UNO_PYTHON"

INSTALL_SOFFICE = "apt-get install -y libreoffice-calc-nogui"
INSTALL_UNO = "apt-get install -y python3-uno"

#: Files per soffice start, and characters of file names per command line, before a list is split.
MAX_FILES_PER_RUN = 200
MAX_COMMAND_CHARS = 100_000
#: Largest 1-based row number in a LibreOffice Calc sheet.
MAX_ROW = 1_048_576

_SOFFICE_CANDIDATES = ("/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice",
                       "/opt/libreoffice/program/soffice", "/Applications/LibreOffice.app/Contents/MacOS/soffice")
_UNO_PYTHON_CANDIDATES = ("/usr/bin/python3",)
_HELPER = Path(__file__).with_name("uno_edit.py")
_CELL_RE = re.compile(r"^\$?([A-Za-z]{1,3})\$?([1-9][0-9]{0,6})$")
_KILL_GRACE = 15.0
#: Where LibreOffice puts its pipes (Unix sockets named OSL_PIPE_<uid>_<name>).
_PIPE_DIRS = ("/tmp", "/var/tmp")

#: The profile settings every run uses, as ``registrymodifications.xcu`` items: always recalculate
#: formulas when loading OOXML (``.xlsx``) and ODF files (0 = always, 1 = never, 2 = ask).
PROFILE_SETTINGS = """\
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
"""

_XCU_HEAD = """\
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
"""
_XCU_TAIL = "</oor:items>\n"


class LibreOfficeUnavailable(Exception):
    """LibreOffice (or the UNO bridge for Python) is not installed; the message says what to install."""


class LibreOfficeError(RuntimeError):
    """LibreOffice ran but did not produce what was asked.

    ``missing`` names the inputs that produced no output, ``produced`` maps the others to their
    outputs, ``log`` holds the tail of what soffice printed.
    """

    def __init__(self, message: str, *, missing: Sequence[Path] = (), produced: Mapping[Path, Path] | None = None,
                 log: str = "") -> None:
        super().__init__(message)
        self.missing = tuple(missing)
        self.produced = dict(produced or {})
        self.log = log


class LibreOfficeTimeout(LibreOfficeError):
    """A soffice run took longer than its timeout and was killed."""


# --- finding the engine ---------------------------------------------------------------------------------


def find_soffice() -> str | None:
    """The path of the ``soffice`` executable, or None when LibreOffice is not installed.

    ``$XLSCORE_SOFFICE`` wins when set; then ``soffice`` or ``libreoffice`` on PATH; then the usual
    install locations.
    """
    override = os.environ.get(SOFFICE_ENV)
    if override:
        return override if _is_executable(override) else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return next((path for path in _SOFFICE_CANDIDATES if _is_executable(path)), None)


def require_soffice() -> str:
    """Like :func:`find_soffice`, but raise :class:`LibreOfficeUnavailable` when it is missing."""
    found = find_soffice()
    if found is None:
        raise LibreOfficeUnavailable(f"LibreOffice (soffice) is not installed; install it with: {INSTALL_SOFFICE}")
    return found


def find_uno_python() -> str | None:
    """A Python interpreter that can ``import uno`` (Debian's ``/usr/bin/python3``), or None.

    ``$XLSCORE_UNO_PYTHON`` wins when set. The check runs the interpreter once and is cached.
    """
    override = os.environ.get(UNO_PYTHON_ENV)
    candidates = (override,) if override else _UNO_PYTHON_CANDIDATES
    return next((path for path in candidates if _imports_uno(path)), None)


def require_uno_python() -> str:
    """Like :func:`find_uno_python`, but raise :class:`LibreOfficeUnavailable` when there is none."""
    found = find_uno_python()
    if found is None:
        raise LibreOfficeUnavailable(
            f"no Python that can 'import uno' (looked for /usr/bin/python3); install it with: {INSTALL_UNO}")
    return found


def _is_executable(path: str) -> bool:
    return os.path.isfile(path) and os.access(path, os.X_OK)


@functools.lru_cache(maxsize=8)
def _imports_uno(python: str) -> bool:
    if not _is_executable(python):
        return False
    try:
        done = subprocess.run([python, "-I", "-c", "import uno"], stdin=subprocess.DEVNULL,
                              capture_output=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


# --- the profile -----------------------------------------------------------------------------------------


def create_profile(directory: str | os.PathLike[str] | None = None) -> Path:
    """Create (or complete) a LibreOffice user profile that recalculates every formula on load.

    Writes ``user/registrymodifications.xcu`` with :data:`PROFILE_SETTINGS` under ``directory`` (a new
    temporary directory when None, which the caller then owns and removes). An existing profile keeps its
    other settings and gets the recalculation items added if they are missing. Returns the profile
    directory; pass it as ``-env:UserInstallation=`` + ``directory.as_uri()``. A profile must not be used by
    two soffice processes at once.
    """
    root = Path(tempfile.mkdtemp(prefix="xlscore-lo-profile-")) if directory is None else Path(directory)
    xcu = root / "user" / "registrymodifications.xcu"
    xcu.parent.mkdir(parents=True, exist_ok=True)
    if not xcu.is_file():
        xcu.write_text(_XCU_HEAD + PROFILE_SETTINGS + _XCU_TAIL, encoding="utf-8")
    else:
        _complete_xcu(xcu)
    return root.resolve()


def _complete_xcu(xcu: Path) -> None:
    """Put the recalculation items into an existing registrymodifications.xcu (replacing older values)."""
    text = xcu.read_text(encoding="utf-8")
    kept = [line for line in text.splitlines(keepends=True)
            if "OOXMLRecalcMode" not in line and "ODFRecalcMode" not in line]
    text = "".join(kept)
    end = text.rfind("</oor:items>")
    if end < 0:
        raise LibreOfficeError(f"{xcu} is not a LibreOffice registry file (no </oor:items>)")
    xcu.write_text(text[:end] + PROFILE_SETTINGS + text[end:], encoding="utf-8")


@contextlib.contextmanager
def _profile(directory: str | os.PathLike[str] | None) -> Iterator[Path]:
    """The given profile (completed), or a temporary one removed afterwards."""
    if directory is not None:
        yield create_profile(directory)
        return
    root = create_profile()
    try:
        yield root
    finally:
        shutil.rmtree(root, ignore_errors=True)


# --- running soffice in its own process group -------------------------------------------------------------


def _run_group(command: Sequence[str], timeout: float, log: Path) -> int:
    """Run ``command`` in a new process group with output to ``log``; kill the whole group afterwards.

    The group holds only what this call started (soffice's launcher, soffice.bin, a UNO helper), so
    killing it never touches other soffice processes. ``TMPDIR`` points next to ``log`` so the temporary
    files soffice leaves behind when it is killed go with the caller's scratch directory. Raises
    :class:`subprocess.TimeoutExpired`.
    """
    tmp = log.parent / "tmp"
    tmp.mkdir(exist_ok=True)
    env = dict(os.environ, TMPDIR=str(tmp))
    with open(log, "ab") as sink:
        process = subprocess.Popen(list(command), stdin=subprocess.DEVNULL, stdout=sink, stderr=sink,
                                   start_new_session=True, env=env)
    try:
        return process.wait(timeout=timeout)
    finally:
        _kill_group(process)


def _kill_group(process: subprocess.Popen) -> None:
    """Kill what is left of the process group led by ``process`` and reap its leader."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=_KILL_GRACE)


def _remove_stale_pipes(profile: Path, *names: str) -> None:
    """Remove the sockets a killed soffice leaves in /tmp: its single-instance pipe and ``names``.

    The single-instance pipe is ``SingleOfficeIPC_`` + the MD5 of the profile URL (UTF-16LE), each byte in
    hex without zero padding. Call only once the process group is dead; a profile serves one soffice at a time.
    """
    digest = hashlib.md5(profile.as_uri().encode("utf-16-le"), usedforsecurity=False).digest()
    idents = ["SingleOfficeIPC_" + "".join(format(byte, "x") for byte in digest), *names]
    for directory in _PIPE_DIRS:
        for ident in idents:
            path = Path(directory) / f"OSL_PIPE_{os.getuid()}_{ident}"
            with contextlib.suppress(OSError):
                if stat.S_ISSOCK(path.lstat().st_mode):
                    path.unlink()


def _log_tail(log: Path, limit: int = 4000) -> str:
    try:
        text = log.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    lines = [line for line in text.splitlines() if "javaldx" not in line]  # harmless Java probe warning
    return "\n".join(lines)[-limit:]


# --- conversions ------------------------------------------------------------------------------------------


def recalculate(paths: Iterable[str | os.PathLike[str]], outdir: str | os.PathLike[str], *,
                timeout: float = DEFAULT_TIMEOUT, profile: str | os.PathLike[str] | None = None) -> dict[Path, Path]:
    """Recalculate workbooks in LibreOffice and save them as ``.xlsx`` in ``outdir``.

    One soffice start converts all of ``paths`` (long lists are split into runs of at most
    :data:`MAX_FILES_PER_RUN` files), so each output carries freshly computed cached values. Returns
    ``{input path as given: output path}``, the output being ``outdir / (input stem + ".xlsx")``.

    Inputs are never modified: ``outdir`` (created if missing) must not be the directory of any input,
    and two inputs must not share a stem. ``timeout`` bounds each soffice run. Raises
    :class:`LibreOfficeError` naming every input that produced no output, :class:`LibreOfficeTimeout`
    when a run was killed, :class:`LibreOfficeUnavailable` without LibreOffice.
    """
    return _convert(paths, outdir, f"xlsx:{XLSX_FILTER}", ".xlsx", b"PK\x03\x04",
                    timeout=timeout, profile=profile, separate_dir=True)


def convert_to_pdf(paths: Iterable[str | os.PathLike[str]], outdir: str | os.PathLike[str], *,
                   timeout: float = DEFAULT_TIMEOUT, profile: str | os.PathLike[str] | None = None) -> dict[Path, Path]:
    """Render workbooks (recalculated, every visible sheet with its page setup) to PDF in ``outdir``.

    Works like :func:`recalculate` and returns ``{input path as given: outdir / (stem + ".pdf")}``;
    ``outdir`` may be an input's directory, since a PDF never overwrites a workbook.
    """
    return _convert(paths, outdir, "pdf", ".pdf", b"%PDF", timeout=timeout, profile=profile, separate_dir=False)


def _convert(paths: Iterable[str | os.PathLike[str]], outdir: str | os.PathLike[str], convert_to: str,
             suffix: str, magic: bytes, *, timeout: float, profile: str | os.PathLike[str] | None,
             separate_dir: bool) -> dict[Path, Path]:
    sources = [Path(path) for path in paths]
    out = Path(outdir)
    targets = _plan_outputs(sources, out, suffix, separate_dir)
    if not sources:
        return {}
    soffice = require_soffice()
    out.mkdir(parents=True, exist_ok=True)
    for target in targets.values():
        target.unlink(missing_ok=True)  # a stale file must not pass for a fresh output
    timed_out: list[Path] = []
    with _profile(profile) as root, tempfile.TemporaryDirectory(prefix="xlscore-lo-log-") as scratch:
        log = Path(scratch) / "soffice.log"
        for chunk in _chunks(sources):
            command = _convert_command(soffice, root, convert_to, out, chunk)
            try:
                _run_group(command, timeout, log)
            except subprocess.TimeoutExpired:
                timed_out.extend(chunk)
            finally:
                _remove_stale_pipes(root)
        _check_outputs(targets, magic, timed_out, _log_tail(log), timeout)
    return targets


def _plan_outputs(sources: list[Path], out: Path, suffix: str, separate_dir: bool) -> dict[Path, Path]:
    """``{source: output}``, refusing anything that could overwrite an input or lose an output."""
    out_resolved = out.resolve()
    targets: dict[Path, Path] = {}
    by_name: dict[str, Path] = {}
    for source in sources:
        if not source.is_file():
            raise FileNotFoundError(f"no such workbook: {source}")
        if separate_dir and source.resolve().parent == out_resolved:
            raise ValueError(f"the output directory {out} holds the input {source.name}; use another directory "
                             "so inputs are never overwritten")
        target = out / (source.stem + suffix)
        if target.resolve() == source.resolve():
            raise ValueError(f"converting {source} would overwrite it")
        if target.name in by_name and by_name[target.name].resolve() != source.resolve():
            raise ValueError(f"{by_name[target.name]} and {source} would both be written to {target}")
        by_name[target.name] = source
        targets[source] = target
    return targets


def _chunks(sources: list[Path]) -> Iterator[list[Path]]:
    """Runs of at most MAX_FILES_PER_RUN files whose absolute names fit in MAX_COMMAND_CHARS."""
    chunk: list[Path] = []
    size = 0
    unique = {str(source.resolve()): source for source in sources}  # the same file twice is converted once
    for name, source in unique.items():
        length = len(name) + 1
        if chunk and (len(chunk) >= MAX_FILES_PER_RUN or size + length > MAX_COMMAND_CHARS):
            yield chunk
            chunk, size = [], 0
        chunk.append(source)
        size += length
    if chunk:
        yield chunk


def _convert_command(soffice: str, profile: Path, convert_to: str, out: Path, chunk: list[Path]) -> list[str]:
    return [soffice, "--headless", "--invisible", "--norestore", "--nolockcheck", "--nologo",
            f"-env:UserInstallation={profile.as_uri()}", "--convert-to", convert_to,
            "--outdir", str(out.resolve()), *(str(source.resolve()) for source in chunk)]


def _check_outputs(targets: dict[Path, Path], magic: bytes, timed_out: list[Path], log: str,
                   timeout: float) -> None:
    """Raise naming every input whose output is missing, empty or not of the expected format."""
    missing = [source for source, target in targets.items() if not _starts_with(target, magic)]
    if not missing:
        return
    produced = {source: target for source, target in targets.items() if source not in missing}
    names = ", ".join(str(source) for source in missing)
    if timed_out:
        raise LibreOfficeTimeout(f"soffice was killed after {timeout:g} s; no output for: {names}",
                                 missing=missing, produced=produced, log=log)
    raise LibreOfficeError(f"LibreOffice produced no output for: {names}\n{log}".rstrip(),
                           missing=missing, produced=produced, log=log)


def _starts_with(path: Path, magic: bytes) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(len(magic)) == magic
    except OSError:
        return False


# --- UNO edits ---------------------------------------------------------------------------------------------


def insert_rows(src: str | os.PathLike[str], dst: str | os.PathLike[str], sheet: str, row: int, count: int = 1, *,
                timeout: float = DEFAULT_TIMEOUT, profile: str | os.PathLike[str] | None = None) -> Path:
    """Insert ``count`` empty rows before 1-based ``row`` of ``sheet``, as in a spreadsheet program.

    References, ranges and defined names at or below ``row`` move down. Loads ``src``, edits,
    recalculates and saves ``.xlsx`` to ``dst``; returns ``dst``. See :func:`edit_workbook`.
    """
    operation = {"op": "insert_rows", "sheet": sheet, "row": row, "count": count}
    return edit_workbook(src, dst, [operation], timeout=timeout, profile=profile)


def delete_rows(src: str | os.PathLike[str], dst: str | os.PathLike[str], sheet: str, row: int, count: int = 1, *,
                timeout: float = DEFAULT_TIMEOUT, profile: str | os.PathLike[str] | None = None) -> Path:
    """Delete ``count`` rows starting at 1-based ``row`` of ``sheet``, as in a spreadsheet program.

    References below move up, ranges shrink, and a reference or defined name that pointed only into the
    deleted rows breaks: LibreOffice 7.4 saves such a defined name as exactly ``#REF!`` and a formula as
    e.g. ``A2*#REF!`` (with the cached value ``#VALUE!``). See :func:`edit_workbook`.
    """
    operation = {"op": "delete_rows", "sheet": sheet, "row": row, "count": count}
    return edit_workbook(src, dst, [operation], timeout=timeout, profile=profile)


def set_cells(src: str | os.PathLike[str], dst: str | os.PathLike[str], cells: Mapping[tuple[str, str], object], *,
              timeout: float = DEFAULT_TIMEOUT, profile: str | os.PathLike[str] | None = None) -> Path:
    """Type values into cells: ``{(sheet, "B5"): value}``.

    A ``str`` starting with ``=`` is a formula in Excel's syntax (English function names, ``,`` between
    arguments, ``'Sheet name'!A1``); any other ``str`` is text (also when it looks like a number); an
    ``int`` or ``float`` is a number; None or ``""`` empties the cell. Booleans, NaN and infinities are refused.
    See :func:`edit_workbook`.
    """
    return edit_workbook(src, dst, [{"op": "set_cells", "cells": cells}], timeout=timeout, profile=profile)


def edit_workbook(src: str | os.PathLike[str], dst: str | os.PathLike[str], operations: Sequence[Mapping[str, object]],
                  *, timeout: float = DEFAULT_TIMEOUT, profile: str | os.PathLike[str] | None = None) -> Path:
    """Apply several edits in one soffice start, in order; load ``src``, edit, recalculate, save to ``dst``.

    Each operation is a mapping: ``{"op": "insert_rows" | "delete_rows", "sheet": name, "row": n, "count": k}``
    or ``{"op": "set_cells", "cells": {(sheet, "B5"): value, ...}}`` (values as in :func:`set_cells`).

    The edits run through UNO in a helper script under a Python that can ``import uno``, against a private
    copy of ``src`` (which is never touched); ``dst`` must be another path and is replaced only when the
    edit succeeded. Because UNO can swallow errors, the saved file is read back: it must be a workbook with
    the edited sheets and, for :func:`set_cells`, the written numbers, texts and formulas. Raises
    :class:`LibreOfficeError` when the engine refused an edit or the file does not show it,
    :class:`LibreOfficeTimeout` when the run took longer than ``timeout`` seconds.
    """
    source, target = Path(src), Path(dst)
    if not source.is_file():
        raise FileNotFoundError(f"no such workbook: {source}")
    if target.resolve() == source.resolve():
        raise ValueError(f"the edited workbook must be saved under another name than its source {source}")
    requests = [_normalise_operation(operation) for operation in operations]
    python, soffice = require_uno_python(), require_soffice()
    with _profile(profile) as root, tempfile.TemporaryDirectory(prefix="xlscore-uno-") as scratch:
        work = Path(scratch)
        result = _run_helper(python, soffice, root, source, work, requests, timeout)
        _verify_edit(result, requests)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(result), str(target))
    return target


def _normalise_operation(operation: Mapping[str, object]) -> dict[str, object]:
    """A JSON-ready copy of one operation, with every argument checked."""
    kind = operation.get("op")
    if kind in ("insert_rows", "delete_rows"):
        row, count = operation.get("row"), operation.get("count", 1)
        if not _is_int(row) or not 1 <= row <= MAX_ROW:
            raise ValueError(f"{kind}: row must be an int from 1 to {MAX_ROW}, not {row!r}")
        if not _is_int(count) or not 1 <= count <= MAX_ROW - row + 1:
            raise ValueError(f"{kind}: count must be a positive int that fits the sheet, not {count!r}")
        return {"op": kind, "sheet": _sheet_name(operation.get("sheet")), "row": row, "count": count}
    if kind == "set_cells":
        cells = operation.get("cells")
        if not isinstance(cells, Mapping) or not cells:
            raise ValueError("set_cells: cells must be a non-empty mapping {(sheet, 'B5'): value}")
        return {"op": kind, "cells": [_cell_spec(key, value) for key, value in cells.items()]}
    raise ValueError(f"unknown edit operation {kind!r}; expected insert_rows, delete_rows or set_cells")


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _sheet_name(sheet: object) -> str:
    if not isinstance(sheet, str) or not sheet:
        raise ValueError(f"a sheet is named by a non-empty str, not {sheet!r}")
    return sheet


def _cell_spec(key: object, value: object) -> dict[str, object]:
    """``{"sheet", "cell", "kind", "value"}`` for one ``(sheet, "B5"): value`` entry."""
    if not (isinstance(key, tuple) and len(key) == 2):
        raise ValueError(f"set_cells keys are (sheet, cell) pairs, not {key!r}")
    sheet, cell = _sheet_name(key[0]), key[1]
    match = _CELL_RE.match(cell) if isinstance(cell, str) else None
    if match is None:
        raise ValueError(f"{cell!r} is not a cell address like 'B5'")
    spec: dict[str, object] = {"sheet": sheet, "cell": f"{match[1].upper()}{match[2]}"}
    if value is None or value == "":
        return spec | {"kind": "empty"}
    if isinstance(value, str):
        return spec | {"kind": "formula" if value.startswith("=") else "text", "value": value}
    if isinstance(value, numbers.Real) and not isinstance(value, bool) and math.isfinite(value):
        return spec | {"kind": "number", "value": float(value)}
    raise TypeError(f"cannot type {value!r} into {sheet}!{cell}: use a number, a str or None")


def _run_helper(python: str, soffice: str, profile: Path, source: Path, work: Path,
                operations: list[dict[str, object]], timeout: float) -> Path:
    """Run the UNO helper on a private copy of ``source``; return the saved workbook in ``work``."""
    copy = work / ("source" + source.suffix.lower())
    shutil.copyfile(source, copy)
    result, outcome_file, log = work / "result.xlsx", work / "outcome.json", work / "helper.log"
    request = {
        "soffice": soffice, "profile_url": profile.as_uri(), "pipe": f"xlscore-{uuid.uuid4().hex}",
        "source": str(copy), "target": str(result), "result": str(outcome_file), "filter": XLSX_FILTER,
        "connect_timeout": timeout, "operations": operations,
    }
    request_file = work / "request.json"
    request_file.write_text(json.dumps(request), encoding="utf-8")
    try:
        _run_group([python, "-I", str(_HELPER), str(request_file)], timeout, log)
    except subprocess.TimeoutExpired:
        raise LibreOfficeTimeout(f"editing {source} took longer than {timeout:g} s; soffice was killed",
                                 missing=[source], log=_log_tail(log)) from None
    finally:
        _remove_stale_pipes(profile, str(request["pipe"]))
    outcome = _read_outcome(outcome_file)
    if not outcome.get("ok"):
        detail = outcome.get("error", "the UNO helper reported nothing")
        raise LibreOfficeError(f"LibreOffice could not edit {source}: {detail}", missing=[source],
                               log=outcome.get("traceback") or _log_tail(log))
    if not _starts_with(result, b"PK\x03\x04"):
        raise LibreOfficeError(f"LibreOffice saved no workbook for {source}", missing=[source], log=_log_tail(log))
    return result


def _read_outcome(path: Path) -> dict[str, object]:
    try:
        outcome = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"ok": False}
    return outcome if isinstance(outcome, dict) else {"ok": False}


def _verify_edit(path: Path, operations: list[dict[str, object]]) -> None:
    """Read the saved workbook back: the edited sheets exist and typed cells hold what was typed."""
    import openpyxl  # a project dependency; imported here so the module loads without it

    sheets = {op["sheet"] for op in operations if "sheet" in op}
    cells = [cell for op in operations if op["op"] == "set_cells" for cell in op["cells"]]
    sheets |= {cell["sheet"] for cell in cells}
    try:
        formulas = openpyxl.load_workbook(path)
        values = openpyxl.load_workbook(path, data_only=True) if cells else formulas
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise LibreOfficeError(f"LibreOffice saved an unreadable workbook: {error}") from error
    absent = sorted(sheets - set(formulas.sheetnames))
    if absent:
        raise LibreOfficeError(f"the saved workbook lacks the sheet(s) {absent}")
    wrong = [problem for cell in cells if (problem := _cell_problem(cell, formulas, values))]
    if wrong:
        raise LibreOfficeError("the saved workbook does not show the typed cells: " + "; ".join(wrong))


def _cell_problem(spec: Mapping[str, object], formulas, values) -> str | None:
    """Why the saved cell differs from what :func:`set_cells` typed, or None."""
    where = f"{spec['sheet']}!{spec['cell']}"
    stored = formulas[spec["sheet"]][spec["cell"]]
    cached = values[spec["sheet"]][spec["cell"]].value
    kind, wanted = spec["kind"], spec.get("value")
    if kind == "formula":
        return None if stored.data_type == "f" else f"{where} holds {stored.value!r}, not a formula"
    if kind == "number":
        ok = isinstance(cached, (int, float)) and not isinstance(cached, bool) and math.isclose(cached, wanted)
        return None if ok else f"{where} holds {cached!r}, not the number {wanted!r}"
    if kind == "text":
        return None if cached == wanted and stored.data_type == "s" else f"{where} holds {cached!r}, not the text {wanted!r}"
    return None if cached is None else f"{where} holds {cached!r}, not nothing"
