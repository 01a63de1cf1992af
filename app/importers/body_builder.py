"""The body's classification: each paragraph between the head and the closing becomes a
section heading, a dimension heading, a point, a point's further paragraph or an intro.

``BodyBuilder`` is a small state machine over the open section, dimension and point; it also
notes every point marker met (the writer's numbering style) and reports, in Chinese, what it
could not place. Apart from ``app.importers.structure`` because that module runs the whole
import (furniture, head, template, metadata) and this one only the per-paragraph decisions.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from app.importers.headings import is_unnumbered_heading
from app.importers.markers import (
    DIMENSION_RE,
    SECTION_RE,
    SENTENCE_MARKS,
    Marker,
    build_point,
    point_marker_at_start,
    split_dimension_heading,
    split_inline_points,
    split_section_heading,
)
from app.model import Dimension, Section, point_text

if TYPE_CHECKING:
    from app.importers.structure import ImportReport, ParagraphHint

# Section kind by key words of its heading; order matters (问题根源剖析 is causes, not problems).
_KIND_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("case_study", re.compile(r"案例")),
    ("previous_rectification", re.compile(r"上年度|上一年度|整改落实情况|整改情况")),
    ("causes", re.compile(r"原因|根源|剖析")),
    ("measures", re.compile(r"整改|措施|努力方向|改进")),
    ("problems", re.compile(r"问题")),
)
# 上年度民主生活会整改落实情况 on a line of its own in plain text (no 一、, no bold): the report on
# last year's measures, a section of its own rather than part of the preamble (issue 17.3).
_REVIEW_HEADING_RE = re.compile(
    r"^(?:上年度|上一年度|(?:19|20)\d{2}年度?)[^。！？；，,]{0,24}?整改[^。！？；，,]{0,6}?情况[：:]?$"
)


def section_kind(heading: str) -> str:
    """problems | causes | measures | case_study | previous_rectification | other."""
    for kind, pattern in _KIND_RULES:
        if pattern.search(heading):
            return kind
    return "other"


class BodyBuilder:
    """A small state machine: the open section, dimension and point while paragraphs arrive."""

    def __init__(self, report: ImportReport):
        self.report = report
        self.preamble: list[str] = []
        self.sections: list[Section] = []
        self.section: Section | None = None
        self.dim: Dimension | None = None
        self.point_paragraphs: list[str] | None = None
        self.last_marker: Marker | None = None
        self.implied: set[int] = set()  # ids of sections created without a heading
        self.dim_intro_numbers: list[int] = []  # paragraphs put into the open dimension's intro
        self.point_starts: list[bool] = []  # per point of the open dimension: began a paragraph
        self.marker_families: list[str] = []  # every point marker met (numbering style)

    def feed(self, number: int, text: str, hint: ParagraphHint) -> None:
        m = SECTION_RE.match(text)
        split = split_section_heading(text[m.end() :]) if m else None
        if split:
            self._open_section(split[0], section_kind(split[0]), numbered=True)
            if split[1]:
                self._feed_text(number, split[1], fresh=False)
            return
        m = DIMENSION_RE.match(text)
        if m:
            self._open_dimension(number, text[m.end() :])
            return
        starts_point = point_marker_at_start(text) is not None
        if not starts_point and self._is_hinted_heading(text, hint):
            if (
                self.section is not None
                and self.section.kind == "problems"
                and is_unnumbered_heading(text)
            ):
                self._open_dimension(number, text, numbered=False)  # a bold/heading 在××方面
                return
            if hint.heading_level is not None or section_kind(text) != "other":
                self._open_section(text, section_kind(text), numbered=False)  # no 一、 written
                return
        if self.section is None and _REVIEW_HEADING_RE.match(text):
            self._open_section(text, "previous_rectification", numbered=False)
            return
        if self.section is None:
            if not starts_point or self.preamble:
                self.preamble.append(text)
                return
            self._open_section("", "other", implied=True, number=number)
        self._feed_text(number, text, fresh=True)

    def finish(self) -> None:
        self._close_dimension()
        for i, section in enumerate(self.sections):
            if id(section) not in self.implied:
                continue
            following = next(
                (s.kind for s in self.sections[i + 1 :] if id(s) not in self.implied), ""
            )
            if section.dimensions or following in ("causes", "case_study"):
                section.kind = "problems"
        for section in self.sections:
            if section.kind == "other":
                name = section.heading or "（无标题）"
                self.report.warnings.append(f"部分“{name}”无法归类，已作为“其他”部分保留")
                # (its intro paragraphs were reported as they arrived)
                self.report.unclassified += [point_text(p) for p in section.all_points()]

    # ----- containers ------------------------------------------------------------------------

    def _container(self) -> Section | Dimension:
        assert self.section is not None
        return self.dim or self.section

    def _open_section(
        self,
        heading: str,
        kind: str,
        *,
        implied: bool = False,
        number: int = 0,
        numbered: bool = False,
    ) -> None:
        self._close_dimension()
        self.section = Section(kind=kind, heading=heading, numbered=numbered)
        self.sections.append(self.section)
        self.last_marker = None
        if implied:
            self.implied.add(id(self.section))
            self.report.warnings.append(
                f"第{number}段之前没有“一、”这样的部分标题，已补一个无标题部分"
            )

    def _open_dimension(self, number: int, text: str, *, numbered: bool = True) -> None:
        self._close_dimension()
        if self.section is None:
            self._open_section("", "problems", implied=True, number=number)
        frame = split_dimension_heading(text)
        self.dim = Dimension(
            heading=frame.heading,
            heading_prefix=frame.prefix,
            heading_suffix=frame.suffix,
            heading_alone=not frame.rest.strip(),
            numbered=numbered,
        )
        assert self.section is not None
        self.section.dimensions.append(self.dim)
        self.last_marker = None
        self.point_starts = []
        if frame.rest.strip():
            self._feed_text(number, frame.rest.strip(), fresh=False)

    def _close_point(self) -> None:
        if self.point_paragraphs is not None:
            self._container().points.append(build_point(self.point_paragraphs))
            self.point_paragraphs = None

    def _close_dimension(self) -> None:
        self._close_point()
        dim, section = self.dim, self.section
        numbers, self.dim_intro_numbers = self.dim_intro_numbers, []
        starts, self.point_starts = self.point_starts, []
        self.dim = None
        if dim is None or section is None:
            return
        # Points each in their own paragraph when most of the points after the first began one
        # (the first may run on after the heading: ``（一）…方面：一是…`` ⏎ ``二是…``); a single
        # point by itself.
        later = starts[1:] or starts
        dim.points_apart = bool(later) and 2 * sum(later) >= len(later)
        if dim.points or not dim.intro or section.kind != "problems":
            for number in numbers:
                self._warn_intro(number, dim.heading)
            return
        # A problems dimension written without 一是/1. markers: its text is running text — one
        # point with no title and no number, so export adds no 一是 the writer never wrote.
        running = build_point(dim.intro, with_title=False)
        running.numbered = False
        dim.points.append(running)
        dim.points_apart = dim.heading_alone
        for text in dim.intro:
            self.report.unclassified.remove(text)
        dim.intro = []
        self.report.warnings.append(
            f"“{dim.heading[:20]}”下没有“一是”“1.”等要点标记，已整体作为一段不编号的正文"
        )

    def _feed_text(self, number: int, text: str, *, fresh: bool = True) -> None:
        """``fresh``: the text begins a paragraph (not the rest of a heading's paragraph)."""
        lead, pieces = split_inline_points(text, self.last_marker)
        lead = lead.strip()
        if lead:
            if self.point_paragraphs is not None:
                self.point_paragraphs.append(lead)
            else:
                self._container().intro.append(lead)
                self.report.unclassified.append(lead)
                if self.dim is not None:
                    self.dim_intro_numbers.append(number)  # warned when the dimension closes
                else:
                    self._warn_intro(number, self._container().heading or "无标题部分")
        for i, (marker, piece) in enumerate(pieces):
            self._close_point()
            self.point_paragraphs = [piece]
            self.last_marker = marker
            if self.dim is not None:
                self.point_starts.append(i == 0 and fresh and not lead)
            self.marker_families.append(marker.family)

    def _warn_intro(self, number: int, where: str) -> None:
        self.report.warnings.append(f"第{number}段不是要点，已放入“{where[:12]}”的引言")

    @staticmethod
    def _is_hinted_heading(text: str, hint: ParagraphHint) -> bool:
        """An unnumbered heading the source marked (Markdown ## / Word heading / whole bold)."""
        if hint.heading_level is None and not hint.bold:
            return False
        # Short and sentence-free, or a dimension wording however long (commas and quotes too).
        if len(text) <= 30 and not any(c in text for c in SENTENCE_MARKS + "，,"):
            return True
        return is_unnumbered_heading(text)
