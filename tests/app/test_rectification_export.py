"""The 整改清单 as the office files it: PDF (header row on every page, rows whole, numbered pages),
Word (a real table whose header repeats) and Excel (frozen header, widths, wrap) — read back
with pdfplumber, python-docx and openpyxl; the CLI's formats and refusals."""

from __future__ import annotations

import io

import docx
import openpyxl
import pdfplumber
import pytest

from app.cli import main
from app.errors import InputError
from app.exporters.rectification import export_rectification, renderer
from app.library import Library
from app.rectification import HEADERS
from tests.app.rectification_samples import list_material

MARKUP = "张三 <b>局长</b> & <script>alert(1)</script>"


@pytest.fixture(autouse=True)
def bundled_fonts(monkeypatch):
    monkeypatch.setenv("DUIZHAO_FONTS", "bundled")


@pytest.fixture
def stored(tmp_path):
    """A library holding a 60-row list (several PDF pages); the first measure's name has markup
    and the second's starts with = (a spreadsheet would take it for a formula)."""
    material, links = list_material(60, per_dimension=30)
    material.sections[1].dimensions[0].points[0].responsible = MARKUP
    material.sections[1].dimensions[0].points[1].responsible = "=SUM(A1:A9)"
    path = tmp_path / "lib.db"
    with Library.open(path) as lib:
        mid = lib.create_material(material, links)
        yield lib, mid


def _numbers(rows):
    return [int(r[0]) for r in rows if r and r[0] and r[0].isdigit()]


def test_pdf_has_the_header_on_every_page_and_every_row_once_in_order(stored):
    lib, mid = stored
    data = renderer("rectification-pdf")(lib.get_material(mid))
    numbers = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) >= 3
        for n, page in enumerate(pdf.pages, start=1):
            assert page.width > page.height  # A4 landscape
            assert (round(page.width), round(page.height)) == (842, 595)
            [table] = page.extract_tables()
            assert [c.replace("\n", "") for c in table[0]] == list(HEADERS)
            numbers += _numbers(table[1:])
            assert f"— {n} —" in page.extract_text()
        first = pdf.pages[0].extract_tables()[0][1]
        assert first[3].replace("\n", "") == MARKUP  # printed as typed, not as markup
        assert first[4].replace("\n", "") == "长期坚持"
    assert numbers == list(range(1, 61))  # no row split over two pages, none lost


def test_a_row_taller_than_a_page_still_exports_whole(stored):
    lib, mid = stored
    material = lib.get_material(mid)
    material.sections[1].dimensions[0].points[0].title = "加强学习" * 900
    with pdfplumber.open(io.BytesIO(renderer("rectification-pdf")(material))) as pdf:
        text = "".join((p.extract_text() or "") for p in pdf.pages).replace("\n", "")
    assert text.count("强") == 900  # every character printed (lines interleave with other cells)


def test_docx_is_a_word_table_with_a_repeating_header_and_rows_kept_whole(stored):
    lib, mid = stored
    document = docx.Document(io.BytesIO(renderer("rectification-docx")(lib.get_material(mid))))
    section = document.sections[0]
    assert section.page_width > section.page_height
    [table] = document.tables
    cells = [[c.text for c in row.cells] for row in table.rows]
    assert cells[0] == list(HEADERS)
    assert _numbers(cells[1:]) == list(range(1, 61))
    assert cells[1][3] == MARKUP and cells[2][3] == "=SUM(A1:A9)"
    assert cells[2][4] == "2026年2月28日" and cells[2][5] == "推进中"
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    first = table.rows[0]._tr.trPr
    assert first.find(f"{ns}tblHeader") is not None
    assert all(row._tr.trPr.find(f"{ns}cantSplit") is not None for row in table.rows)


def test_xlsx_freezes_the_header_wraps_and_keeps_text_as_text(stored, tmp_path):
    lib, mid = stored
    out = export_rectification(lib.get_material(mid), "rectification-xlsx", tmp_path / "l.xlsx")
    sheet = openpyxl.load_workbook(out).active
    assert [c.value for c in sheet[1]] == list(HEADERS)
    assert sheet.freeze_panes == "A2"
    assert [sheet.cell(row=r, column=1).value for r in range(2, 62)] == list(range(1, 61))
    assert sheet.cell(row=2, column=4).value == MARKUP
    formula_like = sheet.cell(row=3, column=4)
    assert (formula_like.value, formula_like.data_type) == ("=SUM(A1:A9)", "s")
    assert sheet.cell(row=2, column=2).alignment.wrap_text
    assert sheet.column_dimensions["C"].width > sheet.column_dimensions["A"].width
    assert sheet.page_setup.orientation == "landscape"


def test_a_refused_target_writes_nothing_and_says_why(stored, tmp_path):
    lib, mid = stored
    material = lib.get_material(mid)
    with pytest.raises(InputError) as raised:
        export_rectification(material, "rectification-pdf", lib.path)  # the library itself
    assert "材料库" in raised.value.zh
    missing = tmp_path / "no-such-folder" / "清单.docx"
    with pytest.raises(InputError):
        export_rectification(material, "rectification-docx", missing)
    assert not missing.parent.exists()


def _run(capsys, *args):
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize(
    ("fmt", "suffix"),
    [
        ("rectification-pdf", ".pdf"),
        ("rectification-docx", ".docx"),
        ("rectification-xlsx", ".xlsx"),
    ],
)
def test_cli_exports_each_format(tmp_path, capsys, fmt, suffix):
    material, links = list_material(5)
    with Library.open(tmp_path / "lib.db") as lib:
        mid = lib.create_material(material, links)
    out = tmp_path / f"整改清单{suffix}"
    code, printed, err = _run(
        capsys, "--library", tmp_path / "lib.db", "export", mid, "--format", fmt, "-o", out
    )
    assert code == 0, err
    assert printed.strip() == str(out)
    assert out.read_bytes()[:4] in (b"%PDF", b"PK\x03\x04")


def test_cli_refuses_an_unknown_format_and_a_folder_target_with_exit_2(tmp_path, capsys):
    material, links = list_material(2)
    with Library.open(tmp_path / "lib.db") as lib:
        mid = lib.create_material(material, links)
    code, _out, err = _run(
        capsys, "--library", tmp_path / "lib.db", "export", mid, "--format", "rectification-csv",
        "-o", tmp_path / "x.csv",
    )  # fmt: skip
    assert code == 2 and "命令行参数有误" in err
    code, _out, err = _run(
        capsys, "--library", tmp_path / "lib.db", "export", mid, "--format", "rectification-pdf",
        "-o", tmp_path,
    )  # fmt: skip
    assert code == 2 and err.count("\n") == 1 and "文件夹" in err


def test_a_name_outside_the_body_font_prints_from_the_fallback_and_one_no_font_has_is_refused(
    stored, tmp_path
):
    lib, mid = stored
    material = lib.get_material(mid)
    material.sections[1].dimensions[0].points[0].responsible = "县长 王堃"  # 堃: not in GB2312
    with pdfplumber.open(io.BytesIO(renderer("rectification-pdf")(material))) as pdf:
        assert "王堃" in pdf.pages[0].extract_text()
    material.sections[1].dimensions[0].points[0].responsible = "县长 王𪚥"
    out = tmp_path / "清单.pdf"
    with pytest.raises(InputError) as raised:
        export_rectification(material, "rectification-pdf", out)
    assert "𪚥" in raised.value.zh and "第1行“责任人”" in raised.value.zh
    assert not out.exists()  # nothing half-written
