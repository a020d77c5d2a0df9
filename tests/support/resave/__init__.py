"""Re-savers: a filled, checked workbook turned into the shapes Excel and WPS write when they save it.

Each re-saver rewrites the package's XML (see the modules for what each one writes and why); none
is a hand-edited fixture. :func:`resave` applies named steps in order; :data:`SHAPES` names the
combinations the tests use. Steps that put something into cells take their places from
:class:`Targets`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from .comments import legacy_comments, threaded_comments
from .formulas import array_total, shared_formulas
from .norefs import without_refs
from .parts import Parts
from .pictures import in_cell_pictures
from .strings import inline_strings, rich_strings
from .styles import regenerate_styles
from .wps import wps_package


@dataclass
class Targets:
    """Where cell-level steps act: remark cells that hold a written remark, and input cells."""

    remarks: list[tuple[str, str]] = field(default_factory=list)
    inputs: list[tuple[str, str]] = field(default_factory=list)


Step = Callable[[Parts, Targets], None]
STEPS: dict[str, Step] = {
    "shared_formulas": lambda p, _t: shared_formulas(p),
    "array_total": lambda p, _t: array_total(p),
    "styles": lambda p, _t: regenerate_styles(p),
    "rich_strings": lambda p, _t: rich_strings(p),
    "inline_strings": lambda p, _t: inline_strings(p),
    "picture_text": lambda p, t: in_cell_pictures(p, t.remarks, "text"),
    "picture_empty": lambda p, t: in_cell_pictures(p, t.remarks, "empty"),
    "picture_name": lambda p, t: in_cell_pictures(p, t.remarks, "name"),
    "legacy_comments": lambda p, t: legacy_comments(p, t.inputs),
    "threaded_comments": lambda p, t: threaded_comments(p, t.inputs),
    "no_refs": lambda p, _t: without_refs(p),
    "wps_package": lambda p, _t: wps_package(p),
}
#: Named shapes: the steps in the order they run (``no_refs`` after every step that finds cells by
#: ``r``; ``wps_package`` last, it orders the parts).
SHAPES: dict[str, tuple[str, ...]] = {
    "excel": ("array_total", "shared_formulas", "rich_strings", "threaded_comments"),
    "wps": ("shared_formulas", "styles", "inline_strings", "picture_text", "legacy_comments", "wps_package"),
    "combined": ("array_total", "shared_formulas", "styles", "rich_strings", "inline_strings", "picture_name",
                 "threaded_comments", "wps_package"),
    # Writers that leave out ``r`` do not share formulas (a shared master needs its place: openpyxl
    # cannot read one without it), so the cells without ``r`` are combined with everything else.
    "combined_no_refs": ("styles", "rich_strings", "inline_strings", "picture_empty", "legacy_comments", "no_refs",
                         "wps_package"),
}


def resave(data: bytes, steps: Sequence[str], targets: Targets | None = None) -> bytes:
    parts = Parts(data)
    for step in steps:
        STEPS[step](parts, targets or Targets())
    return parts.to_bytes()
