"""Rows ⇄ model for the ``nodes`` adjacency list: load a material's tree, insert a subtree,
keep sibling positions contiguous (0..n-1 per parent and kind).

Helpers here run inside the caller's transaction; they never open or commit one.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING, Any

from app.model import (
    Dimension,
    Material,
    Point,
    Section,
    material_word_count,
)

if TYPE_CHECKING:  # annotations only; read-only opens run without sqlite_utils
    from sqlite_utils import Database

MATERIAL_TEXT_FIELDS = (
    "title",
    "organization",
    "scope",
    "meeting",
    "template_id",
    "author",
    "date",
)
MATERIAL_LIST_FIELDS = ("preamble", "closing")


def now() -> str:
    """ISO 8601 local time with offset, seconds precision (``updated``, ``created``, trash)."""
    return datetime.now().astimezone().isoformat(timespec="seconds")


def rows(db: Database, sql: str, params: list | tuple = ()) -> list[dict[str, Any]]:
    cursor = db.execute(sql, params)
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def material_row(db: Database, material_id: int) -> dict[str, Any] | None:
    found = rows(db, "SELECT * FROM materials WHERE id = ?", [material_id])
    return found[0] if found else None


def node_row(db: Database, node_id: int) -> dict[str, Any] | None:
    found = rows(db, "SELECT * FROM nodes WHERE id = ?", [node_id])
    return found[0] if found else None


# ----- reading --------------------------------------------------------------------------------


def point_from_row(row: dict[str, Any]) -> Point:
    return Point(
        title=row["title"],
        body=row["body"],
        example=row["example"],
        example_lead=row["example_lead"],
        example_sep=row["example_sep"],
        numbered=bool(row.get("numbered", 1)),
        title_alone=bool(row.get("title_alone", 0)),
        responsible=row.get("responsible", ""),
        deadline=row.get("deadline", ""),
        status=row.get("status", "not_started"),
        status_note=row.get("status_note", ""),
        id=row["id"],
    )


def load_material(db: Database, material_id: int) -> Material | None:
    """The whole tree with ids on every node and ``Point.links`` filled (both directions)."""
    row = material_row(db, material_id)
    if row is None:
        return None
    material = Material(
        **{f: row[f] for f in MATERIAL_TEXT_FIELDS},
        year=row["year"],
        point_style=row.get("point_style", "shi"),
        job_title=row.get("job_title", ""),  # a library before m004 (read-only open)
        rank=row.get("rank", 0),
        preamble=json.loads(row["preamble"]),
        closing=json.loads(row["closing"]),
        id=row["id"],
        created=row["created"],
        updated=row["updated"],
    )
    nodes = rows(
        db, "SELECT * FROM nodes WHERE material_id = ? ORDER BY position, id", [material_id]
    )
    sections: dict[int, Section] = {}
    dimensions: dict[int, Dimension] = {}
    points: dict[int, Point] = {}
    pending_points: list[dict[str, Any]] = []
    for n in nodes:
        if n["kind"] == "section":
            sections[n["id"]] = Section(
                kind=n["section_kind"],
                heading=n["heading"],
                intro=json.loads(n["intro"]),
                numbered=bool(n.get("numbered", 1)),
                id=n["id"],
            )
            material.sections.append(sections[n["id"]])
    for n in nodes:
        if n["kind"] == "dimension" and n["parent_id"] in sections:
            dimensions[n["id"]] = Dimension(
                heading=n["heading"],
                short_name=n["short_name"],
                heading_prefix=n["heading_prefix"],
                heading_suffix=n["heading_suffix"],
                intro=json.loads(n["intro"]),
                heading_alone=bool(n.get("heading_alone", 0)),
                numbered=bool(n.get("numbered", 1)),
                points_apart=bool(n.get("points_apart", 0)),
                id=n["id"],
            )
            sections[n["parent_id"]].dimensions.append(dimensions[n["id"]])
        elif n["kind"] == "point":
            pending_points.append(n)
    for n in pending_points:
        point = point_from_row(n)
        points[n["id"]] = point
        parent = sections.get(n["parent_id"]) or dimensions.get(n["parent_id"])
        if parent is not None:
            parent.points.append(point)
    for a, b in db.execute(
        "SELECT l.problem_id, l.measure_id FROM links l JOIN nodes n ON n.id = l.problem_id"
        " WHERE n.material_id = ? ORDER BY l.problem_id, l.measure_id",
        [material_id],
    ).fetchall():
        if a in points and b in points:
            points[a].links.append(b)
            points[b].links.append(a)
    return material


# ----- writing --------------------------------------------------------------------------------

_NODE_COLUMNS = (
    "id",
    "material_id",
    "parent_id",
    "position",
    "kind",
    "section_kind",
    "heading",
    "short_name",
    "heading_prefix",
    "heading_suffix",
    "intro",
    "title",
    "body",
    "example",
    "example_lead",
    "example_sep",
    "numbered",
    "heading_alone",
    "points_apart",
    "title_alone",
    "responsible",
    "deadline",
    "status",
    "status_note",
)
_INSERT_NODE = (
    f"INSERT INTO nodes ({', '.join(_NODE_COLUMNS)}) "
    f"VALUES ({', '.join(':' + c for c in _NODE_COLUMNS)})"
)


def _insert_node(db: Database, values: dict[str, Any], keep_id: int | None) -> int:
    """Insert one node row; reuse ``keep_id`` when it is free (restore keeps ids)."""
    row = dict.fromkeys(_NODE_COLUMNS, "")
    row.update(numbered=1, heading_alone=0, points_apart=0, title_alone=0, status="not_started")
    row.update(values)
    row["intro"] = json.dumps(row.get("intro") or [], ensure_ascii=False)
    row["section_kind"] = values.get("section_kind")
    free = (
        keep_id is not None
        and db.execute("SELECT 1 FROM nodes WHERE id = ?", [keep_id]).fetchone() is None
    )
    row["id"] = keep_id if free else None
    return db.execute(_INSERT_NODE, row).lastrowid


def insert_point(
    db: Database, material_id: int, parent_id: int, position: int, p: Point, keep_ids: bool = False
) -> int:
    return _insert_node(
        db,
        {
            "material_id": material_id,
            "parent_id": parent_id,
            "position": position,
            "kind": "point",
            "title": p.title,
            "body": p.body,
            "example": p.example,
            "example_lead": p.example_lead,
            "example_sep": p.example_sep,
            "numbered": int(p.numbered),
            "title_alone": int(p.title_alone),
            "responsible": p.responsible,
            "deadline": p.deadline,
            "status": p.status,
            "status_note": p.status_note,
        },
        p.id if keep_ids else None,
    )


def insert_dimension(
    db: Database,
    material_id: int,
    parent_id: int,
    position: int,
    d: Dimension,
    keep_ids: bool = False,
    id_map: dict[int, int] | None = None,
) -> int:
    node_id = _insert_node(
        db,
        {
            "material_id": material_id,
            "parent_id": parent_id,
            "position": position,
            "kind": "dimension",
            "heading": d.heading,
            "short_name": d.short_name,
            "heading_prefix": d.heading_prefix,
            "heading_suffix": d.heading_suffix,
            "intro": d.intro,
            "heading_alone": int(d.heading_alone),
            "points_apart": int(d.points_apart),
            "numbered": int(d.numbered),
        },
        d.id if keep_ids else None,
    )
    _remember(id_map, d.id, node_id)
    for i, p in enumerate(d.points):
        _remember(id_map, p.id, insert_point(db, material_id, node_id, i, p, keep_ids))
    return node_id


def insert_section(
    db: Database,
    material_id: int,
    position: int,
    s: Section,
    keep_ids: bool = False,
    id_map: dict[int, int] | None = None,
) -> int:
    node_id = _insert_node(
        db,
        {
            "material_id": material_id,
            "parent_id": None,
            "position": position,
            "kind": "section",
            "section_kind": s.kind,
            "heading": s.heading,
            "intro": s.intro,
            "numbered": int(s.numbered),
        },
        s.id if keep_ids else None,
    )
    _remember(id_map, s.id, node_id)
    for i, d in enumerate(s.dimensions):
        insert_dimension(db, material_id, node_id, i, d, keep_ids, id_map)
    for i, p in enumerate(s.points):
        _remember(id_map, p.id, insert_point(db, material_id, node_id, i, p, keep_ids))
    return node_id


def _remember(id_map: dict[int, int] | None, old: int | None, new: int) -> None:
    if id_map is not None and old is not None:
        id_map[old] = new


def insert_sections(
    db: Database, material_id: int, material: Material, keep_ids: bool = False
) -> list[list[list[int]]]:
    """Insert every section; returns point ids by position ``ids[s][d+1][p]`` (d = -1 → 0).
    ``keep_ids``: nodes that carry an id get it back when it is free (snapshot restore)."""
    ids: list[list[list[int]]] = []
    for si, s in enumerate(material.sections):
        bare = Section(kind=s.kind, heading=s.heading, intro=s.intro, numbered=s.numbered, id=s.id)
        section_id = insert_section(db, material_id, si, bare, keep_ids)
        own = [
            insert_point(db, material_id, section_id, i, p, keep_ids)
            for i, p in enumerate(s.points)
        ]
        per_dim = []
        for di, d in enumerate(s.dimensions):
            dim_id = insert_dimension(
                db,
                material_id,
                section_id,
                di,
                Dimension(
                    heading=d.heading,
                    short_name=d.short_name,
                    heading_prefix=d.heading_prefix,
                    heading_suffix=d.heading_suffix,
                    intro=d.intro,
                    heading_alone=d.heading_alone,
                    points_apart=d.points_apart,
                    numbered=d.numbered,
                    id=d.id,
                ),
                keep_ids,
            )
            per_dim.append(
                [
                    insert_point(db, material_id, dim_id, i, p, keep_ids)
                    for i, p in enumerate(d.points)
                ]
            )
        ids.append([own, *per_dim])
    return ids


def insert_position_links(db: Database, point_ids: list[list[list[int]]], links: list) -> None:
    """Links given as position pairs ``[[s, d, p], [s, d, p]]`` (d = -1: the section's own)."""
    for a, b in links:
        pa = point_ids[a[0]][a[1] + 1][a[2]]
        pb = point_ids[b[0]][b[1] + 1][b[2]]
        if pa != pb:
            db.execute(
                "INSERT OR IGNORE INTO links (problem_id, measure_id) VALUES (?, ?)", [pa, pb]
            )


def material_counts(material: Material) -> dict[str, int]:
    return {
        "word_count": material_word_count(material),
        "dimension_count": sum(len(s.dimensions) for s in material.sections),
        "point_count": len(material.all_points()),
    }


# ----- positions ------------------------------------------------------------------------------


def sibling_filter(material_id: int, parent_id: int | None, kind: str) -> tuple[str, list]:
    if parent_id is None:
        return "material_id = ? AND parent_id IS NULL AND kind = ?", [material_id, kind]
    return "material_id = ? AND parent_id = ? AND kind = ?", [material_id, parent_id, kind]


def sibling_count(db: Database, material_id: int, parent_id: int | None, kind: str) -> int:
    where, params = sibling_filter(material_id, parent_id, kind)
    return db.execute(f"SELECT count(*) FROM nodes WHERE {where}", params).fetchone()[0]


def open_gap(
    db: Database, material_id: int, parent_id: int | None, kind: str, position: int
) -> None:
    """Shift siblings at ``position`` and after one place down to make room."""
    where, params = sibling_filter(material_id, parent_id, kind)
    db.execute(
        f"UPDATE nodes SET position = position + 1 WHERE {where} AND position >= ?",
        [*params, position],
    )


def renumber(db: Database, material_id: int, parent_id: int | None, kind: str) -> None:
    """Positions 0..n-1 in the current order (after a removal or a move)."""
    where, params = sibling_filter(material_id, parent_id, kind)
    ids = [
        r[0]
        for r in db.execute(f"SELECT id FROM nodes WHERE {where} ORDER BY position, id", params)
    ]
    for i, node_id in enumerate(ids):
        db.execute("UPDATE nodes SET position = ? WHERE id = ? AND position <> ?", [i, node_id, i])


def subtree_ids(db: Database, node_id: int) -> list[int]:
    return [
        r[0]
        for r in db.execute(
            "WITH RECURSIVE sub(id) AS (SELECT ? UNION ALL"
            " SELECT n.id FROM nodes n JOIN sub ON n.parent_id = sub.id) SELECT id FROM sub",
            [node_id],
        )
    ]
