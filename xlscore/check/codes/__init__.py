"""The catalogue of finding codes: stable, topic-prefixed, never renumbered or reused.

Each code is a class with its severity, title, description and message template (Chinese and
English). Each topic has its module; ``docs/codes.md`` is generated from these classes (``xlscore.check.docs``).
Messages say where (序号, pass), what, why and how to fix; ``{where}`` expands to
``序号 1.1 自查:`` and missing values print as ``?``.
"""

from __future__ import annotations

from xlscore.check.codes.base import CATALOGUE, TOPICS, Code
from xlscore.check.codes.structure import *  # noqa: F403 - every code is reached as codes.CODE
from xlscore.check.codes.inputs import *  # noqa: F403
from xlscore.check.codes.cover import *  # noqa: F403
from xlscore.check.codes.computed import *  # noqa: F403

__all__ = ["CATALOGUE", "TOPICS", "Code", *CATALOGUE]
