"""The outline's drag and drop: which rows may be dragged and dropped where, the MIME data a
drag carries, and what a drop asks for.

Apart from ``ui.outline_model`` because it decides moves, not what the tree shows. A drop never
changes the model: ``dropMimeData`` emits the model's ``moveRequested`` so the window can push
an undoable command, whose result comes back through ``OutlineModel.sync``.

Mixed into ``OutlineModel``, which provides ``item_at``, ``item_for`` and ``moveRequested``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, Qt

if TYPE_CHECKING:
    from ui.outline_model import OutlineItem

MIME_TYPE = "application/x-duizhao-node"

# Each row's flags by kind, combined once: the view asks for them per row on every paint, and
# combining Python enum flags costs microseconds each time.
_SELECTABLE = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_ITEM_FLAGS = {
    "material": _SELECTABLE | Qt.ItemFlag.ItemIsDropEnabled,
    "section": _SELECTABLE | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled,
    "dimension": _SELECTABLE | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled,
    "point": _SELECTABLE | Qt.ItemFlag.ItemIsDragEnabled,
}


class OutlineDragDropMixin:
    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        item = self.item_at(index)
        if item is None:
            return Qt.ItemFlag.NoItemFlags
        return _ITEM_FLAGS.get(item.kind, _SELECTABLE)

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes) -> QMimeData:
        mime = QMimeData()
        items = [self.item_at(i) for i in indexes]
        keys = [str(i.key) for i in items if i is not None and i.kind != "material"]
        mime.setData(MIME_TYPE, QByteArray(",".join(keys[:1]).encode()))
        return mime

    def _dragged(self, mime: QMimeData) -> OutlineItem | None:
        if mime is None or not mime.hasFormat(MIME_TYPE):
            return None
        raw = bytes(mime.data(MIME_TYPE).data()).decode(errors="replace")
        try:
            return self.item_for(int(raw))
        except ValueError:
            return None

    def drop_target(self, item: OutlineItem, row: int, parent: QModelIndex):
        """Where a drop of ``item`` at (row, parent) lands: (new parent item, position after
        removal), or None when the drop makes no sense (a point onto the material, …)."""
        target = self.item_at(parent)
        if target is None:
            return None
        if row < 0:  # dropped onto an item: onto a sibling of the same kind means "before it"
            if target.kind == item.kind and target.parent is not None:
                row, target = target.row(), target.parent
            else:
                row = len(target.children)
        allowed = {
            "point": ("section", "dimension"),
            "dimension": ("section",),
            "section": ("material",),
        }
        if target.kind not in allowed.get(item.kind, ()):
            return None
        if target is item or self._is_ancestor(item, target):
            return None
        # tree rows mix a section's points and dimensions; library positions count only
        # siblings of the same kind, after the dragged item is taken out
        before = [c for c in target.children[:row] if c.kind == item.kind and c is not item]
        return target, len(before)

    @staticmethod
    def _is_ancestor(item: OutlineItem, other: OutlineItem) -> bool:
        node = other.parent
        while node is not None:
            if node is item:
                return True
            node = node.parent
        return False

    def canDropMimeData(self, mime, action, row, column, parent) -> bool:
        item = self._dragged(mime)
        return item is not None and self.drop_target(item, row, parent) is not None

    def dropMimeData(self, mime, action, row, column, parent) -> bool:
        item = self._dragged(mime)
        if item is None or action == Qt.DropAction.IgnoreAction:
            return False
        target = self.drop_target(item, row, parent)
        if target is None:
            return False
        new_parent, position = target
        if new_parent is item.parent and item.position() == position:
            return False
        parent_id = None if new_parent.kind == "material" else new_parent.key
        self.moveRequested.emit(item.key, parent_id, position)
        # False: the view must not remove the source rows; the command's sync moves them
        return False
