"""Domain model of one 对照检查材料 (material), its text as printed and its 字数.

The model is plain data: dataclasses with no storage or Qt behaviour. Numbering is never stored;
it is computed from a node's position when something is rendered, by ``Numbering`` alone (every
exporter, ``show``, the outline and the checks ask it): it lives in ``app.numbering`` and its
names are offered here too, imported on first use. Text is kept exactly as typed or imported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

SectionKind = Literal[
    "problems", "causes", "measures", "case_study", "previous_rectification", "other"
]
SECTION_KINDS: tuple[str, ...] = (
    "problems",
    "causes",
    "measures",
    "case_study",
    "previous_rectification",
    "other",
)
Scope = Literal["group", "individual"]

# A point title ends with one of these; rendering adds "。" only when none is present.
SENTENCE_END = "。！？；：…!?;:"
DEFAULT_EXAMPLE_LEAD = "比如"
DEFAULT_EXAMPLE_SEP = "，"
# 整改状态 of a measure, stored as these codes (shown as 未开始 / 推进中 / 已完成).
RECTIFICATION_STATUSES: tuple[str, ...] = ("not_started", "in_progress", "done")
# 完成时限 of a measure kept up without an end date.
LONG_TERM = "长期坚持"
# How enumerated points are numbered in every export: 一是 / 1. / （1）. A property of the
# material (the writer's style is kept on import), never of a single point.
POINT_STYLES: tuple[str, ...] = ("shi", "arabic", "paren", "circled", "di")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
# The mark a run-in dimension heading ends with when its frame has none (never glue the heading
# to the text after it: ……方面一是…).
RUN_IN_SEPARATOR = "："


@dataclass
class Point:
    """Point — 要点 (一是…): a short title sentence, a body and an optional example (比如…).

    ``title`` is stored without its closing "。" (rendering adds it back); a title ending in
    another mark (！？；) keeps it. ``body`` may hold several paragraphs separated by "\\n".
    ``example_lead`` is the lead word (比如/例如/再比如/…) and ``example_sep`` the mark that
    follows it (，/：/ nothing), so export reproduces the source exactly.
    ``links`` holds ids of linked points (problem ↔ measure); it is filled by the library.
    ``numbered`` is False for running text the writer did not enumerate (a dimension written as
    one paragraph without 一是): it prints without a number and does not count in the numbering.
    ``title_alone`` — the title stood on its own line with no closing mark (``1．服务“三农”的办法
    不多``): it prints as its own paragraph, no 。 added, and the body starts the next one.
    """

    title: str = ""
    body: str = ""
    example: str = ""
    example_lead: str = DEFAULT_EXAMPLE_LEAD
    example_sep: str = DEFAULT_EXAMPLE_SEP
    numbered: bool = True
    title_alone: bool = False
    id: int | None = None
    links: list[int] = field(default_factory=list)
    # 整改清单 (issue 17) — meaningful on a measure point (整改措施): 责任领导/责任人, 完成时限
    # (ISO date "2026-06-30", "长期坚持" or "" for not set; ``app.rectification`` parses what a
    # user types), 整改状态 (one of RECTIFICATION_STATUSES) and a short note on it.
    responsible: str = ""
    deadline: str = ""
    status: str = "not_started"
    status_note: str = ""

    def texts(self) -> list[str]:
        return [self.title, self.body, self.example]


@dataclass
class Dimension:
    """Dimension — 维度/“带头”项: one official aspect of the problems section, e.g. 两个确立.

    ``heading`` is the official wording; ``heading_prefix``/``heading_suffix`` are the run-in
    frame around it as written in the source (``在“`` … ``”方面：``), quote marks and colon
    included, so export reproduces the source and checks can flag half-width marks.
    Outside the problems section a dimension is a plain ``（一）`` sub-heading.

    Paragraph shape in the problems section, as the source had it: ``heading_alone`` — the
    heading stood on its own line (else the text runs on after it, the seed's style);
    ``points_apart`` — each point starts its own paragraph (else they run on in one).
    ``numbered`` is False for a heading the writer did not number (a bold ``在××方面`` line):
    it prints without ``（一）`` but keeps its place in the numbering.
    """

    heading: str = ""
    short_name: str = ""
    heading_prefix: str = ""
    heading_suffix: str = ""
    intro: list[str] = field(default_factory=list)
    points: list[Point] = field(default_factory=list)
    heading_alone: bool = False
    points_apart: bool = False
    numbered: bool = True
    id: int | None = None

    def full_heading(self) -> str:
        return f"{self.heading_prefix}{self.heading}{self.heading_suffix}"

    def run_in_heading(self) -> str:
        """The heading as it opens a paragraph that continues with text: it ends with the
        writer's mark (：，。…); a frame without one gets ``：`` rather than being glued on."""
        full = self.full_heading()
        if full and full.rstrip()[-1:] not in SENTENCE_END + "，,、":
            return full + RUN_IN_SEPARATOR
        return full


@dataclass
class Section:
    """Section — 一级部分 (一、存在的主要问题 / 二、问题根源剖析 / 三、努力方向和整改措施 …).

    ``numbered`` is False for a part the writer did not head with ``一、`` (text before the
    first heading, or a document that has none): it prints no ``一、`` line of its own, though
    it keeps its place in the numbering of the sections after it.
    """

    kind: str = "other"
    heading: str = ""
    intro: list[str] = field(default_factory=list)
    dimensions: list[Dimension] = field(default_factory=list)
    points: list[Point] = field(default_factory=list)
    numbered: bool = True
    id: int | None = None

    def all_points(self) -> list[Point]:
        """Points in reading order: the section's own points, then each dimension's."""
        out = list(self.points)
        for dim in self.dimensions:
            out.extend(dim.points)
        return out


@dataclass
class Material:
    """Material — one 对照检查材料 document.

    ``author`` is who the material is by (a member's name, or the 班子 itself) and ``job_title``
    that member's 职务; ``rank`` orders the members' materials in a 汇编 (1 first, 0 = not set:
    after the ranked ones). The 班子 material (``scope`` "group") always comes before them.
    """

    title: str = ""
    organization: str = ""
    scope: str = "group"
    year: int | None = None
    meeting: str = ""
    template_id: str = "custom"
    author: str = ""
    job_title: str = ""
    rank: int = 0
    date: str = ""
    point_style: str = "shi"  # one of POINT_STYLES
    preamble: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)
    id: int | None = None
    created: str = ""
    updated: str = ""

    def section(self, kind: str) -> Section | None:
        return next((s for s in self.sections if s.kind == kind), None)

    def all_points(self) -> list[Point]:
        return [p for s in self.sections for p in s.all_points()]


# A node, and its *position*: (s,) a section, (s, d) a dimension, (s, None, p) a section's own
# point, (s, d, p) a dimension's point (0-based, as the lists hold them).
Node = Section | Dimension | Point
Position = tuple


def point_title_sentence(title: str) -> str:
    """The title as it reads in running text: closing 。 added unless it has an end mark."""
    if not title:
        return ""
    return title if title[-1] in SENTENCE_END else title + "。"


def point_title_text(point: Point) -> str:
    """The title as the point prints it: a title that stood alone ends its paragraph as written
    (a "\\n", which every exporter reads as a paragraph break); others read as a sentence."""
    if point.title_alone and point.title:
        return point.title + "\n"
    return point_title_sentence(point.title)


def point_text(point: Point) -> str:
    """The point's text after its number: title sentence, body, then the example with its lead."""
    parts = [point_title_text(point), point.body]
    if point.example:
        parts.append(f"{point.example_lead}{point.example_sep}{point.example}")
    return "".join(parts)


# ---------------------------------------------------------------------------------------------
# 字数 (character count as Chinese offices count it)

# One Latin word or number (letters, digits, and the marks inside them such as 2.5 or COVID-19)
# counts as one; every other visible character counts as one; whitespace counts nothing.
_COUNT_RE = re.compile(
    r"[A-Za-z0-9\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]+(?:[.\-'][A-Za-z0-9]+)*|\S"
)


def word_count(text: str) -> int:
    """字数: each CJK character or full-width mark counts 1; a run of Latin letters/digits counts
    1."""
    return len(_COUNT_RE.findall(text))


def point_word_count(point: Point) -> int:
    return word_count(point_text(point))


def dimension_word_count(dim: Dimension) -> int:
    return (
        word_count(dim.full_heading())
        + sum(word_count(p) for p in dim.intro)
        + sum(point_word_count(p) for p in dim.points)
    )


def section_word_count(section: Section) -> int:
    return (
        word_count(section.heading)
        + sum(word_count(p) for p in section.intro)
        + sum(point_word_count(p) for p in section.points)
        + sum(dimension_word_count(d) for d in section.dimensions)
    )


def material_word_count(material: Material) -> int:
    return (
        word_count(material.title)
        + sum(word_count(p) for p in material.preamble)
        + sum(section_word_count(s) for s in material.sections)
        + sum(word_count(p) for p in material.closing)
    )


def is_point_position(material: Material, pos: object) -> bool:
    """``pos`` names an existing point as ``[section, dimension or -1, point]`` (how links
    are written in JSON and handed to the library)."""
    if not (isinstance(pos, list | tuple) and len(pos) == 3 and all(type(i) is int for i in pos)):
        return False
    si, di, pi = pos
    if not 0 <= si < len(material.sections):
        return False
    section = material.sections[si]
    if di == -1:
        return 0 <= pi < len(section.points)
    return 0 <= di < len(section.dimensions) and 0 <= pi < len(section.dimensions[di].points)


# Numbering's names, offered here as before (``from app.model import Numbering``) but imported
# from ``app.numbering`` on first use: it imports this module, so it cannot be imported at the
# top of it.
_NUMBERING_NAMES = frozenset(
    (
        "Numbering",
        "PointStyle",
        "chinese_number",
        "dimension_number",
        "node_label",
        "node_path_label",
        "point_number",
        "section_number",
    )
)


def __getattr__(name: str) -> Any:
    if name in _NUMBERING_NAMES:
        from app import numbering

        return getattr(numbering, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
