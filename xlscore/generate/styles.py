"""The workbook's cell formats, created once per workbook (XlsxWriter formats are per workbook)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook

FONT = "宋体"  # SimSun: the usual face of official forms; LibreOffice falls back to an installed CJK font
INPUT_FILL = "#FFF2CC"
COMPUTED_FILL = "#EDEDED"
HEADER_FILL = "#D9E1F2"
GROUP_FILL = "#E2EFDA"
TOTAL_FILL = "#C6E0B4"
WARN_FILL = "#F8CBAD"
DIFF_FILL = "#FFE699"
ALERT_FONT = "#C00000"

#: Widths of the section sheet's 14 columns, in SPEC order.
SECTION_WIDTHS = (6, 12, 34, 7, 38, 30, 9, 8, 8, 9, 8, 8, 16, 16)


@dataclass
class Styles:
    title: Format
    subtitle: Format
    alert: Format
    header: Format
    text: Format
    center: Format
    clause: Format
    input: Format
    input_text: Format
    input_locked: Format
    input_text_locked: Format
    computed: Format
    group: Format
    group_computed: Format
    total: Format
    total_computed: Format
    label: Format
    plain: Format
    plain_wrap: Format
    warn: Format
    diff: Format
    sign_heading: Format
    sign_line: Format
    seal: Format
    percent: Format
    percent_total: Format
    note: Format


def make_styles(workbook: Workbook) -> Styles:
    def fmt(**props: Any) -> Format:
        base = {"font_name": FONT, "font_size": 10, "valign": "vcenter", "text_wrap": True}
        base.update(props)
        return workbook.add_format(base)

    boxed = {"border": 1}
    return Styles(
        title=fmt(bold=True, font_size=16, align="center"),
        subtitle=fmt(font_size=11, align="left"),
        alert=fmt(bold=True, font_color=ALERT_FONT, align="left"),
        header=fmt(bold=True, align="center", bg_color=HEADER_FILL, **boxed),
        text=fmt(align="left", **boxed),
        center=fmt(align="center", **boxed),
        clause=fmt(align="left", **boxed),
        input=fmt(align="center", bg_color=INPUT_FILL, locked=False, **boxed),
        input_text=fmt(align="left", bg_color=INPUT_FILL, locked=False, **boxed),
        input_locked=fmt(align="center", bg_color=INPUT_FILL, **boxed),
        input_text_locked=fmt(align="left", bg_color=INPUT_FILL, **boxed),
        computed=fmt(align="center", bg_color=COMPUTED_FILL, **boxed),
        group=fmt(bold=True, align="left", bg_color=GROUP_FILL, **boxed),
        group_computed=fmt(bold=True, align="center", bg_color=GROUP_FILL, **boxed),
        total=fmt(bold=True, align="left", bg_color=TOTAL_FILL, **boxed),
        total_computed=fmt(bold=True, align="center", bg_color=TOTAL_FILL, **boxed),
        label=fmt(bold=True, align="right"),
        plain=fmt(align="left", text_wrap=False),
        plain_wrap=fmt(align="left", valign="top"),
        warn=workbook.add_format({"bg_color": WARN_FILL}),
        diff=workbook.add_format({"bg_color": DIFF_FILL}),
        sign_heading=fmt(bold=True, font_size=11, align="left"),
        sign_line=fmt(align="left", valign="bottom", bottom=1),
        seal=fmt(align="center", font_color="#A6A6A6", border=3),
        percent=fmt(align="center", bg_color=COMPUTED_FILL, num_format="0.0%", **boxed),
        percent_total=fmt(bold=True, align="center", bg_color=TOTAL_FILL, num_format="0.0%", **boxed),
        note=fmt(align="left", valign="top", font_color="#595959"),
    )
