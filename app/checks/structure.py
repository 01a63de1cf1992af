"""Structure: required sections present and non-empty, every template dimension present, point
counts within the template's range, an example in each problem point, every problem dimension
answered by a measure, and 字数 targets (section totals, causes vs problems)."""

from __future__ import annotations

import difflib
from functools import cache, lru_cache

from app.checks.data import load
from app.checks.findings import Finding
from app.checks.paths import section_keys
from app.model import Dimension, Material, Section, point_text, section_word_count
from app.templates import Template, TemplateDimension

SECTION_NAMES = {
    "problems": "存在的问题",
    "causes": "问题根源剖析",
    "measures": "整改措施",
    "case_study": "案例剖析",
    "previous_rectification": "上年度整改落实情况",
    "other": "其他",
}
MATCH_MIN = 0.5


@cache
def _config() -> dict:
    return load("structure")


def check(
    material: Material, template: Template | None, *, require_examples: bool | None = None
) -> list[Finding]:
    cfg = _config()
    keys = dict(zip((id(s) for s in material.sections), section_keys(material), strict=True))
    out: list[Finding] = []
    for kind in cfg["sections"]["required"]:
        section = material.section(kind)
        if section is None:
            out.append(
                _whole(
                    "structure.section_missing",
                    "warning",
                    "title",
                    "",
                    f"缺少“{SECTION_NAMES[kind]}”部分。",
                )
            )
        elif not (section.points or section.dimensions or any(p.strip() for p in section.intro)):
            out.append(
                _whole(
                    "structure.section_empty",
                    "warning",
                    f"{keys[id(section)]}/heading",
                    section.heading,
                    f"“{section.heading or SECTION_NAMES[kind]}”部分没有内容。",
                )
            )
    problems = material.section("problems")
    if problems is not None:
        key = keys[id(problems)]
        out += _dimensions(material, problems, key, template)
        if require_examples if require_examples is not None else cfg["points"]["require_examples"]:
            out += _examples(problems, key)
        out += _coverage(material, problems, key, template)
    out += _word_targets(material, keys)
    return out


def _whole(rule: str, severity: str, path: str, text: str, message: str) -> Finding:
    """A finding about a whole node: it spans the field's whole text."""
    return Finding(rule, severity, path, 0, len(text), text, message, None)


# ----- dimensions -----------------------------------------------------------------------------


def match_dimensions(section: Section, template: Template) -> dict[int, TemplateDimension]:
    """Material dimension index → template dimension, by wording, short name and key words."""
    pairs = []
    for di, dim in enumerate(section.dimensions):
        for td in template.dimensions:
            pairs.append((_similarity(dim, td), di, td.short_name, td))
    matched: dict[int, TemplateDimension] = {}
    used: set[str] = set()
    for score, di, name, td in sorted(pairs, key=lambda p: -p[0]):
        if score >= MATCH_MIN and di not in matched and name not in used:
            matched[di] = td
            used.add(name)
    return matched


@lru_cache(maxsize=4096)  # the same headings come back for every problems section
def _heading_ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _similarity(dim: Dimension, td: TemplateDimension) -> float:
    if dim.short_name and dim.short_name == td.short_name:
        return 1.0
    ratio = _heading_ratio(dim.heading, td.heading)
    hits = sum(1 for k in td.keywords if k in dim.heading)
    return max(ratio, hits / max(len(td.keywords), 1) + 0.25 * bool(hits))


def _dimensions(
    material: Material, problems: Section, key: str, template: Template | None
) -> list[Finding]:
    out = []
    matched = match_dimensions(problems, template) if template else {}
    if template:
        found = {td.short_name for td in matched.values()}
        for td in template.dimensions:
            if td.short_name not in found:
                out.append(
                    _whole(
                        "structure.dimension_missing",
                        "warning",
                        f"{key}/heading",
                        problems.heading,
                        f"缺少“{td.short_name}”方面：{td.heading[:30]}…",
                    )
                )
    low, high = _config()["points"]["default_range"]
    for di, dim in enumerate(problems.dimensions):
        path = f"{key}/dimensions/{di}/heading"
        name = dim.short_name or dim.heading[:12]
        if not dim.points and not any(p.strip() for p in dim.intro):
            out.append(
                _whole(
                    "structure.dimension_empty",
                    "warning",
                    path,
                    dim.heading,
                    f"“{name}”方面还没有内容。",
                )
            )
            continue
        td = matched.get(di)
        lo, hi = td.points if td is not None and td.points else (low, high)
        if dim.points and not lo <= len(dim.points) <= hi:
            out.append(
                _whole(
                    "structure.point_count",
                    "hint",
                    path,
                    dim.heading,
                    f"“{name}”方面有 {len(dim.points)} 条问题，建议 {lo}～{hi} 条。",
                )
            )
    return out


def _examples(problems: Section, key: str) -> list[Finding]:
    out = []
    for di, dim in enumerate(problems.dimensions):
        for pi, point in enumerate(dim.points):
            if point.example.strip() or not (point.title.strip() or point.body.strip()):
                continue
            path = f"{key}/dimensions/{di}/points/{pi}/title"
            out.append(
                Finding(
                    "structure.no_example",
                    "hint",
                    path,
                    0,
                    len(point.title),
                    point.title,
                    "这条问题没有具体事例（比如……），显得不见人不见事。",
                    None,
                )
            )
    return out


# ----- measures answer problems ---------------------------------------------------------------


def _coverage(
    material: Material, problems: Section, key: str, template: Template | None
) -> list[Finding]:
    measures = material.section("measures")
    if measures is None or not measures.all_points():
        return []  # reported as a missing/empty section
    measure_text = "".join(point_text(p) for p in measures.all_points()) + "".join(measures.intro)
    measure_ids = {p.id for p in measures.all_points() if p.id is not None}
    matched = match_dimensions(problems, template) if template else {}
    extra = _config().get("coverage", {})
    out = []
    for di, dim in enumerate(problems.dimensions):
        if not dim.points:
            continue
        if any(set(p.links) & measure_ids for p in dim.points):
            continue
        td = matched.get(di)
        words = {
            dim.short_name,
            *(td.keywords if td else ()),
            *extra.get(td.short_name if td else dim.short_name, ()),
        }
        words |= {p.title.strip()[:4] for p in dim.points if len(p.title.strip()) >= 4}
        words.discard("")
        if not any(w in measure_text for w in words):
            name = dim.short_name or dim.heading[:12]
            out.append(
                _whole(
                    "structure.unanswered",
                    "warning",
                    f"{key}/dimensions/{di}/heading",
                    dim.heading,
                    f"“{name}”方面的问题在整改措施中没有对应的措施。",
                )
            )
    return out


# ----- 字数 -------------------------------------------------------------------------------------


def _word_targets(material: Material, keys: dict[int, str]) -> list[Finding]:
    words = _config()["words"]
    out = []
    counts = {}
    for section in material.sections:
        if section.kind in counts:
            continue
        count = counts[section.kind] = section_word_count(section)
        minimum = words.get(f"{section.kind}_min")
        has_content = section.points or section.dimensions
        if minimum and has_content and count < minimum:
            out.append(
                _whole(
                    "structure.word_count",
                    "hint",
                    f"{keys[id(section)]}/heading",
                    section.heading,
                    f"“{section.heading}”部分只有 {count} 字，偏少（建议不少于 {minimum} 字）。",
                )
            )
    problems, causes = counts.get("problems", 0), counts.get("causes", 0)
    ratio = words.get("causes_to_problems_min", 0)
    cause_section = material.section("causes")
    if (
        problems
        and cause_section is not None
        and cause_section.points
        and causes < ratio * problems
    ):
        out.append(
            _whole(
                "structure.causes_thin",
                "warning",
                f"{keys[id(cause_section)]}/heading",
                cause_section.heading,
                f"原因剖析只有 {causes} 字，不到查摆问题（{problems} 字）的 "
                f"{ratio:.0%}，剖析不够深入。",
            )
        )
    return out
