"""整改清单 (rectification list, issue 17): which problem each measure answers, who answers for
it, by when, and how far it has got — derived from the material, never typed twice.

A *problem* is a point of a ``problems`` section, a *measure* a point of a ``measures`` section;
``Point.links`` joins them. Each measure carries 责任人 (``responsible``), 完成时限
(``deadline``: ISO date, ``长期坚持`` or empty), 整改状态 (``status``) and a note. All of it is
plain Python over a ``Material``: the window's table, the exporters, the checks and next year's
draft (``measure_statuses``) all read the list through these functions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from app.errors import InputError
from app.model import (
    LONG_TERM,
    RECTIFICATION_STATUSES,
    Dimension,
    Material,
    Point,
    point_title_sentence,
)

STATUS_LABELS = {"not_started": "未开始", "in_progress": "推进中", "done": "已完成"}
# Column headings of every export (the window shows the same, translated).
HEADERS = ("序号", "问题", "整改措施", "责任人", "完成时限", "整改状态", "进展说明")
LIST_TITLE = "整改清单"
# Longer than any name list or note a 整改清单 cell holds; refused above it (a pasted document).
MAX_RESPONSIBLE = 500
MAX_NOTE = 2000
_DIMENSION_LABEL_CHARS = 16
_LONG_TERM_WORDS = {LONG_TERM, "长期", "长期坚持。", "持续推进", "长期推进"}
# 2026-06-30, 2026/6/30, 2026.6.30, 2026年6月30日 — optionally followed by 前 (by then).
_DATE_RE = re.compile(
    r"^\s*(\d{4})\s*(?:[-/.．]|年)\s*(\d{1,2})\s*(?:[-/.．]|月)\s*(\d{1,2})\s*日?\s*(?:前|之前)?\s*$"
)
_ISO_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


# ----- 完成时限 --------------------------------------------------------------------------------


def _bad_deadline(text: str) -> InputError:
    shown = text if len(text) <= 40 else text[:39] + "…"
    return InputError(
        f"完成时限“{shown}”不是日期：请写成 2026-06-30 或 2026年6月30日，或写“长期坚持”",
        f"the deadline {shown!r} is not a date: write 2026-06-30, 2026年6月30日 or 长期坚持",
    )


def parse_deadline(text: str) -> str:
    """What a user typed as 完成时限 → the stored form: ``YYYY-MM-DD``, ``长期坚持`` or "" (not
    set). InputError (stored nothing) for anything else, a 2月30日 included."""
    if not isinstance(text, str):
        raise _bad_deadline(str(text))
    stripped = text.strip()
    if not stripped:
        return ""
    if stripped in _LONG_TERM_WORDS:
        return LONG_TERM
    found = _DATE_RE.match(stripped)
    if found is None:
        raise _bad_deadline(stripped)
    year, month, day = (int(g) for g in found.groups())
    try:
        when = date(year, month, day)
    except ValueError as exc:
        raise _bad_deadline(stripped) from exc
    if not 1921 <= year <= 2999:
        raise _bad_deadline(stripped)
    return when.isoformat()


def is_stored_deadline(value: object) -> bool:
    """The library and JSON keep only the normal forms ``parse_deadline`` returns."""
    if value in ("", LONG_TERM):
        return True
    if not isinstance(value, str) or not _ISO_RE.match(value):
        return False
    try:
        return parse_deadline(value) == value
    except InputError:
        return False


def deadline_label(stored: str) -> str:
    """How a deadline reads in the list: ``2026年6月30日``, ``长期坚持`` or ""."""
    if _ISO_RE.match(stored or ""):
        year, month, day = (int(x) for x in stored.split("-"))
        return f"{year}年{month}月{day}日"
    return stored or ""


# ----- 整改状态 ---------------------------------------------------------------------------------


def parse_status(text: str) -> str:
    """A status code or its Chinese label → the code; InputError otherwise."""
    value = text.strip() if isinstance(text, str) else text
    if value in RECTIFICATION_STATUSES:
        return value
    for code, label in STATUS_LABELS.items():
        if value == label:
            return code
    raise InputError(
        f"整改状态应为{'、'.join(STATUS_LABELS.values())}之一：{text!r}",
        f"status must be one of {', '.join(RECTIFICATION_STATUSES)}: {text!r}",
    )


# ----- the list --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ListRow:
    """One line of the 整改清单: a problem and one measure answering it. An unlinked problem has
    ``measure`` None, an unlinked measure ``problem`` None (both are check findings too)."""

    number: int  # 序号, 1-based, derived from the order
    problem: Point | None
    problem_label: str
    measure: Point | None
    measure_text: str

    def cells(self) -> tuple[str, ...]:
        """The seven cells in ``HEADERS`` order, as every export prints them."""
        m = self.measure
        return (
            str(self.number),
            self.problem_label,
            self.measure_text,
            m.responsible if m else "",
            deadline_label(m.deadline) if m else "",
            STATUS_LABELS.get(m.status, m.status) if m else "",
            m.status_note if m else "",
        )


def problem_label(dimension: Dimension | None, point: Point) -> str:
    """问题 as the list names it: the dimension's short name (or its heading's start) and the
    point's title — ``两个确立：学习态度不够积极``."""
    title = point.title.strip() or _first_words(point.body)
    if dimension is None:
        return title
    name = dimension.short_name.strip() or _first_words(dimension.heading, _DIMENSION_LABEL_CHARS)
    return f"{name}：{title}" if name else title


def measure_text(point: Point) -> str:
    """整改措施 as the list prints it: the measure's title sentence, or its body's start."""
    if point.title.strip():
        return point_title_sentence(point.title.strip())
    return _first_words(point.body, 120)


def _first_words(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _points_of(material: Material, kind: str) -> list[tuple[Dimension | None, Point]]:
    out: list[tuple[Dimension | None, Point]] = []
    for section in material.sections:
        if section.kind != kind:
            continue
        out.extend((None, p) for p in section.points)
        for dim in section.dimensions:
            out.extend((dim, p) for p in dim.points)
    return out


def problem_points(material: Material) -> list[tuple[Dimension | None, Point]]:
    """Every problem point with its dimension, in reading order."""
    return _points_of(material, "problems")


def measure_points(material: Material) -> list[Point]:
    """Every measure point, in reading order."""
    return [p for _dim, p in _points_of(material, "measures")]


def rows(material: Material) -> list[ListRow]:
    """The 整改清单 in order: each problem with its measures (in the measures' order), an
    unlinked problem on a line of its own, then the measures no problem links to."""
    measures = measure_points(material)
    order = {id(p): i for i, p in enumerate(measures)}
    by_id = {p.id: p for p in measures if p.id is not None}
    out: list[ListRow] = []
    linked: set[int] = set()
    for dim, problem in problem_points(material):
        label = problem_label(dim, problem)
        answers = sorted(
            {by_id[i].id: by_id[i] for i in problem.links if i in by_id}.values(),
            key=lambda p: order[id(p)],
        )
        if not answers:
            out.append(ListRow(len(out) + 1, problem, label, None, ""))
        for measure in answers:
            linked.add(id(measure))
            out.append(ListRow(len(out) + 1, problem, label, measure, measure_text(measure)))
    for measure in measures:
        if id(measure) not in linked:
            out.append(ListRow(len(out) + 1, None, "", measure, measure_text(measure)))
    return out


def has_list(material: Material) -> bool:
    """Whether the writer has started a 整改清单: some problem is linked to a measure, or a
    measure has its 责任人/时限/状态 filled. Before that, unlinked points are no finding."""
    measures = measure_points(material)
    ids = {p.id for p in measures if p.id is not None}
    if any(set(p.links) & ids for _d, p in problem_points(material)):
        return True
    return any(
        p.responsible or p.deadline or p.status_note or p.status != "not_started" for p in measures
    )


@dataclass(frozen=True)
class MeasureStatus:
    """One measure as next year's 上年度整改落实情况 lists it (issue 17.3)."""

    point_id: int | None
    text: str  # 整改措施 as the list prints it
    responsible: str
    deadline: str  # stored form: ISO date, 长期坚持 or ""
    deadline_label: str  # 2026年6月30日 / 长期坚持 / ""
    status: str  # not_started / in_progress / done
    status_label: str  # 未开始 / 推进中 / 已完成
    note: str
    problems: list[str] = field(default_factory=list)  # labels of the problems it answers


def measure_statuses(material: Material) -> list[MeasureStatus]:
    """A material's measures in reading order with their 责任人, 时限, 状态 and note."""
    labels = {p.id: problem_label(d, p) for d, p in problem_points(material) if p.id is not None}
    return [
        MeasureStatus(
            point_id=m.id,
            text=measure_text(m),
            responsible=m.responsible,
            deadline=m.deadline,
            deadline_label=deadline_label(m.deadline),
            status=m.status,
            status_label=STATUS_LABELS.get(m.status, m.status),
            note=m.status_note,
            problems=[labels[i] for i in m.links if i in labels],
        )
        for m in measure_points(material)
    ]
