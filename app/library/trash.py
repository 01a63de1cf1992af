"""Trash for nodes: a deleted subtree is kept as JSON with its ids, its links and where it was,
so restoring puts it back at its old place with its old ids (when they are still free).

A node's id is its identity (ids are AUTOINCREMENT, and only the same node gets an old id back:
trash restore, undo, snapshot restore). So an entry whose node exists again — a restored
version (快照) brought it back — is "back": unchanged, it is no longer listed; changed, it is
listed (it holds text the material lacks) and restoring it swaps it with the node in the
material, which goes to the trash in its turn. No node is ever in the material twice.

Helpers run inside the caller's transaction.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from app.errors import InputError
from app.library import tree
from app.model import Dimension, Point, Section

if TYPE_CHECKING:  # annotations only; read-only opens run without sqlite_utils
    from sqlite_utils import Database

LABEL_CHARS = 40
_RECTIFICATION_DEFAULTS = {
    "responsible": "",
    "deadline": "",
    "status": "not_started",
    "status_note": "",
}


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
        title=d["title"],
        body=d["body"],
        example=d["example"],
        example_lead=d["example_lead"],
        example_sep=d["example_sep"],
        numbered=d.get("numbered", True),
        title_alone=d.get("title_alone", False),
        responsible=d.get("responsible", ""),
        deadline=d.get("deadline", ""),
        status=d.get("status", "not_started"),
        status_note=d.get("status_note", ""),
        id=d["id"],
    )


def _dimension(d: dict[str, Any]) -> Dimension:
    return Dimension(
        heading=d["heading"],
        short_name=d["short_name"],
        heading_prefix=d["heading_prefix"],
        heading_suffix=d["heading_suffix"],
        intro=list(d["intro"]),
        heading_alone=d.get("heading_alone", False),
        points_apart=d.get("points_apart", False),
        numbered=d.get("numbered", True),
        points=[_point(p) for p in d["points"]],
        id=d["id"],
    )


def _section(d: dict[str, Any]) -> Section:
    return Section(
        kind=d["kind"],
        heading=d["heading"],
        intro=list(d["intro"]),
        numbered=d.get("numbered", True),
        dimensions=[_dimension(x) for x in d["dimensions"]],
        points=[_point(p) for p in d["points"]],
        id=d["id"],
    )


def _shape(data: Any, drop: tuple[str, ...] = ("links",)) -> Any:
    """A node dict (``asdict``) without the keys in ``drop``, for comparing versions: links are
    restored on a best-effort basis, so they do not make two versions differ."""
    if isinstance(data, dict):
        if "example_lead" in data:  # a point trashed before m003 has no 整改 fields: defaults
            data = {**_RECTIFICATION_DEFAULTS, **data}
        return {k: _shape(v, drop) for k, v in data.items() if k not in drop}
    if isinstance(data, list):
        return [_shape(v, drop) for v in data]
    return data


def _ids_in(data: dict[str, Any]) -> list[int]:
    """The ids of a trashed subtree, root first."""
    ids = [data["id"]] if data.get("id") is not None else []
    for child in [*data.get("dimensions", []), *data.get("points", [])]:
        ids.extend(_ids_in(child))
    return ids


# Entries whose root node exists again in their material (json_extract: no JSON parsed in Python
# for the usual entry, whose node is gone).
_ROOT_ALIVE = (
    "SELECT t.id, t.material_id, t.content FROM trash t"
    " JOIN nodes n ON n.id = json_extract(t.content, '$.node.id') AND n.material_id = t.material_id"
    " WHERE t.kind <> 'material'"
)


def back_entry_ids(
    db: Database, material_id: int | None = None, roots: list[int] | None = None
) -> set[int]:
    """Trash entries whose node is in the material again, unchanged: nothing to restore."""
    sql, params = _ROOT_ALIVE, []
    if material_id is not None:
        sql, params = sql + " AND t.material_id = ?", [material_id]
    materials: dict[int, Any] = {}
    back = set()
    for entry_id, mid, content in db.execute(sql, params).fetchall():
        data = json.loads(content)["node"]
        if roots is not None and data["id"] not in roots:
            continue
        if mid not in materials:
            materials[mid] = tree.load_material(db, mid)
        live = find_node(materials[mid], data["id"])
        if live is not None and _shape(asdict(live)) == _shape(data):
            back.add(entry_id)
    return back


def adopt_trashed_ids(db: Database, material_id: int, nodes: list) -> None:
    """For a snapshot without recorded ids: a node (``nodes``: model objects in document order,
    ids None) equal in content to a trashed node takes the trashed ids, so the entry counts as
    back once the snapshot is restored instead of being restorable as a second copy."""
    kinds = {"section": Section, "dimension": Dimension, "point": Point}
    taken: set[int] = set()
    for kind, content in db.execute(
        "SELECT kind, content FROM trash WHERE material_id = ? AND kind <> 'material'"
        " ORDER BY deleted DESC, id DESC",
        [material_id],
    ).fetchall():
        data = json.loads(content)["node"]
        if taken.intersection(_ids_in(data)):
            continue
        wanted = _shape(data, ("links", "id"))
        for node in nodes:
            if (
                node.id is None
                and isinstance(node, kinds[kind])
                and _shape(asdict(node), ("links", "id")) == wanted
            ):
                _give_ids(node, data)
                taken.update(_ids_in(data))
                break


def _give_ids(node, data: dict[str, Any]) -> None:
    node.id = data["id"]
    for child, child_data in zip(
        getattr(node, "dimensions", []), data.get("dimensions", []), strict=True
    ):
        _give_ids(child, child_data)
    for child, child_data in zip(getattr(node, "points", []), data.get("points", []), strict=True):
        _give_ids(child, child_data)


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


def trash_subtree(
    db: Database, row: dict[str, Any], deleted: str, entry_id: int | None = None
) -> int:
    """Remove the node's subtree from ``nodes`` into a ``trash`` entry; returns the entry id
    (``entry_id`` when given: undoing a restore puts the entry back under its old id)."""
    material = tree.load_material(db, row["material_id"])
    node = find_node(material, row["id"])
    ids = tree.subtree_ids(db, row["id"])
    parent = tree.node_row(db, row["parent_id"]) if row["parent_id"] is not None else None
    content = {
        "node": asdict(node),
        "parent_kind": parent["kind"] if parent else None,
        "links": subtree_links(db, ids),
    }
    # Entries of this node that a snapshot restore made "back" would be listed again beside the
    # new one once the node is gone: the new entry holds the same text, so they go.
    for stale in back_entry_ids(db, row["material_id"], ids):
        db.execute("DELETE FROM trash WHERE id = ?", [stale])
    if (
        entry_id is not None
        and db.execute("SELECT 1 FROM trash WHERE id = ?", [entry_id]).fetchone()
    ):
        entry_id = None  # taken: a new id rather than two entries in one
    entry = db.execute(
        "INSERT INTO trash (id, material_id, kind, label, deleted, parent_id, position, content)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            entry_id,
            row["material_id"],
            row["kind"],
            node_label(node),
            deleted,
            row["parent_id"],
            row["position"],
            json.dumps(content, ensure_ascii=False),
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


def _fitting_parent(
    db: Database, material_id: int, kind: str, parent_id, parent_kind
) -> int | None:
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
        queries = (
            [_FIRST_DIMENSION, section]
            if parent_kind == "dimension"
            else [section, _FIRST_DIMENSION]
        )
    for sql in queries:
        found = db.execute(sql, [material_id]).fetchone()
        if found:
            return found[0]
    raise InputError(
        "无法恢复：材料中已没有可以放置它的部分",
        "cannot restore: the material has no section or dimension to hold it",
    )


def _displace(
    db: Database, material_id: int, data: dict[str, Any], displaced: list[int]
) -> dict[str, Any] | None:
    """Move to the trash every node of the trashed subtree that is in the material again (a
    snapshot restore brought back another version), so restoring adds no second copy. Returns
    the row the root had, when it was there: the restored version takes its place. The new
    entries' ids go to ``displaced``."""
    root = None
    for node_id in _ids_in(data):
        row = tree.node_row(db, node_id)
        if row is None or row["material_id"] != material_id:
            continue
        if node_id == data["id"]:
            root = row
        displaced.append(trash_subtree(db, row, tree.now()))
    return root


def restore_subtree(
    db: Database, entry: dict[str, Any], outcome: dict[str, Any] | None = None
) -> int:
    """Put a trashed subtree back; returns the restored node's id. An entry whose node is back
    unchanged is only removed; one whose node is back changed swaps with it (``_displace``).
    ``outcome`` (for undo) gets ``was_back`` and the ``displaced`` entry ids."""
    content = json.loads(entry["content"])
    kind, material_id = entry["kind"], entry["material_id"]
    data = content["node"]
    outcome = {} if outcome is None else outcome
    outcome.update(was_back=False, displaced=[])
    if entry["id"] in back_entry_ids(db, material_id, [data["id"]]):
        db.execute("DELETE FROM trash WHERE id = ?", [entry["id"]])
        outcome["was_back"] = True
        return data["id"]
    replaced = _displace(db, material_id, data, outcome["displaced"])
    if replaced is not None:
        entry = {**entry, "parent_id": replaced["parent_id"], "position": replaced["position"]}
    parent_id = _fitting_parent(db, material_id, kind, entry["parent_id"], content["parent_kind"])
    count = tree.sibling_count(db, material_id, parent_id, kind)
    old_place = parent_id == entry["parent_id"] and entry["position"] is not None
    position = min(entry["position"], count) if old_place else count
    tree.open_gap(db, material_id, parent_id, kind, position)
    id_map: dict[int, int] = {}
    if kind == "section":
        node_id = tree.insert_section(db, material_id, position, _section(data), True, id_map)
    elif kind == "dimension":
        node_id = tree.insert_dimension(
            db, material_id, parent_id, position, _dimension(data), True, id_map
        )
    else:
        point = _point(data)
        node_id = tree.insert_point(db, material_id, parent_id, position, point, keep_ids=True)
        id_map[point.id] = node_id
    for a, b in content["links"]:
        a, b = id_map.get(a, a), id_map.get(b, b)
        db.execute(
            "INSERT OR IGNORE INTO links (problem_id, measure_id)"
            " SELECT ?, ? WHERE (SELECT count(*) FROM nodes WHERE id IN (?, ?) AND kind = "
            "'point') = 2",
            [a, b, a, b],
        )
    db.execute("DELETE FROM trash WHERE id = ?", [entry["id"]])
    return node_id
