"""The batch review as a PDF (ReportLab): A4, the GB/T 9704 faces of the material export
(``app.fonts`` roles through the 整改清单's markup: 小标宋 title, 黑体 headings, 仿宋 text, 宋体
``— N —`` page numbers, per-character fallback), a ranked summary table whose header repeats on
every page, then one section per material: its shared text with other materials, its missing
dimensions, its findings by severity. Then the files that could not be imported.

User text (titles, file names, excerpts, messages) is escaped before it becomes paragraph
markup. Unlike a material's export, a character no font has does not refuse the report (one
odd character in one of 200 materials must not cost the reviewer the whole report): it is left
out here, and the HTML and XLSX reports keep it.
"""

from __future__ import annotations

from app.exporters.glyphs import FontResolver
from app.exporters.table_pdf import Markup, build_report
from app.review.batch import BatchReview, MaterialReview
from app.review.wording import (
    REPORT_TITLE,
    SEVERITY_NAMES,
    findings_by_severity,
    intro_line,
    listed_shared,
    percent,
)

MM = 72 / 25.4
PAGE = (210 * MM, 297 * MM)  # A4
MARGIN = 20 * MM
TITLE_SIZE = 22  # 2号
HEADING_SIZE = 14  # 4号
TEXT_SIZE = 11
LEADING = 16
PAGE_NUMBER_SIZE = 14
SUMMARY_HEADERS = ("排序", "文件与标题", "错误", "重复", "缺少方面", "警告")
SUMMARY_SHARES = (0.07, 0.43, 0.08, 0.09, 0.25, 0.08)
SHARED_HEADERS = ("相同来源材料", "相同字数", "占本材料")
SHARED_SHARES = (0.64, 0.18, 0.18)


def render_review_pdf(review: BatchReview) -> bytes:
    from app.exporters.pdf import REPORTLAB_LOCK

    with REPORTLAB_LOCK:
        return _render(review)


def _render(review: BatchReview) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

    marks = Markup(FontResolver())
    title_style = ParagraphStyle(
        "title",
        fontName=marks.font_of("title"),
        fontSize=TITLE_SIZE,
        leading=TITLE_SIZE * 1.4,
        alignment=TA_CENTER,
    )
    heading_style = ParagraphStyle(
        "heading",
        fontName=marks.font_of("heading1"),
        fontSize=HEADING_SIZE,
        leading=HEADING_SIZE * 1.5,
        spaceBefore=8,
        spaceAfter=4,
        wordWrap="CJK",
    )
    text_style = ParagraphStyle(
        "text", fontName=marks.font_of("body"), fontSize=TEXT_SIZE, leading=LEADING, wordWrap="CJK"
    )
    head_style = ParagraphStyle(
        "head",
        fontName=marks.font_of("heading1"),
        fontSize=TEXT_SIZE,
        leading=LEADING,
        alignment=TA_CENTER,
    )
    number_font = marks.font_of("page_number")
    width = PAGE[0] - 2 * MARGIN
    grid = TableStyle(
        [
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9)),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ]
    )

    def para(text: str, style=text_style, role: str = "body") -> Paragraph:
        return Paragraph(marks.text(text, role, "审阅报告"), style)

    def table(headers, rows, shares) -> Table:
        data = [[para(h, head_style, "heading1") for h in headers]]
        data += [[para(c) for c in row] for row in rows]
        made = Table(data, colWidths=[s * width for s in shares], repeatRows=1, splitByRow=1)
        made.setStyle(grid)
        return made

    story = [para(REPORT_TITLE, title_style, "title"), para(intro_line(review)), Spacer(1, 4 * MM)]
    story.append(table(SUMMARY_HEADERS, [_summary(m) for m in review.materials], SUMMARY_SHARES))
    for material in review.materials:
        story += _section(material, para, table, heading_style)
    if review.failures:
        story.append(para("未能导入的文件", heading_style, "heading1"))
        rows = [[f.file, f.reason] for f in review.failures]
        story.append(table(("文件", "原因"), rows, (0.4, 0.6)))

    return build_report(
        story,
        page=PAGE,
        margins=(MARGIN, MARGIN, MARGIN, MARGIN + 4 * MM),
        title=REPORT_TITLE,
        number_font=number_font,
        number_size=PAGE_NUMBER_SIZE,
        number_from_bottom=11 * MM,
    )


def _summary(material: MaterialReview) -> list[str]:
    return [
        str(material.rank),
        f"{material.file}\n{material.title or '（无标题）'}",
        str(material.count("error")),
        percent(material.share),
        "、".join(material.missing_dimensions),
        str(material.count("warning")),
    ]


def _section(material: MaterialReview, para, table, heading_style) -> list:
    out = [
        para(f"{material.rank}. {material.title or '（无标题）'}", heading_style, "heading1"),
        para(
            f"文件：{material.file}；年度框架：{material.template_name or '未识别'}；"
            f"重复 {material.shared_chars} / {material.chars} 字（{percent(material.share)}）"
        ),
    ]
    if material.shared:
        listed, rest = listed_shared(material)
        rows = [[f"{s.other}\n{s.other_title}", str(s.chars), percent(s.share)] for s in listed]
        out.append(table(SHARED_HEADERS, rows, SHARED_SHARES))
        if rest:
            out.append(para(rest))
    if material.missing_dimensions:
        out.append(para(f"缺少的方面：{'、'.join(material.missing_dimensions)}"))
    for severity, findings in findings_by_severity(material):
        out.append(para(f"{SEVERITY_NAMES[severity]}（{len(findings)} 条）："))
        for f in findings:
            excerpt = f"「{f.excerpt}」" if f.excerpt else ""
            out.append(para(f"· {f.message}{excerpt}"))
    return out
