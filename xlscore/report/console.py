"""Where a run's lines go: the report to stdout or an ``--output-file`` (UTF-8), notes to stderr,
and a progress bar on stderr that never cuts through a result line on a shared terminal."""

from __future__ import annotations

import contextlib
import io
import sys
from pathlib import Path
from typing import Iterator, TextIO

import click

from xlscore.atomic import write_bytes_atomically
from xlscore.report.outputs import write_error_message

BAR_LABEL = {"zh": "校验中", "en": "checking"}
_CLEAR_LINE = "\r\x1b[K"


class Console:
    """Prints result lines and notes; ``step()`` advances the bar (shown only on a terminal, for >1 file)."""

    def __init__(self, out: TextIO, bar: object | None) -> None:
        self.out, self.bar = out, bar
        self.unwritten: str | None = None  # why the report file could not be written

    def line(self, text: str) -> None:
        self._around_bar(lambda: click.echo(text, file=self.out))

    def note(self, text: str) -> None:
        self._around_bar(lambda: click.echo(text, err=True))

    def step(self) -> None:
        if self.bar is not None:
            self.bar.update(1)  # type: ignore[attr-defined]

    def _around_bar(self, write) -> None:  # type: ignore[no-untyped-def]
        if self.bar is None:
            write()
            return
        sys.stderr.write(_CLEAR_LINE)  # take the bar off the line, print, then draw it again below
        sys.stderr.flush()
        write()
        self.out.flush()
        self.bar._last_line = None  # type: ignore[attr-defined]  # force click to redraw
        self.bar.render_progress()  # type: ignore[attr-defined]


def progress(length: int, lang: str):  # type: ignore[no-untyped-def]
    """A progress bar on a terminal (stderr), silent otherwise or for a single file."""
    if length > 1 and sys.stderr.isatty():
        return click.progressbar(length=length, label=BAR_LABEL.get(lang, BAR_LABEL["zh"]), file=sys.stderr)
    return contextlib.nullcontext(None)


@contextlib.contextmanager
def console(length: int, lang: str, output_file: Path | None = None) -> Iterator[Console]:
    """A :class:`Console` for ``length`` files; ``output_file`` receives the report in UTF-8 whatever the locale.

    The report file is written at the end, atomically, only when the run got there: a reader never sees
    half a report, and an interrupted run leaves the previous one as it was. When it cannot be written,
    :attr:`Console.unwritten` says why (one line) and the caller exits 2.
    """
    out: TextIO = sys.stdout if output_file is None else io.StringIO(newline="\n")
    with progress(length, lang) as bar:
        shown = Console(out, bar)
        yield shown
    if output_file is not None:
        try:
            write_bytes_atomically(output_file, out.getvalue().encode("utf-8"))  # type: ignore[attr-defined]
        except OSError as exc:
            shown.unwritten = write_error_message(exc, output_file, lang)
