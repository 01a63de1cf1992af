"""A text to compare as one *stream*: its fields in reading order, each normalised, joined with
nothing between them — so a passage copied across a point's title and body (or two points in a
row) is one passage — and the way back from a stream offset to the field and raw offset.

Three kinds of text become streams: the open material (fields addressed by node id, field name
and the field path of ``app.checks.paths``), a library material as the index returns it, and a
file (paragraphs).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from app.checks.paths import section_keys
from app.compare.normalise import Normalised, normalise, normalise_with_offsets
from app.model import Material


@dataclass
class Segment:
    """One paragraph of one field. ``unit`` names what a share is reported for: a point's id,
    a section/dimension's id for its intro, ``"preamble"``/``"closing"``. ``section`` is the
    index of the material's section holding it (−1: preamble, −2: closing, 0 for a file)."""

    node_id: int | None
    field: str
    paragraph: int
    raw: str
    path: str = ""
    unit: object = None
    section: int = 0
    key: int | None = None  # the library index key of the field (first paragraph only)
    start: int = 0  # offset of its normalised text in the stream
    length: int = 0
    _offsets: Normalised | None = field(default=None, repr=False)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw offsets in ``raw`` of the segment-relative normalised ``[start, end)``."""
        if self._offsets is None:
            self._offsets = normalise_with_offsets(self.raw)
        return self._offsets.raw_span(start, end)


class Stream:
    def __init__(self, segments: list[Segment]):
        parts, at = [], 0
        for seg in segments:
            text = normalise(seg.raw)
            seg.start, seg.length = at, len(text)
            parts.append(text)
            at += len(text)
        self.text = "".join(parts)
        self.segments = segments
        self._nonempty = [s for s in segments if s.length]
        self._starts = [s.start for s in self._nonempty]
        self.key_starts = {s.key: s.start for s in segments if s.key is not None}

    def segment_at(self, offset: int) -> Segment:
        """The segment holding normalised stream offset ``offset`` (< len(text))."""
        return self._nonempty[bisect_right(self._starts, offset) - 1]


def material_stream(material: Material) -> Stream:
    """The open material: preamble, per section its intro, own points, dimensions (intro,
    points), closing — the writer's text; headings (the template's wording) are left out."""
    segs = [
        Segment(None, "preamble", i, p, f"preamble/{i}", "preamble", -1)
        for i, p in enumerate(material.preamble)
    ]
    for index, (key, section) in enumerate(
        zip(section_keys(material), material.sections, strict=True)
    ):
        segs += _intro(section.id, section.intro, key, index)
        for p_index, point in enumerate(section.points):
            segs += _point(point, f"{key}/points/{p_index}", index)
        for d_index, dim in enumerate(section.dimensions):
            base = f"{key}/dimensions/{d_index}"
            segs += _intro(dim.id, dim.intro, base, index)
            for p_index, point in enumerate(dim.points):
                segs += _point(point, f"{base}/points/{p_index}", index)
    segs += [
        Segment(None, "closing", i, p, f"closing/{i}", "closing", -2)
        for i, p in enumerate(material.closing)
    ]
    return Stream(segs)


def _intro(node_id, intro: list[str], base: str, section: int) -> list[Segment]:
    unit = node_id if node_id is not None else base
    return [
        Segment(node_id, "intro", i, p, f"{base}/intro/{i}", unit, section)
        for i, p in enumerate(intro)
    ]


def _point(point, base: str, section: int) -> list[Segment]:
    unit = point.id if point.id is not None else base
    return [
        Segment(point.id, name, 0, getattr(point, name), f"{base}/{name}", unit, section)
        for name in ("title", "body", "example")
    ]


def indexed_stream(fields: list[tuple[int, int | None, str, list[str]]]) -> Stream:
    """A library material as ``Library.similarity_sources`` returns it."""
    segs = []
    for key, node_id, name, paragraphs in fields:
        for i, para in enumerate(paragraphs):
            segs.append(Segment(node_id, name, i, para, key=key if i == 0 else None))
    return Stream(segs)


def file_stream(paragraphs: list[str]) -> Stream:
    return Stream([Segment(None, "text", i, p) for i, p in enumerate(paragraphs)])
