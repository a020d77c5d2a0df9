"""The checked copy's package-level edits: mark it as xlscore's output, and keep Excel's caches honest.

* ``docProps/custom.xml`` gets the property that marks the file as an xlscore output (so a later run
  may replace it and a folder check skips it);
* ``xl/calcChain.xml`` is dropped with its relationship and content type: it lists formula cells by
  sheet index, and a sheet was inserted before them (Excel rebuilds the chain silently);
* ``docProps/app.xml`` loses its sheet list (``HeadingPairs``, ``TitlesOfParts``), which would no
  longer match the workbook; Excel and WPS write it again on the next save.
"""

from __future__ import annotations

from xlscore.report.outputs import CHECKED_COPY, OUTPUT_PROPERTY
from xlscore.report.package import (
    REL_NS, Book, Package, add_override, append_to_root, fresh_id, relationships,
)
from xlscore.report.xmltext import XML_DECL, attr, locate, quote

CUSTOM_REL = REL_NS + "/custom-properties"
APP_REL = REL_NS + "/extended-properties"
CALC_CHAIN_REL = REL_NS + "/calcChain"
CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
USER_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the property set of user-defined properties
PACKAGE_RELS = "_rels/.rels"


def mark_as_output(package: Package) -> None:
    """Add the xlscore-output property (``checked-copy``) to the custom properties, creating them if needed."""
    found = [p for _, kind, p in relationships(package, PACKAGE_RELS, "") if kind == CUSTOM_REL and package.has(p)]
    if not found:
        part = "docProps/custom.xml"
        if package.has(part):
            part = "docProps/custom-xlscore.xml"
        package.put(part, f'{XML_DECL}<Properties xmlns="{CUSTOM_NS}" xmlns:vt="{VT_NS}">'
                          f"{_property('', 2)}</Properties>")
        _add_package_relationship(package, CUSTOM_REL, part)
        add_override(package, part, CUSTOM_TYPE)
        return
    part = found[0]
    root = package.root(part)
    if any(node.get("name") == OUTPUT_PROPERTY for node in root):
        return  # a copy of a copy: already marked
    pids = [int(node.get("pid", "0")) for node in root if node.get("pid", "").isdigit()]
    prefix = locate(package.text(part).text, part).root.prefix
    append_to_root(package, part, _property(prefix, max(pids, default=1) + 1))


def _property(prefix: str, pid: int) -> str:
    return (f'<{prefix}property fmtid="{USER_FMTID}" pid="{pid}" name={quote(OUTPUT_PROPERTY)}>'
            f'<vt:lpwstr xmlns:vt="{VT_NS}">{CHECKED_COPY}</vt:lpwstr></{prefix}property>')


def _add_package_relationship(package: Package, kind: str, target: str) -> None:
    ids = {rid for rid, _, _ in relationships(package, PACKAGE_RELS, "")}
    prefix = locate(package.text(PACKAGE_RELS).text).root.prefix
    append_to_root(package, PACKAGE_RELS,
                   f"<{prefix}Relationship Id={quote(fresh_id(ids))} Type={quote(kind)} Target={quote(target)}/>")


def drop_calc_chain(package: Package, book: Book) -> None:
    """Remove ``xl/calcChain.xml``, its relationship and its content-type override."""
    chains = [(rid, p) for rid, kind, p in relationships(package, book.rels_part, book.folder) if kind == CALC_CHAIN_REL]
    for rid, part in chains:
        _remove_children(package, book.rels_part, lambda tag, rid=rid: attr(tag, "Id") == rid)
        if part and package.has(part):
            package.remove(part)
        name = "/" + part.lower()
        _remove_children(package, "[Content_Types].xml",
                         lambda tag, name=name: (attr(tag, "PartName") or "").lower() == name)


def drop_sheet_lists(package: Package) -> None:
    """Remove ``HeadingPairs`` and ``TitlesOfParts`` (the sheet list and its counts) from the app properties."""
    found = [p for _, kind, p in relationships(package, PACKAGE_RELS, "") if kind == APP_REL and package.has(p)]
    for part in found:
        tree = locate(package.text(part).text, part)
        if tree.child("HeadingPairs") is not None or tree.child("TitlesOfParts") is not None:
            _remove_children(package, part, lambda tag: False, locals_=("HeadingPairs", "TitlesOfParts"))


def _remove_children(package: Package, part: str, match, locals_: tuple[str, ...] = ()) -> None:  # type: ignore[no-untyped-def]
    """Remove the root's children whose start tag satisfies ``match`` or whose local name is in ``locals_``."""
    if not package.has(part):
        return
    current = package.text(part)
    text = current.text
    tree = locate(text, part)
    doomed = [c for c in tree.children if c.local in locals_ or match(text[c.start: c.inner])]
    if not doomed:
        return
    for child in sorted(doomed, key=lambda c: c.start, reverse=True):
        text = text[: child.start] + text[child.end:]
    package.put(part, text, current)
