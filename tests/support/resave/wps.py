"""The package as WPS表格 (11.1, zh-CN) writes it.

* ``xl/workbook.xml``: ``<fileVersion appName="xl" lastEdited="3" lowestEdited="5" rupBuild="9302"/>``
  and ``<calcPr calcId="144525"/>``;
* the ``etc`` namespace declared on every worksheet root;
* ``docProps/custom.xml`` with ``KSOProductBuildVer`` (``2052-11.1.0.xxxxx``) and ``ICV``;
* no ``xl/calcChain.xml`` (its relationship and content type gone with it);
* data validations in the main form only, list literals written with ``&quot;``, validations that
  differ only in where they apply merged into one with a multi-area ``sqref``;
* zip directory entries, and the entries in name order, each folder's entry before what it holds
  (``[Content_Types].xml``, ``_rels/``, ``_rels/.rels``, ``docProps/``, …), as WPS 11.1 writes them.
"""

from __future__ import annotations

import re

from .parts import REL_NS, XML_DECL, Parts

ETC_NS = "http://www.wps.cn/officeDocument/2017/etCustomData"
FILE_VERSION = '<fileVersion appName="xl" lastEdited="3" lowestEdited="5" rupBuild="9302"/>'
CALC_PR = '<calcPr calcId="144525"/>'
BUILD = "2052-11.1.0.14309"
ICV = "6A1F0D5D2B7E4C0A9E3C5B1D2F4A6C8E_13"
CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CUSTOM_REL = REL_NS + "/custom-properties"
FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
VALIDATION = re.compile(r"<dataValidation\b([^>]*?)(?:/>|>(.*?)</dataValidation>)", re.DOTALL)



def wps_package(parts: Parts) -> None:
    _workbook(parts)
    for _name, part in parts.sheets():
        if parts.has(part):
            xml = re.sub(r"(<worksheet\b)", rf'\1 xmlns:etc="{ETC_NS}"', parts.text(part), count=1)
            parts.put(part, _validations(xml))
    _custom_properties(parts)
    _drop_calc_chain(parts)
    parts.directories = True
    parts.order = sorted(parts.order)  # WPS 11.1: entries in name order, each folder's entry first


def _workbook(parts: Parts) -> None:
    xml = parts.text("xl/workbook.xml")
    xml = re.sub(r"<fileVersion\b[^>]*/>", "", xml)
    xml = re.sub(r"(<workbook\b[^>]*>)", lambda m: m.group(1) + FILE_VERSION, xml, count=1)
    xml = re.sub(r"<calcPr\b[^>]*/>|<calcPr\b.*?</calcPr>", CALC_PR, xml, count=1, flags=re.DOTALL)
    if CALC_PR not in xml:
        after = re.search(r"</definedNames>|</sheets>", xml)
        assert after is not None
        xml = xml[: after.end()] + CALC_PR + xml[after.end():]
    parts.put("xl/workbook.xml", xml)


def _validations(xml: str) -> str:
    block = re.search(r"<dataValidations\b[^>]*>(.*?)</dataValidations>", xml, re.DOTALL)
    if block is None:
        return xml
    merged: dict[tuple[str, str], list[str]] = {}
    for match in VALIDATION.finditer(block.group(1)):
        attrs = match.group(1)
        sqref = re.search(r'\bsqref="([^"]*)"', attrs)
        rest = re.sub(r'\s*\bsqref="[^"]*"', "", attrs)
        inner = (match.group(2) or "").replace('"', "&quot;")
        merged.setdefault((rest, inner), []).append(sqref.group(1) if sqref else "")
    body = "".join(f'<dataValidation{rest} sqref="{" ".join(refs)}">{inner}</dataValidation>'
                   for (rest, inner), refs in merged.items())
    new = f'<dataValidations count="{len(merged)}">{body}</dataValidations>'
    return xml[: block.start()] + new + xml[block.end():]


def _custom_properties(parts: Parts) -> None:
    props = (f'<property fmtid="{FMTID}" pid="{{pid}}" name="KSOProductBuildVer"><vt:lpwstr>{BUILD}</vt:lpwstr></property>'
             f'<property fmtid="{FMTID}" pid="{{pid2}}" name="ICV"><vt:lpwstr>{ICV}</vt:lpwstr></property>')
    if not parts.has("docProps/custom.xml"):
        parts.put("docProps/custom.xml", f'{XML_DECL}<Properties xmlns="{CUSTOM_NS}" xmlns:vt="{VT_NS}"></Properties>')
        parts.add_override("docProps/custom.xml", CUSTOM_TYPE)
        parts.add_relationship("", CUSTOM_REL, "docProps/custom.xml")
    xml = parts.text("docProps/custom.xml")
    pids = [int(p) for p in re.findall(r'\bpid="(\d+)"', xml)]
    first = max(pids + [1]) + 1
    snippet = props.replace("{pid}", str(first)).replace("{pid2}", str(first + 1))
    xml = re.sub(r"<Properties\b([^>]*)/>", r"<Properties\1></Properties>", xml)
    parts.put("docProps/custom.xml", xml.replace("</Properties>", snippet + "</Properties>"))


def _drop_calc_chain(parts: Parts) -> None:
    if parts.has("xl/calcChain.xml"):
        parts.remove("xl/calcChain.xml")
        parts.remove_override("xl/calcChain.xml")
        parts.remove_relationships("xl/workbook.xml", "xl/calcChain.xml")
