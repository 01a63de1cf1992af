"""Named versions (快照) of a material, and restoring one.

A snapshot is the material's interchange JSON plus ``node_ids``: every node's id in document
order (per section: the section, its own points, then each dimension and its points). Restoring
re-creates the nodes with those ids (they are free again: the material's nodes are replaced), so
a node keeps its identity across a restore. That is what lets the trash see that a deleted point
is back (``trash``) and keeps earlier undo steps naming nodes that exist.

Snapshots written before ``node_ids`` existed restore with new ids, except that a node equal in
content to a trash entry of the material takes that entry's ids (so the entry counts as back).

``SnapshotMethods`` is mixed into ``app.library.Library`` (``db``, ``_write``, ``readonly``,
``get_material``, ``replace_material``, ``_material_row``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from app.errors import InputError
from app.library import fields, trash, tree
from app.model import Material, material_word_count
from app.serialize import material_from_json, material_to_dict

AUTO_SNAPSHOT_NAME = "恢复前自动保存"
NODE_IDS_KEY = "node_ids"

if TYPE_CHECKING:
    from app.library.records import SnapshotInfo


def _nodes_in_order(material: Material) -> list:
    out: list = []
    for s in material.sections:
        out.append(s)
        out.extend(s.points)
        for d in s.dimensions:
            out.append(d)
            out.extend(d.points)
    return out


def snapshot_json(material: Material) -> str:
    data = material_to_dict(material)
    data[NODE_IDS_KEY] = [node.id for node in _nodes_in_order(material)]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _set_ids(material: Material, content: str) -> bool:
    """Give the snapshot's nodes their recorded ids; False when it has none (older snapshot)."""
    try:
        ids = json.loads(content).get(NODE_IDS_KEY)
    except (ValueError, AttributeError):
        return False
    nodes = _nodes_in_order(material)
    if not isinstance(ids, list) or len(ids) != len(nodes):
        return False
    if not all(type(i) is int for i in ids) or len(set(ids)) != len(ids):
        return False
    for node, node_id in zip(nodes, ids, strict=True):
        node.id = node_id
    return True


class SnapshotMethods:
    def create_snapshot(self, material_id: int, name: str) -> int:
        if not isinstance(name, str):
            raise InputError("快照名称应为文本", "snapshot name must be text")
        with self._durable(), self._write():
            material = self.get_material(material_id)
            return self.db.execute(
                "INSERT INTO revisions (material_id, name, created, word_count, content) VALUES (?,"
                " ?, ?, ?, ?)",
                [
                    material_id,
                    name.strip() or tree.now(),
                    tree.now(),
                    material_word_count(material),
                    snapshot_json(material),
                ],
            ).lastrowid

    @contextmanager
    def _durable(self) -> Iterator[None]:
        """synchronous=FULL for an explicit snapshot (NORMAL for ordinary edits)."""
        top = not self.readonly and not self.db.conn.in_transaction
        if top:
            self.db.execute("PRAGMA synchronous = FULL")
        try:
            yield
        finally:
            if top:
                self.db.execute("PRAGMA synchronous = NORMAL")

    def list_snapshots(self, material_id: int) -> list[SnapshotInfo]:
        from app.library.records import SnapshotInfo

        self._material_row(material_id)
        cursor = self.db.execute(
            "SELECT id, material_id, name, created, word_count FROM revisions WHERE material_id = ?"
            " ORDER BY created DESC, id DESC",
            [material_id],
        )
        return [SnapshotInfo(*row) for row in cursor.fetchall()]

    def _snapshot(self, snapshot_id: int) -> tuple[int, Material, list, str]:
        row = self.db.execute(
            "SELECT material_id, content FROM revisions WHERE id = ?", [snapshot_id]
        ).fetchone()
        if row is None:
            raise fields.not_found("快照", "snapshot", snapshot_id)
        material, links = material_from_json(row[1])
        return row[0], material, links, row[1]

    def get_snapshot(self, snapshot_id: int) -> Material:
        """The version's material; its nodes carry the ids they had (when the snapshot recorded
        them), so a comparison with another version can tell a moved point from a new one."""
        _material_id, material, _links, content = self._snapshot(snapshot_id)
        _set_ids(material, content)
        return material

    def restore_snapshot(self, snapshot_id: int) -> int:
        """Snapshot the current state first (named “恢复前自动保存”), then replace the content,
        nodes keeping the ids they had when the snapshot was taken. Trash entries whose node is
        back unchanged stop being listed (``trash``). Returns the id of the automatic
        snapshot (so undo can restore it)."""
        material_id, material, links, content = self._snapshot(snapshot_id)
        with self._durable(), self._write():
            if not _set_ids(material, content):
                trash.adopt_trashed_ids(self.db, material_id, _nodes_in_order(material))
            auto = self.create_snapshot(material_id, AUTO_SNAPSHOT_NAME)
            self.replace_material(material_id, material, links)
            return auto
