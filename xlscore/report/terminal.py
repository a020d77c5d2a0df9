"""What reaches a terminal: control characters made visible, and streams that never fail on a character.

A cell's text or a file name may hold a carriage return, a newline or an escape sequence. Printed
raw, they break the one-line-per-finding format, let a sender spoof finding lines, or retitle the
terminal. They are shown escaped instead (``\\r``, ``\\x1b``), as Python's ``repr`` would.
"""

from __future__ import annotations

import re
import sys
from typing import TextIO

#: C0 and C1 controls, DEL, line/paragraph separators and bidirectional overrides (which reorder a line).
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\r": "\\r", "\n": "\\n", "\t": "\\t"}


def visible(text: object) -> str:
    """``text`` with every control character replaced by a visible escape; ``\\`` itself stays as it is."""
    value = str(text)
    if not _CONTROL.search(value):
        return value
    return _CONTROL.sub(_escape, value)


def _escape(match: re.Match[str]) -> str:
    char = match.group(0)
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def tolerant_streams(*streams: TextIO) -> None:
    """Let ``streams`` (default stdout, stderr) replace what their encoding cannot hold instead of failing.

    A Chinese Windows console or a redirect may be GBK (cp936): a character outside it (an emoji in a
    unit's name) would otherwise raise UnicodeEncodeError in the middle of a report.
    """
    for stream in streams or (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="replace")
            except (ValueError, OSError):  # a closed or detached stream: nothing to protect
                pass
