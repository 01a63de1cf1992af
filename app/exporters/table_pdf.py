"""What the report PDFs share (the 整改清单, the 查重 report, the batch review report, the
version difference): cell text as ReportLab markup in the GB/T 9704 role fonts with
per-character fallback, the canvas with the material export's stream filter, the ``— N —``
page number footer, and the document built from a story with both (``build_report``).

User text is escaped before it becomes ReportLab paragraph markup: ``<b>`` or ``&`` in a name
print as typed.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from xml.sax.saxutils import escape

from app.exporters.glyphs import FontResolver


def page_number_footer(
    font: str, size: float, page_width: float, from_bottom: float
) -> Callable[[object, object], None]:
    """An ``onPage`` callback drawing ``— N —`` centred ``from_bottom`` points up the page."""

    def page_number(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(font, size)
        canvas.drawCentredString(page_width / 2, from_bottom, f"— {doc.page} —")
        canvas.restoreState()

    return page_number


def report_canvas(*args, **kwargs):
    """ReportLab's canvas with the material export's stream filter: Flate at level 1 and no
    ASCII85 (ReportLab's process-wide default adds it, in pure Python: a second per 200 pages)."""
    from reportlab.pdfgen.canvas import Canvas

    from app.exporters.pdf_document import FAST_FLATE

    canvas = Canvas(*args, **kwargs)
    canvas._doc.defaultStreamFilters = [FAST_FLATE]
    return canvas


def build_report(
    story: list,
    *,
    page: tuple[float, float],
    margins: tuple[float, float, float, float],
    title: str,
    number_font: str,
    number_size: float,
    number_from_bottom: float,
    author: str | None = None,
    subject: str | None = None,
    page_compression: int | None = None,
) -> bytes:
    """The PDF of ``story`` on ``page`` with ``margins`` (left, right, top, bottom), the
    ``— N —`` footer on every page and the report canvas; equal input, equal bytes."""
    from reportlab.platypus import SimpleDocTemplate

    page_number = page_number_footer(number_font, number_size, page[0], number_from_bottom)
    buf = io.BytesIO()
    left, right, top, bottom = margins
    doc = SimpleDocTemplate(
        buf,
        pagesize=page,
        leftMargin=left,
        rightMargin=right,
        topMargin=top,
        bottomMargin=bottom,
        title=title,
        author=author,
        subject=subject,
        creator="Duizhao 对照",
        invariant=1,
        pageCompression=page_compression,
    )
    doc.build(story, onFirstPage=page_number, onLaterPages=page_number, canvasmaker=report_canvas)
    return buf.getvalue()


class Markup:
    """Cell text → ReportLab paragraph markup: escaped, line breaks kept, and each run of
    characters the role font lacks wrapped in the fallback font that has them."""

    def __init__(self, resolver: FontResolver):
        self.resolver = resolver

    def font_of(self, role: str) -> str:
        choice = self.resolver.role_font(role)
        self.resolver.used_roles.setdefault(role, choice)
        return self.resolver.register(choice)

    def text(self, text: str, role: str, where: str) -> str:
        from app.exporters.glyphs import printable_text

        lines = [
            printable_text(line)
            for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        ]
        out = []
        role_font = self.resolver.role_font(role)
        for line in lines:
            choices = self.resolver.resolve(line, role, where)
            parts: list[str] = []
            run, run_choice = "", role_font
            for ch, choice in zip(line, choices, strict=True):
                if choice is None:
                    continue  # no font has it: raise_for_missing refuses the export
                if choice != run_choice and run:
                    parts.append(self._wrap(run, run_choice, role_font))
                    run = ""
                run_choice = choice
                run += ch
            if run:
                parts.append(self._wrap(run, run_choice, role_font))
            out.append("".join(parts))
        return "<br/>".join(out)

    def plain(self, text: str, role: str, where: str, width: float, size: float) -> bool:
        """Whether ``text`` is one line the role font draws alone within ``width`` points: a
        plain table cell (a Paragraph costs a markup parse and a wrap, three times a row)."""
        from reportlab.pdfbase.pdfmetrics import stringWidth

        if "\n" in text or len(text) * size * 0.5 > width:
            return False
        role_font = self.resolver.role_font(role)
        if not all(c == role_font for c in self.resolver.resolve(text, role, where)):
            return False
        return stringWidth(text, self.resolver.register(role_font), size) <= width

    def _wrap(self, run: str, choice, role_font) -> str:
        if choice == role_font:
            return escape(run)
        return f'<font face="{self.resolver.register(choice)}">{escape(run)}</font>'
