"""LibreOffice really recalculates, renders and edits workbooks through support.libreoffice.

Every test that needs the engine starts soffice once: about 20 s on an idle 2-core machine.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.engine

from support import libreoffice as lo

if lo.find_soffice() is None:
    pytest.skip(f"LibreOffice (soffice) is not installed; install it with: {lo.INSTALL_SOFFICE}",
                allow_module_level=True)

openpyxl = pytest.importorskip("openpyxl")
xlsxwriter = pytest.importorskip("xlsxwriter")

needs_uno = pytest.mark.skipif(lo.find_uno_python() is None,
                               reason=f"no Python with the UNO bridge; install it with: {lo.INSTALL_UNO}")


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _stale_product(path: Path, text: str = "") -> Path:
    """A1=2, A2=3, A3 = A1*A2 whose cached value is deliberately wrong (999)."""
    book = xlsxwriter.Workbook(path)
    sheet = book.add_worksheet("Data")
    sheet.write("A1", 2)
    sheet.write("A2", 3)
    sheet.write_formula("A3", "=A1*A2", None, 999)
    if text:
        sheet.write("B1", text)
    book.close()
    return path


def _value(path: Path, sheet: str, cell: str) -> object:
    return openpyxl.load_workbook(path, data_only=True)[sheet][cell].value


@pytest.fixture()
def run_spy(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The commands of every process group the module starts (one per soffice start)."""
    commands: list[list[str]] = []
    real = lo._run_group

    def spy(command, *args, **kwargs):
        commands.append(list(command))
        return real(command, *args, **kwargs)

    monkeypatch.setattr(lo, "_run_group", spy)
    return commands


@pytest.fixture(scope="module")
def names_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Data: A1 header, A2=2, A3=3, A4 = A2*A3 (cached 0); names Total -> A4, Third -> A3, Inputs -> A2:A3;
    Other Sheet!A1 = Data!A4 + 1 and B1 = Total * 10."""
    path = tmp_path_factory.mktemp("names") / "names.xlsx"
    book = xlsxwriter.Workbook(path)
    data, other = book.add_worksheet("Data"), book.add_worksheet("Other Sheet")
    data.write("A1", "header")
    data.write("A2", 2)
    data.write("A3", 3)
    data.write_formula("A4", "=A2*A3", None, 0)
    other.write_formula("A1", "=Data!A4+1", None, 0)
    other.write_formula("B1", "=Total*10", None, 0)
    book.define_name("Total", "=Data!$A$4")
    book.define_name("Third", "=Data!$A$3")
    book.define_name("Inputs", "=Data!$A$2:$A$3")
    book.close()
    return path


# --- recalculation -----------------------------------------------------------------------------------------


def test_recalculate_replaces_stale_cached_values_in_one_start(tmp_path: Path, run_spy: list) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    sources = [_stale_product(inputs / name, text) for name, text in
               [("one.xlsx", ""), ("two.xlsx", ""), ("评分 表.xlsx", "评分")]]
    assert _value(sources[0], "Data", "A3") == 999  # the stale value is really there
    before = {source: _sha256(source) for source in sources}

    converted = lo.recalculate(sources, tmp_path / "out")

    assert len(run_spy) == 1, "all files must be converted by one soffice start"
    assert set(converted) == set(sources)
    for source, output in converted.items():
        assert output == tmp_path / "out" / source.name
        assert _value(output, "Data", "A3") == 6
    assert _value(converted[sources[2]], "Data", "B1") == "评分"
    assert {source: _sha256(source) for source in sources} == before
    assert sorted(p.name for p in inputs.iterdir()) == sorted(s.name for s in sources)


def test_recalculate_names_inputs_without_output(tmp_path: Path, run_spy: list) -> None:
    good = _stale_product(tmp_path / "good.xlsx")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 this is not a workbook")

    with pytest.raises(lo.LibreOfficeError, match="broken.xlsx") as caught:
        lo.recalculate([broken, good], tmp_path / "out")

    assert len(run_spy) == 1
    assert caught.value.missing == (broken,)
    assert list(caught.value.produced) == [good]
    assert _value(caught.value.produced[good], "Data", "A3") == 6


def test_long_lists_are_split_by_count_and_command_length(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = [tmp_path / f"{i:03d}.xlsx" for i in range(7)]
    monkeypatch.setattr(lo, "MAX_FILES_PER_RUN", 3)
    assert [len(chunk) for chunk in lo._chunks(files + files[:2])] == [3, 3, 1]  # repeats converted once
    monkeypatch.setattr(lo, "MAX_COMMAND_CHARS", 2 * (len(str(files[0].resolve())) + 1))
    assert [len(chunk) for chunk in lo._chunks(files)] == [2, 2, 2, 1]


def test_recalculate_refuses_to_write_next_to_its_inputs(tmp_path: Path) -> None:
    source = _stale_product(tmp_path / "a.xlsx")
    with pytest.raises(ValueError, match="output directory"):
        lo.recalculate([source], tmp_path)
    with pytest.raises(ValueError, match="both be written"):
        (tmp_path / "x").mkdir()
        lo.recalculate([source, shutil.copy(source, tmp_path / "x" / "a.xlsx")], tmp_path / "out")


def test_timeout_kills_only_what_it_started(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    groups: list[int] = []
    real = lo._kill_group
    monkeypatch.setattr(lo, "_kill_group", lambda process: (groups.append(process.pid), real(process)))
    source = _stale_product(tmp_path / "slow.xlsx")

    with pytest.raises(lo.LibreOfficeTimeout, match="slow.xlsx"):
        lo.recalculate([source], tmp_path / "out", timeout=0.3)

    assert len(groups) == 1
    assert _live_members(groups[0]) == []  # nothing of that process group is left


def _live_members(group: int) -> list[int]:
    """Processes of a process group that are not zombies (read from /proc)."""
    members = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group and fields[0] != "Z":
            members.append(int(stat.parent.name))
    return members


# --- the profile -------------------------------------------------------------------------------------------


def test_profile_always_recalculates_and_completes_an_existing_one(tmp_path: Path) -> None:
    root = lo.create_profile(tmp_path / "fresh")
    xcu = (root / "user" / "registrymodifications.xcu").read_text(encoding="utf-8")
    assert lo.PROFILE_SETTINGS in xcu and xcu.rstrip().endswith("</oor:items>")

    old = tmp_path / "old" / "user" / "registrymodifications.xcu"
    old.parent.mkdir(parents=True)
    old.write_text(xcu.replace("<value>0</value>", "<value>1</value>").replace(
        "</oor:items>", '<item oor:path="/x"><prop oor:name="Keep"><value>1</value></prop></item>\n</oor:items>'))
    text = (lo.create_profile(tmp_path / "old") / "user" / "registrymodifications.xcu").read_text(encoding="utf-8")
    assert lo.PROFILE_SETTINGS in text and "<value>1</value></prop></item>\n<item" in text
    assert text.count("RecalcMode") == 2 and 'name="Keep"' in text


# --- PDF ---------------------------------------------------------------------------------------------------


def test_convert_to_pdf(tmp_path: Path) -> None:
    sources = [_stale_product(tmp_path / "p1.xlsx", "评分表"), _stale_product(tmp_path / "p2.xlsx")]
    pdfs = lo.convert_to_pdf(sources, tmp_path)  # next to the inputs is fine for PDFs
    assert [pdfs[s] for s in sources] == [tmp_path / "p1.pdf", tmp_path / "p2.pdf"]
    assert all(pdf.read_bytes().startswith(b"%PDF") for pdf in pdfs.values())
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdfs[sources[0]]), "-"],
                              capture_output=True, text=True, check=True).stdout
        assert "评分表" in text and "6" in text.split()


# --- UNO edits ---------------------------------------------------------------------------------------------


def _names(path: Path) -> dict[str, str]:
    return {name: item.attr_text for name, item in openpyxl.load_workbook(path).defined_names.items()}


@needs_uno
def test_insert_rows_moves_names_and_formulas(names_book: Path, tmp_path: Path) -> None:
    before = _sha256(names_book)
    out = lo.insert_rows(names_book, tmp_path / "inserted.xlsx", "Data", 2)

    assert out == tmp_path / "inserted.xlsx" and _sha256(names_book) == before
    assert _names(out) == {"Total": "Data!$A$5", "Third": "Data!$A$4", "Inputs": "Data!$A$3:$A$4"}
    book = openpyxl.load_workbook(out)
    assert book["Data"]["A5"].value == "=A3*A4"
    assert book["Other Sheet"]["A1"].value == "=Data!A5+1"
    assert book["Data"]["A2"].value is None
    assert [_value(out, "Data", "A5"), _value(out, "Other Sheet", "A1"), _value(out, "Other Sheet", "B1")] == [6, 7, 60]


@needs_uno
def test_delete_rows_breaks_a_name_that_pointed_at_them(names_book: Path, tmp_path: Path) -> None:
    out = lo.delete_rows(names_book, tmp_path / "deleted.xlsx", "Data", 3)

    assert _names(out) == {"Total": "Data!$A$3", "Third": "#REF!", "Inputs": "Data!$A$2:$A$2"}
    book = openpyxl.load_workbook(out)
    assert book["Data"]["A3"].value == "=A2*#REF!"
    assert book["Other Sheet"]["A1"].value == "=Data!A3+1"
    assert _value(out, "Data", "A3") == "#VALUE!"  # what LibreOffice 7.4 caches for the broken product


@needs_uno
def test_set_cells_writes_numbers_texts_and_formulas(names_book: Path, tmp_path: Path) -> None:
    out = lo.set_cells(names_book, tmp_path / "typed.xlsx", {
        ("Data", "C1"): 5,
        ("Data", "C2"): "15",
        ("Data", "C3"): "=IF(C1>1,C1*A2,0)",
        ("Other Sheet", "c2"): "='Data'!C3+Total",
        ("Data", "A3"): 4.5,
        ("Data", "A1"): None,
    })

    values = openpyxl.load_workbook(out, data_only=True)
    assert values["Data"]["C1"].value == 5
    assert values["Data"]["C2"].value == "15"  # text stays text
    assert values["Data"]["C3"].value == 10
    assert values["Data"]["A4"].value == 9  # = A2*A3 recalculated with the new A3
    assert values["Other Sheet"]["C2"].value == 19
    assert values["Data"]["A1"].value is None
    assert openpyxl.load_workbook(out)["Data"]["C3"].value == "=IF(C1>1,C1*A2,0)"


@needs_uno
def test_a_formula_the_engine_cannot_parse_is_an_error(names_book: Path, tmp_path: Path) -> None:
    target = tmp_path / "never.xlsx"
    with pytest.raises(lo.LibreOfficeError, match=r"Data!C1: LibreOffice cannot parse '=A2\*'"):
        lo.set_cells(names_book, target, {("Data", "C1"): "=A2*"})
    assert not target.exists()


def test_edit_arguments_are_checked_before_starting_anything(names_book: Path, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="another name"):
        lo.delete_rows(names_book, names_book, "Data", 1)
    with pytest.raises(ValueError, match="row must be"):
        lo.insert_rows(names_book, tmp_path / "x.xlsx", "Data", 0)
    with pytest.raises(ValueError, match="cell address"):
        lo.set_cells(names_book, tmp_path / "x.xlsx", {("Data", "B0"): 1})
    with pytest.raises(TypeError, match="True"):
        lo.set_cells(names_book, tmp_path / "x.xlsx", {("Data", "B1"): True})
