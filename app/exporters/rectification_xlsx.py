"""整改清单 as a spreadsheet (.xlsx, openpyxl): one sheet, the header row frozen and repeated
when printed, column widths for Chinese text, wrapped cells, A4 landscape page setup.

Every cell is written as text: a name starting with ``=`` stays a name, never a formula, and
control characters a spreadsheet cannot hold are left out (they print as nothing anyway).
"""

from __future__ import annotations

import io
import math

from app.exporters.docx import stable_timestamp
from app.exporters.table_xlsx import lay_out_list_sheet
from app.model import Material
from app.rectification import HEADERS, LIST_TITLE, rows

# Widths in Excel's character units (a CJK character is about two).
COLUMN_WIDTHS = (6, 34, 44, 18, 16, 11, 26)
_CENTRED = {0, 4, 5}
LINE_HEIGHT = 16  # points per line of 12 pt text
# A column of width w holds about w digits of the default font, and half as many CJK
# characters of 12 pt (a little less: cell padding).
_FILL = 0.9
SHEET_TITLE = LIST_TITLE


def render_rectification_xlsx(material: Material) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_TITLE
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    # Named styles: set once, each cell names one (per-cell style objects cost seconds on
    # 14,000 cells).
    for name, font, vertical, horizontal in (
        ("整改清单表头", Font(name="黑体", size=12, bold=True), "center", "center"),
        ("整改清单居中", Font(name="仿宋_GB2312", size=12), "top", "center"),
        ("整改清单", Font(name="仿宋_GB2312", size=12), "top", "left"),
    ):
        style = NamedStyle(name=name, font=font, border=border)
        style.alignment = Alignment(wrap_text=True, vertical=vertical, horizontal=horizontal)
        if name == "整改清单表头":
            style.fill = PatternFill("solid", fgColor="E6E6E6")
        workbook.add_named_style(style)

    def put(r: int, c: int, text: str, header: bool) -> None:
        cell = sheet.cell(row=r, column=c + 1)
        cell.value = ILLEGAL_CHARACTERS_RE.sub("", text)
        cell.data_type = "s"  # text, even when it starts with "=" (no formula injection)
        if header:
            cell.style = "整改清单表头"
        else:
            cell.style = "整改清单居中" if c in _CENTRED else "整改清单"

    for c, text in enumerate(HEADERS):
        put(1, c, text, True)
    sheet.row_dimensions[1].height = LINE_HEIGHT + 6
    for r, row in enumerate(rows(material), start=2):
        cells = row.cells()
        for c, text in enumerate(cells):
            put(r, c, text, False)
        sheet.cell(row=r, column=1).value = row.number  # 序号 as a number: sorts as one
        # Spreadsheet programs do not grow a row for wrapped text written by a program (the
        # lines would overlap the next row): its height is set from the text it holds.
        lines = max(_lines(text, width) for text, width in zip(cells, COLUMN_WIDTHS, strict=True))
        sheet.row_dimensions[r].height = lines * LINE_HEIGHT + 4
    lay_out_list_sheet(sheet, COLUMN_WIDTHS)
    sheet.oddFooter.center.text = "— &P —"
    stamp = stable_timestamp(material).replace(tzinfo=None)
    props = workbook.properties
    props.title = ILLEGAL_CHARACTERS_RE.sub("", f"{material.title} {LIST_TITLE}".strip())[:255]
    props.creator = "Duizhao 对照"
    props.created = stamp
    props.modified = stamp
    props.lastModifiedBy = None
    buf = io.BytesIO()
    workbook.save(buf)
    return buf.getvalue()


def _lines(text: str, width: float) -> int:
    """How many lines ``text`` wraps to in a column ``width`` characters wide (an estimate)."""
    from app.exporters.linebreak import is_full_width

    total = 0
    for paragraph in text.split("\n"):
        units = sum(2.2 if is_full_width(ch) else 1.1 for ch in paragraph)
        total += max(1, math.ceil(units / (width * _FILL)))
    return total
