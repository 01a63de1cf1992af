"""Paragraph specs → positioned lines on the 28 × 22 grid → pages.

Every line occupies exactly one grid slot (28.99 pt), the title included, so a full page holds
22 lines at a constant pitch. Body characters sit on a 15.79 pt pitch (156 mm / 28); Latin
letters and digits take their own advance scaled to that grid. A justified line spreads its
remainder evenly over the gaps between unbreakable units (never inside ``——`` or a Latin word)
so that its last glyph ends exactly at the block's right edge.

Pagination is ours rather than platypus's: the grid makes it a matter of counting slots, and it
keeps headings with the next line (a heading never sits alone at a page foot).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.exporters.glyphs import FontResolver, printable_text
from app.exporters.linebreak import atom_spans, break_lines, is_full_width
from app.exporters.pdf_content import ParagraphSpec
from app.exporters.pdf_options import (
    BLOCK_LEFT,
    BLOCK_WIDTH,
    BODY_SIZE,
    LINES_PER_PAGE,
    PITCH,
    TITLE_SIZE,
)
from app.exporters.title_breaks import nominal_widths, title_spans

_ROLE_SIZE = {"title": TITLE_SIZE}
_HEADING_ROLES = ("title", "heading1", "heading2")


@dataclass
class Segment:
    """Consecutive glyphs of one line in one font: what one text-show operation draws."""

    font: str  # ReportLab font name
    size: float
    bold: bool
    text: str
    xs: list[float]  # left edge of each glyph, points from the page's left edge
    advances: list[float]  # each glyph's own advance at ``size``


@dataclass
class Line:
    segments: list[Segment]
    size: float
    kind: str
    heading_only: bool = False  # every character is heading text (keep off a page foot)


@dataclass
class Block:
    """The lines of one paragraph, kept in order; pagination may split it between lines."""

    lines: list[Line | None]  # None = an empty grid line
    kind: str
    keep_with_next: bool = False
    outline: tuple[str, int] | None = None


@dataclass
class PagePlan:
    lines: list[tuple[int, Line]] = field(default_factory=list)  # (slot, line)
    outline: list[tuple[str, int, int]] = field(default_factory=list)  # (label, level, slot)


class Typesetter:
    """Lays paragraphs into lines; fonts come from the resolver (checked per character)."""

    def __init__(self, resolver: FontResolver):
        self.resolver = resolver
        self._widths: dict[str, dict[int, float]] = {}
        self._default_widths: dict[str, float] = {}

    def advance(self, font: str, code: int) -> float:
        """Advance of one glyph at 1 pt (from the face's widths in 1/1000 em)."""
        widths = self._widths.get(font)
        if widths is None:
            from reportlab.pdfbase import pdfmetrics

            # The face's own table, not a scaled copy: a document uses a few hundred of its
            # thousands of characters.
            face = pdfmetrics.getFont(font).face
            widths = self._widths[font] = face.charWidths
            self._default_widths[font] = face.defaultWidth
        width = widths.get(code)
        return (self._default_widths[font] if width is None else width) / 1000.0

    def block(self, para: ParagraphSpec) -> Block:
        if para.kind == "blank" or not para.runs:
            return Block([None], "blank", para.keep_with_next, para.outline)
        size = _ROLE_SIZE.get(para.runs[0].role, BODY_SIZE)
        grid = 1.0 if para.kind == "title" else PITCH / BODY_SIZE  # title: natural 22 pt pitch
        chars: list[str] = []
        fonts: list[str | None] = []
        bolds: list[bool] = []
        headings: list[bool] = []
        run_starts: list[int] = []
        for run in para.runs:
            run_starts.append(len(chars))
            text = printable_text(run.text)
            choices = self.resolver.resolve(text, run.role, run.where)
            previous, name = object(), None
            for ch, choice in zip(text, choices, strict=True):
                if choice is not previous:  # runs share one choice: look its name up once
                    previous = choice
                    name = None if choice is None else self.resolver.register(choice)
                chars.append(ch)
                fonts.append(name)
                bolds.append(run.bold)
                headings.append(run.role in _HEADING_ROLES)
        text = "".join(chars)
        advances = [
            size if f is None else self.advance(f, ord(ch)) * size
            for ch, f in zip(chars, fonts, strict=True)
        ]
        # Grid widths: full-width characters take one cell; others their advance, scaled alike.
        widths = [
            size * grid if is_full_width(ch) else adv * grid
            for ch, adv in zip(chars, advances, strict=True)
        ]
        right = BLOCK_LEFT + BLOCK_WIDTH - para.right_space * PITCH
        indent = para.indent * PITCH
        measure = right - BLOCK_LEFT
        if para.kind == "title":
            spans = _title_spans(text, widths, measure, size, run_starts)
        else:
            spans = break_lines(text, widths, measure, measure - indent)
        unit_starts = {s for s, _ in atom_spans(text, measure, widths)}
        lines: list[Line | None] = []
        for n, (start, end) in enumerate(spans):
            last = n == len(spans) - 1
            # Spaces at a line break print as nothing: a justified line ends on ink, a
            # continuation line starts on ink.
            while n and end - start > 1 and chars[start] == " ":
                start += 1
            while not last and end - start > 1 and chars[end - 1] == " ":
                end -= 1
            left = BLOCK_LEFT + (indent if n == 0 else 0.0)
            xs = [left]
            for w in widths[start : end - 1]:
                xs.append(xs[-1] + w)
            extent = xs[-1] + advances[end - 1] - left
            if para.align == "center":
                shift = (right - BLOCK_LEFT - extent) / 2 + BLOCK_LEFT - left
                xs = [x + shift for x in xs]
            elif para.align == "right":
                shift = right - (left + extent)
                xs = [x + shift for x in xs]
            elif not last:
                xs = _justify(xs, start, unit_starts, right - (left + extent))
            line = self._line(chars, fonts, bolds, advances, xs, start, end, size, para.kind)
            line.heading_only = all(headings[start:end])
            lines.append(line)
        return Block(lines, para.kind, para.keep_with_next, para.outline)

    @staticmethod
    def _line(chars, fonts, bolds, advances, xs, start, end, size, kind) -> Line:
        segments: list[Segment] = []
        for i in range(start, end):
            font = fonts[i]
            if font is None:  # no font has it; the export is refused before drawing
                continue
            x = xs[i - start]
            seg = segments[-1] if segments else None
            if seg is None or seg.font != font or seg.bold != bolds[i]:
                seg = Segment(font, size, bolds[i], "", [], [])
                segments.append(seg)
            seg.text += chars[i]
            seg.xs.append(x)
            seg.advances.append(advances[i])
        return Line(segments, size, kind)


def _title_spans(
    text: str, widths: list[float], measure: float, size: float, run_starts: list[int]
) -> list[tuple[int, int]]:
    """Each run is a line the user broke the title into; each breaks further between words.

    The break is decided in nominal widths, as the DOCX and the preview decide it, and only
    redecided on the glyphs' own widths when a line would not fit (wide Latin letters)."""
    spans: list[tuple[int, int]] = []
    for start, end in zip(run_starts, [*run_starts[1:], len(text)], strict=True):
        line = text[start:end]
        if not line:
            continue
        nominal = [w * size for w in nominal_widths(line)]
        parts = title_spans(line, nominal, measure)
        if any(sum(widths[start + s : start + e]) > measure + 1e-6 for s, e in parts):
            parts = title_spans(line, widths[start:end], measure)
        spans += [(start + s, start + e) for s, e in parts]
    return spans


def _justify(xs: list[float], start: int, unit_starts: set[int], extra: float) -> list[float]:
    """Spread ``extra`` points evenly over the gaps before each unbreakable unit of the line."""
    gaps = [k for k in range(1, len(xs)) if start + k in unit_starts]
    if not gaps:
        return xs
    step = extra / len(gaps)
    out, shift, g = [], 0.0, 0
    for k, x in enumerate(xs):
        if g < len(gaps) and gaps[g] == k:
            shift += step
            g += 1
        out.append(x + shift)
    return out


def paginate(blocks: list[Block], lines_per_page: int = LINES_PER_PAGE) -> list[PagePlan]:
    """Fill grid slots page by page; keep-with-next blocks move to a new page together with the
    first line of what follows; empty lines are dropped at the top of a page."""
    pages = [PagePlan()]
    slot = 0
    for index, block in enumerate(blocks):
        if slot == lines_per_page:
            pages.append(PagePlan())
            slot = 0
        if block.kind == "blank" and slot == 0 and len(pages) > 1:
            continue
        if block.keep_with_next and slot > 0:
            needed = _chain_length(blocks, index)
            if slot + needed > lines_per_page and needed <= lines_per_page:
                pages.append(PagePlan())
                slot = 0
        for n, line in enumerate(block.lines):
            more_follows = n + 1 < len(block.lines) or index + 1 < len(blocks)
            if (
                slot == lines_per_page - 1
                and slot > 0
                and line
                and line.heading_only
                and more_follows
            ):
                slot = lines_per_page  # a run-in heading's line never ends a page: move it on
            if slot == lines_per_page:
                pages.append(PagePlan())
                slot = 0
            if n == 0 and block.outline:
                label, level = block.outline
                pages[-1].outline.append((label, level, slot))
            if line is not None:
                pages[-1].lines.append((slot, line))
            slot += 1
    return pages


def _chain_length(blocks: list[Block], index: int) -> int:
    """Lines of the keep-with-next blocks from ``index`` on, plus one line of the next block."""
    total = 0
    for block in blocks[index:]:
        total += len(block.lines)
        if not block.keep_with_next:
            return total - len(block.lines) + 1
    return total
