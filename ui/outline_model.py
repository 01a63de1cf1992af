"""OutlineModel — 提纲: a thin QAbstractItemModel over one Material.

Rows: the material itself (one top-level row), its sections (一、), a section's points and
dimensions ((一)), a dimension's points (一是). A section lists its own points first, then its
dimensions, the same reading order as ``Section.all_points``. Labels carry the numbers as the
export prints them (``app.model.Numbering``), never stored.

``sync(material)`` brings the tree in line with a fresh Material read from the library after a
command: every structural difference is applied with begin/endInsertRows, MoveRows or RemoveRows
so views keep their selection and expansion; then every label is recomputed (numbering and
counts may change anywhere) and changed ones emit dataChanged. Between commands, typing changes
one node's text: ``refresh_labels`` relabels only the rows whose own text changed.
Drag and drop is mixed in from ``ui.outline_drag_drop``: drops do not change the model, they
emit ``moveRequested`` so the window can push an undoable command, whose result comes back
through ``sync``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    Qt,
    Signal,
)

from app.exporters.title_breaks import one_line
from app.model import Dimension, Material, Numbering, Point, Section
from ui.outline_drag_drop import OutlineDragDropMixin

MATERIAL_KEY = 0  # node ids from SQLite start at 1, so 0 is free for the material row
_NO_PARENT = QModelIndex()  # default argument of the Qt overrides
NodeRole = Qt.ItemDataRole.UserRole + 1  # the node id (None for the material row)
KindRole = Qt.ItemDataRole.UserRole + 2  # "material" | "section" | "dimension" | "point"
TITLE_PREVIEW = 24  # characters of a point title shown in the tree


@dataclass(eq=False)  # identity: rows and labels are cached per item
class OutlineItem:
    key: int
    kind: str
    obj: Material | Section | Dimension | Point
    parent: OutlineItem | None = None
    children: list[OutlineItem] = field(default_factory=list)
    # Cached label (None until first shown), and what it was made from (``_source``):
    # numbering is recomputed after a whole structural change, so rows keep their data while
    # they are inserted, moved or removed (what views and the model tester expect).
    text: str | None = None
    source: tuple = ()
    # Cached row and position among same-kind siblings; valid while the parent's
    # ``rows_valid`` holds (every change of a ``children`` list clears it).
    cached_row: int = 0
    cached_position: int = 0
    rows_valid: bool = False

    def row(self) -> int:
        if self.parent is None:
            return 0
        self.parent.number_children()
        return self.cached_row

    def position(self) -> int:
        """Index among siblings of the same kind: the position the library uses."""
        if self.parent is None:
            return 0
        self.parent.number_children()
        return self.cached_position

    def number_children(self) -> None:
        if self.rows_valid:
            return
        seen: dict[str, int] = {}
        for row, child in enumerate(self.children):
            child.cached_row = row
            child.cached_position = seen.get(child.kind, 0)
            seen[child.kind] = child.cached_position + 1
        self.rows_valid = True


def _children_of(obj) -> list[tuple[str, object]]:
    if isinstance(obj, Material):
        return [("section", s) for s in obj.sections]
    if isinstance(obj, Section):
        return [("point", p) for p in obj.points] + [("dimension", d) for d in obj.dimensions]
    if isinstance(obj, Dimension):
        return [("point", p) for p in obj.points]
    return []


def _key(kind: str, obj) -> int:
    if kind == "material":
        return MATERIAL_KEY
    if obj.id is None:
        raise ValueError("outline nodes need library ids")
    return obj.id


def _shorten(text: str, limit: int = TITLE_PREVIEW) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _source(item: OutlineItem) -> tuple:
    """The node's own text its label shows (numbers and counts change only with a command or
    with the numbering's inputs, which relabel every row)."""
    obj = item.obj
    if item.kind == "material":
        return (obj.title,)
    if item.kind == "dimension":
        return (obj.short_name, obj.heading)
    return (obj.heading,) if item.kind == "section" else (obj.title,)


class OutlineModel(OutlineDragDropMixin, QAbstractItemModel):
    # (node id, new parent id or None for sections, new position after removal)
    moveRequested = Signal(int, object, int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._root: OutlineItem | None = None  # invisible; its only child is the material row
        self._items: dict[int, OutlineItem] = {}
        self._numbering = Numbering(Material())

    # ----- building ----------------------------------------------------------------------------
    def material(self) -> Material | None:
        return self._root.children[0].obj if self._root and self._root.children else None

    def set_material(self, material: Material | None) -> None:
        self.beginResetModel()
        self._items = {}
        self._root = OutlineItem(-1, "root", Material())
        self._numbering = Numbering(material or Material())
        if material is not None:
            self._root.children.append(self._build("material", material, self._root))
        self.endResetModel()

    def _build(self, kind: str, obj, parent: OutlineItem) -> OutlineItem:
        item = OutlineItem(_key(kind, obj), kind, obj, parent)
        self._items[item.key] = item
        item.children = [self._build(k, o, item) for k, o in _children_of(obj)]
        return item

    def item_for(self, key: int) -> OutlineItem | None:
        return self._items.get(key)

    def index_for_key(self, key: int) -> QModelIndex:
        item = self._items.get(key)
        if item is None:
            return QModelIndex()
        return self.createIndex(item.row(), 0, item.key)

    def item_at(self, index: QModelIndex) -> OutlineItem | None:
        if not index.isValid():
            return None
        return self._items.get(index.internalId())

    def _index_of(self, item: OutlineItem) -> QModelIndex:
        if item is self._root or item is None:
            return QModelIndex()
        return self.createIndex(item.row(), 0, item.key)

    # ----- sync with a fresh material -----------------------------------------------------------
    def sync(self, material: Material) -> None:
        """Apply the difference between the shown tree and ``material`` row by row."""
        current = self.material()
        if current is None or current.id != material.id:
            self.set_material(material)
            return
        wanted: set[int] = set()

        def collect(kind, obj):
            wanted.add(_key(kind, obj))
            for k, o in _children_of(obj):
                collect(k, o)

        collect("material", material)
        # rows inserted below show their numbers at once; the others keep their cached label
        # until step 3
        self._numbering = Numbering(material)
        # 1. removals: every row whose node is gone (a wanted node inside a removed subtree
        #    is forgotten with it and comes back as an insert in step 2)
        for key in [k for k in list(self._items) if k not in wanted]:
            item = self._items.get(key)
            if item is not None and item.parent is not None:
                self._remove(item)
        # 2. place every wanted child at its position, parents before children
        queue = [("material", material)]
        while queue:
            kind, obj = queue.pop(0)
            parent = self._items[_key(kind, obj)]
            parent.obj = obj
            for row, (ckind, cobj) in enumerate(_children_of(obj)):
                ckey = _key(ckind, cobj)
                child = self._items.get(ckey)
                if child is None:
                    child = OutlineItem(ckey, ckind, cobj, parent)
                    self.beginInsertRows(self._index_of(parent), row, row)
                    parent.children.insert(row, child)
                    parent.rows_valid = False
                    self._items[ckey] = child
                    self.endInsertRows()
                elif child.parent is not parent or child.row() != row:
                    self._move(child, parent, row)
                child.obj = cobj
                child.kind = ckind
                queue.append((ckind, cobj))
        # 3. labels: numbering and counts may change anywhere after a command (rows never
        #    shown are labelled when first shown)
        self._relabel([item for item in self._items.values() if item.text is not None])

    def _remove(self, item: OutlineItem) -> None:
        parent = item.parent
        row = item.row()
        self.beginRemoveRows(self._index_of(parent), row, row)
        parent.children.pop(row)
        parent.rows_valid = False
        self._forget(item)
        self.endRemoveRows()

    def _forget(self, item: OutlineItem) -> None:
        self._items.pop(item.key, None)
        for child in item.children:
            self._forget(child)

    def _move(self, item: OutlineItem, new_parent: OutlineItem, row: int) -> None:
        old_parent = item.parent
        old_row = item.row()
        # Qt wants the destination index *before* removal when moving down in one parent
        dest = row + 1 if old_parent is new_parent and row > old_row else row
        ok = self.beginMoveRows(
            self._index_of(old_parent), old_row, old_row, self._index_of(new_parent), dest
        )
        if not ok:  # cannot happen for valid tree moves; keep the model consistent anyway
            self.set_material(self.material())
            return
        old_parent.children.pop(old_row)
        new_parent.children.insert(row, item)
        old_parent.rows_valid = new_parent.rows_valid = False
        item.parent = new_parent
        self.endMoveRows()

    def refresh_labels(self) -> None:
        """Relabel the shown rows whose own text changed since they were labelled (live typing),
        or every shown row when the point style or a ``numbered`` flag changed; emit
        dataChanged for each run of changed rows."""
        material = self.material()
        if material is None:
            return
        labelled = [item for item in self._items.values() if item.text is not None]
        if self._numbering.is_current():
            self._relabel([item for item in labelled if item.source != _source(item)])
        else:
            self._numbering = Numbering(material)
            self._relabel(labelled)

    def _relabel(self, items: list[OutlineItem]) -> None:
        changed: dict[int, list[OutlineItem]] = {}  # per parent key
        for item in items:
            text = self._compose(item)
            if text != item.text:
                item.text = text
                changed.setdefault(item.parent.key, []).append(item)
        roles = [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole]
        for siblings in changed.values():
            rows = [i.row() for i in siblings]
            parent_index = self._index_of(siblings[0].parent)
            self.dataChanged.emit(
                self.index(min(rows), 0, parent_index),
                self.index(max(rows), 0, parent_index),
                roles,
            )

    # ----- QAbstractItemModel ------------------------------------------------------------------
    def index(self, row: int, column: int, parent: QModelIndex = _NO_PARENT) -> QModelIndex:
        if self._root is None or column != 0 or row < 0:
            return QModelIndex()
        parent_item = self.item_at(parent) if parent.isValid() else self._root
        if parent_item is None or row >= len(parent_item.children):
            return QModelIndex()
        return self.createIndex(row, 0, parent_item.children[row].key)

    def parent(self, index: QModelIndex = _NO_PARENT) -> QModelIndex:  # type: ignore[override]
        item = self.item_at(index)
        if item is None or item.parent is None or item.parent is self._root:
            return QModelIndex()
        return self._index_of(item.parent)

    def rowCount(self, parent: QModelIndex = _NO_PARENT) -> int:
        if self._root is None or parent.column() > 0:
            return 0
        item = self.item_at(parent) if parent.isValid() else self._root
        return len(item.children) if item else 0

    def columnCount(self, parent: QModelIndex = _NO_PARENT) -> int:
        return 1

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        item = self.item_at(index)
        if item is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.label(item)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(item)
        if role == NodeRole:
            return None if item.kind == "material" else item.key
        if role == KindRole:
            return item.kind
        return None

    def label(self, item: OutlineItem) -> str:
        """The row's text: the number as printed, the node's name, counts."""
        if item.text is None:
            item.text = self._compose(item)
        return item.text

    def _compose(self, item: OutlineItem) -> str:
        obj = item.obj
        item.source = _source(item)
        if item.kind == "material":
            return one_line(obj.title) or self.tr("(untitled material)")
        try:
            number = self._numbering.label(obj)
        except KeyError:  # a row not yet updated during sync: step 3 labels it again
            number = ""
        if item.kind == "section":
            count = len(obj.all_points())
            points = self.tr("%n point(s)", "", count)
            # a part the writer did not head (no 一、, no heading) still needs a visible row
            return (f"{number}{obj.heading}" or "—") + (f"  {points}" if count else "")
        if item.kind == "dimension":
            name = obj.short_name or _shorten(obj.heading)
            return f"{number}{name}  " + self.tr("%n point(s)", "", len(obj.points))
        # lupdate reads only double-quoted strings: a single-quoted one stayed English
        untitled = self.tr("(no title)")
        return f"{number} {_shorten(obj.title) or untitled}".lstrip()

    def _tooltip(self, item: OutlineItem) -> str:
        obj = item.obj
        if item.kind == "point":
            return obj.title
        if item.kind == "dimension":
            return obj.heading
        if item.kind == "section":
            return obj.heading
        return obj.title

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr("Outline")
        return None
