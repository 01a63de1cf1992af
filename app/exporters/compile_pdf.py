"""One PDF of several materials (汇编, issue 17): a cover, a 目录 with the page each material
starts on, then every material exactly as its own PDF export typesets it, each from a new page
(optionally a right-hand, odd page), numbered `— N —` continuously, with a bookmark per
material and, under it, its sections and dimensions.

Two passes: each material is typeset once (its page count is then known), the 目录 is laid out
to count its pages, the start pages follow, and the 目录 is laid out again with them. The cover
and 目录 carry no printed number; the body counts from 1, and the PDF's page labels make a
viewer show the same numbers. With ``odd_pages`` the front matter is padded to an even count,
so printed odd pages are right-hand pages in duplex printing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from app.exporters.compile_front import cover_page, toc_pages
from app.exporters.compile_options import (
    CompileOptions,
    CompileReport,
    Progress,
    bookmark_label,
    check_materials,
    entry_label,
)
from app.exporters.glyphs import FontResolver
from app.exporters.pdf import REPORTLAB_LOCK, DocInfo, draw_pages, page_number_line
from app.exporters.pdf_content import material_paragraphs
from app.exporters.pdf_layout import Line, PagePlan, Typesetter, paginate
from app.model import Material

_MAX_PASSES = 3  # the 目录's page count is fixed by its labels; a third pass never happens


def export_compiled_pdf(
    materials: Sequence[Material],
    out_path: str | Path,
    options: CompileOptions | None = None,
    *,
    force: bool = False,
    progress: Progress | None = None,
) -> CompileReport:
    """Write the compilation atomically (temp file beside the target, then ``os.replace``):
    a failure or a cancel (``progress`` raising) leaves no file and any old one as it was."""
    from app.exporters.files import write_bytes_atomic
    from app.target_guard import check_target

    check_target(out_path, force=force)  # before the work: a refused target costs nothing
    data, report = render_compiled_pdf(materials, options, progress)
    write_bytes_atomic(out_path, data, force=force)
    return report


def render_compiled_pdf(
    materials: Sequence[Material],
    options: CompileOptions | None = None,
    progress: Progress | None = None,
) -> tuple[bytes, CompileReport]:
    """The PDF bytes and a report. ``progress(done, total)`` is called as materials are typeset
    and pages drawn; raising from it stops the work (nothing is returned)."""
    check_materials(materials)
    options = options or CompileOptions()
    with REPORTLAB_LOCK:
        return _render(list(materials), options, progress or (lambda _done, _total: None))


def compiled_start_pages(
    materials: Sequence[Material],
    options: CompileOptions | None = None,
    progress: Progress | None = None,
) -> list[int]:
    """The printed page each material starts on in the PDF, without drawing it: what the Word
    compilation's 目录 shows (``progress`` counts typeset materials, as in the PDF)."""
    check_materials(materials)
    options = options or CompileOptions()
    with REPORTLAB_LOCK:
        plan = _plan(list(materials), options, progress or (lambda _done, _total: None), 1)
    return plan.starts


@dataclass
class _Plan:
    resolver: FontResolver
    typesetter: Typesetter
    front: list[PagePlan]
    body: list[tuple[PagePlan, int | None]]
    starts: list[int]


def _plan(
    materials: list[Material], options: CompileOptions, progress: Progress, phases: int
) -> _Plan:
    """Typeset every material, then the front matter with the start pages (two passes)."""
    steps = phases * len(materials)
    progress(0, steps)
    resolver = FontResolver()
    typesetter = Typesetter(resolver)
    bodies = []
    for index, material in enumerate(materials):
        mark = resolver.mark()
        bodies.append(_material_pages(typesetter, material, options))
        # A place such as 一、（二）means nothing among fifty materials: say which one.
        resolver.name_places_since(mark, f"第{index + 1}份《{bookmark_label(material)}》")
        progress(index + 1, steps)
    cover = [cover_page(typesetter, options)] + ([PagePlan()] if options.odd_pages else [])
    labels = [entry_label(m) for m in materials]
    toc_count = len(toc_pages(typesetter, resolver, [(label, 0) for label in labels]))
    for _ in range(_MAX_PASSES):
        front_count = _padded(len(cover) + toc_count, options.odd_pages)
        starts, body = _place_bodies(bodies, options.odd_pages)
        toc = toc_pages(typesetter, resolver, list(zip(labels, starts, strict=True)))
        if len(toc) == toc_count:
            break
        toc_count = len(toc)
    front = cover + toc + [PagePlan()] * (front_count - len(cover) - len(toc))
    return _Plan(resolver, typesetter, front, body, starts)


def _render(
    materials: list[Material], options: CompileOptions, progress: Progress
) -> tuple[bytes, CompileReport]:
    steps = 2 * len(materials)  # typesetting the materials, then drawing the pages
    plan = _plan(materials, options, progress, 2)
    resolver, typesetter, front, body = plan.resolver, plan.typesetter, plan.front, plan.body
    pages = front + [page for page, _ in body]
    numbers: list[Line | None] = [None] * len(front)
    for _page, number in body:
        numbers.append(
            None
            if number is None
            else page_number_line(resolver, typesetter, number, options.layout)
        )
    resolver.raise_for_missing()
    info = DocInfo(
        options.title,
        options.unit,
        options.meeting,
        max((m.updated for m in materials), default=""),
    )
    page_labels = (
        (0, None, None, "封面"),
        (1 + options.odd_pages, None, None, "目录"),
        (len(front), "D", 1, None),
    )

    def drawn(index: int) -> None:
        progress(len(materials) + (index + 1) * len(materials) // len(pages), steps)

    data = draw_pages(
        info, zip(pages, numbers, strict=True), page_labels=page_labels, on_page=drawn
    )
    report = CompileReport(
        pages=len(pages),
        front_pages=len(front),
        starts=plan.starts,
        substitutions=resolver.substitutions,
    )
    return data, report


def _material_pages(
    typesetter: Typesetter, material: Material, options: CompileOptions
) -> list[PagePlan]:
    """The material's pages as its own export lays them out, its outline one level down under
    a bookmark of its own on its first line. An empty material is one blank page."""
    blocks = [typesetter.block(p) for p in material_paragraphs(material, options.layout)]
    pages = paginate(blocks)
    for page in pages:
        page.outline = [(label, level + 1, slot) for label, level, slot in page.outline]
    pages[0].outline.insert(0, (bookmark_label(material), 0, 0))
    return pages


def _padded(count: int, odd_pages: bool) -> int:
    return count + (count % 2 if odd_pages else 0)


def _place_bodies(
    bodies: list[list[PagePlan]], odd_pages: bool
) -> tuple[list[int], list[tuple[PagePlan, int | None]]]:
    """Printed start page of each material, and the body pages with their printed numbers
    (None: a blank page put in so the next material starts on an odd page — counted, not
    printed, as GB/T 9704 leaves blank pages unnumbered)."""
    starts: list[int] = []
    out: list[tuple[PagePlan, int | None]] = []
    number = 1
    for pages in bodies:
        if odd_pages and number % 2 == 0:
            out.append((PagePlan(), None))
            number += 1
        starts.append(number)
        for page in pages:
            out.append((page, number))
            number += 1
    return starts, out
