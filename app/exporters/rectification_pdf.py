"""整改清单 as a PDF: A4 landscape, a ReportLab table whose header row repeats on every page,
in the GB/T 9704 faces the material export uses (``app.fonts`` roles: 小标宋 title, 黑体 header,
仿宋 cells, 宋体 ``— N —`` page numbers), with the same per-character fallback for names outside
the role font and the same refusal when no font has a character.

A row is never split across pages; only a row taller than a whole page (a very long note) is
split, and then between its lines, never through one. User text is escaped before it becomes
ReportLab paragraph markup: ``<b>`` or ``&`` in a name print as typed.
"""

from __future__ import annotations

from app.exporters.glyphs import FontResolver
from app.exporters.table_pdf import Markup, build_report
from app.model import Material
from app.rectification import HEADERS, LIST_TITLE, ListRow, rows

MM = 72 / 25.4
PAGE = (297 * MM, 210 * MM)  # A4 landscape
MARGIN_X = 20 * MM
MARGIN_TOP = 20 * MM
MARGIN_BOTTOM = 22 * MM
PAGE_NUMBER_FROM_BOTTOM = 11 * MM
TITLE_SIZE = 22  # 2号
SUBTITLE_SIZE = 14
CELL_SIZE = 12  # 小四
CELL_LEADING = 17
PAGE_NUMBER_SIZE = 14  # 4号
# Column shares of the text width: 序号 narrow, the texts wide, names and dates in between.
CELL_PADDING = 4
COLUMN_SHARES = (0.05, 0.195, 0.24, 0.12, 0.145, 0.08, 0.17)


def render_rectification_pdf(material: Material) -> bytes:
    """The PDF bytes of the material's 整改清单. InputError names any character no font has."""
    from app.exporters.pdf import REPORTLAB_LOCK

    with REPORTLAB_LOCK:
        return _render(material, rows(material))


def _render(material: Material, list_rows: list[ListRow]) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle
    from reportlab.platypus.doctemplate import LayoutError

    resolver = FontResolver()
    marks = Markup(resolver)
    title_font = marks.font_of("title")
    sub_font = marks.font_of("heading2")
    head_font = marks.font_of("heading1")
    cell_font = marks.font_of("body")
    number_font = marks.font_of("page_number")
    title_style = ParagraphStyle(
        "title", fontName=title_font, fontSize=TITLE_SIZE, leading=TITLE_SIZE * 1.4
    )
    title_style.alignment = TA_CENTER
    sub_style = ParagraphStyle(
        "sub", fontName=sub_font, fontSize=SUBTITLE_SIZE, leading=SUBTITLE_SIZE * 1.5
    )
    sub_style.alignment = TA_CENTER
    sub_style.wordWrap = "CJK"
    head_style = ParagraphStyle(
        "head", fontName=head_font, fontSize=CELL_SIZE, leading=CELL_LEADING, alignment=TA_CENTER
    )
    cell_style = ParagraphStyle(
        "cell", fontName=cell_font, fontSize=CELL_SIZE, leading=CELL_LEADING, wordWrap="CJK"
    )
    centre_style = ParagraphStyle("centre", parent=cell_style, alignment=TA_CENTER)
    centred = {0, 4, 5}  # 序号, 时限, 状态

    width = PAGE[0] - 2 * MARGIN_X
    widths = [share * width for share in COLUMN_SHARES]

    def cell(text: str, column: int, where: str):
        if marks.plain(text, "body", where, widths[column] - 2 * CELL_PADDING, CELL_SIZE):
            return text  # one line in one font that fits: drawn as is, nothing to wrap
        style = centre_style if column in centred else cell_style
        return Paragraph(marks.text(text, "body", where), style)

    header = [Paragraph(marks.text(h, "heading1", "表头"), head_style) for h in HEADERS]
    data = [header]
    for row in list_rows:
        data.append(
            [cell(text, c, f"第{row.number}行“{HEADERS[c]}”") for c, text in enumerate(row.cells())]
        )
    story = [Paragraph(marks.text(LIST_TITLE, "title", "标题"), title_style)]
    if material.title.strip():
        subtitle = " ".join(material.title.split())
        story.append(Paragraph(marks.text(subtitle, "heading2", "副标题"), sub_style))
    story.append(Spacer(1, 4 * MM))
    resolver.raise_for_missing()  # before any page is drawn: nothing half-done

    style = TableStyle(
        [
            ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
            ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9)),
            ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
            ("VALIGN", (0, 1), (-1, -1), "TOP"),
            ("FONT", (0, 1), (-1, -1), cell_font, CELL_SIZE, CELL_LEADING),
            ("ALIGN", (0, 1), (0, -1), "CENTER"),
            ("ALIGN", (4, 1), (5, -1), "CENTER"),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
            ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ]
    )

    def build(split_in_row: int) -> bytes:
        table = Table(data, colWidths=widths, repeatRows=1, splitByRow=1, splitInRow=split_in_row)
        table.setStyle(style)
        return build_report(
            [*story, table],
            page=PAGE,
            margins=(MARGIN_X, MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM),
            title=f"{material.title} {LIST_TITLE}".strip(),
            author=material.author or material.organization,
            number_font=number_font,
            number_size=PAGE_NUMBER_SIZE,
            number_from_bottom=PAGE_NUMBER_FROM_BOTTOM,
            page_compression=0,
        )

    try:
        return build(0)
    except LayoutError:  # a row taller than a page: split it between lines, never through one
        return build(1)
