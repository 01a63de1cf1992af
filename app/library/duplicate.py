"""Next year's draft under a different template: the old problems dimensions go where a mapping
says (``app.dimension_mapping``: the user's, or the suggestion from the successions table and
the wording), so no text is lost.

Pure functions over the model; the library stores the result.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence

from app.dimension_mapping import Target, apply_mapping, match_dimensions, suggest_mapping
from app.errors import InputError
from app.model import Material, Section
from app.templates import Template, get_template

__all__ = [
    "draft_for_template",
    "known_template",
    "match_dimensions",
    "remap_to_template",
    "suggested_title",
]


def remap_to_template(
    material: Material, template: Template, mapping: Sequence[Target] | None = None
) -> Material:
    """A deep copy of ``material`` whose problems section follows ``template``'s dimensions,
    each old dimension going where ``mapping`` says (one target per old dimension, see
    ``app.dimension_mapping``); without one, where the suggestion says.

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
    if mapping is None:
        mapping = suggest_mapping(old, template, material.template_id)
    problems.dimensions = apply_mapping(old, template, mapping)
    return out


def draft_for_template(
    source: Material, template: Template, mapping: Sequence[Target] | None = None
) -> Material:
    """The remapped copy, with the template's year (when it has one) and, when the old title
    was the old template's generated title, the new template's title."""
    copy = remap_to_template(source, template, mapping)
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


def known_template(template_id: str) -> Template | None:
    """The template of that id, or None (an imported material's template may be unknown)."""
    try:
        return get_template(template_id)
    except InputError:
        return None


def suggested_title(source: Material, template: Template | None, year: int) -> str:
    """The draft's title: a new framework brings its own (when the organization is known);
    the same one keeps last year's title with the year number moved on."""
    if template is not None and template.id != source.template_id and source.organization:
        return template.title_pattern.format(organization=source.organization)
    if source.year:
        return source.title.replace(str(source.year), str(year))
    return source.title
