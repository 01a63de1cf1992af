"""A 查重 report as a PDF (A4) in the GB/T 9704 faces the other exports use (``app.fonts``
roles: 小标宋 title, 黑体 headings, 仿宋 text, 宋体 ``— N —`` page numbers), with the same
per-character fallback and the same refusal when no font has a character. The content is the
HTML report's: score, per section, each shared passage with the source paragraph (shared words
on a tinted background), problems repeated from last year. User text is escaped before it
becomes ReportLab paragraph markup (``app.exporters.table_pdf.Markup``)."""

from __future__ import annotations

from app.compare.report import RECTIFICATION_NAMES, RELATION_NAMES, SimilarityReport
from app.compare.report_context import ReportContext, grouped, split_at
from app.compare.report_html import SOURCES_PER_SPAN

MM = 72 / 25.4
PAGE = (210 * MM, 297 * MM)  # A4
MARGIN_X = 25 * MM
MARGIN_TOP = 25 * MM
MARGIN_BOTTOM = 25 * MM
PAGE_NUMBER_FROM_BOTTOM = 12 * MM
TITLE_SIZE = 22  # 2号
SUBTITLE_SIZE = 16  # 3号
HEADING_SIZE = 14  # 4号
TEXT_SIZE = 12  # 小四
TEXT_LEADING = 19
PAGE_NUMBER_SIZE = 14
MARK_COLOUR = "#FFE58F"


def _percent(share: float) -> str:
    return f"{share * 100:.0f}%"


def render_report_pdf(report: SimilarityReport, context: ReportContext) -> bytes:
    """The PDF bytes of the report. InputError names any character no font has."""
    from app.exporters.pdf import REPORTLAB_LOCK

    with REPORTLAB_LOCK:
        return _render(report, context)


def _render(report: SimilarityReport, context: ReportContext) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

    from app.exporters.glyphs import FontResolver
    from app.exporters.table_pdf import Markup, build_report

    resolver = FontResolver()
    marks = Markup(resolver)
    fonts = {role: marks.font_of(role) for role in ("title", "heading1", "heading2", "body")}
    number_font = marks.font_of("page_number")
    title_style = ParagraphStyle(
        "title", fontName=fonts["title"], fontSize=TITLE_SIZE, leading=TITLE_SIZE * 1.4
    )
    title_style.alignment = TA_CENTER
    sub_style = ParagraphStyle(
        "sub",
        fontName=fonts["heading2"],
        fontSize=SUBTITLE_SIZE,
        leading=SUBTITLE_SIZE * 1.5,
        alignment=TA_CENTER,
        wordWrap="CJK",
    )
    head_style = ParagraphStyle(
        "head",
        fontName=fonts["heading1"],
        fontSize=HEADING_SIZE,
        leading=HEADING_SIZE * 1.6,
        spaceBefore=8,
        spaceAfter=4,
        wordWrap="CJK",
    )
    text_style = ParagraphStyle(
        "text",
        fontName=fonts["body"],
        fontSize=TEXT_SIZE,
        leading=TEXT_LEADING,
        wordWrap="CJK",
        spaceAfter=3,
    )
    source_style = ParagraphStyle("source", parent=text_style, leftIndent=8 * MM)

    def text(value: str, role: str, where: str) -> str:
        return marks.text(value, role, where)

    def in_face(value: str, role: str, where: str) -> str:
        """Text in the role's face inside a paragraph set in another (a run-in label)."""
        return f'<font face="{fonts[role]}">{text(value, role, where)}</font>'

    def marked(paragraph: str, span, where: str) -> str:
        before, shared, after = split_at(paragraph, span)
        middle = f'<span backColor="{MARK_COLOUR}">{text(shared, "body", where)}</span>'
        return text(before, "body", where) + middle + text(after, "body", where)

    story = [
        Paragraph(text("查重报告", "title", "标题"), title_style),
        Paragraph(text(f"《{report.title or '无标题'}》", "heading2", "副标题"), sub_style),
        Spacer(1, 4 * MM),
        Paragraph(
            text(
                f"重复字数 {report.shared_chars} / {report.chars}（{_percent(report.share)}）；"
                f"连续相同不少于 {report.min_chars} 字计入（不计标点、空格和编号）；"
                f"比对来源 {report.sources_compared} 份。",
                "body",
                "总体",
            ),
            text_style,
        ),
        Paragraph(text("各部分重复情况", "heading1", "标题"), head_style),
    ]
    rows = [
        [
            Paragraph(in_face(h, "heading1", "表头"), text_style)
            for h in ("部分", "字数", "重复字数", "比例")
        ]
    ]
    for s in report.sections:
        rows.append(
            [
                Paragraph(text(s.label, "body", "分部分"), text_style),
                str(s.chars),
                str(s.shared_chars),
                _percent(s.share),
            ]
        )
    width = PAGE[0] - 2 * MARGIN_X
    table = Table(rows, colWidths=[width * 0.55, width * 0.15, width * 0.15, width * 0.15])
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9)),
                ("FONT", (1, 1), (-1, -1), fonts["body"], TEXT_SIZE, TEXT_LEADING),
                ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    story.append(table)
    groups = grouped(report)
    story.append(Paragraph(text(f"相同段落（{len(groups)} 处）", "heading1", "标题"), head_style))
    if not groups:
        story.append(Paragraph(text("未发现相同段落。", "body", "相同段落"), text_style))
    for number, (span, matches) in enumerate(groups, 1):
        where = f"第 {number} 处相同段落"
        story.append(
            Paragraph(
                in_face(f"{number}. {context.where(span)}：", "heading2", where)
                + marked(context.paragraph(span), span, where),
                text_style,
            )
        )
        for m in matches[:SOURCES_PER_SPAN]:
            source = context.source(m)
            lead = (
                f"← {RELATION_NAMES[m.source.relation]} {m.source.label()} · {source.where}"
                f"（该条与此来源重复 {_percent(m.unit_share)}）："
            )
            story.append(
                Paragraph(
                    text(lead, "body", where)
                    + "<br/>"
                    + marked(source.paragraph, m.source_span, where),
                    source_style,
                )
            )
        if len(matches) > SOURCES_PER_SPAN:
            more = f"另有 {len(matches) - SOURCES_PER_SPAN} 处来源"
            story.append(Paragraph(text(more, "body", where), source_style))
    if report.repeated:
        story.append(Paragraph(text("与上年重复的问题", "heading1", "标题"), head_style))
        for r in report.repeated:
            line = (
                f"「{r.title or r.path}」与 {r.source.label()} 重复 {_percent(r.share)}；"
                f"上年整改：{RECTIFICATION_NAMES.get(r.rectification, r.rectification)}"
            )
            story.append(Paragraph(text(line, "body", "与上年重复的问题"), text_style))
    if report.skipped_files:
        story.append(Paragraph(text("未比对的文件", "heading1", "标题"), head_style))
        for path, reason in report.skipped_files:
            story.append(Paragraph(text(f"{path}：{reason}", "body", "未比对的文件"), text_style))
    resolver.raise_for_missing()  # before any page is drawn: nothing half-done

    return build_report(
        story,
        page=PAGE,
        margins=(MARGIN_X, MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM),
        title=f"查重报告 {report.title}".strip(),
        number_font=number_font,
        number_size=PAGE_NUMBER_SIZE,
        number_from_bottom=PAGE_NUMBER_FROM_BOTTOM,
        page_compression=0,
    )
