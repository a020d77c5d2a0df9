"""The neutral structure a workbook is read into: cells, sheets, names. Knows nothing of rubrics or of XML."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class CellData:
    """One cell as the program that saved it meant it: cached value, formula (without ``=``), type and style.

    Every storage form is undone by the reader, so callers never see how a formula was stored:

    * a shared-formula dependent (``<f t="shared" si="0"/>``) holds its master's formula translated to
      this cell (relative references shifted, ``$`` parts kept); ``formula_type`` is ``"shared"``;
    * an array formula (``t="array"``) is ``formula_type == "array"`` with ``formula_ref`` its range;
      the other cells of a multi-cell range hold the same formula text with ``array_member`` set;
    * a data table (``t="dataTable"``) holds ``TABLE(row input,column input)`` as Excel shows it,
      ``formula_type == "dataTable"``, its other cells marked as members like an array's;
    * ``t="d"`` dates hold the serial number Excel keeps (1900 date system, or 1904 when the workbook
      says so); ``kind`` stays ``"d"``; text has ``_xHHHH_`` escapes decoded and phonetic runs left out.

    ``problem`` names what made the formula unreadable or ambiguous (``shared_master_missing``,
    ``shared_two_masters``, ``array_outside``); the sheet's ``problems`` say where. A dependent whose
    master is missing has ``formula == ""``: a formula is there, its text is not known.
    """

    value: object = None  # str, float, bool or None; an error value is a str like "#REF!"
    formula: str | None = None
    kind: str = ""  # the OOXML t attribute: n, s, str, inlineStr, b, e, d
    style: int = 0
    truncated: bool = False
    formula_type: str = ""  # "" (a plain formula), "shared", "array" or "dataTable"
    formula_ref: str | None = None  # the range of an array formula or data table
    array_member: bool = False  # a cell of an array/data-table range other than the one that stores it
    problem: str = ""
    picture: str | None = None  # the id of a WPS in-cell picture (a DISPIMG formula), whatever the value

    @property
    def is_formula(self) -> bool:
        return self.formula is not None

    @property
    def is_error(self) -> bool:
        return self.kind == "e"


@dataclass(frozen=True)
class ReadProblem:
    """A formula stored in a way that cannot be read as it is (``kind`` as :attr:`CellData.problem`).

    ``cell`` is where it shows first, ``cells`` how many cells it touches; ``detail`` gives ``si``,
    ``other`` (the second master) or ``ref`` (the array range) for the message.
    """

    kind: str
    cell: str
    cells: int = 1
    detail: tuple[tuple[str, str], ...] = ()


@dataclass
class SheetData:
    name: str
    state: str = "visible"  # visible, hidden or veryHidden
    part: str = ""
    cells: dict[tuple[int, int], CellData] = field(default_factory=dict)
    merges: list[str] = field(default_factory=list)
    cells_out_of_bounds: int = 0  # cells with content beyond the rows and columns read
    problems: list[ReadProblem] = field(default_factory=list)

    def get(self, row: int, col: int) -> CellData | None:
        return self.cells.get((row, col))


class LazySheets(dict):  # type: ignore[type-arg]
    """Sheet name → :class:`SheetData`, each sheet's cells read the first time the sheet is asked for.

    Sheets the check never looks at (a pasted sheet of data, the 说明 sheet) are never read.
    """

    def __init__(self, sheets: dict[str, SheetData], load) -> None:  # type: ignore[no-untyped-def]
        super().__init__(sheets)
        self._load = load
        self._loaded: set[str] = set()

    def __getitem__(self, name: str) -> SheetData:
        sheet = super().__getitem__(name)
        if name not in self._loaded:
            self._loaded.add(name)
            self._load(sheet)
        return sheet

    def get(self, name: str, default: SheetData | None = None) -> SheetData | None:  # type: ignore[override]
        return self[name] if name in self else default

    def values(self):  # type: ignore[no-untyped-def,override]
        return [self[name] for name in self]

    def items(self):  # type: ignore[no-untyped-def,override]
        return [(name, self[name]) for name in self]

    def loaded(self) -> list[SheetData]:
        """The sheets read so far, in workbook order (reading no other)."""
        return [super(LazySheets, self).__getitem__(name) for name in self if name in self._loaded]


@dataclass
class WorkbookData:
    """A workbook's cells and names, read once."""

    path: str
    sheets: dict[str, SheetData]
    names: dict[str, str]  # workbook-level defined name → its formula text (e.g. 'Sheet'!$G$6, #REF!)
    #: cell style indexes whose resolved number format shows a percentage (never judged by index or id alone)
    percent_styles: set[int] = field(default_factory=set)
    parts: list[str] = field(default_factory=list)
    hidden_names: set[str] = field(default_factory=set)  # workbook-level names marked hidden
    #: sheet-level names (print titles, print area): (sheet name, name) → formula text
    sheet_names: dict[tuple[str, str], str] = field(default_factory=dict)
    #: Whether the names' hidden flags and the print settings were read (from a package, not a live workbook).
    package_facts: bool = True
    #: "WPS" when the package carries WPS's marks (KSOProductBuildVer, or fileVersion rupBuild 9302), else "".
    #: KSOProductBuildVer survives a later Excel save: it says WPS touched the file, not that it saved it last.
    written_by: str = ""
    wps_build: str = ""  # docProps/custom.xml's KSOProductBuildVer (e.g. 2052-11.1.0.14309), "" when absent
    date1904: bool = False  # the workbook counts dates from 1904 (t="d" cells are converted accordingly)

    @property
    def has_macros(self) -> bool:
        return "xl/vbaProject.bin" in self.parts

    def read_problems(self) -> list[tuple[str, ReadProblem]]:
        """(sheet name, problem) for every sheet read so far (a sheet never read is not read for this)."""
        sheets = self.sheets.loaded() if isinstance(self.sheets, LazySheets) else list(self.sheets.values())
        return [(sheet.name, problem) for sheet in sheets for problem in sheet.problems]
