"""OutlineView — the 提纲 tree: drag and drop, keyboard moves and the context menu.

The view changes nothing itself: menu entries and keys are the window's actions (so menus,
toolbar and shortcuts share one code path), and drops go through ``OutlineModel.moveRequested``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QMenu, QTreeView, QWidget

from app.model import Numbering
from ui.outline_model import OutlineItem, OutlineModel

# Which section kinds may be linked: a problem point ↔ a measure point.
LINK_PARTNER = {"problems": "measures", "measures": "problems"}


def _tr(text: str) -> str:
    return QCoreApplication.translate("OutlineView", text)


def section_of(item: OutlineItem) -> OutlineItem | None:
    node = item
    while node is not None and node.kind != "section":
        node = node.parent
    return node


def link_candidates(model: OutlineModel, item: OutlineItem) -> list[tuple[int, str]]:
    """Points this point may be linked to (problems ↔ measures), with readable labels."""
    section = section_of(item)
    if item.kind != "point" or section is None:
        return []
    partner_kind = LINK_PARTNER.get(section.obj.kind)
    material = model.material()
    if partner_kind is None or material is None:
        return []
    numbering = Numbering(material)  # the numbers as printed, in the material's style
    out = []
    for si, s in enumerate(material.sections):
        if s.kind != partner_kind:
            continue
        for label, p in zip(numbering.points(si), s.points, strict=True):
            out.append((p.id, f"{label} {p.title}".lstrip()))
        for di, d in enumerate(s.dimensions):
            name = d.short_name or d.heading[:8]
            for label, p in zip(numbering.points(si, di), d.points, strict=True):
                out.append((p.id, f"{name} · {label} {p.title}".replace("·  ", "· ")))
    return out


class OutlineView(QTreeView):
    linkRequested = Signal(int, int)  # (this point, the chosen partner point)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("outlineTree")
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # DragDrop rather than InternalMove: the model accepts only its own MIME type, and a
        # drop handled by a command must not let the view remove the source rows.
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._show_menu)
        self.menu_actions: dict[str, QAction] = {}  # filled by the window

    def current_item(self) -> OutlineItem | None:
        model = self.model()
        return model.item_at(self.currentIndex()) if isinstance(model, OutlineModel) else None

    def build_menu(self) -> QMenu:
        """The context menu for the current item (also used by tests without exec)."""
        menu = QMenu(self)
        item = self.current_item()
        for name in (
            "addPointBefore",
            "addPointAfter",
            "addDimension",
            "duplicateNode",
            "deleteNode",
        ):
            action = self.menu_actions.get(name)
            if action is not None:
                menu.addAction(action)
        if item is not None and item.kind == "point":
            candidates = link_candidates(self.model(), item)
            if candidates:
                submenu = menu.addMenu(_tr("Link to"))
                submenu.setObjectName("linkMenu")
                linked = set(item.obj.links)
                for other_id, label in candidates:
                    action = submenu.addAction(label)
                    action.setCheckable(True)
                    action.setChecked(other_id in linked)
                    action.setEnabled(other_id not in linked)
                    action.setData(other_id)
                    action.triggered.connect(self._link_chosen)
        return menu

    def _link_chosen(self) -> None:
        action = self.sender()
        item = self.current_item()
        if isinstance(action, QAction) and item is not None:
            self.linkRequested.emit(item.key, int(action.data()))

    def _show_menu(self, pos) -> None:
        index = self.indexAt(pos)
        if index.isValid():
            self.setCurrentIndex(index)
        self.build_menu().popup(self.viewport().mapToGlobal(pos))
