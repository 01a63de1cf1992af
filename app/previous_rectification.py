"""上年度整改落实情况 (issue 17.3): next year's draft opens by reporting how last year's measures
were carried out. Built from last year's 整改清单 (``app.rectification.measure_statuses``): one
point per measure — its title, and a prose starter from its status, note, 责任人 and 时限 — so the
writer rewrites it like any other section. Numbering stays derived (``app.model.Numbering``).

Where the section goes is template data: a ``previous_rectification`` entry in the template's
``sections`` list places it among the other kinds (and gives its heading); a template without
one gets it first, right after the preamble, as most materials have it.

Pure functions over the model; ``Library.duplicate_material`` stores the result.
"""

from __future__ import annotations

from app.model import LONG_TERM, Material, Point, Section
from app.rectification import MeasureStatus, measure_points, measure_statuses
from app.templates import Template

KIND = "previous_rectification"
DEFAULT_HEADING = "上年度整改落实情况"
# How each status opens the point's text: a report in full sentences the writer goes on with.
_STARTERS = {"done": "已完成", "in_progress": "正在推进", "not_started": "尚未启动"}
_END_MARKS = "。！？…!?"
_OPEN_MARKS = "；;，,、：:"  # a note left mid-sentence: closed with 。 instead


def has_measures(material: Material) -> bool:
    return bool(measure_points(material))


def review_heading(template: Template | None) -> str:
    return (template.section_heading(KIND) if template else "") or DEFAULT_HEADING


def status_starter(status: str, note: str) -> str:
    """``已完成。`` / ``正在推进：{note}`` …: the status as the opening of a sentence, the note
    (as written, closed with 。 where it was left open) after it."""
    lead = _STARTERS.get(status, _STARTERS["not_started"])
    note = note.strip().rstrip(_OPEN_MARKS).rstrip()
    if not note:
        return lead + "。"
    if note[-1] not in _END_MARKS:
        note += "。"
    return f"{lead}。{note}" if status == "done" else f"{lead}：{note}"


def _facts(measure: MeasureStatus) -> str:
    """``责任人：张三；完成时限：2022年6月30日。`` — what the writer may keep or drop; a sentence
    of its own, so the paragraph still ends with 。 (the checks ask for it)."""
    parts = []
    if measure.responsible.strip():
        parts.append(f"责任人：{measure.responsible.strip()}")
    if measure.deadline_label:
        label = measure.deadline_label
        parts.append(label if label == LONG_TERM else f"完成时限：{label}")
    return f"{'；'.join(parts)}。" if parts else ""


def _summary(statuses: list[MeasureStatus]) -> str:
    """The section's opening sentence: how many measures, how many in each state."""
    counts = [
        f"{label}{sum(m.status == code for m in statuses)}项"
        for code, label in _STARTERS.items()
        if any(m.status == code for m in statuses)
    ]
    return f"针对上年度查摆的问题，共制定整改措施{len(statuses)}项，目前{'、'.join(counts)}。"


def _title(measure: MeasureStatus) -> str:
    # Stored titles carry no closing 。 (rendering adds it back).
    text = measure.text.strip()
    return text[:-1] if text.endswith("。") else text


def review_section(last_year: Material, heading: str = DEFAULT_HEADING) -> Section:
    """The 上年度整改落实情况 section for next year's draft, from last year's measures."""
    statuses = measure_statuses(last_year)
    points = [
        Point(title=_title(m), body=status_starter(m.status, m.note) + _facts(m)) for m in statuses
    ]
    intro = [_summary(statuses)] if statuses else []
    return Section(kind=KIND, heading=heading, intro=intro, points=points)


def review_position(material: Material, template: Template | None) -> int:
    """Where the section goes among ``material``'s sections: after the last section of a kind
    the template lists before ``previous_rectification``; first when it lists none (or has no
    rule at all)."""
    kinds = [s.kind for s in template.sections] if template else []
    if KIND not in kinds:
        return 0
    before = set(kinds[: kinds.index(KIND)])
    places = [i + 1 for i, s in enumerate(material.sections) if s.kind in before]
    return max(places, default=0)


def reset_measures(material: Material) -> None:
    """Last year's 整改状态 belongs to last year: the draft's measures start 未开始, no note."""
    for point in measure_points(material):
        point.status = "not_started"
        point.status_note = ""


def prepare_draft(
    draft: Material, last_year: Material, template: Template | None, *, review: bool
) -> None:
    """Make ``draft`` (a copy of ``last_year``, possibly the same object) next year's: measures
    reset and, with ``review``, the 上年度整改落实情况 section in the place ``template`` gives,
    replacing the one last year's material had about the year before."""
    section = review_section(last_year, review_heading(template)) if review else None
    reset_measures(draft)
    if section is None:
        return
    draft.sections = [s for s in draft.sections if s.kind != KIND]
    draft.sections.insert(review_position(draft, template), section)
