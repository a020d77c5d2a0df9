"""The time xlscore records in what it writes (the 差异表's check time, the summary's date made).

``SOURCE_DATE_EPOCH`` (the reproducible-builds convention) fixes it, so that example files and
tests comparing two outputs byte for byte do not depend on the second they ran in.
"""

from __future__ import annotations

import datetime as dt
import os


def now() -> dt.datetime:
    """Local time, or SOURCE_DATE_EPOCH (seconds since 1970, UTC) when it is set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
    return dt.datetime.now().astimezone()
