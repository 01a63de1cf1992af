"""Classification of paragraphs into a Material (shared by the text and the DOCX readers).

Input: the document's paragraphs in order, with optional hints from the source format (a
Markdown ``#`` or Word heading level, a whole-paragraph bold). Output: a Material and an
ImportReport saying what was recognised, what was dropped as page furniture, and what could
not be classified. No text is dropped or reordered: every character outside furniture, TOC
and numbering markers lands in some field.

Here the whole run: page furniture, TOC and the head set aside, the body handed paragraph by
paragraph to ``app.importers.body_builder`` (which decides what each one is), then the
template, the title's metadata and the counts.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from app.importers import head as headmod
from app.importers.body_builder import BodyBuilder
from app.importers.suggest import CUSTOM_ID, match_dimensions, score_template, suggest_template
from app.model import POINT_STYLES, Material, Point
from app.templates import get_template

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
    builder = BodyBuilder(report)
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
