"""What goes on the paper, in order: a Material becomes a list of paragraph specs (runs of text
with a font role), before any font or geometry is involved.

Default style (DESIGN §2, the seed): in the problems section one dimension is ONE paragraph —
``（一）`` and the run-in frame/heading in 楷体, then ``一是…二是…`` running on in 仿宋. Other
sections: ``一、`` headings in 黑体 on their own line, points one paragraph each.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from app.exporters.layout import dimension_groups, section_heading_line
from app.exporters.pdf_options import PdfOptions
from app.exporters.title_breaks import forced_lines
from app.model import (
    Dimension,
    Material,
    Numbering,
    Point,
    Section,
    dimension_number,
    point_title_text,
)

Align = Literal["justify", "center", "right"]


@dataclass
class Run:
    """Text set in one font role; ``where`` names its place for error and substitution reports."""

    text: str
    role: str
    where: str
    bold: bool = False
    keep_with_next: bool = (
        False  # a paragraph break inside it keeps its lines with the next (a title alone)
    )


@dataclass
class ParagraphSpec:
    runs: list[Run]
    kind: str = "body"  # title | heading | body | signature | blank
    indent: int = 2  # first-line indent in characters
    align: Align = "justify"
    keep_with_next: bool = False
    outline: tuple[str, int] | None = None  # (bookmark label, level)
    right_space: int = 0  # characters of space kept at the right (signature lines)

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


def blank() -> ParagraphSpec:
    return ParagraphSpec(runs=[], kind="blank")


def _split_paragraphs(runs: list[Run], **spec) -> list[ParagraphSpec]:
    """Cut a run list at "\\n" into paragraphs (a point body may hold several paragraphs)."""
    paragraphs: list[list[Run]] = [[]]
    keeps = [False]
    for run in runs:
        parts = run.text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        for i, part in enumerate(parts):
            if i:
                keeps[-1] = keeps[-1] or run.keep_with_next
                paragraphs.append([])
                keeps.append(False)
            if part:
                paragraphs[-1].append(Run(part, run.role, run.where, run.bold))
    out = []
    for i, rs in enumerate(paragraphs):
        if rs:
            extra = spec if i == 0 else {k: v for k, v in spec.items() if k != "outline"}
            if keeps[i]:
                extra = {**extra, "keep_with_next": True}
            out.append(ParagraphSpec(runs=rs, **extra))
    return out


def body_paragraphs(texts: list[str], where: str) -> list[ParagraphSpec]:
    out = []
    for i, text in enumerate(texts):
        out += _split_paragraphs([Run(text, "body", f"{where}第{i + 1}段")])
    return out


def point_runs(point: Point, number: str, where: str, options: PdfOptions) -> list[Run]:
    """``number`` is the printed label (一是 / 1. / （1）), "" for running text."""
    label = f"{where}{number or '正文'}"
    title = number + point_title_text(point)
    runs = (
        [Run(title, "body", label, options.bold_point_titles, point.title_alone)] if title else []
    )
    rest = point.body
    if point.example:
        rest += f"{point.example_lead}{point.example_sep}{point.example}"
    if rest:
        runs.append(Run(rest, "body", label))
    return runs


def _dimension_bookmark(dim: Dimension, index: int) -> str:
    # By position even for a dimension printed without （一）: the bookmarks of a PDF already
    # made stay as they were.
    name = dim.short_name or dim.heading
    if len(name) > 24:
        name = name[:24] + "…"
    return dimension_number(index) + name


def dimension_paragraphs(
    dim: Dimension,
    position: tuple[int, int],
    where: str,
    run_in: bool,
    options: PdfOptions,
    numbering: Numbering,
) -> list[ParagraphSpec]:
    index = position[1]
    here = f"{where}{dimension_number(index)}"  # names the place in reports, printed or not
    outline = (_dimension_bookmark(dim, index), 1)
    out: list[ParagraphSpec] = []
    for gi, group in enumerate(dimension_groups(dim, run_in, numbering.points(*position))):
        runs: list[Run] = []
        for piece in group:
            if piece.kind == "heading":
                runs.append(Run(numbering.at(*position) + piece.text, "heading2", f"{here}标题"))
            elif piece.kind == "intro":
                runs.append(Run(piece.text, "body", f"{here}导语"))
            else:
                assert piece.point is not None
                runs += point_runs(piece.point, piece.label, here, options)
        if gi == 0 and len(runs) == 1 and (not run_in or dim.heading_alone):
            # A heading standing alone keeps with the text under it.
            out.append(
                ParagraphSpec(runs=runs, kind="heading", keep_with_next=True, outline=outline)
            )
        else:
            out += _split_paragraphs(runs, outline=outline if gi == 0 else None)
    return out


def section_paragraphs(
    section: Section, index: int, options: PdfOptions, numbering: Numbering
) -> list[ParagraphSpec]:
    number = numbering.at(index)
    line = section_heading_line(section, number)
    where = number or f"第{index + 1}部分"
    # The number prints even when the heading is empty, as in txt/md: numbering never skips,
    # and a bare "二、" shows the user what is missing. Only a part the writer never headed
    # (``numbered`` False, no heading) prints no heading line.
    out = []
    if line is not None:
        out.append(
            ParagraphSpec(
                runs=[Run(line, "heading1", f"{where}标题")],
                kind="heading",
                keep_with_next=True,
                outline=(line, 0),
            )
        )
    out += body_paragraphs(section.intro, f"{where}导语")
    for label, p in zip(numbering.points(index), section.points, strict=True):
        out += _split_paragraphs(point_runs(p, label, where, options))
    run_in = section.kind == "problems" and not options.point_paragraphs
    for i, dim in enumerate(section.dimensions):
        out += dimension_paragraphs(dim, (index, i), where, run_in, options, numbering)
    return out


def signature_paragraphs(material: Material) -> list[ParagraphSpec]:
    lines = [t for t in (material.author or material.organization, material.date) if t]
    if not lines:
        return []
    # GB/T 9704 7.3.5: 署名/成文日期 右空四字.
    return [blank()] + [
        ParagraphSpec(
            runs=[Run(t, "body", "署名")], kind="signature", indent=0, align="right", right_space=4
        )
        for t in lines
    ]


def material_paragraphs(material: Material, options: PdfOptions) -> list[ParagraphSpec]:
    """Every paragraph of the printed material, in reading order."""
    out: list[ParagraphSpec] = []
    lines = forced_lines(material.title)
    if material.title.strip():
        # One run per line the user broke the title into: the typesetter keeps those breaks.
        out.append(
            ParagraphSpec(
                runs=[Run(line, "title", "标题") for line in lines],
                kind="title",
                indent=0,
                align="center",
                keep_with_next=True,
            )
        )
        out.append(blank())
    out += body_paragraphs(material.preamble, "前言")
    numbering = Numbering(material)
    for i, section in enumerate(material.sections):
        out += section_paragraphs(section, i, options, numbering)
    out += body_paragraphs(material.closing, "结尾")
    if options.include_signature:
        out += signature_paragraphs(material)
    return out
