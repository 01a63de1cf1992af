"""What the workbooks share (the 整改清单, the batch review report): a list sheet whose header
row stays in view and prints on every page, on A4 landscape, as wide as the page."""

from __future__ import annotations

from collections.abc import Sequence


def lay_out_list_sheet(sheet, widths: Sequence[float]) -> None:
    """Column widths (characters), the header row frozen and repeated when printed, A4
    landscape fitted to the page's width (as many pages down as it takes)."""
    from openpyxl.utils import get_column_letter

    for c, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = width
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
