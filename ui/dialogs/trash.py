"""回收站: everything deleted — whole materials and single sections/aspects/points — to restore."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import DuizhaoError
from app.exporters.title_breaks import one_line
from app.library import Library, TrashEntry
from ui.dialogs.common import short_time, show_error

TRASH_ID_ROLE = Qt.ItemDataRole.UserRole
MATERIAL_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class TrashDialog(QDialog):
    """Lists ``Library.list_trash()``; Restore puts the selected entries back.

    ``restored(material_id)`` fires once per restored entry so the library view and an open
    editor can reload that material.
    """

    restored = Signal(int)

    def __init__(
        self,
        library: Library,
        parent: QWidget | None = None,
        material_id: int | None = None,
        restore: Callable[[int], int] | None = None,
    ):
        super().__init__(parent)
        # The window passes an undoable restore for entries of the material it has open.
        self._restore = restore or library.restore_from_trash
        self.setObjectName("trashDialog")
        self.setWindowTitle(self.tr("Trash"))
        self.resize(720, 420)
        self._library = library
        self._material_id = material_id
        self._kind_names = {
            "material": self.tr("Material"),
            "section": self.tr("Section"),
            "dimension": self.tr("Aspect"),
            "point": self.tr("Point"),
        }

        self.entry_list = QTreeWidget(self)
        self.entry_list.setObjectName("trashList")
        self.entry_list.setRootIsDecorated(False)
        self.entry_list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.entry_list.setHeaderLabels(
            [self.tr("What"), self.tr("Kind"), self.tr("In material"), self.tr("Deleted")]
        )
        self.entry_list.setColumnWidth(0, 300)
        self.empty_label = QLabel(self.tr("The trash is empty."), self)
        self.note_label = QLabel(self)
        self.note_label.setObjectName("trashNote")
        self.note_label.setWordWrap(True)
        self.note_label.hide()

        self.restore_button = QPushButton(self.tr("Restore"), self)
        self.restore_button.setObjectName("restoreButton")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.entry_list, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.note_label)
        layout.addWidget(buttons)

        self.restore_button.clicked.connect(self.restore_selected)
        self.entry_list.itemSelectionChanged.connect(self._update_buttons)
        self.entry_list.itemDoubleClicked.connect(self._double_clicked)
        self.reload()

    def reload(self) -> None:
        self.entry_list.clear()
        materials = self._library.list_materials(include_trashed=True)
        titles = {m.id: one_line(m.title) for m in materials}
        for entry in self._library.list_trash(self._material_id):
            self.entry_list.addTopLevelItem(self._item(entry, titles))
        self.empty_label.setVisible(self.entry_list.topLevelItemCount() == 0)
        self._update_buttons()

    def _item(self, entry: TrashEntry, titles: dict[int, str]) -> QTreeWidgetItem:
        in_material = "" if entry.kind == "material" else titles.get(entry.material_id, "")
        item = QTreeWidgetItem(
            [
                one_line(entry.label) or "—",  # a title the user broke reads as one line
                self._kind_names.get(entry.kind, entry.kind),
                in_material,
                short_time(entry.deleted),
            ]
        )
        item.setData(0, TRASH_ID_ROLE, entry.id)
        item.setData(0, MATERIAL_ID_ROLE, entry.material_id)
        item.setToolTip(0, entry.label)
        return item

    def entry_ids(self) -> list[int]:
        return [
            self.entry_list.topLevelItem(i).data(0, TRASH_ID_ROLE)
            for i in range(self.entry_list.topLevelItemCount())
        ]

    def select_entry(self, trash_id: int) -> None:
        for i in range(self.entry_list.topLevelItemCount()):
            item = self.entry_list.topLevelItem(i)
            item.setSelected(item.data(0, TRASH_ID_ROLE) == trash_id)

    def restore_selected(self) -> list[int]:
        """Restore every selected entry; returns the restored material/node ids."""
        done = []
        before = set(self.entry_ids())
        for item in self.entry_list.selectedItems():
            trash_id = item.data(0, TRASH_ID_ROLE)
            material_id = item.data(0, MATERIAL_ID_ROLE)
            try:
                done.append(self._restore(trash_id))
            except DuizhaoError as exc:
                show_error(self, self.tr("Cannot restore"), exc)
                continue
            if material_id is not None:
                self.restored.emit(material_id)
        self.reload()
        # An item a restored version (历史版本) had brought back in another form swaps places
        # with it: say so, or the entry that appears looks like a restore that did nothing.
        swapped = set(self.entry_ids()) - before
        self.note_label.setText(
            self.tr("The version that was in the material went to the trash in its place.")
        )
        self.note_label.setVisible(bool(swapped))
        return done

    def _double_clicked(self, *_args) -> None:
        self.restore_selected()

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(bool(self.entry_list.selectedItems()))
