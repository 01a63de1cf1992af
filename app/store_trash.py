"""Trash for nodes: a deleted subtree is kept as JSON with its ids, its links and where it was,
so restoring puts it back at its old place with its old ids (when they are still free).

Helpers run inside the caller's transaction.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from app import store_tree as tree
from app.errors import InputError
from app.model import Dimension, Point, Section

if TYPE_CHECKING:  # annotations only; read-only opens run without sqlite_utils
    from sqlite_utils import Database

LABEL_CHARS = 40


def find_node(material, node_id: int) -> Section | Dimension | Point | None:
    for s in material.sections:
        if s.id == node_id:
            return s
        for p in s.points:
            if p.id == node_id:
                return p
        for d in s.dimensions:
            if d.id == node_id:
                return d
            for p in d.points:
                if p.id == node_id:
                    return p
    return None


def node_label(node: Section | Dimension | Point) -> str:
    if isinstance(node, Point):
        text = node.title or node.body
    elif isinstance(node, Dimension):
        text = node.short_name or node.heading
    else:
        text = node.heading
    return text[:LABEL_CHARS]


def _point(d: dict[str, Any]) -> Point:
    return Point(
        title=d["title"], body=d["body"], example=d["example"], example_lead=d["example_lead"],
        example_sep=d["example_sep"], numbered=d.get("numbered", True), id=d["id"],
    )


def _dimension(d: dict[str, Any]) -> Dimension:
    return Dimension(
        heading=d["heading"], short_name=d["short_name"], heading_prefix=d["heading_prefix"],
        heading_suffix=d["heading_suffix"], intro=list(d["intro"]),
        heading_alone=d.get("heading_alone", False), points_apart=d.get("points_apart", False),
        numbered=d.get("numbered", True),
        points=[_point(p) for p in d["points"]], id=d["id"],
    )


def _section(d: dict[str, Any]) -> Section:
    return Section(
        kind=d["kind"], heading=d["heading"], intro=list(d["intro"]), numbered=d.get("numbered", True),
        dimensions=[_dimension(x) for x in d["dimensions"]],
        points=[_point(p) for p in d["points"]], id=d["id"],
    )


def subtree_links(db: Database, ids: list[int]) -> list[list[int]]:
    marks = ",".join("?" * len(ids))
    return [
        list(r)
        for r in db.execute(
            f"SELECT problem_id, measure_id FROM links WHERE problem_id IN ({marks})"
            f" OR measure_id IN ({marks})",
            [*ids, *ids],
        )
    ]


def trash_subtree(db: Database, row: dict[str, Any], deleted: str) -> int:
    """Remove the node's subtree from ``nodes`` into a ``trash`` entry; returns the entry id."""
    material = tree.load_material(db, row["material_id"])
    node = find_node(material, row["id"])
    ids = tree.subtree_ids(db, row["id"])
    parent = tree.node_row(db, row["parent_id"]) if row["parent_id"] is not None else None
    content = {
        "node": asdict(node),
        "parent_kind": parent["kind"] if parent else None,
        "links": subtree_links(db, ids),
    }
    entry = db.execute(
        "INSERT INTO trash (material_id, kind, label, deleted, parent_id, position, content)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            row["material_id"], row["kind"], node_label(node), deleted, row["parent_id"],
            row["position"], json.dumps(content, ensure_ascii=False),
        ],
    ).lastrowid
    db.execute("DELETE FROM nodes WHERE id = ?", [row["id"]])
    tree.renumber(db, row["material_id"], row["parent_id"], row["kind"])
    return entry


_FIRST_SECTION = (
    "SELECT id FROM nodes WHERE material_id = ? AND kind = 'section'"
    " ORDER BY {problems_first}position LIMIT 1"
)
_FIRST_DIMENSION = (
    "SELECT d.id FROM nodes d JOIN nodes s ON s.id = d.parent_id"
    " WHERE d.material_id = ? AND d.kind = 'dimension' ORDER BY s.position, d.position LIMIT 1"
)


def _fitting_parent(db: Database, material_id: int, kind: str, parent_id, parent_kind) -> int | None:
    """The old parent if it still fits, else the material's first parent of the right kind."""
    if kind == "section":
        return None
    if parent_id is not None:
        parent = tree.node_row(db, parent_id)
        if parent and parent["material_id"] == material_id and parent["kind"] == parent_kind:
            return parent_id
    if kind == "dimension":
        queries = [_FIRST_SECTION.format(problems_first="section_kind <> 'problems', ")]
    else:
        section = _FIRST_SECTION.format(problems_first="")
        queries = [_FIRST_DIMENSION, section] if parent_kind == "dimension" else [section, _FIRST_DIMENSION]
    for sql in queries:
        found = db.execute(sql, [material_id]).fetchone()
        if found:
            return found[0]
    raise InputError(
        "无法恢复：材料中已没有可以放置它的部分",
        "cannot restore: the material has no section or dimension to hold it",
    )


def restore_subtree(db: Database, entry: dict[str, Any]) -> int:
    """Put a trashed subtree back; returns the restored node's id."""
    content = json.loads(entry["content"])
    kind, material_id = entry["kind"], entry["material_id"]
    parent_id = _fitting_parent(db, material_id, kind, entry["parent_id"], content["parent_kind"])
    count = tree.sibling_count(db, material_id, parent_id, kind)
    old_place = parent_id == entry["parent_id"] and entry["position"] is not None
    position = min(entry["position"], count) if old_place else count
    tree.open_gap(db, material_id, parent_id, kind, position)
    id_map: dict[int, int] = {}
    data = content["node"]
    if kind == "section":
        node_id = tree.insert_section(db, material_id, position, _section(data), True, id_map)
    elif kind == "dimension":
        node_id = tree.insert_dimension(db, material_id, parent_id, position, _dimension(data), True, id_map)
    else:
        point = _point(data)
        node_id = tree.insert_point(db, material_id, parent_id, position, point, keep_ids=True)
        id_map[point.id] = node_id
    for a, b in content["links"]:
        a, b = id_map.get(a, a), id_map.get(b, b)
        db.execute(
            "INSERT OR IGNORE INTO links (problem_id, measure_id)"
            " SELECT ?, ? WHERE (SELECT count(*) FROM nodes WHERE id IN (?, ?) AND kind = 'point') = 2",
            [a, b, a, b],
        )
    db.execute("DELETE FROM trash WHERE id = ?", [entry["id"]])
    return node_id
