"""The batch review as a workbook (openpyxl): 汇总 (the materials ranked), 问题 (every finding,
by material then severity), 重复 (each material's shared text with each other material), and
未能导入 when files failed. Each sheet has its header row frozen and repeated when printed,
widths for Chinese text and wrapped cells.

Every cell is text (``data_type = "s"``): a title starting with ``=`` stays a title, never a
formula; counts and shares are numbers so they sort as numbers.
"""

from __future__ import annotations

import io

from app.exporters.table_xlsx import lay_out_list_sheet
from app.review.batch import BatchReview
from app.review.wording import (
    FAILURE_HEADERS,
    FINDING_HEADERS,
    RANKING_NOTE,
    SEVERITY_NAMES,
    SHARED_HEADERS,
    SUMMARY_HEADERS,
    summary_row,
)

SUMMARY_WIDTHS = (6, 28, 36, 24, 7, 10, 24, 7, 30)
FINDING_WIDTHS = (6, 28, 9, 24, 30, 30, 50)
SHARED_WIDTHS = (6, 28, 28, 36, 10, 10, 50)
FAILURE_WIDTHS = (40, 70)
_NUMBER_COLUMNS = {"排序", "错误", "警告", "相同字数"}
_SHARE_COLUMNS = {"重复占比", "占本材料"}


def render_review_xlsx(review: BatchReview) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    _styles(workbook)
    summary = workbook.active
    summary.title = "汇总"
    rows = []
    for m in review.materials:
        cells: list = summary_row(m)
        cells[0], cells[4], cells[5], cells[7] = (
            m.rank,
            m.count("error"),
            m.share,
            m.count("warning"),
        )
        rows.append(cells)
    _sheet(summary, SUMMARY_HEADERS, rows, SUMMARY_WIDTHS)
    summary.cell(row=len(rows) + 3, column=2).value = RANKING_NOTE
    findings = []
    for m in review.materials:
        for f in m.findings:
            where = f"{f.path}:{f.start}-{f.end}"
            findings.append(
                [m.rank, m.file, SEVERITY_NAMES[f.severity], f.rule, where, f.excerpt, f.message]
            )
    _sheet(workbook.create_sheet("问题"), FINDING_HEADERS, findings, FINDING_WIDTHS)
    shared = [
        [m.rank, m.file, s.other, s.other_title, s.chars, s.share, s.example]
        for m in review.materials
        for s in m.shared
    ]
    _sheet(workbook.create_sheet("重复"), SHARED_HEADERS, shared, SHARED_WIDTHS)
    if review.failures:
        failures = [[f.file, f.reason] for f in review.failures]
        _sheet(workbook.create_sheet("未能导入"), FAILURE_HEADERS, failures, FAILURE_WIDTHS)
    workbook.properties.title = "对照检查材料批量审阅报告"
    workbook.properties.creator = "Duizhao 对照"
    buf = io.BytesIO()
    workbook.save(buf)
    return buf.getvalue()


def _styles(workbook) -> None:
    from openpyxl.styles import Alignment, Font, NamedStyle, PatternFill

    # Named styles: set once, each cell names one (per-cell style objects are slow).
    for name, font, horizontal in (
        ("审阅表头", Font(name="黑体", size=11, bold=True), "center"),
        ("审阅", Font(name="仿宋_GB2312", size=11), "left"),
        ("审阅数字", Font(name="仿宋_GB2312", size=11), "right"),
    ):
        style = NamedStyle(name=name, font=font)
        style.alignment = Alignment(wrap_text=True, vertical="top", horizontal=horizontal)
        if name == "审阅表头":
            style.fill = PatternFill("solid", fgColor="E6E6E6")
        workbook.add_named_style(style)


def _sheet(sheet, headers, rows, widths) -> None:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    for c, text in enumerate(headers, start=1):
        cell = sheet.cell(row=1, column=c)
        cell.value = text
        cell.style = "审阅表头"
    for r, row in enumerate(rows, start=2):
        for c, (header, value) in enumerate(zip(headers, row, strict=True), start=1):
            cell = sheet.cell(row=r, column=c)
            if header in _NUMBER_COLUMNS or header in _SHARE_COLUMNS:
                cell.value = value
                cell.style = "审阅数字"
                if header in _SHARE_COLUMNS:
                    cell.number_format = "0%"
            else:
                cell.value = ILLEGAL_CHARACTERS_RE.sub("", str(value))
                cell.data_type = "s"  # text, even when it starts with "=" (no formula)
                cell.style = "审阅"
    lay_out_list_sheet(sheet, widths)
