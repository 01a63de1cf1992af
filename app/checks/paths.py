"""Addresses of the text fields of a material, and edits that change one field.

A *field path* names one string of a material; a *node path* names the object that holds it.
Grammar (indices are 0-based positions, as the tree shows them):

    title | preamble/<i> | closing/<i>                               material fields
    <sec>/heading | <sec>/intro/<i>                                section fields
    <sec>/dimensions/<d>/(heading_prefix|heading|heading_suffix)   dimension fields
    <sec>/dimensions/<d>/intro/<i>
    <sec>/dimensions/<d>/points/<p>/(title|body|example)           point in a dimension
    <sec>/points/<p>/(title|body|example)                          point of the section itself

``<sec>`` is the section's kind (``problems``, ``causes`` …) when the material has exactly one
section of that kind, else the section's index (``3``). The shorthand ``problems/2/points/1/body``
(dimension index right after the section) is accepted when reading a path.

An *edit* is ``(node_path, field, new_value)``: node_path ``""`` is the material itself; list
fields (``preamble``, ``closing``, ``intro``) carry the whole new list, as
``Library.update_material`` / ``Library.update_node`` take them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from app.errors import InputError
from app.model import Dimension, Material, Point, Section

LIST_FIELDS = ("preamble", "closing", "intro")
POINT_FIELDS = ("title", "body", "example")
DIMENSION_FIELDS = ("heading_prefix", "heading", "heading_suffix")
Edit = tuple[str, str, Any]


@dataclass(frozen=True)
class TextField:
    """One string of the material: its path, text, role and the point/dimension it belongs to."""

    path: str
    text: str
    role: str  # title, preamble, closing, section_heading, intro, dim_prefix, dim_heading,
    # dim_suffix, point_title, point_body, point_example
    section_kind: str = ""
    point: Point | None = None
    dimension: Dimension | None = None


def section_keys(material: Material) -> list[str]:
    """The path segment of each section: its kind when unique, else its index."""
    kinds = [s.kind for s in material.sections]
    counts = Counter(kinds)  # not list.count per section: quadratic in a 汇编's sections
    return [k if counts[k] == 1 else str(i) for i, k in enumerate(kinds)]


def iter_text_fields(material: Material) -> Iterator[TextField]:
    """Every rendered string in reading order (metadata such as organization is not text)."""
    yield TextField("title", material.title, "title")
    for i, para in enumerate(material.preamble):
        yield TextField(f"preamble/{i}", para, "preamble")
    for key, section in zip(section_keys(material), material.sections, strict=True):
        yield TextField(f"{key}/heading", section.heading, "section_heading", section.kind)
        for i, para in enumerate(section.intro):
            yield TextField(f"{key}/intro/{i}", para, "intro", section.kind)
        for p_index, point in enumerate(section.points):
            yield from _point_fields(f"{key}/points/{p_index}", point, section.kind, None)
        for d_index, dim in enumerate(section.dimensions):
            base = f"{key}/dimensions/{d_index}"
            yield TextField(
                f"{base}/heading_prefix", dim.heading_prefix, "dim_prefix", section.kind, None, dim
            )
            yield TextField(f"{base}/heading", dim.heading, "dim_heading", section.kind, None, dim)
            yield TextField(
                f"{base}/heading_suffix", dim.heading_suffix, "dim_suffix", section.kind, None, dim
            )
            for i, para in enumerate(dim.intro):
                yield TextField(f"{base}/intro/{i}", para, "intro", section.kind, None, dim)
            for p_index, point in enumerate(dim.points):
                yield from _point_fields(f"{base}/points/{p_index}", point, section.kind, dim)
    for i, para in enumerate(material.closing):
        yield TextField(f"closing/{i}", para, "closing")


def _point_fields(base: str, point: Point, kind: str, dim: Dimension | None) -> Iterator[TextField]:
    for name in POINT_FIELDS:
        yield TextField(f"{base}/{name}", getattr(point, name), f"point_{name}", kind, point, dim)


def point_path(material: Material, target: Point) -> str:
    """The node path of a point object (``problems/dimensions/1/points/0``)."""
    for field in iter_text_fields(material):
        if field.point is target and field.role == "point_title":
            return field.path.rsplit("/", 1)[0]
    raise InputError("要点不在本材料中", "point is not part of this material")


# ----- reading a path ------------------------------------------------------------------------


def split_path(path: str) -> tuple[str, str, int | None]:
    """``problems/intro/1`` → (``problems``, ``intro``, 1); ``title`` → (``""``, ``title``,
    None)."""
    parts = path.split("/")
    index = None
    if len(parts) >= 2 and parts[-1].isdigit() and parts[-2] in LIST_FIELDS:
        index = int(parts.pop())
    field = parts.pop() if parts else ""
    if not field:
        raise _bad_path(path)
    return "/".join(parts), field, index


def node_at(material: Material, node_path: str) -> Material | Section | Dimension | Point:
    """The object a node path names; InputError for a path that names nothing."""
    if node_path == "":
        return material
    parts = node_path.split("/")
    section = _section(material, parts[0], node_path)
    rest = parts[1:]
    if rest and rest[0].isdigit():  # shorthand: problems/2/points/1
        rest = ["dimensions", *rest]
    node: Section | Dimension | Point = section
    while rest:
        if len(rest) < 2 or not rest[1].isdigit():
            raise _bad_path(node_path)
        kind, idx = rest[0], int(rest[1])
        if kind == "dimensions" and isinstance(node, Section):
            items: list = node.dimensions
        elif kind == "points" and isinstance(node, Section | Dimension):
            items = node.points
        else:
            raise _bad_path(node_path)
        if idx >= len(items):
            raise _bad_path(node_path)
        node = items[idx]
        rest = rest[2:]
    return node


def _section(material: Material, key: str, path: str) -> Section:
    keys = section_keys(material)
    if key in keys:
        return material.sections[keys.index(key)]
    if key.isdigit() and int(key) < len(material.sections):
        return material.sections[int(key)]
    raise _bad_path(path)


def get_text(material: Material, path: str) -> str:
    node_path, field, index = split_path(path)
    value = _field_value(node_at(material, node_path), field, path)
    if index is None:
        if not isinstance(value, str):
            raise _bad_path(path)
        return value
    if index >= len(value):
        raise _bad_path(path)
    return value[index]


def _field_value(node: object, field: str, path: str) -> Any:
    allowed = {
        Material: ("title", "preamble", "closing"),
        Section: ("heading", "intro"),
        Dimension: (*DIMENSION_FIELDS, "intro"),
        Point: POINT_FIELDS,
    }[type(node)]
    if field not in allowed:
        raise _bad_path(path)
    return getattr(node, field)


# ----- edits ---------------------------------------------------------------------------------


def edit_for(material: Material, path: str, new_text: str) -> Edit:
    """The edit that sets the string at ``path`` to ``new_text`` (the material is not changed)."""
    node_path, field, index = split_path(path)
    value = _field_value(node_at(material, node_path), field, path)
    if index is None:
        return node_path, field, new_text
    if index >= len(value):
        raise _bad_path(path)
    new_list = list(value)
    new_list[index] = new_text
    return node_path, field, new_list


def edits_for_texts(material: Material, new_texts: dict[str, str]) -> list[Edit]:
    """One edit per changed field for a set of ``{field path: new text}``; paragraphs of one
    list field (``preamble/0``, ``preamble/2``) become a single edit of the whole list."""
    edits: dict[tuple[str, str], Edit] = {}
    for path, text in new_texts.items():
        node_path, field, index = split_path(path)
        key = (node_path, field)
        if index is None or key not in edits:
            edits[key] = edit_for(material, path, text)
        else:
            value = list(edits[key][2])
            value[index] = text
            edits[key] = (node_path, field, value)
    return list(edits.values())


def apply_edit(material: Material, edit: Edit) -> None:
    """Apply one edit to the in-memory material (what the library does to its stored copy)."""
    node_path, field, value = edit
    node = node_at(material, node_path)
    _field_value(node, field, f"{node_path}/{field}")
    setattr(node, field, list(value) if isinstance(value, list) else value)


def _bad_path(path: str) -> InputError:
    return InputError(f"材料中没有这个位置：{path}", f"no such place in the material: {path}")
