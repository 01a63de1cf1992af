"""GB/T 9704 PDF of one material (DESIGN §7, §7a, §7b).

ReportLab does pages, fonts, subsetting and the PDF file; the text is laid out by our own grid
line breaker (``linebreak``/``pdf_layout``) because ReportLab's CJK wrap breaks 禁则, does not
justify and cannot hold 28 characters of 16 pt in 156 mm. Each line is drawn as text-show
operations with explicit glyph offsets (``TJ``, ``pdf_text``), one per font subset run, so
justified lines cost one operation rather than one per glyph and read back correctly in
pdfminer (which misplaces glyphs after ``Tc`` runs). A long material is laid out, drawn and
compressed a page at a time (``pdf_layout.iter_pages``, ``pdf_document.KeptPages``).

ReportLab is imported inside the functions: importing this module costs nothing.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from itertools import chain
from pathlib import Path
from typing import NamedTuple

from app.exporters.glyphs import FontResolver
from app.exporters.line_shapes import Computed
from app.exporters.pdf_content import material_paragraphs
from app.exporters.pdf_document import FAST_FLATE, KeptPages
from app.exporters.pdf_formatted import fast_outline
from app.exporters.pdf_layout import Line, PagePlan, Segment, Typesetter, iter_pages
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
from app.exporters.pdf_text import GlyphCodes
from app.exporters.pdf_text import line_ops as _line_ops
from app.exporters.title_breaks import one_line
from app.model import Material

__all__ = ["PdfOptions", "PdfReport", "export_pdf", "render_pdf"]

# The em box of a CJK glyph spans about -0.12 … 0.88 em around the baseline; centring it in the
# grid slot puts the baseline this far below the slot's middle.
_BASELINE_DROP = 0.38
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


class DocInfo(NamedTuple):
    """The document properties a viewer shows (title, author, subject) and the date that makes
    equal input give equal bytes. (A named tuple, as ``Substitution``.)"""

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
    # Font name → its codes in this document, looked up once a segment (in C).
    codes_of = Computed(lambda name: GlyphCodes(pdfmetrics.getFont(name), canv._doc)).__getitem__

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
        fast_outline(canv._doc.outline)
    return canv.getpdfdata()  # the document's bytes, built once (no copy through a file)
