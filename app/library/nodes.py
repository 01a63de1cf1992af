"""Node editing half of the ``Library`` API (sections, dimensions, points, trash, links).

Mixed into ``app.library.Library``, which provides ``db``, ``_write``, ``_touch`` and the row
look-ups; every method here is one transaction like the rest of the library.
"""

from __future__ import annotations

from app.errors import InputError
from app.library import fields, trash, tree
from app.model import Dimension, Point, Section

NodeKind = str  # "section" | "dimension" | "point"
_KIND_ZH = fields.KIND_ZH


class NodeEditing:
    # ----- nodes -------------------------------------------------------------------------------
    def node_kind(self, node_id: int) -> NodeKind:
        return self._node_row(node_id)["kind"]

    def node_location(self, node_id: int) -> tuple[int, int | None, int]:
        """(material_id, parent_id or None for a section, position among siblings)."""
        row = self._node_row(node_id)
        return row["material_id"], row["parent_id"], row["position"]

    def update_node(self, node_id: int, **changes) -> None:
        """section: heading, intro, kind; dimension: heading, short_name, heading_prefix,
        heading_suffix, intro; point: title, body, example, example_lead, example_sep."""
        with self._write():
            row = self._node_row(node_id)
            values = fields.node_changes(row["kind"], changes)
            if values:
                sets = ", ".join(f"{c} = :{c}" for c in values)
                self.db.execute(
                    f"UPDATE nodes SET {sets} WHERE id = :id", {**values, "id": node_id}
                )
            self._touch(row["material_id"])

    def _insert_at(
        self, material_id: int, parent_id: int | None, kind: str, position: int, insert
    ) -> int:
        count = tree.sibling_count(self.db, material_id, parent_id, kind)
        fields.check_count(kind, count + 1)
        position = max(0, min(fields.position(position), count))
        tree.open_gap(self.db, material_id, parent_id, kind, position)
        node_id = insert(position)
        self._touch(material_id)
        return node_id

    def insert_section(
        self, material_id: int, position: int, section: Section | None = None
    ) -> int:
        section = section or Section()
        fields.check_section(section)
        with self._write():
            self._material_row(material_id)
            return self._insert_at(
                material_id,
                None,
                "section",
                position,
                lambda pos: tree.insert_section(self.db, material_id, pos, section),
            )

    def insert_dimension(
        self, section_id: int, position: int, dimension: Dimension | None = None
    ) -> int:
        dimension = dimension or Dimension()
        fields.check_dimension(dimension)
        with self._write():
            parent = self._parent_row(section_id, "dimension")
            mid = parent["material_id"]
            return self._insert_at(
                mid,
                section_id,
                "dimension",
                position,
                lambda pos: tree.insert_dimension(self.db, mid, section_id, pos, dimension),
            )

    def insert_point(self, parent_id: int, position: int, point: Point | None = None) -> int:
        """parent is a section or a dimension. Position is clamped to 0..len."""
        point = point or Point()
        fields.check_point(point)
        with self._write():
            parent = self._parent_row(parent_id, "point")
            mid = parent["material_id"]
            return self._insert_at(
                mid,
                parent_id,
                "point",
                position,
                lambda pos: tree.insert_point(self.db, mid, parent_id, pos, point),
            )

    def _parent_row(self, parent_id: int | None, child_kind: str) -> dict:
        """The node that may hold a child of ``child_kind``; InputError when it cannot."""
        allowed = {"point": ("section", "dimension"), "dimension": ("section",)}[child_kind]
        if parent_id is None:
            raise InputError(
                f"{_KIND_ZH[child_kind]}必须放在部分中", f"a {child_kind} needs a parent"
            )
        row = self._node_row(parent_id)
        if row["kind"] not in allowed:
            raise InputError(
                f"{_KIND_ZH[child_kind]}不能放在{_KIND_ZH[row['kind']]}下",
                f"a {child_kind} cannot go under a {row['kind']}",
            )
        return row

    def move_node(self, node_id: int, new_parent_id: int | None, new_position: int) -> None:
        """Reorder within or across parents of the right kind (points into sections/dimensions,
        dimensions into sections, sections within the material: new_parent_id None).
        ``new_position`` is the index in the destination list *after* removal."""
        with self._write():
            row = self._node_row(node_id)
            kind, mid = row["kind"], row["material_id"]
            if kind == "section":
                if new_parent_id is not None:
                    raise InputError(
                        "部分只能在材料内调整顺序", "a section can only move within its material"
                    )
            elif self._parent_row(new_parent_id, kind)["material_id"] != mid:
                raise InputError(
                    "不能移动到另一份材料中", "cannot move a node into another material"
                )
            where, params = tree.sibling_filter(mid, new_parent_id, kind)
            siblings = [
                r[0]
                for r in self.db.execute(
                    f"SELECT id FROM nodes WHERE {where} ORDER BY position, id", params
                )
                if r[0] != node_id
            ]
            siblings.insert(max(0, min(fields.position(new_position), len(siblings))), node_id)
            fields.check_count(kind, len(siblings))
            self.db.execute("UPDATE nodes SET parent_id = ? WHERE id = ?", [new_parent_id, node_id])
            for i, sibling in enumerate(siblings):
                self.db.execute("UPDATE nodes SET position = ? WHERE id = ?", [i, sibling])
            if row["parent_id"] != new_parent_id:
                tree.renumber(self.db, mid, row["parent_id"], kind)
            self._touch(mid)

    def duplicate_node(self, node_id: int) -> int:
        """A copy of the node's subtree placed right after it; returns the copy's id."""
        with self._write():
            row = self._node_row(node_id)
            mid, parent_id, kind = row["material_id"], row["parent_id"], row["kind"]
            node = trash.find_node(tree.load_material(self.db, mid), node_id)
            id_map: dict[int, int] = {}
            links = trash.subtree_links(self.db, tree.subtree_ids(self.db, node_id))

            def insert(pos: int) -> int:
                if kind == "section":
                    return tree.insert_section(self.db, mid, pos, node, id_map=id_map)
                if kind == "dimension":
                    return tree.insert_dimension(self.db, mid, parent_id, pos, node, id_map=id_map)
                id_map[node.id] = tree.insert_point(self.db, mid, parent_id, pos, node)
                return id_map[node.id]

            copy_id = self._insert_at(mid, parent_id, kind, row["position"] + 1, insert)
            # The copy keeps the original's links (a copied problem still maps to its measures).
            for a, b in links:
                self.db.execute(
                    "INSERT OR IGNORE INTO links (problem_id, measure_id) VALUES (?, ?)",
                    [id_map.get(a, a), id_map.get(b, b)],
                )
            return copy_id

    def delete_node(self, node_id: int, entry_id: int | None = None) -> int:
        """Move the subtree to the trash; returns the trash entry id — ``entry_id`` when given
        and free (a redone Delete keeps its entry's id, which later undo steps may name)."""
        with self._write():
            row = self._node_row(node_id)
            entry = trash.trash_subtree(self.db, row, tree.now(), entry_id)
            self._touch(row["material_id"])
            return entry

    def _point_pair(self, problem_point_id: int, measure_point_id: int) -> None:
        a, b = self._node_row(problem_point_id), self._node_row(measure_point_id)
        if a["kind"] != "point" or b["kind"] != "point":
            raise InputError("只能关联两个要点", "only two points can be linked")
        if a["material_id"] != b["material_id"] or a["id"] == b["id"]:
            raise InputError(
                "只能关联同一材料中的两个不同要点",
                "links join two different points of one material",
            )

    def link_points(self, problem_point_id: int, measure_point_id: int) -> None:
        with self._write():
            self._point_pair(problem_point_id, measure_point_id)
            linked = self.db.execute(
                "SELECT 1 FROM links WHERE (problem_id = ? AND measure_id = ?) OR (problem_id = ? "
                "AND measure_id = ?)",
                [problem_point_id, measure_point_id, measure_point_id, problem_point_id],
            ).fetchone()
            if not linked:
                self.db.execute(
                    "INSERT INTO links (problem_id, measure_id) VALUES (?, ?)",
                    [problem_point_id, measure_point_id],
                )
            self._touch(self.node_location(problem_point_id)[0])

    def unlink_points(self, problem_point_id: int, measure_point_id: int) -> None:
        with self._write():
            self._point_pair(problem_point_id, measure_point_id)
            self.db.execute(
                "DELETE FROM links WHERE (problem_id = ? AND measure_id = ?) OR (problem_id = ? "
                "AND measure_id = ?)",
                [problem_point_id, measure_point_id, measure_point_id, problem_point_id],
            )
            self._touch(self.node_location(problem_point_id)[0])
