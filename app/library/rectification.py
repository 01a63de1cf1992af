"""Library methods of the 整改清单 (issue 17): a new measure made from a problem, in one step.

Mixed into ``app.library.Library``, which provides ``db``, ``_write``, ``_touch`` and the row
look-ups. The list's own fields (责任人, 完成时限, 整改状态, note) are point fields written by
``update_node``; links by ``link_points``.
"""

from __future__ import annotations

from app.errors import InputError
from app.library import fields, tree
from app.model import Point, Section

MEASURES_HEADING = "努力方向和整改措施"


class RectificationMethods:
    def add_measure_for(self, problem_id: int, title: str = "") -> tuple[int, int]:
        """A new measure point linked to the problem point ``problem_id``, at the end of the
        material's (first) measures section — made, headed 努力方向和整改措施, when there is
        none. One transaction. Returns (id of the node created first: the section when one was
        made, else the point; the new point's id), so one delete undoes it."""
        point = Point(title=title)
        fields.check_point(point)
        with self._write():
            row = self._node_row(problem_id)
            if row["kind"] != "point":
                raise InputError("只能为要点新建整改措施", "a measure is made from a point")
            mid = row["material_id"]
            found = self.db.execute(
                "SELECT id FROM nodes WHERE material_id = ? AND parent_id IS NULL"
                " AND kind = 'section' AND section_kind = 'measures' ORDER BY position LIMIT 1",
                [mid],
            ).fetchone()
            created = None
            if found is None:
                position = tree.sibling_count(self.db, mid, None, "section")
                fields.check_count("section", position + 1)
                section = Section(kind="measures", heading=MEASURES_HEADING)
                created = tree.insert_section(self.db, mid, position, section)
                parent = created
            else:
                parent = self._measure_parent(mid, found[0])
            position = tree.sibling_count(self.db, mid, parent, "point")
            fields.check_count("point", position + 1)
            point_id = tree.insert_point(self.db, mid, parent, position, point)
            self.db.execute(
                "INSERT INTO links (problem_id, measure_id) VALUES (?, ?)", [problem_id, point_id]
            )
            self._touch(mid)
            return (created if created is not None else point_id), point_id

    def _measure_parent(self, material_id: int, section_id: int) -> int:
        """Where a new measure goes: the section's last dimension when it has dimensions
        (（一）（二）… sub-headings), else the section itself."""
        last = self.db.execute(
            "SELECT id FROM nodes WHERE material_id = ? AND parent_id = ? AND kind = 'dimension'"
            " ORDER BY position DESC LIMIT 1",
            [material_id, section_id],
        ).fetchone()
        return last[0] if last else section_id
