"""GB/T 9704 PDF of one material (DESIGN §7, §7a, §7b).

ReportLab does pages, fonts, subsetting and the PDF file; the text is laid out by our own grid
line breaker (``linebreak``/``pdf_layout``) because ReportLab's CJK wrap breaks 禁则, does not
justify and cannot hold 28 characters of 16 pt in 156 mm. Each line is drawn as text-show
operations with explicit glyph offsets (``TJ``), one per font subset run, so justified lines
cost one operation rather than one per glyph and read back correctly in pdfminer (which
misplaces glyphs after ``Tc`` runs).

ReportLab is imported inside the functions: importing this module costs nothing.
"""

from __future__ import annotations

import io
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from itertools import chain, compress, repeat
from operator import add, ne, sub
from pathlib import Path

from app.exporters.glyphs import FontResolver
from app.exporters.pdf_content import material_paragraphs
from app.exporters.pdf_document import FAST_FLATE, KeptPages
from app.exporters.pdf_layout import Line, PagePlan, Segment, Typesetter, _Computed, iter_pages
from app.exporters.pdf_options import (
    BLOCK_HEIGHT,
    BLOCK_LEFT,
    BLOCK_TOP,
    BLOCK_WIDTH,
    LINE_PITCH,
    PAGE_HEIGHT,
    PAGE_NUMBER_GAP,
    PAGE_NUMBER_SIZE,
    PAGE_WIDTH,
    PdfOptions,
    PdfReport,
)
from app.exporters.title_breaks import one_line
from app.model import Material

__all__ = ["PdfOptions", "PdfReport", "export_pdf", "render_pdf"]

# The em box of a CJK glyph spans about -0.12 … 0.88 em around the baseline; centring it in the
# grid slot puts the baseline this far below the slot's middle.
_BASELINE_DROP = 0.38
_BOLD_STROKE = 0.35  # pt of outline stroke for 加粗 (fonts here have no bold face)
# ReportLab's font registry and each registered TTFont (its per-document subset state) are
# shared by the whole process: a preview and an export on two threads render one at a time.
REPORTLAB_LOCK = threading.Lock()


def export_pdf(
    material: Material,
    out_path: str | Path,
    options: PdfOptions | None = None,
    *,
    force: bool = False,
) -> PdfReport:
    """Write the material as a PDF atomically (temp file beside the target, then ``os.replace``);
    ``force`` replaces a write-protected target (the user confirmed)."""
    from app.exporters.files import write_bytes_atomic
    from app.target_guard import check_target

    check_target(out_path, force=force)  # before rendering: a refused target costs no work
    data, report = render_pdf(material, options)
    write_bytes_atomic(out_path, data, force=force)
    return report


def render_pdf(material: Material, options: PdfOptions | None = None) -> tuple[bytes, PdfReport]:
    """The PDF bytes and a report (pages, fonts per role, substituted characters).

    Raises InputError naming every character that no font can draw, and where it is.
    """
    options = options or PdfOptions()
    with REPORTLAB_LOCK:
        return _render(material, options)


def _render(material: Material, options: PdfOptions) -> tuple[bytes, PdfReport]:
    resolver = FontResolver()
    numbers = resolver.sibling()  # page numbers report after the text, as before streaming
    typesetter = Typesetter(resolver)
    # A page at a time: laid out, drawn, compressed and let go (memory flat in pages).
    blocks = (typesetter.block(p) for p in material_paragraphs(material, options))

    count = 0

    def planned() -> Iterator[tuple[PagePlan, Line | None]]:
        nonlocal count
        for count, page in enumerate(iter_pages(blocks), 1):
            number = page_number_line(numbers, typesetter, count, options)
            if not (resolver.missing or numbers.missing):
                yield page, number
            # else: the export is refused; the rest is laid out only to name every character
        resolver.absorb(numbers)
        # Refused here, before the document is saved: ReportLab cannot even write the title
        # of some texts no font has (a lone surrogate).
        resolver.raise_for_missing()

    data = draw_pages(DocInfo.of(material), planned())
    report = PdfReport(
        pages=count,
        fonts={role: c.family for role, c in resolver.used_roles.items()},
        font_files={role: str(c.path) for role, c in resolver.used_roles.items()},
        substitutions=resolver.substitutions,
    )
    return data, report


def page_number_line(
    resolver: FontResolver, typesetter: Typesetter, number: int, options: PdfOptions
) -> Line:
    """`— N —` in 4号 宋体: odd pages end one character in from the right edge, even pages start
    one character in from the left (GB/T 9704 7.5), or centred."""
    text = f"— {number} —"
    choices = resolver.resolve(text, "page_number", f"第{number}页页码")
    fonts = [None if c is None else resolver.register(c) for c in choices]
    advances = [
        PAGE_NUMBER_SIZE if f is None else typesetter.advance(f, ord(ch)) * PAGE_NUMBER_SIZE
        for ch, f in zip(text, fonts, strict=True)
    ]
    width = sum(advances)
    if options.page_number_position == "center":
        x = BLOCK_LEFT + (BLOCK_WIDTH - width) / 2
    elif number % 2:
        x = BLOCK_LEFT + BLOCK_WIDTH - PAGE_NUMBER_SIZE - width
    else:
        x = BLOCK_LEFT + PAGE_NUMBER_SIZE
    segments: list[Segment] = []
    for ch, font, adv in zip(text, fonts, advances, strict=True):
        if font is not None:
            if not segments or segments[-1].font != font:
                segments.append(Segment(font, PAGE_NUMBER_SIZE, False, "", [], []))
            segments[-1].text += ch
            segments[-1].xs.append(x)
            segments[-1].advances.append(adv)
        x += adv
    return Line(segments, PAGE_NUMBER_SIZE, "page_number")


def _pdf_date(updated: str) -> str:
    """A fixed creation date from ``material.updated`` (byte-identical output for equal input)."""
    try:
        stamp = datetime.fromisoformat(updated)
    except (TypeError, ValueError):
        stamp = datetime(2000, 1, 1)
    offset = stamp.utcoffset()
    if offset is None:
        tz = "Z"
    else:
        minutes = int(offset.total_seconds() // 60)
        sign = "+" if minutes >= 0 else "-"
        tz = f"{sign}{abs(minutes) // 60:02d}'{abs(minutes) % 60:02d}'"
    return (
        f"D:{stamp.year:04d}{stamp.month:02d}{stamp.day:02d}"
        f"{stamp.hour:02d}{stamp.minute:02d}{stamp.second:02d}{tz}"
    )


@dataclass(frozen=True)
class DocInfo:
    """The document properties a viewer shows (title, author, subject) and the date that makes
    equal input give equal bytes."""

    title: str
    author: str
    subject: str
    updated: str

    @classmethod
    def of(cls, material: Material) -> DocInfo:
        return cls(
            one_line(material.title),
            material.author or material.organization,
            material.meeting,
            material.updated,
        )


def draw_pages(
    info: DocInfo,
    pages: Iterable[tuple[PagePlan, Line | None]],
    *,
    page_labels: tuple[tuple[int, str | None, int | None, str | None], ...] = (),
    on_page: Callable[[int], None] | None = None,
) -> bytes:
    """The PDF of laid-out pages, each with its `— N —` line (None: the page shows no number —
    a cover, a contents page, an inserted blank page), drawn as they come; ``page_labels`` are
    (page index, style, start, prefix) so a viewer's page numbers match the printed ones;
    ``on_page(index)`` is called after each page (it may raise to stop)."""
    from app.lazy_pillow import defer_pillow_image

    defer_pillow_image()  # before ReportLab first loads: it imports Pillow for images
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfgen.canvas import Canvas

    pages = iter(pages)
    # The canvas names its first font when made: read pages up to the first with text.
    ahead: list[tuple[PagePlan, Line | None]] = []
    first_font = None
    for page, number in pages:
        ahead.append((page, number))
        first_font = next((seg.font for _, line in page.lines for seg in line.segments), None)
        if first_font is not None:
            break
    else:
        first_font = next((n.segments[0].font for _, n in ahead if n and n.segments), None)
    # invariant: byte-identical output. initialFontName: otherwise ReportLab's page preamble
    # references an unembedded Helvetica. pageCompression off, because ReportLab's own
    # compression is configured process-wide (rl_config.useA85 adds ASCII85, pure Python and
    # larger; PDFZCompress is one shared zlib level-6 filter): the document compresses instead.
    canv = Canvas(
        io.BytesIO(),
        pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
        invariant=1,
        pageCompression=0,
        initialFontName=first_font,
        initialFontSize=16,
    )
    # Every stream without filters of its own (page contents, font subsets, ToUnicode maps)
    # gets this document's default: Flate only, at level 1.
    canv._doc.defaultStreamFilters = [FAST_FLATE]
    date = _pdf_date(info.updated)
    canv.setDateFormatter(lambda *_: date)
    canv.setTitle(info.title)
    canv.setAuthor(info.author)
    canv.setSubject(info.subject)
    canv.setCreator("Duizhao 对照")
    canv.setViewerPreference("PrintScaling", "None")
    fonts: dict[str, _GlyphCodes] = {}

    def codes_of(name: str) -> _GlyphCodes:
        codes = fonts.get(name)
        if codes is None:
            codes = fonts[name] = _GlyphCodes(pdfmetrics.getFont(name), canv._doc)
        return codes

    pages_kept = KeptPages()
    outline_level = -1
    outlined = False
    try:
        for index, (page, number) in enumerate(chain(ahead, pages)):
            if index == len(ahead):
                ahead.clear()  # drawn: let the pages go
            for n, (label, level, slot) in enumerate(page.outline):
                key = f"p{index}o{n}"
                top = PAGE_HEIGHT - BLOCK_TOP - slot * LINE_PITCH
                canv.bookmarkPage(key, fit="XYZ", left=0, top=top)
                outline_level = min(level, outline_level + 1)  # ReportLab refuses level jumps
                canv.addOutlineEntry(label, key, level=max(outline_level, 0))
                outlined = True
            ops = ["BT"]
            state = {"font": None}  # the font operator in force within this text object
            for slot, line in page.lines:
                baseline = (
                    PAGE_HEIGHT - BLOCK_TOP - (slot + 0.5) * LINE_PITCH - _BASELINE_DROP * line.size
                )
                _line_ops(ops, state, codes_of, line, baseline)
            if number is not None:
                baseline = PAGE_HEIGHT - BLOCK_TOP - BLOCK_HEIGHT - PAGE_NUMBER_GAP
                _line_ops(ops, state, codes_of, number, baseline)
            ops.append("ET")
            canv.addLiteral("\n".join(ops))
            canv.showPage()
            pages_kept.settle(canv._doc.Pages.pages[-1])
            if on_page is not None:
                on_page(index)
    finally:
        pages_kept.finish()  # every page compressed before saving (or stopping)
    for page_index, style, start, prefix in page_labels:
        canv.addPageLabel(page_index, style=style, start=start, prefix=prefix)
    if outlined:
        canv.showOutline()
    return canv.getpdfdata()  # the document's bytes, built once (no copy through a file)


class _Numbers(dict):
    """Point value → its text in a content stream (three decimals, no trailing zeros), made
    once: grid positions repeat on every line and page."""

    def __missing__(self, v: float) -> str:
        if len(self) > 65536:  # bounded: a long GUI session renders many documents
            self.clear()
        text = f"{v:.3f}".rstrip("0").rstrip(".")
        text = self[v] = "0" if text in ("-0", "") else text
        return text


_NUMBERS = _Numbers()
_num = _NUMBERS.__getitem__


class _GlyphCodes:
    """One font's codes in one document, per character: the subset and the byte's hex, read
    from ReportLab's own assignment (``splitString`` assigns a character on first use, so it is
    called for a segment only when the segment holds a character not seen before)."""

    def __init__(self, font, doc):
        self.font = font
        self.doc = doc
        self.subset: dict[str, int] = {}
        self.hex: dict[str, str] = {}
        self.names: dict[int, str] = {}
        self._selectors: dict[float, _Computed] = {}
        self._openers: dict[float, _Computed] = {}

    def learn(self, text: str) -> None:
        if self.hex.keys() >= set(text):
            return
        self.font.splitString(text, self.doc)  # assigns codes exactly as drawing it would
        assignments = self.font.state[self.doc].assignments
        for ch in set(text) - self.hex.keys():
            code = 32 if ord(ch) == 0xA0 else ord(ch)
            n = assignments.get(code, 0)  # 0: .notdef, as splitString draws it
            self.subset[ch] = n >> 8
            self.hex[ch] = f"{n & 0xFF:02x}"

    def selectors(self, size: float) -> _Computed:
        """Subset → its ``Tf`` operator at ``size``. ReportLab names a font's subsets when
        first asked: look them up in drawing order."""
        table = self._selectors.get(size)
        if table is None:
            table = self._selectors[size] = _Computed(
                lambda subset: f"{self._name(subset)} {_num(size)} Tf"
            )
        return table

    def openers(self, size: float) -> _Computed:
        """Subset → what starts a run of it after another run: the ``TJ`` closing, the font
        selected, the text matrix up to its x (looked up in drawing order, as ``selectors``)."""
        table = self._openers.get(size)
        if table is None:
            fonts = self.selectors(size)
            table = self._openers[size] = _Computed(
                lambda subset: f"{_RUN_END}{fonts[subset]}\n1 0 0 1 "
            )
        return table

    def _name(self, subset: int) -> str:
        name = self.names.get(subset)
        if name is None:
            name = self.names[subset] = self.font.getSubsetInternalName(subset, self.doc)
        return name


class _Separators(dict):
    """Gap after a glyph (points) → what follows its hex in a ``TJ`` array: nothing when it sits
    at its natural advance, else the adjustment in 1/1000 em. One table per font size."""

    def __init__(self, size: float):
        super().__init__()
        self.size = size

    def __missing__(self, gap: float) -> str:
        if len(self) > 65536:  # bounded: a long GUI session renders many documents
            self.clear()
        sep = "" if abs(gap) <= 0.0005 else f"> {_num(-gap * 1000.0 / self.size)} <"
        self[gap] = sep
        return sep


_SEPARATORS: dict[float, _Separators] = {}
_RUN_END = ">] TJ\n"


def _line_ops(ops: list[str], state: dict, codes_of, line: Line, baseline: float) -> None:
    """Append the text operators drawing one line: per font subset, one ``TJ`` whose numbers
    move each glyph from its natural advance to its grid position. Built a segment at a time
    by lookups over its characters and runs (map, slices, join): no Python step per glyph or
    per run."""
    y = _num(baseline)
    position_end = f" {y} Tm\n[<"
    for seg in line.segments:
        codes = codes_of(seg.font)
        text = seg.text
        if seg.bold:
            ops.append(f"2 Tr {_num(_BOLD_STROKE)} w")
        if not text:  # nothing to show (ReportLab's split gives no run either)
            if seg.bold:
                ops.append("0 Tr")
            continue
        chars = seg.chars or text
        try:
            hexes = list(map(codes.hex.__getitem__, chars))
        except KeyError:  # a character this document has not drawn yet in this font
            codes.learn(text)
            hexes = list(map(codes.hex.__getitem__, chars))
        subsets = list(map(codes.subset.__getitem__, chars))
        seps = _SEPARATORS.get(seg.size)
        if seps is None:
            seps = _SEPARATORS[seg.size] = _Separators(seg.size)
        xs = seg.xs
        after = xs[1:]
        # What follows each glyph but the last: the separator to the next glyph.
        follows = list(map(seps.__getitem__, map(sub, map(sub, after, xs), seg.advances)))
        first = codes.selectors(seg.size)[subsets[0]]
        head = f"1 0 0 1 {_num(xs[0])} {y} Tm\n[<"
        if first != state["font"]:
            head = f"{first}\n{head}"
        if subsets.count(subsets[0]) == len(subsets):
            state["font"] = first
        else:
            # Where the subset changes a run starts: the previous TJ closes, the run's subset
            # is selected and the text matrix moves to its first glyph.
            later = subsets[1:]
            ends = list(compress(range(len(later)), map(ne, later, subsets)))
            openers = map(codes.openers(seg.size).__getitem__, map(later.__getitem__, ends))
            positions = map(_num, map(after.__getitem__, ends))
            runs = map(add, map(add, openers, positions), repeat(position_end))
            deque(map(follows.__setitem__, ends, runs), maxlen=0)
            state["font"] = codes.selectors(seg.size)[subsets[-1]]
        tokens = hexes + follows
        tokens[::2] = hexes
        tokens[1::2] = follows
        ops.append(f"{head}{''.join(tokens)}>] TJ")
        if seg.bold:
            ops.append("0 Tr")
