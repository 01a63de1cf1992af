"""Structure edits of the open material: add, delete, duplicate, move, link, restore a version.

Each handler works out ids and positions from the outline, then runs one undoable command
(``MainWindow.run_command``); the window refreshes itself from the library afterwards.
"""

from __future__ import annotations

from app.errors import InputError
from app.model import Dimension, Numbering, Point
from app.templates import get_template
from ui.commands import (
    AddMeasureCommand,
    DeleteNodeCommand,
    DuplicateNodeCommand,
    InsertNodeCommand,
    LinkPointsCommand,
    MoveNodeCommand,
    RestoreFromTrashCommand,
    RestoreSnapshotCommand,
)
from ui.outline_model import MATERIAL_KEY, OutlineItem
from ui.outline_view import link_candidates, section_of
from ui.panels import PanelContext


class EditorActionsMixin:
    # ----- insert ------------------------------------------------------------------------------
    def _point_slot(self, item: OutlineItem | None, before: bool) -> tuple[int, int] | None:
        """(parent id, position) for a new point next to the current node."""
        if item is None or self.material is None:
            return None
        if item.kind == "point":
            return item.parent.key, item.position() + (0 if before else 1)
        if item.kind == "dimension":
            return item.key, 0 if before else len(item.obj.points)
        section = item if item.kind == "section" else None
        if section is None:  # the material row: the first section
            section = next((c for c in item.children if c.kind == "section"), None)
        if section is None:
            return None
        dims = [c for c in section.children if c.kind == "dimension"]
        if dims and not before:  # a problems section gets new points in its last dimension
            return dims[-1].key, len(dims[-1].obj.points)
        return section.key, 0 if before else len(section.obj.points)

    def _insert_point(self, before: bool) -> int | None:
        slot = self._point_slot(self.current_item(), before)
        if slot is None:
            return None
        command = InsertNodeCommand(self.library, "point", slot[0], slot[1], Point())
        if not self.run_command(command):
            return None
        self.select_node(command.node_id)
        self.panels.panels["point"].title_edit.setFocus()
        return command.node_id

    def add_point(self) -> int | None:
        return self._insert_point(before=False)

    def add_point_before(self) -> int | None:
        return self._insert_point(before=True)

    def add_dimension(self) -> int | None:
        item = self.current_item()
        if item is None:
            return None
        section = section_of(item)
        if section is None:  # the material row: the problems section, else the first one
            sections = [c for c in item.children if c.kind == "section"]
            section = next((s for s in sections if s.obj.kind == "problems"), None)
            section = section or (sections[0] if sections else None)
        if section is None:
            return None
        dims = [c for c in section.children if c.kind == "dimension"]
        current_dim = (
            item
            if item.kind == "dimension"
            else (item.parent if item.kind == "point" and item.parent.kind == "dimension" else None)
        )
        position = current_dim.position() + 1 if current_dim else len(dims)
        command = InsertNodeCommand(
            self.library, "dimension", section.key, position, self._new_dimension()
        )
        if not self.run_command(command):
            return None
        self.select_node(command.node_id)
        self.panels.panels["dimension"].heading_edit.setFocus()
        return command.node_id

    def _new_dimension(self) -> Dimension:
        """New dimensions take the template's run-in frame (在“…”方面：)."""
        try:
            template = get_template(self.material.template_id)
        except InputError:
            return Dimension()
        return Dimension(
            heading_prefix=template.dimension_prefix, heading_suffix=template.dimension_suffix
        )

    # ----- delete / duplicate --------------------------------------------------------------------
    def delete_node(self) -> bool:
        item = self.current_item()
        if item is None or item.kind == "material":
            return False
        siblings = item.parent.children
        row = item.row()
        neighbour = (
            siblings[row + 1]
            if row + 1 < len(siblings)
            else (siblings[row - 1] if row > 0 else item.parent)
        )
        return self.run_command(DeleteNodeCommand(self.library, item.key), select=neighbour.key)

    def duplicate_node(self) -> int | None:
        item = self.current_item()
        if item is None or item.kind == "material":
            return None
        command = DuplicateNodeCommand(self.library, item.key)
        if not self.run_command(command):
            return None
        self.select_node(command.node_id)
        return command.node_id

    # ----- move -----------------------------------------------------------------------------------
    def move_node_to(self, node_id: int, parent_id, position: int) -> bool:
        """A drop, or a key move: one undoable move; the node stays selected."""
        if not self.flush_pending():
            return False
        return self.run_command(
            MoveNodeCommand(self.library, node_id, parent_id, position), select=node_id
        )

    def move_up(self) -> bool:
        return self._move_by(-1)

    def move_down(self) -> bool:
        return self._move_by(+1)

    def _move_by(self, delta: int) -> bool:
        item = self.current_item()
        if item is None or item.kind == "material":
            return False
        parent = item.parent
        same = [c for c in parent.children if c.kind == item.kind]
        index = same.index(item)
        parent_id = None if parent.kind == "material" else parent.key
        if 0 <= index + delta < len(same):
            return self.move_node_to(item.key, parent_id, index + delta)
        # at the edge of a dimension a point moves on into the neighbouring dimension
        if item.kind == "point" and parent.kind == "dimension":
            dims = [c for c in parent.parent.children if c.kind == "dimension"]
            d = dims.index(parent) + delta
            if 0 <= d < len(dims):
                target = dims[d]
                position = len(target.obj.points) if delta < 0 else 0
                return self.move_node_to(item.key, target.key, position)
        return False

    # ----- links ---------------------------------------------------------------------------------
    def link_points(self, point_id: int, other_id: int) -> bool:
        problem, measure = self._problem_first(point_id, other_id)
        return self.run_command(LinkPointsCommand(self.library, problem, measure), select=point_id)

    def unlink_points(self, point_id: int, other_id: int) -> bool:
        problem, measure = self._problem_first(point_id, other_id)
        return self.run_command(
            LinkPointsCommand(self.library, problem, measure, unlink=True), select=point_id
        )

    def add_measure_for(self, point_id: int) -> bool:
        """新建整改措施 from the problem ``point_id``: linked to it, one undo step; the problem
        stays selected (its panel lists the new link)."""
        item = self.outline_model.item_for(point_id)
        title = item.obj.title.strip() if item is not None else ""
        draft = f"针对“{title}”的整改措施" if title else ""
        command = AddMeasureCommand(self.library, point_id, draft)
        return self.run_command(command, select=point_id)

    def _problem_first(self, a: int, b: int) -> tuple[int, int]:
        item = self.outline_model.item_for(a)
        section = section_of(item) if item is not None else None
        return (b, a) if section is not None and section.obj.kind == "measures" else (a, b)

    # ----- versions -------------------------------------------------------------------------------
    def restore_snapshot(self, snapshot_id: int) -> bool:
        if self.material_id is None or not self.flush_pending():
            return False
        before = self.library.get_material(self.material_id)
        command = RestoreSnapshotCommand(self.library, self.material_id, snapshot_id, before)
        ok = self.run_command(command, select=MATERIAL_KEY)
        self.snapshots_dock.refresh()
        return ok

    def restore_trash_entry(self, trash_id: int) -> int:
        """The trash dialog's restore: an entry of the open material is restored as an undoable
        step (Ctrl+Z puts it back), others straight through the library. Raises on failure."""
        open_entries = (
            {e.id for e in self.library.list_trash(self.material_id)} if self.material_id else set()
        )
        if trash_id not in open_entries or not self.flush_pending():
            return self.library.restore_from_trash(trash_id)
        command = RestoreFromTrashCommand(self.library, trash_id)
        if not self.push_command(command, report=False):  # the dialog shows the error
            raise command.error
        self.select_node(command.node_id)
        return command.node_id

    # ----- panel context and enabled state --------------------------------------------------------
    def panel_context(self, item: OutlineItem) -> PanelContext:
        # the numbers the export prints (point style, running text without a number)
        numbering = Numbering(self.material)
        labels: dict[int, str] = {}

        def label(where: str, number: str, point: Point) -> str:
            # running text has no number: no gap for it (the title is shown as typed)
            return f"{where} · " + " ".join(part for part in (number, point.title) if part)

        for si, section in enumerate(self.material.sections):
            for p, number in zip(section.points, numbering.points(si), strict=True):
                labels[p.id] = label(section.heading, number, p)
            for di, d in enumerate(section.dimensions):
                for p, number in zip(d.points, numbering.points(si, di), strict=True):
                    labels[p.id] = label(d.short_name or d.heading[:10], number, p)
        return PanelContext(
            number_label=self.breadcrumb(item),
            link_labels=labels,
            link_choices=self._link_choices(item, labels),
            can_make_measure=_section_kind(item) == "problems",
        )

    def breadcrumb(self, item: OutlineItem) -> str:
        """Where the node is, shown above its panel: the outline rows from the section down
        (numbers and names as the outline shows them, without the point counts)."""
        names = []
        node = item
        while node is not None and node.kind != "material":
            names.append(self.outline_model.label(node).split("  ")[0])
            node = node.parent
        return " › ".join(reversed(names))

    def refresh_breadcrumb(self) -> None:
        """After typing a title or heading the outline row changes: so does the line above the
        panel (it kept the old text, "（无标题）" included, until another node was chosen)."""
        item = self.current_item()
        panel = self.panels.current_panel()
        if item is not None and item.kind != "material" and panel is not None:
            panel.heading_label.setText(self.breadcrumb(item))

    def _link_choices(self, item: OutlineItem, labels: dict[int, str]) -> list[tuple[int, str]]:
        """What a point may be linked to from its panel (a problem to the measures, a measure
        to the problems), less what it is linked to already."""
        linked = set(item.obj.links) if item.kind == "point" else set()
        return [c for c in link_candidates(self.outline_model, item) if c[0] not in linked]

    def _update_enabled(self) -> None:
        item = self.current_item()
        a = self.actions_by_name
        has_node = item is not None and item.kind != "material"
        has_material = self.material is not None
        for name in ("actionDeleteNode", "actionDuplicateNode", "actionMoveUp", "actionMoveDown"):
            a[name].setEnabled(has_node)
        for name in (
            "actionAddPoint",
            "actionAddPointBefore",
            "actionAddDimension",
            "actionExportTxt",
            "actionExportMd",
            "actionExportJson",
        ):
            a[name].setEnabled(has_material)


def _section_kind(item: OutlineItem | None) -> str:
    section = section_of(item) if item is not None else None
    return section.obj.kind if section is not None else ""
