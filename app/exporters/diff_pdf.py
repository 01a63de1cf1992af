"""The PDF record of what changed between two versions (征求意见稿 → 定稿), changes marked.

Deleted text is struck through in red, inserted text underlined in blue, a moved point carries
its old and new place in its heading. The page follows GB/T 9704 (A4, 156 × 225 mm text block,
仿宋 3号 text, 黑体 / 楷体 headings, ``— N —`` page numbers) with the same font choice as the
material's export (``app.fonts``, missing characters from the fallback fonts, a character no
font has refused with its place). Unlike the material's export this is a working record, so
ReportLab's own paragraph layout (CJK wrap) does the lines: marks must run across line breaks,
which its markup does for us.

ReportLab is imported inside the functions: importing this module costs nothing.
"""

from __future__ import annotations

from pathlib import Path

from app.exporters.glyphs import FontResolver
from app.exporters.pdf_options import (
    BLOCK_LEFT,
    BLOCK_TOP,
    BLOCK_WIDTH,
    BODY_SIZE,
    MM,
    PAGE_HEIGHT,
    PAGE_NUMBER_SIZE,
    PAGE_WIDTH,
)
from app.exporters.table_pdf import Markup, build_report
from app.version_diff import Change, Run, VersionDiff
from app.version_diff_report import KIND_LABELS, UNIT_LABELS, summary_line

DELETE_COLOR = "#C00000"
INSERT_COLOR = "#0050C8"
MOVED_COLOR = "#8A5A00"
_HEADING_SIZE = 14.0
_BOTTOM = 35 * MM


def export_diff_pdf(
    diff: VersionDiff, title: str, out_path: str | Path, *, force: bool = False
) -> Path:
    """Write the diff as a PDF atomically (refused targets before any rendering)."""
    from app.exporters.files import write_bytes_atomic
    from app.target_guard import check_target

    check_target(out_path, force=force)
    data = render_diff_pdf(diff, title)
    return write_bytes_atomic(out_path, data, force=force)


def render_diff_pdf(diff: VersionDiff, title: str) -> bytes:
    from app.exporters.pdf import REPORTLAB_LOCK

    with REPORTLAB_LOCK:
        return _render(diff, title)


class _RunOnMarkup(Markup):
    """Markup for the record, where each change is one paragraph: the line breaks between a
    point's title, body and example are not drawn, so it reads as the material prints it."""

    def text(self, text: str, role: str, where: str) -> str:
        return super().text(text.replace("\r", "").replace("\n", ""), role, where)


def marked_runs(markup: Markup, runs: list[Run], where: str) -> str:
    """A changed text as paragraph markup: deleted runs struck through in red, inserted runs
    underlined in blue (the marks run across ReportLab's line breaks)."""
    out = []
    for run in runs:
        body = markup.text(run.text, "body", where)
        if run.kind == "delete":
            body = (
                f'<font color="{DELETE_COLOR}"><strike color="{DELETE_COLOR}">'
                f"{body}</strike></font>"
            )
        elif run.kind == "insert":
            body = f'<font color="{INSERT_COLOR}"><u color="{INSERT_COLOR}">{body}</u></font>'
        out.append(body)
    return "".join(out)


def change_heading_text(change: Change) -> str:
    what = f"【{KIND_LABELS[change.kind]}{UNIT_LABELS[change.unit_kind]}】"
    if change.kind == "moved" and change.old is not None and change.new is not None:
        return f"{what}从 {change.old.label} 移到 {change.new.label}"
    return f"{what}{change.label}"


def _render(diff: VersionDiff, title: str) -> bytes:
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, Spacer

    resolver = FontResolver()
    markup = _RunOnMarkup(resolver)
    body_font = markup.font_of("body")
    title_font = markup.font_of("title")
    heading_font = markup.font_of("heading1")
    number_font = markup.font_of("page_number")
    base = {"wordWrap": "CJK"}
    title_style = ParagraphStyle(
        "diffTitle", fontName=title_font, fontSize=22, leading=33, alignment=TA_CENTER, **base
    )
    info_style = ParagraphStyle(
        "diffInfo", fontName=body_font, fontSize=12, leading=20, alignment=TA_CENTER, **base
    )
    heading_style = ParagraphStyle(
        "diffHeading",
        fontName=heading_font,
        fontSize=_HEADING_SIZE,
        leading=24,
        spaceBefore=10,
        keepWithNext=1,
        **base,
    )
    body_style = ParagraphStyle(
        "diffBody",
        fontName=body_font,
        fontSize=BODY_SIZE,
        leading=28,
        firstLineIndent=2 * BODY_SIZE,
        **base,
    )

    story = [
        Paragraph(markup.text(f"{title or '（无标题）'}修改对照", "title", "标题"), title_style),
        Paragraph(
            markup.text(f"{diff.old_name} → {diff.new_name}", "body", "版本名称"), info_style
        ),
        Paragraph(markup.text(summary_line(diff), "body", "统计"), info_style),
        Paragraph(
            f'<font color="{DELETE_COLOR}"><strike color="{DELETE_COLOR}">红色删除线</strike>'
            f'</font>为删去的文字，<font color="{INSERT_COLOR}"><u color="{INSERT_COLOR}">'
            "蓝色下划线</u></font>为增加的文字",
            info_style,
        ),
        Spacer(1, 10),
    ]
    for change in diff.changes:
        if change.kind == "unchanged":
            continue
        where = change.label
        heading = markup.text(change_heading_text(change), "heading1", where)
        if change.kind == "moved":
            heading = f'<font color="{MOVED_COLOR}">{heading}</font>'
        story.append(Paragraph(heading, heading_style))
        if change.kind == "moved" and not change.text_changed:
            story.append(Paragraph(markup.text(change.new.text, "body", where), body_style))
        else:
            story.append(Paragraph(marked_runs(markup, change.runs, where), body_style))
    if not diff.differs:
        story.append(Paragraph(markup.text("两个版本内容相同。", "body", "正文"), body_style))
    resolver.raise_for_missing()

    return build_report(
        story,
        page=(PAGE_WIDTH, PAGE_HEIGHT),
        margins=(BLOCK_LEFT, PAGE_WIDTH - BLOCK_LEFT - BLOCK_WIDTH, BLOCK_TOP, _BOTTOM),
        title=f"{title}修改对照",
        subject=f"{diff.old_name} → {diff.new_name}",
        number_font=number_font,
        number_size=PAGE_NUMBER_SIZE,
        number_from_bottom=_BOTTOM - 7 * MM - PAGE_NUMBER_SIZE,
    )
