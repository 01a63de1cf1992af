"""备份与恢复: the library's backups (time, kind, material count, size), 立即备份, and restoring
one.

Restoring replaces the library file, so the open library must be let go of first: ``release``
(the window flushes what was typed and closes its library) runs before
``Library.restore_backup`` — which keeps the current file as a ``before-restore`` backup — and
``reopen(path)`` (the window opens the file again and shows it) runs after, whether the restore
worked or not, so the window never stays without a library.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import LibraryError
from app.library import BackupInfo, Library, list_backups
from ui.dialogs.common import english_shown, error_text

PATH_ROLE = Qt.ItemDataRole.UserRole
ERROR_STYLE = "color: #c00000;"


def _tr(text: str) -> str:
    return QCoreApplication.translate("BackupsDialog", text)


def kind_text(label: str) -> str:
    return {
        "": _tr("Manual"),
        "auto": _tr("Automatic"),
        "before-migration": _tr("Before upgrade"),
        "before-restore": _tr("Before restore"),
    }.get(label, label)


def size_text(size: int) -> str:
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def confirm_restore(parent: QWidget | None, info: BackupInfo) -> bool:
    """Ask before replacing the library. Tests replace this."""
    answer = QMessageBox.question(
        parent,
        _tr("Restore backup"),
        _tr(
            "Replace the library with the backup of %1? The current library is kept as a "
            "backup first, so this can be undone."
        ).replace("%1", info.created.strftime("%Y-%m-%d %H:%M:%S")),
    )
    return answer == QMessageBox.StandardButton.Yes


class BackupsDialog(QDialog):
    """Lists ``list_backups(library.path)``; 立即备份 makes one; 恢复所选备份 restores one.

    ``reopen(path)`` must open the library at ``path`` for the caller and return it;
    ``release()`` lets go of the current library before a restore and returns False when it
    cannot (what was typed could not be saved) — by default it just closes the library.
    ``restored(backup_path)`` fires after a successful restore."""

    restored = Signal(object)

    def __init__(
        self,
        library: Library,
        reopen: Callable[[Path], Library],
        parent: QWidget | None = None,
        release: Callable[[], bool] | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("backupsDialog")
        self.setWindowTitle(_tr("Backup and restore"))
        self.resize(680, 400)
        self.library = library
        self.library_path = Path(library.path)
        self._reopen = reopen
        self._release = release

        intro = QLabel(
            _tr(
                "Backups are made when the library is opened, every hour while you "
                "edit, and before every upgrade or restore. They are kept in %1."
            ).replace("%1", str(self.library_path.parent / "backups")),
            self,
        )
        intro.setWordWrap(True)
        self.backup_list = QTreeWidget(self)
        self.backup_list.setObjectName("backupsList")
        self.backup_list.setRootIsDecorated(False)
        self.backup_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.backup_list.setHeaderLabels([_tr("Time"), _tr("Kind"), _tr("Materials"), _tr("Size")])
        self.backup_list.setColumnWidth(0, 180)
        self.empty_label = QLabel(_tr("There are no backups yet."), self)
        self.empty_label.setObjectName("backupsEmpty")
        self.status = QLabel(self)
        self.status.setObjectName("backupsStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.backup_button = QPushButton(_tr("Back up now"), self)
        self.backup_button.setObjectName("backupNowButton")
        self.restore_button = QPushButton(_tr("Restore selected backup…"), self)
        self.restore_button.setObjectName("restoreBackupButton")
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.backup_list, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.status)
        layout.addLayout(buttons)

        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button.clicked.connect(self.restore_selected)
        close.rejected.connect(self.reject)
        self.backup_list.itemSelectionChanged.connect(self._update_buttons)
        self.refresh()

    # ----- list ------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.backup_list.clear()
        for info in list_backups(self.library_path):
            count = "—" if info.material_count is None else str(info.material_count)
            item = QTreeWidgetItem(
                [
                    info.created.strftime("%Y-%m-%d %H:%M:%S"),
                    kind_text(info.label),
                    count,
                    size_text(info.size),
                ]
            )
            item.setData(0, PATH_ROLE, str(info.path))
            item.setToolTip(0, str(info.path))
            if info.material_count is None:
                item.setToolTip(2, _tr("This backup cannot be read."))
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setTextAlignment(3, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.backup_list.addTopLevelItem(item)
        self.empty_label.setVisible(self.backup_list.topLevelItemCount() == 0)
        self._update_buttons()

    def backups(self) -> list[Path]:
        """The listed backups' paths, top to bottom (newest first)."""
        return [
            Path(self.backup_list.topLevelItem(i).data(0, PATH_ROLE))
            for i in range(self.backup_list.topLevelItemCount())
        ]

    def select_backup(self, path: Path) -> None:
        for i in range(self.backup_list.topLevelItemCount()):
            item = self.backup_list.topLevelItem(i)
            if Path(item.data(0, PATH_ROLE)) == Path(path):
                self.backup_list.setCurrentItem(item)
                return

    def selected_backup(self) -> BackupInfo | None:
        item = self.backup_list.currentItem()
        if item is None or not item.isSelected():
            return None
        path = Path(item.data(0, PATH_ROLE))
        return next((info for info in list_backups(self.library_path) if info.path == path), None)

    def _update_buttons(self) -> None:
        usable = self.library is not None
        self.backup_button.setEnabled(usable)
        item = self.backup_list.currentItem()
        self.restore_button.setEnabled(usable and item is not None and item.isSelected())

    def _say(self, text: str, error: bool = False) -> None:
        self.status.setStyleSheet(ERROR_STYLE if error else "")
        self.status.setText(text)

    def _say_error(self, prefix: str, exc: BaseException) -> None:
        zh, en = error_text(exc)
        text = f"{zh} {en}".strip() if english_shown() else zh  # zh_CN: Chinese only
        self._say(prefix.replace("%1", text), error=True)

    # ----- actions ---------------------------------------------------------------------------
    def back_up_now(self) -> Path | None:
        """A manual backup (verified by the store); the list then shows it selected."""
        try:
            path = self.library.backup()
        except LibraryError as exc:
            self._say_error(_tr("Backup failed: %1"), exc)
            return None
        self.refresh()
        self.select_backup(path)
        self._say(_tr("Backed up to %1").replace("%1", str(path)))
        return path

    def restore_selected(self) -> Path | None:
        """Replace the library by the selected backup; returns the safety copy of the old file."""
        info = self.selected_backup()
        if info is None or not confirm_restore(self, info):
            return None
        if not self._let_go():
            self._say(
                _tr("What you typed could not be saved, so nothing was restored."), error=True
            )
            return None
        failure: LibraryError | None = None
        safety = None
        try:
            safety = Library.restore_backup(info.path, self.library_path)
        except LibraryError as exc:
            failure = exc
        try:
            self.library = self._reopen(self.library_path)
        except LibraryError as exc:
            self.library = None
            self._say_error(_tr("The library could not be opened again: %1"), exc)
            self._update_buttons()
            return None
        self.refresh()
        if failure is not None:
            self._say_error(_tr("Restore failed, the library is unchanged: %1"), failure)
            return None
        self._say(
            _tr("Restored the backup of %1. The library as it was is kept as a backup.").replace(
                "%1", info.created.strftime("%Y-%m-%d %H:%M:%S")
            )
        )
        self.restored.emit(info.path)
        return safety

    def _let_go(self) -> bool:
        if self._release is not None:
            return bool(self._release())
        self.library.close()
        return True
