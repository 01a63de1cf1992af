"""Where last year's problems dimensions go in next year's draft (复制为下一年度草稿).

A mapping gives every old dimension, in order, one target:

- an index into the new template's dimensions: its points (and intro paragraphs) move there; a
  new dimension may receive several old ones, their points concatenated in the old order;
- ``KEEP``: the old dimension stays as written, after the new template's dimensions;
- ``OTHER``: its points move into one 其他 dimension, the last of all (after the kept ones),
  created only when something lands in it — for aspects the new framework has no place for,
  when the user does not want their old headings in the draft.

Every old point lands in exactly one dimension, so no text is lost whatever the mapping. The
suggestion asks the hand-kept successions table first (``app.successions``), then the wording
(short name, the template's key words, similarity).
"""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher
from typing import Literal

from app.errors import InputError
from app.model import Dimension
from app.successions import successor_names
from app.templates import Template, TemplateDimension, load_templates

KEEP: Literal["keep"] = "keep"
OTHER: Literal["other"] = "other"
Target = int | Literal["keep", "other"]

OTHER_NAME = "其他"
SIMILARITY_THRESHOLD = 0.45


def _keyword_hit(old: Dimension, new: TemplateDimension) -> bool:
    text = f"{old.short_name}{old.heading}"
    return any(k and k in text for k in new.keywords) or (
        bool(old.short_name) and old.short_name in new.keywords
    )


def _similarity(old: Dimension, new: TemplateDimension) -> float:
    return SequenceMatcher(None, old.heading, new.heading, autojunk=False).ratio()


def match_dimensions(old: Sequence[Dimension], new: Sequence[TemplateDimension]) -> dict[int, int]:
    """new index → old index by wording; each old and each new one used at most once,
    strongest rule first (short name, key words, then similarity)."""
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


def _template(template_id: str | None) -> Template | None:
    return next((t for t in load_templates() if t.id == template_id), None)


def _by_succession(
    old: Sequence[Dimension], template: Template, old_template_id: str | None
) -> dict[int, int]:
    """old index → new index from the successions table. The old dimensions are first
    recognised as their template's (an imported one may be worded a little differently)."""
    names = successor_names(old_template_id or "", template.id)
    old_template = _template(old_template_id)
    if not names or old_template is None:
        return {}
    index_of = {d.short_name: i for i, d in enumerate(template.dimensions)}
    found = {}
    for ti, oi in match_dimensions(old, old_template.dimensions).items():
        new_name = names.get(old_template.dimensions[ti].short_name)
        if new_name in index_of:
            found[oi] = index_of[new_name]
    return found


def suggest_mapping(
    old: Sequence[Dimension], template: Template, old_template_id: str | None = None
) -> list[Target]:
    """One target per old dimension: successions first, then wording (one old dimension to one
    still-empty new one), else kept as an extra; an old 其他 goes into 其他."""
    targets: list[Target] = [KEEP] * len(old)
    for oi, ni in _by_succession(old, template, old_template_id).items():
        targets[oi] = ni
    rest = [oi for oi, t in enumerate(targets) if t == KEEP]
    free = [ni for ni in range(len(template.dimensions)) if ni not in targets]
    matched = match_dimensions([old[oi] for oi in rest], [template.dimensions[ni] for ni in free])
    for fi, ri in matched.items():
        targets[rest[ri]] = free[fi]
    for oi, target in enumerate(targets):
        if target == KEEP and old[oi].short_name == OTHER_NAME:
            targets[oi] = OTHER
    return targets


def other_dimension(template: Template) -> Dimension:
    """The 其他 catch-all: the template's frame without its quote marks (在其他方面：)."""
    return Dimension(
        heading=OTHER_NAME,
        short_name=OTHER_NAME,
        heading_prefix=template.dimension_prefix.replace("“", ""),
        heading_suffix=template.dimension_suffix.replace("”", ""),
    )


def _gathered(into: Dimension, sources: list[Dimension]) -> Dimension:
    """``into`` with the sources' intro and points appended in order; the writer's paragraph
    style comes from the first source."""
    for source in sources:
        into.intro.extend(source.intro)
        into.points.extend(source.points)
    if sources:
        into.heading_alone = sources[0].heading_alone
        into.points_apart = sources[0].points_apart
    return into


def apply_mapping(
    old: Sequence[Dimension], template: Template, targets: Sequence[Target]
) -> list[Dimension]:
    """The new problems dimensions: the template's, then the kept ones, then 其他 when used.

    The old Point objects are moved, not copied (ids and links travel with them)."""
    if len(targets) != len(old):
        raise InputError(
            f"方面对应关系的条数（{len(targets)}）与原有方面数（{len(old)}）不符",
            f"the mapping has {len(targets)} entries for {len(old)} dimensions",
        )
    count = len(template.dimensions)
    own_other = next(
        (i for i, d in enumerate(template.dimensions) if d.short_name == OTHER_NAME), None
    )
    sources: list[list[Dimension]] = [[] for _ in range(count)]
    kept: list[Dimension] = []
    into_other: list[Dimension] = []
    for dim, target in zip(old, targets, strict=True):
        if target == KEEP:
            kept.append(dim)
        elif target == OTHER and own_other is not None:
            sources[own_other].append(dim)
        elif target == OTHER:
            into_other.append(dim)
        elif isinstance(target, int) and 0 <= target < count:
            sources[target].append(dim)
        else:
            raise InputError(f"无效的方面对应：{target!r}", f"invalid dimension target: {target!r}")
    mapped = [
        _gathered(
            Dimension(
                heading=td.heading,
                short_name=td.short_name,
                heading_prefix=template.dimension_prefix,
                heading_suffix=template.dimension_suffix,
            ),
            sources[ni],
        )
        for ni, td in enumerate(template.dimensions)
    ]
    other = [_gathered(other_dimension(template), into_other)] if into_other else []
    if other and not other[0].points and not other[0].intro:
        other = []  # only empty dimensions were dropped: nothing to show
    return mapped + kept + other
