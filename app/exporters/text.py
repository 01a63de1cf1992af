"""Plain-text and Markdown export of a material, in the seed's layout.

Layout (both formats): the title, then paragraphs separated by one blank line, ending with one
newline. The problems section runs each dimension's points into one paragraph
(``（一）在“…”方面：一是…。…比如，…二是…``); ``point_paragraphs=True`` puts the dimension heading
on its own line and each point in its own paragraph instead. Points outside a dimension (causes,
measures) are one paragraph each. A "\\n" inside any stored text is a paragraph break.

Markdown differs only in markers: ``# title`` and ``**一、…**`` section headings, exactly as the
seed file writes them. Text is not escaped: masked words such as ``**镇`` stay as typed, and the
importer already reads ``**`` inside a sentence as text (see import-rules.md).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from app.exporters.layout import dimension_groups, section_heading_line
from app.model import Dimension, Material, Numbering, Point, Section, point_text


def export_txt(material: Material, *, point_paragraphs: bool = False) -> str:
    """The material as plain text (no markers), UTF-8 ready, "\\n" line ends."""
    return _render(material, point_paragraphs, title=_plain, section_heading=_plain)


def export_md(material: Material, *, point_paragraphs: bool = False) -> str:
    """The material as Markdown in the seed's dialect (``# title``, ``**一、…**``)."""
    return _render(
        material,
        point_paragraphs,
        title=lambda text: f"# {text}",
        section_heading=lambda text: f"**{text}**",
    )


# ---------------------------------------------------------------------------------------------


def _plain(text: str) -> str:
    return text


def _render(
    material: Material,
    point_paragraphs: bool,
    *,
    title: Callable[[str], str],
    section_heading: Callable[[str], str],
) -> str:
    paragraphs: list[str] = []
    if material.title.strip("\n"):
        # A title may be stored on two lines (unit + meeting / 对照检查材料); each line is marked.
        paragraphs.append("\n".join(title(line) for line in _split(material.title)))
    paragraphs += _split(material.author)
    paragraphs += _split(material.date)
    for text in material.preamble:
        paragraphs += _split(text)
    numbering = Numbering(material)
    for si, section in enumerate(material.sections):
        line = section_heading_line(section, numbering.at(si))
        if line is not None:
            paragraphs.append(section_heading(line))
        paragraphs += _section_body(section, si, numbering, point_paragraphs)
    for text in material.closing:
        paragraphs += _split(text)
    if not paragraphs:
        return ""
    return "\n\n".join(paragraphs) + "\n"


def _section_body(
    section: Section, si: int, numbering: Numbering, point_paragraphs: bool
) -> list[str]:
    out: list[str] = []
    for text in section.intro:
        out += _split(text)
    out += _numbered_points(zip(numbering.points(si), section.points, strict=True))
    # Only problems dimensions run their points in; elsewhere a （一） is a plain sub-heading.
    run_in = section.kind == "problems" and not point_paragraphs
    for di, dim in enumerate(section.dimensions):
        out += _dimension(dim, run_in, numbering.at(si, di), numbering.points(si, di))
    return out


def _dimension(dim: Dimension, run_in: bool, number: str, labels: list[str]) -> list[str]:
    out: list[str] = []
    for group in dimension_groups(dim, run_in, labels):
        # One string with "\n" where paragraphs break, split once at the end: a break inside an
        # intro or a body then falls exactly where it was typed.
        texts = []
        for piece in group:
            if piece.kind == "heading":
                texts.append(number + piece.text)
            elif piece.kind == "intro":
                texts.append(piece.text)
            else:
                assert piece.point is not None
                texts.append(piece.label + point_text(piece.point))
        out += _split("".join(texts))
    return out


def _numbered_points(points: Iterable[tuple[str, Point]]) -> list[str]:
    out: list[str] = []
    for label, point in points:
        out += _split(label + point_text(point))
    return out


def _split(text: str) -> list[str]:
    """Paragraphs of a stored text. Empty ones are dropped: they hold no text, and keeping them
    would print runs of blank lines where one separates paragraphs."""
    return [line for line in text.split("\n") if line]
