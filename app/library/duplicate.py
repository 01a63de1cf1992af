"""Next year's draft under a different template: map the old problems dimensions onto the new
template's (by short name, then the template's keywords, then text similarity) and keep every
unmatched old dimension after the new ones, so no text is lost.

Pure functions over the model; the library stores the result.
"""

from __future__ import annotations

import copy
from difflib import SequenceMatcher

from app.errors import InputError
from app.model import Dimension, Material, Section
from app.templates import Template, TemplateDimension, get_template

SIMILARITY_THRESHOLD = 0.45


def _keyword_hit(old: Dimension, new: TemplateDimension) -> bool:
    text = f"{old.short_name}{old.heading}"
    return any(k and k in text for k in new.keywords) or (
        bool(old.short_name) and old.short_name in new.keywords
    )


def _similarity(old: Dimension, new: TemplateDimension) -> float:
    return SequenceMatcher(None, old.heading, new.heading, autojunk=False).ratio()


def match_dimensions(old: list[Dimension], new: tuple[TemplateDimension, ...]) -> dict[int, int]:
    """new index → old index; each old dimension used at most once, strongest rule first."""
    matched: dict[int, int] = {}
    used: set[int] = set()
    rules = (
        lambda o, n: bool(o.short_name) and o.short_name == n.short_name,
        _keyword_hit,
    )
    for rule in rules:
        for ni, nd in enumerate(new):
            if ni in matched:
                continue
            for oi, od in enumerate(old):
                if oi not in used and rule(od, nd):
                    matched[ni] = oi
                    used.add(oi)
                    break
    # Similarity last, best pairs first, so one close pair is not stolen by a weaker one.
    pairs = sorted(
        (
            (_similarity(od, nd), ni, oi)
            for ni, nd in enumerate(new)
            if ni not in matched
            for oi, od in enumerate(old)
            if oi not in used
        ),
        reverse=True,
    )
    for score, ni, oi in pairs:
        if score >= SIMILARITY_THRESHOLD and ni not in matched and oi not in used:
            matched[ni] = oi
            used.add(oi)
    return matched


def remap_to_template(material: Material, template: Template) -> Material:
    """A deep copy of ``material`` whose problems section follows ``template``'s dimensions.

    Point ids and links are kept on the copy so the caller can carry links over by position.
    """
    out = copy.deepcopy(material)
    out.template_id = template.id
    out.meeting = template.meeting or out.meeting
    problems = out.section("problems")
    if problems is None:
        problems = Section(kind="problems", heading=template.section_heading("problems"))
        out.sections.insert(0, problems)
    old = problems.dimensions
    matched = match_dimensions(old, template.dimensions)
    mapped = []
    for ni, td in enumerate(template.dimensions):
        source = old[matched[ni]] if ni in matched else None
        mapped.append(
            Dimension(
                heading=td.heading,
                short_name=td.short_name,
                heading_prefix=template.dimension_prefix,
                heading_suffix=template.dimension_suffix,
                intro=list(source.intro) if source else [],
                points=source.points if source else [],
            )
        )
    kept = [d for oi, d in enumerate(old) if oi not in set(matched.values())]
    problems.dimensions = mapped + kept
    return out


def draft_for_template(source: Material, template: Template) -> Material:
    """The remapped copy, with the template's year (when it has one) and, when the old title
    was the old template's generated title, the new template's title."""
    copy = remap_to_template(source, template)
    try:
        old_title = get_template(source.template_id).title_pattern.format(
            organization=source.organization
        )
    except InputError:  # an imported material's template may be unknown here
        old_title = None
    if source.title == old_title:
        copy.title = template.title_pattern.format(organization=source.organization)
    copy.year = template.year or source.year
    return copy
