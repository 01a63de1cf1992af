"""The front matter of a 汇编 PDF: the cover and the 目录 (contents) pages, laid out by the
material export's own typesetter (``pdf_layout``) on the same 28 × 22 grid.

A 目录 entry is the material's label set like a body paragraph with room kept at the right,
then dot leaders and the page number flush with the block's right edge on its last line. The
room is fixed (``NUMBER_CHARS``), so an entry breaks the same way whatever its number: the
page count of the 目录 does not depend on the numbers it prints (see ``compile_pdf``).
"""

from __future__ import annotations

from app.errors import InputError
from app.exporters.compile_options import CompileOptions
from app.exporters.glyphs import FontResolver
from app.exporters.pdf_content import ParagraphSpec, Run, blank
from app.exporters.pdf_layout import Block, Line, PagePlan, Segment, Typesetter, paginate
from app.exporters.pdf_options import (
    BLOCK_LEFT,
    BLOCK_WIDTH,
    BODY_SIZE,
    LINES_PER_PAGE,
    PITCH,
)

NUMBER_CHARS = 4  # grid cells kept free at the right of an entry for leaders and its number
TOC_HEADING = "目　录"
LEADER = "·"
LEADER_STEP = PITCH / 2
_COVER_TITLE_SLOT = 4  # the title starts on the fifth grid line
_COVER_FOOT_SLOT = 17  # unit and date end here: the lower third, as printed covers have them


def cover_page(typesetter: Typesetter, options: CompileOptions) -> PagePlan:
    """Title (2号 小标宋, centred, balanced lines), the meeting under it, unit and date low on
    the page. An empty field leaves its line out."""

    def lines(text: str, role: str, kind: str, where: str) -> list[Line | None]:
        text = " ".join(text.split())
        if not text:
            return []
        spec = ParagraphSpec(runs=[Run(text, role, where)], kind=kind, indent=0, align="center")
        return typesetter.block(spec).lines

    title = lines(options.title, "title", "title", "封面标题")
    meeting = lines(options.meeting, "heading2", "body", "封面会议")
    foot = lines(options.unit, "body", "body", "封面单位") + lines(
        options.date, "body", "body", "封面日期"
    )
    top = title + ([None] if title and meeting else []) + meeting
    foot_start = max(_COVER_FOOT_SLOT - len(foot), _COVER_TITLE_SLOT + len(top) + 1)
    if foot_start + len(foot) > LINES_PER_PAGE:
        raise InputError(
            "封面内容过长：标题、会议、单位和日期须能排在一页之内，请缩短",
            "the cover does not fit on one page: shorten its title, meeting, unit or date",
        )
    page = PagePlan()
    for slot, line in enumerate(top, _COVER_TITLE_SLOT):
        if line is not None:
            page.lines.append((slot, line))
    for slot, line in enumerate(foot, foot_start):
        if line is not None:
            page.lines.append((slot, line))
    return page


def toc_pages(
    typesetter: Typesetter, resolver: FontResolver, entries: list[tuple[str, int]]
) -> list[PagePlan]:
    """The 目录: its heading, then one entry per material (label, printed start page)."""
    heading = ParagraphSpec(
        runs=[Run(TOC_HEADING, "title", "目录标题")],
        kind="title",
        indent=0,
        align="center",
        keep_with_next=True,
        outline=("目录", 0),
    )
    blocks = [typesetter.block(heading), typesetter.block(blank())]
    for index, (label, number) in enumerate(entries):
        blocks.append(_entry_block(typesetter, resolver, label, number, f"目录第{index + 1}条"))
    return paginate(blocks)


def _entry_block(
    typesetter: Typesetter, resolver: FontResolver, label: str, number: int, where: str
) -> Block:
    spec = ParagraphSpec(
        runs=[Run(label, "body", where)], kind="body", indent=0, right_space=NUMBER_CHARS
    )
    block = typesetter.block(spec)
    last = block.lines[-1]
    right = BLOCK_LEFT + BLOCK_WIDTH
    digits = _glyphs(typesetter, resolver, str(number), f"{where}页码")
    width = sum(adv for _, _, adv in digits)
    x = right - width
    text_end = max(
        (seg.xs[-1] + seg.advances[-1] for seg in last.segments if seg.xs), default=BLOCK_LEFT
    )
    leader = _glyphs(typesetter, resolver, LEADER, f"{where}引导点")
    # Dots on a fixed step, aligned from the number leftwards, a half cell clear of both ends.
    count = int((x - text_end - PITCH) // LEADER_STEP)
    if leader and count > 0:
        font, _ch, adv = leader[0]
        for k in range(count, 0, -1):
            cell = x - PITCH / 4 - k * LEADER_STEP
            _append(last, font, LEADER, cell + (LEADER_STEP - adv) / 2, adv)
    for font, ch, adv in digits:
        _append(last, font, ch, x, adv)
        x += adv
    return block


def _glyphs(
    typesetter: Typesetter, resolver: FontResolver, text: str, where: str
) -> list[tuple[str, str, float]]:
    """(font name, character, advance at the body size) for each drawable character."""
    out = []
    for ch, choice in zip(text, resolver.resolve(text, "body", where), strict=True):
        if choice is not None:
            font = resolver.register(choice)
            out.append((font, ch, typesetter.advance(font, ord(ch)) * BODY_SIZE))
    return out


def _append(line: Line, font: str, ch: str, x: float, advance: float) -> None:
    segment = line.segments[-1] if line.segments else None
    if segment is None or segment.font != font or segment.bold:
        segment = Segment(font, BODY_SIZE, False, "", [], [])
        line.segments.append(segment)
    segment.text += ch
    segment.placement = None  # its glyphs no longer those of the line shape it was typeset in
    if segment.chars is not None:  # a typeset segment carries its characters as a list too
        segment.chars.append(ch)
    segment.xs.append(x)
    segment.advances.append(advance)
