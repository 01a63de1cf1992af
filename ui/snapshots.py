"""历史版本 dock: save a named version (征求意见稿, 定稿 …), list, preview as text, restore,
and 比较… (two versions side by side, ``ui.version_compare``).

Saving a version is not a content edit, so it is not on the undo stack; restoring is, and the
dock only asks for it (``restoreRequested``) — the window runs the undoable command.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.library import Library
from ui.commands import WRITE_ERRORS
from ui.dialogs.common import error_text

SUGGESTED_NAMES = ("征求意见稿", "修改稿", "送审稿", "定稿")


def _tr(text: str) -> str:
    return QCoreApplication.translate("SnapshotsDock", text)


class SnapshotsDock(QDockWidget):
    restoreRequested = Signal(int)  # snapshot id
    failed = Signal(object)  # an exception from the library

    def __init__(self, library: Library, flush: Callable[[], bool], parent: QWidget | None = None):
        super().__init__(_tr("Versions"), parent)
        self.setObjectName("snapshotsDock")
        self.library = library
        self._flush = flush
        self.material_id: int | None = None
        body = QWidget(self)
        layout = QVBoxLayout(body)
        row = QHBoxLayout()
        self.name_combo = QComboBox(body)
        self.name_combo.setObjectName("snapshotNameCombo")
        self.name_combo.setEditable(True)
        self.name_combo.addItems(SUGGESTED_NAMES)
        self.save_button = QPushButton(_tr("Save version"), body)
        self.save_button.setObjectName("saveSnapshotButton")
        self.save_button.clicked.connect(self.save_version)
        row.addWidget(QLabel(_tr("Name"), body))
        row.addWidget(self.name_combo, 1)
        row.addWidget(self.save_button)
        layout.addLayout(row)
        splitter = QSplitter(Qt.Orientation.Horizontal, body)
        self.list = QListWidget(splitter)
        self.list.setObjectName("snapshotList")
        self.list.currentItemChanged.connect(self._show_preview)
        self.preview = QPlainTextEdit(splitter)
        self.preview.setObjectName("snapshotPreview")
        self.preview.setReadOnly(True)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)
        self.restore_button = QPushButton(_tr("Restore this version"), body)
        self.restore_button.setObjectName("restoreSnapshotButton")
        self.restore_button.clicked.connect(self._restore_clicked)
        self.compare_button = QPushButton(_tr("Compare…"), body)
        self.compare_button.setObjectName("compareSnapshotsButton")
        self.compare_button.setToolTip(_tr("Show what changed between two versions"))
        self.compare_button.clicked.connect(self.open_compare)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.compare_button)
        buttons.addWidget(self.restore_button)
        layout.addLayout(buttons)
        self.compare_dialog = None
        self.setWidget(body)
        self._update_buttons()

    def set_material(self, material_id: int | None) -> None:
        self.material_id = material_id
        self.refresh()

    def refresh(self) -> None:
        current = self.selected_id()
        self.list.clear()
        if self.material_id is not None:
            for info in self.library.list_snapshots(self.material_id):
                label = (
                    _tr("%1  ·  %2  ·  %3 chars")
                    .replace("%1", info.name)
                    .replace("%2", info.created[:16].replace("T", " "))
                    .replace("%3", str(info.word_count))
                )
                item = QListWidgetItem(label, self.list)
                item.setData(Qt.ItemDataRole.UserRole, info.id)
                if info.id == current:
                    self.list.setCurrentItem(item)
        if self.list.currentItem() is None:
            self.preview.clear()
        self._update_buttons()

    def selected_id(self) -> int | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def select(self, snapshot_id: int) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == snapshot_id:
                self.list.setCurrentRow(row)
                return

    def save_version(self) -> int | None:
        name = self.name_combo.currentText().strip()
        if self.material_id is None or not name:
            return None
        if not self._flush():  # a version must hold what the user sees
            return None
        try:
            snapshot_id = self.library.create_snapshot(self.material_id, name)
        except WRITE_ERRORS as exc:
            self.failed.emit(exc)
            return None
        self.refresh()
        self.select(snapshot_id)
        return snapshot_id

    def _show_preview(self, *_args) -> None:
        snapshot_id = self.selected_id()
        self._update_buttons()
        if snapshot_id is None:
            self.preview.clear()
            return
        from app.exporters.text import export_txt  # only when a version is looked at

        try:
            self.preview.setPlainText(export_txt(self.library.get_snapshot(snapshot_id)))
        except WRITE_ERRORS as exc:
            self.preview.setPlainText(error_text(exc)[0])

    def _restore_clicked(self) -> None:
        snapshot_id = self.selected_id()
        if snapshot_id is not None:
            self.restoreRequested.emit(snapshot_id)

    def open_compare(self) -> None:
        """比较…: the selected version (else the newest) against the current text."""
        if self.material_id is None or not self._flush():  # compare what is on screen
            return
        from ui.version_compare import VersionCompareDialog

        if self.compare_dialog is not None:
            self.compare_dialog.close()
        dialog = VersionCompareDialog(
            self.library,
            self.material_id,
            self.window(),
            earlier=self.selected_id(),
            flush=self._flush,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(partial(self._compare_closed, dialog))
        self.compare_dialog = dialog
        dialog.show()

    def _compare_closed(self, dialog, *_args) -> None:
        if self.compare_dialog is dialog:
            self.compare_dialog = None

    def _update_buttons(self) -> None:
        has_material = self.material_id is not None
        self.save_button.setEnabled(has_material)
        self.compare_button.setEnabled(has_material and self.list.count() > 0)
        self.restore_button.setEnabled(has_material and self.list.currentItem() is not None)
