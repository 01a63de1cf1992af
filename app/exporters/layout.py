"""Paragraph shape shared by every exporter: which pieces of a dimension share a paragraph, and
where the numbers go (which number a node prints is ``app.model.Numbering``'s to say).

The txt/md, PDF and DOCX exporters differ in fonts and markers only; what runs on into what is
decided here once, from the shape the source had (``Dimension.heading_alone`` /
``points_apart``).
"""

from __future__ import annotations

from typing import NamedTuple

from app.model import Dimension, Point, Section


class Piece(NamedTuple):
    """One piece of a dimension: its heading, an intro paragraph, or a point with its label.
    (A named tuple, as ``pdf_options.Substitution``.)"""

    kind: str  # heading | intro | point
    text: str = ""  # heading and intro text (a point renders itself)
    point: Point | None = None
    label: str = ""  # the point's number (一是 / 1. / （1）), "" for running text


def section_heading_line(section: Section, number: str) -> str | None:
    """The section's heading line after its printed ``number`` (``Numbering``), or None when
    the source had no heading line at all."""
    if not section.numbered and not section.heading:
        return None
    return number + section.heading


def dimension_groups(dim: Dimension, run_in: bool, labels: list[str]) -> list[list[Piece]]:
    """The dimension's pieces grouped into paragraphs (a "\\n" inside a text still breaks one);
    ``labels`` are its points' printed numbers (``Numbering.points``).

    Not run in (outside the problems section, or the per-export "each point its own paragraph"
    option): heading, intros and points each stand alone. Run in: the heading opens the first
    paragraph unless it stood alone in the source; the first intro paragraph runs on after it;
    points run on after the last paragraph, or each start their own when ``points_apart``.
    """
    points = [
        Piece("point", point=p, label=label) for label, p in zip(labels, dim.points, strict=True)
    ]
    intros = [Piece("intro", text=t) for t in dim.intro if t]
    if not run_in:
        return [[Piece("heading", text=dim.full_heading())], *([x] for x in intros + points)]
    groups: list[list[Piece]] = [[]]
    for i, intro in enumerate(intros):
        if i == 0 and not dim.heading_alone:
            groups[0].append(intro)
        else:
            groups.append([intro])
    for i, point in enumerate(points):
        only_heading = len(groups) == 1 and not groups[0]
        if dim.points_apart:
            joins = i == 0 and only_heading and not dim.heading_alone
        else:
            joins = not (i == 0 and len(groups) == 1 and dim.heading_alone)
        if joins:
            groups[-1].append(point)
        else:
            groups.append([point])
    followed = bool(groups[0])
    heading = dim.run_in_heading() if followed else dim.full_heading()
    groups[0].insert(0, Piece("heading", text=heading))
    return groups
