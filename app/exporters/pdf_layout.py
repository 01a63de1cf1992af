"""Paragraph specs → positioned lines on the 28 × 22 grid → pages.

Every line occupies exactly one grid slot (28.99 pt), the title included, so a full page holds
22 lines at a constant pitch. Body characters sit on a 15.79 pt pitch (156 mm / 28); Latin
letters and digits take their own advance scaled to that grid. A justified line spreads its
remainder evenly over the gaps between unbreakable units (never inside ``——`` or a Latin word)
so that its last glyph ends exactly at the block's right edge. Lines of one shape (the same
metrics, edges and alignment, whatever their words) are placed once (``line_shapes``).

Pagination is ours rather than platypus's: the grid makes it a matter of counting slots, and it
keeps headings with the next line (a heading never sits alone at a page foot).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice, repeat

from app.exporters.glyphs import FontResolver, printable_text
from app.exporters.line_shapes import GlyphTable, Placement, Shapes
from app.exporters.linebreak import break_lines, protected_atoms, protected_runs
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


@dataclass(slots=True)  # tens of thousands in a long material: no __dict__ each
class Segment:
    """Consecutive glyphs of one line in one font: what one text-show operation draws."""

    font: str  # ReportLab font name
    size: float
    bold: bool
    text: str
    xs: list[float]  # left edge of each glyph, points from the page's left edge
    advances: list[float]  # each glyph's own advance at ``size``
    # ``text`` as a list, when the typesetter has it: each character a str made once, so the
    # lookups by character that follow neither make it again nor hash it again.
    chars: list[str] | None = None
    # The line's shape these glyphs belong to, from glyph ``offset`` on (None: positions set
    # by hand; whoever adds glyphs to a typeset segment sets it to None).
    placement: Placement | None = None
    offset: int = 0


@dataclass(slots=True)
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
        self._tables: dict[tuple[str | None, float, float], GlyphTable] = {}
        self._shapes = Shapes()
        # (role, size, grid) → the role's font choice and its table, once a run of the role
        # was set in fonts character by character.
        self._role_tables: dict[tuple[str, float, float], tuple[object, GlyphTable]] = {}

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

    def _table(self, font: str | None, size: float, grid: float, cover) -> GlyphTable:
        key = (font, size, grid)
        table = self._tables.get(key)
        if table is None:
            table = self._tables[key] = GlyphTable(self.advance, font, size, grid, cover)
        return table

    def _set_in_fonts(self, run, run_chars, where, styles, metrics) -> None:
        """Append the run's style runs and metrics, each character in the font that has it."""
        size, grid, pos = where
        advances, widths = metrics
        heading = run.role in _HEADING_ROLES
        choices = self.resolver.resolve(run_chars, run.role, run.where)
        for start, end, choice in _same_choice_spans(choices):
            name = None if choice is None else self.resolver.register(choice)
            cover = None if choice is None else self.resolver.coverage(choice)
            table = self._table(name, size, grid, cover)
            # Advances and grid widths (full-width characters take one cell, others their
            # advance scaled alike) come from per-font tables.
            part_advances, part_widths = table.metrics(run_chars[start:end])
            advances += part_advances
            widths += part_widths
            styles.append((pos + start, pos + end, name, run.bold, heading))
        if (run.role, size, grid) not in self._role_tables:
            choice = self.resolver.role_font(run.role)
            name = self.resolver.register(choice)
            table = self._table(name, size, grid, self.resolver.coverage(choice))
            self._role_tables[(run.role, size, grid)] = (choice, table)

    def block(self, para: ParagraphSpec) -> Block:
        if para.kind == "blank" or not para.runs:
            return Block([None], "blank", para.keep_with_next, para.outline)
        size = _ROLE_SIZE.get(para.runs[0].role, BODY_SIZE)
        grid = 1.0 if para.kind == "title" else PITCH / BODY_SIZE  # title: natural 22 pt pitch
        # Runs of one font, bold and heading flag: (start, end, font, bold, heading).
        styles: list[tuple[int, int, str | None, bool, bool]] = []
        pieces: list[str] = []
        chars: list[str] = []
        advances: list[float] = []
        widths: list[float] = []
        run_starts: list[int] = []
        widest = 0.0  # the largest of ``widths`` (break_lines need not look for it)
        uniform: tuple[float, float] | None = None  # (advance, width) of every character
        pos = 0
        for run in para.runs:
            run_starts.append(pos)
            text = printable_text(run.text)
            run_chars = list(text)
            heading = run.role in _HEADING_ROLES
            known = self._role_tables.get((run.role, size, grid))
            if known is not None and known[1].whole_cells.issuperset(run_chars):
                # Every character in the role's font, one em wide (most runs of Chinese text):
                # its metrics are the table's one pair, repeated.
                choice, table = known
                self.resolver.used_roles.setdefault(run.role, choice)
                advances += repeat(table.em, len(run_chars))
                widths += repeat(table.cell, len(run_chars))
                widest = max(widest, table.cell) if run_chars else widest
                if uniform != (table.em, table.cell):
                    uniform = (table.em, table.cell) if pos == 0 else None
                styles.append((pos, pos + len(run_chars), table.font, run.bold, heading))
            else:
                self._set_in_fonts(run, run_chars, (size, grid, pos), styles, (advances, widths))
                widest = max(widest, max(widths[pos:], default=widest))
                uniform = None
            pieces.append(text)
            chars += run_chars
            pos += len(text)
        text = "".join(pieces)
        style_ends = [style[1] for style in styles]
        right = BLOCK_LEFT + BLOCK_WIDTH - para.right_space * PITCH
        indent = para.indent * PITCH
        measure = right - BLOCK_LEFT
        runs = protected_runs(text, widths)
        if para.kind == "title":
            spans = _title_spans(text, widths, measure, size, run_starts)
        else:
            spans = break_lines(text, widths, measure, measure - indent, runs=runs, widest=widest)
        # Justification never opens a gap inside a protected run (a Latin word, ——).
        inside = sorted(
            k for s, e in protected_atoms(text, measure, widths, runs) for k in range(s + 1, e)
        )
        lines: list[Line | None] = []
        aligned = para.align in ("center", "right")
        for n, (start, end) in enumerate(spans):
            last = n == len(spans) - 1
            # Spaces at a line break print as nothing: a justified line ends on ink, a
            # continuation line starts on ink.
            while n and end - start > 1 and text[start] == " ":
                start += 1
            while not last and end - start > 1 and text[end - 1] == " ":
                end -= 1
            left = BLOCK_LEFT + (indent if n == 0 else 0.0)
            mode = para.align if aligned else ("last" if last else "justify")
            place = self._shapes.place(
                widths, advances, (start, end), (left, right, size), mode, inside, uniform
            )
            line = _line((text, chars, style_ends), styles, place, start, end, size, para.kind)
            lines.append(line)
        return Block(lines, para.kind, para.keep_with_next, para.outline)


def _same_choice_spans(choices: list) -> list[tuple[int, int, object]]:
    """(start, end, choice) of each run of one font choice (usually the whole text)."""
    if not choices:
        return []
    first = choices[0]
    if choices.count(first) == len(choices):
        return [(0, len(choices), first)]
    out, start = [], 0
    for k in range(1, len(choices) + 1):
        if k == len(choices) or choices[k] is not choices[start]:
            out.append((start, k, choices[start]))
            start = k
    return out


def _line(texts, styles, place: Placement, start, end, size, kind) -> Line:
    """The line's segments: the parts of the style runs it covers, one per font and bold
    (characters no font has are left out; the export is refused before drawing). ``texts``:
    the paragraph's text, the same as a list of characters and where each style run ends."""
    text, chars, style_ends = texts
    xs, advances = place.xs, place.advances
    # From the first style run ending after the line's start: a paragraph of many runs is not
    # searched from its beginning for every line.
    first = bisect_right(style_ends, start)
    _s, e, font, bold, heading = styles[first]
    if e >= end and font is not None:  # the whole line in one style run (most lines)
        # Copies of the shape's lists: whoever adds glyphs to the segment changes its own.
        segment = Segment(
            font, size, bold, text[start:end], xs[:], advances[:], chars[start:end], place
        )
        return Line([segment], size, kind, heading)
    segments: list[Segment] = []
    heading_only = True
    for s, e, font, bold, heading in islice(styles, first, None):
        if s >= end:
            break
        heading_only = heading_only and heading
        if font is None:
            continue
        a, b = max(s, start), min(e, end)
        seg = segments[-1] if segments else None
        if seg is not None and seg.font == font and seg.bold == bold:
            if seg.offset + len(seg.xs) != a - start:
                seg.placement = None  # not consecutive glyphs of the line (one left out)
            seg.text += text[a:b]
            seg.chars += chars[a:b]
            seg.xs += xs[a - start : b - start]
            seg.advances += advances[a - start : b - start]
        else:
            segments.append(
                Segment(
                    font,
                    size,
                    bold,
                    text[a:b],
                    xs[a - start : b - start],
                    advances[a - start : b - start],
                    chars[a:b],
                    place,
                    a - start,
                )
            )
    return Line(segments, size, kind, heading_only)


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


def paginate(blocks: list[Block], lines_per_page: int = LINES_PER_PAGE) -> list[PagePlan]:
    """Every page of ``iter_pages`` in a list (the 汇编 counts them before drawing)."""
    return list(iter_pages(blocks, lines_per_page))


def iter_pages(blocks: Iterable[Block], lines_per_page: int = LINES_PER_PAGE) -> Iterator[PagePlan]:
    """Fill grid slots page by page, yielding each page once it is full, so a long material is
    laid out, drawn and let go a page at a time; keep-with-next blocks move to a new page
    together with the first line of what follows; empty lines are dropped at the top of a
    page. ``blocks`` is read only as far as a keep-with-next chain looks ahead."""
    ahead = _Lookahead(blocks)
    page = PagePlan()
    first_page = True
    slot = 0
    while (block := ahead.pop()) is not None:
        if slot == lines_per_page:
            yield page
            page, first_page, slot = PagePlan(), False, 0
        if block.kind == "blank" and slot == 0 and not first_page:
            continue
        if block.keep_with_next and slot > 0:
            needed = _chain_length(block, ahead)
            if slot + needed > lines_per_page and needed <= lines_per_page:
                yield page
                page, first_page, slot = PagePlan(), False, 0
        for n, line in enumerate(block.lines):
            more_follows = n + 1 < len(block.lines) or ahead.peek(0) is not None
            if (
                slot == lines_per_page - 1
                and slot > 0
                and line
                and line.heading_only
                and more_follows
            ):
                slot = lines_per_page  # a run-in heading's line never ends a page: move it on
            if slot == lines_per_page:
                yield page
                page, first_page, slot = PagePlan(), False, 0
            if n == 0 and block.outline:
                label, level = block.outline
                page.outline.append((label, level, slot))
            if line is not None:
                page.lines.append((slot, line))
            slot += 1
    yield page


class _Lookahead:
    """The blocks still to come, laid out only when pagination first looks at them."""

    def __init__(self, blocks: Iterable[Block]):
        self._blocks = iter(blocks)
        self._ahead: deque[Block] = deque()

    def peek(self, k: int) -> Block | None:
        """The k-th block after the current one (0: the next), or None past the end."""
        while len(self._ahead) <= k:
            block = next(self._blocks, None)
            if block is None:
                return None
            self._ahead.append(block)
        return self._ahead[k]

    def pop(self) -> Block | None:
        block = self.peek(0)
        if block is not None:
            self._ahead.popleft()
        return block


def _chain_length(block: Block, ahead: _Lookahead) -> int:
    """Lines of the keep-with-next blocks from ``block`` on, plus one line of the next block."""
    total = 0
    k = 0
    while block is not None:
        total += len(block.lines)
        if not block.keep_with_next:
            return total - len(block.lines) + 1
        block = ahead.peek(k)
        k += 1
    return total
