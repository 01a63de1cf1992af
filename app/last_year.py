"""Last year's material beside this year's (对照上年材料): which material is "last year", and which
of its sections, dimensions and points each node of the current material corresponds to.

"Last year" is the material of the same unit, author and scope with the nearest earlier year.
Dimensions are aligned the way 复制为下一年度草稿 maps them (``app.dimension_mapping``: the
successions table between the two templates first, then the wording), so a 2025 draft made from
the 2021 material shows each 2025 aspect beside the 2021 aspect its points came from. A point is
matched to last year's point with the closest wording (a draft's points start as last year's);
that is worked out when the point is selected, so a long material costs nothing up front.

Read-only: the library is only read here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from app.dimension_mapping import KEEP, OTHER, OTHER_NAME, match_dimensions, suggest_mapping
from app.library import Library, MaterialSummary
from app.model import Dimension, Material, Point, Section
from app.templates import Template, TemplateDimension, load_templates

# A point counts as "the same point" as last year's when their wording is at least this close
# (a rewritten title that keeps most of its words still is).
POINT_SIMILARITY = 0.6
POINT_KEY_CHARS = 60  # title, or the body's start when there is no title


def comparable_materials(library: Library, current_id: int | None) -> list[MaterialSummary]:
    """Every other material in the library, newest year first (the side view's choices)."""
    others = [m for m in library.list_materials() if m.id != current_id]
    return sorted(others, key=lambda m: (-(m.year or 0), m.title, m.id))


def last_year_of(library: Library, current: Material) -> int | None:
    """The id of the same unit's, author's and scope's material of the nearest earlier year
    (the most recently edited one when there are several), or None."""
    if current.year is None:
        return None
    best: tuple[int, int] | None = None  # (year, id)
    for summary in library.list_materials():  # newest edit first: the first of a year wins
        if (
            summary.id == current.id
            or summary.year is None
            or summary.year >= current.year
            or summary.organization != current.organization
            or (best is not None and summary.year <= best[0])
        ):
            continue
        other = library.get_material(summary.id)
        if other.author == current.author and other.scope == current.scope:
            best = (summary.year, summary.id)
    return best[1] if best else None


@dataclass(frozen=True)
class Counterpart:
    """What to show of last year's material for one node of the current one: the node ids to
    mark (the first is scrolled to), and whether the node itself was matched (False: only its
    section or dimension was, or nothing)."""

    node_ids: tuple[int, ...] = ()
    exact: bool = False


@dataclass
class Alignment:
    """Current node id → last year's node ids, for sections and dimensions (points on demand)."""

    last: Material
    current: Material
    sections: dict[int, int] = field(default_factory=dict)
    dimensions: dict[int, list[int]] = field(default_factory=dict)
    _point_cache: dict[int, int | None] = field(default_factory=dict)

    def counterpart(self, node_id: int | None) -> Counterpart:
        """What corresponds to node ``node_id`` of the current material (None: the material)."""
        if node_id is None:
            return Counterpart(exact=True)
        if node_id in self.sections:
            return Counterpart((self.sections[node_id],), exact=True)
        if node_id in self.dimensions:
            return Counterpart(tuple(self.dimensions[node_id]), exact=True)
        found = _find_point(self.current, node_id)
        if found is None:
            return Counterpart()
        section, dim, point = found
        last_point = self._point_for(point, section, dim)
        if last_point is not None:
            return Counterpart((last_point,), exact=True)
        if dim is not None and self.dimensions.get(dim.id):
            return Counterpart(tuple(self.dimensions[dim.id]))
        if section.id in self.sections:
            return Counterpart((self.sections[section.id],))
        return Counterpart()

    def _point_for(self, point: Point, section: Section, dim: Dimension | None) -> int | None:
        if point.id not in self._point_cache:
            near = self._candidate_points(section, dim)
            self._point_cache[point.id] = _closest_point(point, near) or _closest_point(
                point, self.last.all_points()
            )
        return self._point_cache[point.id]

    def _candidate_points(self, section: Section, dim: Dimension | None) -> list[Point]:
        """Last year's points where this point most likely came from: its mapped dimensions."""
        ids = set(self.dimensions.get(dim.id, ()) if dim is not None else ())
        last_section = self.sections.get(section.id)
        out: list[Point] = []
        for s in self.last.sections:
            if dim is None and s.id == last_section:
                out.extend(s.points)
            out.extend(p for d in s.dimensions if d.id in ids for p in d.points)
        return out


def align(last: Material, current: Material) -> Alignment:
    """Sections by kind (in order), dimensions by the template mapping and wording."""
    alignment = Alignment(last, current)
    for cur_section, last_section in _paired_sections(last.sections, current.sections):
        alignment.sections[cur_section.id] = last_section.id
        if cur_section.kind == "problems":
            pairs = _problem_dimensions(last, last_section, current, cur_section)
        else:
            pairs = _by_wording(last_section.dimensions, cur_section.dimensions, {})
        for ci, oi_list in pairs.items():
            alignment.dimensions[cur_section.dimensions[ci].id] = [
                last_section.dimensions[oi].id for oi in oi_list
            ]
    return alignment


def _paired_sections(
    last: Sequence[Section], current: Sequence[Section]
) -> Iterable[tuple[Section, Section]]:
    """The n-th section of a kind this year with the n-th of that kind last year."""
    seen: dict[str, int] = {}
    for section in current:
        n = seen.get(section.kind, 0)
        seen[section.kind] = n + 1
        same = [s for s in last if s.kind == section.kind]
        if n < len(same):
            yield section, same[n]


def _template(template_id: str) -> Template | None:
    return next((t for t in load_templates() if t.id == template_id), None)


def _as_template_dims(dims: Sequence[Dimension]) -> list[TemplateDimension]:
    return [TemplateDimension(short_name=d.short_name, heading=d.heading) for d in dims]


def _by_wording(
    old: Sequence[Dimension], new: Sequence[Dimension], taken: dict[int, list[int]]
) -> dict[int, list[int]]:
    """``taken`` (current index → old indices) completed by wording for the dimensions neither
    side has matched yet."""
    used = {oi for ois in taken.values() for oi in ois}
    rest_old = [oi for oi in range(len(old)) if oi not in used]
    rest_new = [ci for ci in range(len(new)) if ci not in taken]
    matched = match_dimensions(
        [old[oi] for oi in rest_old], _as_template_dims([new[ci] for ci in rest_new])
    )
    out = dict(taken)
    for ni, oi in matched.items():
        out[rest_new[ni]] = [rest_old[oi]]
    return out


def _problem_dimensions(
    last: Material, last_section: Section, current: Material, cur_section: Section
) -> dict[int, list[int]]:
    """current dimension index → last year's dimension indices. Under another template, each
    old dimension goes where next year's draft would put it (``suggest_mapping``)."""
    old, new = last_section.dimensions, cur_section.dimensions
    template = _template(current.template_id)
    if template is None or current.template_id == last.template_id:
        return _by_wording(old, new, {})
    # which of the current dimensions is which of its template's (the user may have renamed or
    # reordered them since the draft was made)
    as_template = {ti: ci for ti, ci in match_dimensions(new, template.dimensions).items()}
    taken: dict[int, list[int]] = {}
    for oi, target in enumerate(suggest_mapping(old, template, last.template_id)):
        ci = None
        if isinstance(target, int):
            ci = as_template.get(target)
        elif target == KEEP:  # kept as written after the template's dimensions
            ci = next((i for i, d in enumerate(new) if d.heading == old[oi].heading), None)
        elif target == OTHER:
            ci = next((i for i, d in enumerate(new) if d.short_name == OTHER_NAME), None)
        if ci is not None:
            taken.setdefault(ci, []).append(oi)
    return _by_wording(old, new, taken)


def _find_point(
    material: Material, point_id: int
) -> tuple[Section, Dimension | None, Point] | None:
    for section in material.sections:
        for point in section.points:
            if point.id == point_id:
                return section, None, point
        for dim in section.dimensions:
            for point in dim.points:
                if point.id == point_id:
                    return section, dim, point
    return None


def _point_key(point: Point) -> str:
    return (point.title or point.body)[:POINT_KEY_CHARS]


def _closest_point(point: Point, candidates: Sequence[Point]) -> int | None:
    """The candidate worded most like ``point`` (at least ``POINT_SIMILARITY``), or None."""
    key = _point_key(point)
    if not key:
        return None
    best, best_score = None, POINT_SIMILARITY
    matcher = SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(key)  # the fixed side: SequenceMatcher caches what it knows of seq2
    for other in candidates:
        other_key = _point_key(other)
        if other_key == key:
            return other.id
        matcher.set_seq1(other_key)
        if matcher.real_quick_ratio() < best_score or matcher.quick_ratio() < best_score:
            continue
        score = matcher.ratio()
        if score >= best_score:
            best, best_score = other.id, score
    return best
