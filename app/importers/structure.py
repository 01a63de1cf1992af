"""Classification of paragraphs into a Material (shared by the text and the DOCX readers).

Input: the document's paragraphs in order, with optional hints from the source format (a
Markdown ``#`` or Word heading level, a whole-paragraph bold). Output: a Material and an
ImportReport saying what was recognised, what was dropped as page furniture, and what could
not be classified. No text is dropped or reordered: every character outside furniture, TOC
and numbering markers lands in some field.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from app.importers import head as headmod
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
from app.importers.suggest import CUSTOM_ID, match_dimensions, score_template, suggest_template
from app.model import POINT_STYLES, Dimension, Material, Point, Section, point_text
from app.templates import get_template

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
_ORG_STOP_RE = re.compile(
    r"\d{4}|20\d[\dXx]|dangshi|党史|学习|专题|年度|mzshh|民主生活会|组织生活会|主题教育|[“\"「]|不忘初心|对照|关于"
)
_YEAR_RE = re.compile(r"(20\d{2})\s*年")


@dataclass(frozen=True)
class ParagraphHint:
    """What the source format says about a paragraph beyond its text."""

    heading_level: int | None = None  # Markdown "#" count, Word Heading N / Title → 1
    bold: bool = False  # the whole paragraph is bold (Markdown **…**, Word run formatting)


@dataclass
class ImportReport:
    template_id: str = CUSTOM_ID  # suggested template id ("custom" if nothing fits)
    template_score: float | None = None  # how well the suggestion fits; None: not suggested
    dimension_count: int = 0
    point_count: int = 0
    example_count: int = 0
    unclassified: list[str] = field(default_factory=list)  # put into an other section or intros
    dropped_furniture: list[str] = field(default_factory=list)  # page furniture / TOC lines
    warnings: list[str] = field(default_factory=list)  # Chinese messages for the user
    encoding: str = ""  # the source encoding, when the reader knows it
    # A .json file carries its own structure: nothing was classified (nor could be left out).
    classified: bool = True
    links: list = field(default_factory=list)  # problem ↔ measure pairs, from a .json file
    read_path: Path | None = None  # the file the readers read: the given one or its conversion


def section_kind(heading: str) -> str:
    """problems | causes | measures | case_study | previous_rectification | other."""
    for kind, pattern in _KIND_RULES:
        if pattern.search(heading):
            return kind
    return "other"


def build_material(
    paragraphs: list[str],
    hints: list[ParagraphHint] | None = None,
    *,
    template_id: str | None = None,
    dropped: list[str] | list[tuple[float, str]] | None = None,
    keep: Counter[str] | None = None,
) -> tuple[Material, ImportReport]:
    """Classify ``paragraphs`` into a Material.

    ``dropped``: lines the reader already set aside, as text or (place, text) with place a key
    in paragraph numbers (see ``text.text_to_paragraphs``). ``keep``: lines the user brought
    back from a previous import's furniture list; they are read as text (before the title:
    at the start of the preamble, as the model has no place before the title).
    """
    template = get_template(template_id) if template_id else None  # unknown id → InputError
    hints = list(hints) if hints else []
    hints += [ParagraphHint()] * (len(paragraphs) - len(hints))
    keep = Counter(keep or {})
    aside: list[tuple[float, str]] = [
        d if isinstance(d, tuple) else (0.0, d) for d in dropped or []
    ]
    report = ImportReport()

    brought: set[int] = set()  # paragraph numbers the user brought back

    def kept(number: int, text: str) -> bool:
        if number in brought:
            return True
        if keep[text] > 0:
            keep[text] -= 1
            brought.add(number)
            return True
        return False

    # Entries keep the paragraph's 1-based number in the input for the report's messages.
    entries = []
    for number, (text, hint) in enumerate(zip(paragraphs, hints, strict=False), start=1):
        if not text.strip():
            continue
        if (headmod.is_page_number(text) or headmod.is_web_furniture(text)) and not kept(
            number, text.strip()
        ):
            aside.append((number, text.strip()))
            continue
        entries.append((number, text.strip(), hint))
    toc = {i for i in headmod.find_toc([e[1] for e in entries]) if not kept(*entries[i][:2])}
    aside += [entries[i][:2] for i in toc]
    entries = [e for i, e in enumerate(entries) if i not in toc]

    head = headmod.find_head([e[1] for e in entries], [e[2].heading_level for e in entries])
    back = {i for i in head.furniture if kept(*entries[i][:2])}
    brought_back = [entries[i][1] for i in sorted(back)]
    aside += [entries[i][:2] for i in head.furniture if i not in back]
    report.dropped_furniture = [text for _place, text in sorted(aside, key=lambda a: a[0])]
    builder = _Builder(report)
    builder.preamble += brought_back
    if head.rejected_title:
        report.warnings.append(f"“{head.rejected_title[:20]}”像标题，但前面还有正文，未作为标题")
    closing_at = headmod.find_closing([e[1] for e in entries], head.body_start)
    more = headmod.find_more_materials([e[1] for e in entries], head.body_start)
    if more:
        numbers = "、".join(str(entries[i][0]) for i in more[:3])
        report.warnings.append(
            f"文件中似乎不止一篇材料（第{numbers}段像另一篇的开头），已全部导入为一篇，请检查或拆分后重新导入"
        )
    for number, text, hint in entries[head.body_start : closing_at]:
        builder.feed(number, text, hint)
    builder.finish()

    material = Material(
        title=head.title,
        author=head.author,
        date=head.date,
        preamble=builder.preamble,
        sections=builder.sections,
        closing=[e[1] for e in entries[closing_at:]],
        point_style=_point_style(builder.marker_families),
    )
    if not head.title:
        report.warnings.append("没有找到标题（以“对照检查材料”等结尾的一行），标题留空")
    _apply_template(material, report, template)
    _fill_metadata(material)
    _count(material, report)
    return material, report


class _Builder:
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


def _apply_template(material: Material, report: ImportReport, forced) -> None:
    problems = material.section("problems")
    headings = [d.heading for d in problems.dimensions] if problems else []
    if forced is not None:
        template, score = forced, score_template(forced, material.title, headings)
    else:
        template_id, score = suggest_template(material.title, headings)
        template = get_template(template_id)
    material.template_id = template.id
    report.template_id, report.template_score = template.id, round(score, 3)
    if template.year is not None:
        material.year = template.year
    material.meeting = template.meeting
    if problems and template.dimensions:
        for dim, matched in zip(
            problems.dimensions, match_dimensions(template, headings), strict=True
        ):
            if matched is not None:
                dim.short_name = matched.short_name


def _point_style(families: list[str]) -> str:
    """The writer's numbering of points: the style most of the markers use (一是 on a tie, and
    for markers no style prints: ① and 首先)."""
    counts = Counter(f for f in families if f in POINT_STYLES)
    if not counts:
        return "shi"
    best = max(counts.values())
    return "shi" if counts.get("shi") == best else max(counts, key=counts.__getitem__)


def _fill_metadata(material: Material) -> None:
    """年度, organization and scope from the title when it says them."""
    year = _YEAR_RE.search(material.title)
    if year:
        material.year = int(year.group(1))
    stop = _ORG_STOP_RE.search(material.title)
    if stop and 2 <= stop.start() <= 30:
        material.organization = material.title[: stop.start()]
    individual = material.author or re.search(r"个人|同志", material.title)
    material.scope = "individual" if individual else "group"


def _count(material: Material, report: ImportReport) -> None:
    points: list[Point] = material.all_points()
    report.dimension_count = sum(len(s.dimensions) for s in material.sections)
    report.point_count = len(points)
    report.example_count = sum(1 for p in points if p.example)
    if not material.sections:
        report.warnings.append("没有识别出“一、存在的问题”等部分，全文已放入“前言”")
