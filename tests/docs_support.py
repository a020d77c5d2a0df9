"""Reading the docs for their tests: the commands they show, the output they promise, their links.

A doc marks how a block is tested with an HTML comment on the line before its fence (invisible on the page):

- ``<!-- doc-test: windows-only -->``: the block runs only on Windows (``py -m pip``, a ``.cmd``); skipped here, listed.
- ``<!-- doc-test: skip=REASON -->``: not run by the doc tests, for the reason given (listed too).
- ``<!-- doc-test: before=HOOK -->``: a step the user does by hand (in Excel) before the block; ``HOOKS`` does it.

In a ``console`` block a line starting with ``> `` is a command, as typed at the Windows prompt; the lines after it,
up to the next command, are what it prints. Each shown line must appear in the output, ``…`` standing for any text.
A ``sh`` block (the README's) holds one command per line with no output shown; ``# …`` comments are dropped.
``xlscore serve`` keeps running: the test starts it, waits for its address and stops it.
"""

from __future__ import annotations

import re
import shlex
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FENCE = re.compile(r"^```(\w*)\s*$")
DIRECTIVE = re.compile(r"^<!--\s*doc-test:\s*(.*?)\s*-->$")
ELLIPSIS = "…"


@dataclass
class Command:
    line: str
    shown: list[str] = field(default_factory=list)


@dataclass
class Block:
    doc: Path
    lineno: int
    language: str
    directives: dict[str, str]
    commands: list[Command]

    @property
    def where(self) -> str:
        return f"{self.doc.relative_to(ROOT)}:{self.lineno}"


def blocks(doc: Path) -> list[Block]:
    """The ``console`` and ``sh`` blocks of a Markdown file, with their directives."""
    found: list[Block] = []
    lines = doc.read_text(encoding="utf-8").splitlines()
    index = 0
    while index < len(lines):
        match = FENCE.match(lines[index])
        if not match:
            index += 1
            continue
        language, start = match.group(1), index
        end = next(n for n in range(index + 1, len(lines)) if lines[n].startswith("```"))
        if language in ("console", "sh"):
            directives = _directives(lines, start)
            body = lines[start + 1:end]
            found.append(Block(doc, start + 1, language, directives,
                               _console(body) if language == "console" else _sh(body)))
        index = end + 1
    return found


def _directives(lines: list[str], fence: int) -> dict[str, str]:
    out: dict[str, str] = {}
    above = fence - 1
    while above >= 0 and DIRECTIVE.match(lines[above].strip()):
        for part in DIRECTIVE.match(lines[above].strip()).group(1).split(";"):  # type: ignore[union-attr]
            key, _, value = part.strip().partition("=")
            out[key.strip()] = value.strip()
        above -= 1
    return out


def _console(body: list[str]) -> list[Command]:
    commands: list[Command] = []
    for line in body:
        if line.startswith("> "):
            commands.append(Command(line[2:].strip()))
        elif line.strip() and commands:
            commands[-1].shown.append(line.strip())
    return commands


def _sh(body: list[str]) -> list[Command]:
    commands = []
    for line in body:
        code = _strip_comment(line).strip()
        if code:
            commands.append(Command(code))
    return commands


def _strip_comment(line: str) -> str:
    """The line without a trailing ``# comment`` outside quotes."""
    quote = None
    for index, char in enumerate(line):
        if quote:
            quote = None if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "#" and (index == 0 or line[index - 1].isspace()):
            return line[:index]
    return line


def as_posix_command(line: str) -> str:
    """A command typed at the Windows prompt, for a POSIX shell: backslashes in paths become slashes."""
    return line.replace("\\", "/")


def shown_in(shown: str, output: str) -> bool:
    """Whether a shown output line appears in the output, ``…`` standing for any text within one line."""
    shown = unicodedata.normalize("NFC", shown.replace("\\", "/"))
    pieces = [re.escape(piece) for piece in shown.split(ELLIPSIS)]
    pattern = "[^\\n]*".join(pieces)
    return re.search(pattern, output.replace("\\", "/")) is not None


def program(line: str) -> str:
    words = shlex.split(line)
    return words[0] if words else ""


LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)|!\[[^\]]*\]\(([^)\s]+)\)")


def links(doc: Path) -> list[tuple[int, str]]:
    """Every Markdown link and image target of a file, outside fenced code, with its line."""
    out = []
    inside = False
    for number, line in enumerate(doc.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith("```"):
            inside = not inside
            continue
        if inside:
            continue
        line = re.sub(r"`[^`]*`", "", line)
        for match in LINK.finditer(line):
            out.append((number, match.group(1) or match.group(2)))
    return out


def anchors(doc: Path) -> set[str]:
    """GitHub's anchors of a Markdown file's headings (lower case, punctuation dropped, spaces to ``-``, repeats numbered)."""
    seen: dict[str, int] = {}
    out = set()
    inside = False
    for line in doc.read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            inside = not inside
            continue
        if inside or not line.startswith("#"):
            continue
        title = line.lstrip("#").strip()
        slug = _slug(title)
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        out.add(slug if count == 0 else f"{slug}-{count}")
    return out


def _slug(title: str) -> str:
    title = re.sub(r"`", "", title).strip().lower()
    kept = "".join(ch for ch in title if ch in "-_ " or unicodedata.category(ch)[0] in "LNM")
    return kept.replace(" ", "-")
