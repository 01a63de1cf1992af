"""Reliability in the window: automatic backups while editing, 备份与恢复 in the 文件 menu, and
swapping the window's library after a restore.

``MainWindow`` builds ``ReliabilityFeatures`` with the 备份与恢复 action (declared in
``ui.window_chrome``). It uses the window's ``library``, ``flush_pending()``, ``material_id``,
``open_material()`` and, around a restore, ``release_library()`` / ``use_library()``: the
window knows which of its parts hold the library.

Backups copy and verify the whole file, which can take a moment on a big library, so they run
as a ``ui.tasks`` task, one at a time; the store reads through a connection of its own for that,
so the user keeps typing meanwhile. Quitting waits for a running backup to end. A failed
automatic backup never stops editing: it stays visible in the status bar (``statusBackup``)
until a later backup succeeds.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialog, QLabel

from app.errors import LibraryError
from app.library import Library
from ui.dialogs.common import error_text
from ui.tasks import TaskRunner

BACKUP_CHECK_MS = 5 * 60 * 1000  # how often to ask; the store backs up hourly, when edited
STATUS_MS = 8000
ERROR_STYLE = "color: #c00000; font-weight: bold;"
_log = logging.getLogger("duizhao.ui")


def _tr(text: str) -> str:
    return QCoreApplication.translate("Reliability", text)


def install_reliability_features(window) -> ReliabilityFeatures:
    """The window's backups controller (``MainWindow`` builds it; this only returns it)."""
    return window.reliability


def run_dialog(dialog: QDialog) -> None:
    """Shows a dialog modally. Tests replace this."""
    dialog.exec()


class ReliabilityFeatures(QObject):
    backupFinished = Signal(object)  # the new backup's Path, or None (not due, or failed)

    def __init__(self, window, backups_action: QAction):
        super().__init__(window)
        self.window = window
        self.tasks = TaskRunner(self, "backup")
        self._material_before_release: int | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(BACKUP_CHECK_MS)
        self.timer.timeout.connect(self.run_due_backup)
        self.timer.start()

        self.status_label = QLabel(window)
        self.status_label.setObjectName("statusBackup")
        self.status_label.setStyleSheet(ERROR_STYLE)
        self.status_label.hide()
        window.statusBar().addPermanentWidget(self.status_label)

        self.action = backups_action
        tip = _tr("See the library's backups, back up now or restore one")
        self.action.setToolTip(tip)
        self.action.setStatusTip(tip)
        self.action.triggered.connect(self.open_dialog)
        self.action.setEnabled(True)
        app = QApplication.instance()
        if app is not None:  # a backup thread must not outlive the interpreter
            app.aboutToQuit.connect(self.shutdown)

    # ----- automatic backups -----------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self.tasks.busy()

    def run_due_backup(self) -> bool:
        """The timer's slot: ``maybe_backup()`` on the worker. False when one is running."""
        return self._start(Library.maybe_backup)

    def start_backup_if_due(self) -> bool:
        """The backup on open, off the GUI thread (open the library with ``auto_backup=False``)."""
        return self._start(Library.backup_if_due)

    def _start(self, step: Callable[[Library], Path | None]) -> bool:
        library = self.window.library
        if self.busy or library is None or library.db is None:
            return False

        def work() -> tuple[Path | None, LibraryError | None]:
            path = step(library)
            return path, library.last_backup_error

        self.tasks.run(work, success=self._finished, failure=self._failed)
        return True

    def wait_idle(self, msecs: int = -1) -> None:
        """Block until a running backup finished and its result was handled."""
        if not self.busy:
            return
        self.tasks.wait(None if msecs < 0 else msecs / 1000)
        QCoreApplication.processEvents()

    def _failed(self, error: BaseException) -> None:
        self.show_backup_error(error)
        self.backupFinished.emit(None)

    def _finished(self, result: tuple[Path | None, LibraryError | None]) -> None:
        path, failure = result
        if failure is not None:
            self.show_backup_error(failure)
        elif path is not None:
            self.status_label.hide()
            self.window.statusBar().showMessage(
                _tr("Backed up to %1").replace("%1", str(path)), STATUS_MS
            )
        self.backupFinished.emit(None if failure is not None else path)

    def show_backup_error(self, exc: BaseException) -> None:
        zh, en = error_text(exc)
        _log.warning("automatic backup failed")
        text = _tr(
            "Automatic backup failed: %1 — editing goes on; the library itself is intact."
        ).replace("%1", zh)
        self.status_label.setText(text)
        self.status_label.setToolTip(en or zh)
        self.status_label.show()
        self.window.statusBar().showMessage(text, STATUS_MS)

    def shutdown(self) -> None:
        self.timer.stop()
        self.tasks.wait()

    # ----- 备份与恢复 -------------------------------------------------------------------------
    def open_dialog(self) -> None:
        from ui.dialogs.backups import BackupsDialog

        self.window.flush_pending()  # 立即备份 should hold what was just typed
        dialog = BackupsDialog(self.window.library, self.reopen, self.window, self.release)
        try:
            run_dialog(dialog)
        finally:
            dialog.deleteLater()

    def release(self) -> bool:
        """Let go of the window's library before a restore (see ``MainWindow.release_library``)."""
        self.wait_idle()  # a backup running on the old file must finish first
        material_id = self.window.material_id
        if not self.window.release_library():
            return False
        self._material_before_release = material_id
        return True

    def reopen(self, path: Path) -> Library:
        """Open ``path`` into the window and show the material that was open, if it still is."""
        material_id, self._material_before_release = self._material_before_release, None
        return reopen_library(self.window, path, material_id)


def reopen_library(window, path: Path, material_id: int | None = None) -> Library:
    """Open the library at ``path`` and make every part of the window use it; reopen
    ``material_id`` when it is still there (and not in the trash). Raises LibraryError."""
    library = Library.open(path, auto_backup=False)  # a restore has just made its own copy
    window.use_library(library)
    _log.info("library reopened with %d materials", len(library.list_materials()))
    if material_id is not None and any(m.id == material_id for m in library.list_materials()):
        window.open_material(material_id)
    return library
