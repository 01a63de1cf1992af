"""Read a PDF back with pdfplumber and measure it the way a 公文 checker would (GB/T 9704).

Independent of the renderer: positions come from the glyphs' text matrices and the fonts'
own widths as pdfminer reads them; the 禁则 lists are the ones in DESIGN §7 and the brief.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

import pdfplumber

from app.model import Material, Numbering, point_text

MM = 72.0 / 25.4
PAGE_W_MM, PAGE_H_MM = 210.0, 297.0
BLOCK_LEFT_MM, BLOCK_RIGHT_MM = 28.0, 184.0
BLOCK_TOP_MM, BLOCK_BOTTOM_MM = 37.0, 262.0
CELL_PT = 156 * MM / 28  # 15.79 pt
LINE_PT = 225 * MM / 22

NO_START = set("，。、；：？！）》〉」』】〕”’…—%")
NO_END = set("（《〈「『【〔“‘")
_HALF = re.compile(r"[!-~]")


@dataclass
class TextLine:
    page: int  # 1-based
    baseline_mm: float  # from the top of the page
    chars: list[dict] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(c["text"] for c in self.chars)

    @property
    def size(self) -> float:
        return max(round(c["size"], 2) for c in self.chars)

    @property
    def x0_mm(self) -> float:
        return self.chars[0]["x0"] / MM

    @property
    def x1_mm(self) -> float:
        return self.chars[-1]["x1"] / MM

    @property
    def fonts(self) -> set[str]:
        return {base_font(c["fontname"]) for c in self.chars}

    def full_width_count(self) -> int:
        return sum(1 for c in self.chars if not _HALF.fullmatch(c["text"]))


@dataclass
class PdfDoc:
    data: bytes
    pages: list  # pdfplumber pages
    lines: list[TextLine]  # body text lines (title, headings, paragraphs), reading order
    page_numbers: list[TextLine]  # the `— N —` line of each page, page order


def base_font(fontname: str) -> str:
    """PostScript name without the subset tag (``ABCDEF+FandolFang-Regular`` →
    ``FandolFang-Regular``)."""
    return fontname.split("+", 1)[1] if "+" in fontname else fontname


def read_pdf(data: bytes) -> PdfDoc:
    pdf = pdfplumber.open(io.BytesIO(data))
    lines: list[TextLine] = []
    numbers: list[TextLine] = []
    for page in pdf.pages:
        by_baseline: dict[float, TextLine] = {}
        for ch in page.chars:
            baseline = PAGE_H_MM - ch["matrix"][5] / MM
            key = round(baseline, 2)
            line = by_baseline.setdefault(key, TextLine(page.page_number, baseline))
            line.chars.append(ch)
        for key in sorted(by_baseline):
            line = by_baseline[key]
            line.chars.sort(key=lambda c: c["x0"])
            (numbers if line.baseline_mm > BLOCK_BOTTOM_MM + 2 else lines).append(line)
    return PdfDoc(data, pdf.pages, lines, numbers)


def plain(text: str) -> str:
    return "".join(text.split())


def pdf_text(doc: PdfDoc) -> str:
    """All body text in reading order, whitespace removed (page numbers excluded)."""
    return plain("".join(line.text for line in doc.lines))


def expected_text(material: Material, *, point_paragraphs: bool = False) -> str:
    """The material's printed text in reading order, whitespace removed. In the default style a
    problems dimension's heading runs on into its text, so a frame without a closing mark gets
    the run-in ``：`` (never glued); numbers follow the material's style and skip running text;
    a part the writer never headed prints no ``一、`` line."""
    parts = [material.title, *material.preamble]
    numbering = Numbering(material)
    for si, s in enumerate(material.sections):
        if s.numbered or s.heading:
            parts.append(numbering.at(si) + s.heading)
        parts += s.intro
        parts += [n + point_text(p) for n, p in zip(numbering.points(si), s.points, strict=True)]
        for di, d in enumerate(s.dimensions):
            run_on = s.kind == "problems" and not point_paragraphs and not d.heading_alone
            followed = bool([t for t in d.intro if t] or d.points)
            heading = d.run_in_heading() if run_on and followed else d.full_heading()
            parts.append(numbering.at(si, di) + heading)
            parts += d.intro
            parts += [
                n + point_text(p) for n, p in zip(numbering.points(si, di), d.points, strict=True)
            ]
    parts += material.closing
    return plain("".join(parts))


def is_continuation(line: TextLine) -> bool:
    """A body line that starts at the block's left edge continues the paragraph above it."""
    return line.size < 20 and abs(line.x0_mm - BLOCK_LEFT_MM) < 0.3


def is_paragraph_start(line: TextLine) -> bool:
    return line.size < 20 and abs(line.x0_mm - (BLOCK_LEFT_MM + 2 * CELL_PT / MM)) < 0.3


def kinsoku_violations(lines: list[TextLine]) -> list[str]:
    """Lines starting with a closing mark, ending with an opening one, and splits of ——, ……
    and Latin/digit runs between a line and its continuation."""
    found = []
    for i, line in enumerate(lines):
        text = line.text
        if text[0] in NO_START:
            found.append(f"p{line.page} starts with {text[0]!r}: {text}")
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if nxt is None or not (is_continuation(nxt) or (line.size > 20 and nxt.size > 20)):
            continue  # a paragraph's last line may end with anything
        if text[-1] in NO_END:
            found.append(f"p{line.page} ends with {text[-1]!r}: {text}")
        for pair in ("——", "……"):
            if text[-1] == pair[0] and nxt.text[0] == pair[1]:
                found.append(f"p{line.page} splits {pair}: {text}")
        if _HALF.fullmatch(text[-1]) and _HALF.fullmatch(nxt.text[0]) and text[-1] != " ":
            found.append(f"p{line.page} splits a Latin/digit run: {text} | {nxt.text}")
    return found


def glyph_pitches(line: TextLine) -> list[float]:
    """Distances between the origins of consecutive glyphs, in points."""
    xs = [c["matrix"][4] for c in line.chars]
    return [b - a for a, b in zip(xs, xs[1:], strict=False)]
