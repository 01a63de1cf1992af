"""Reliability in the window: automatic backups while editing, 备份与恢复 in the 文件 menu, and
swapping the window's library after a restore.

``install_reliability_features(window)`` is the one entry point (idempotent). It relies on the
window contract: ``library``, ``flush_pending()``, ``close_material()``, ``open_material()``,
``actions_by_name``, ``autosave``, ``library_view``, ``snapshots_dock``, ``undo_group`` and the
per-material undo stacks in ``_stacks``.

Backups copy and verify the whole file, which can take a moment on a big library, so they run
on a one-thread ``QThreadPool``; the store reads through a connection of its own for that, so
the user keeps typing meanwhile. A failed automatic backup never stops editing: it stays
visible in the status bar (``statusBackup``) until a later backup succeeds.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMenu

from app.errors import LibraryError
from app.library import Library
from ui.dialogs.common import error_text

BACKUP_CHECK_MS = 5 * 60 * 1000  # how often to ask; the store backs up hourly, when edited
STATUS_MS = 8000
ERROR_STYLE = "color: #c00000; font-weight: bold;"
_log = logging.getLogger("duizhao.ui")


def _tr(text: str) -> str:
    return QCoreApplication.translate("Reliability", text)


def install_reliability_features(window) -> ReliabilityFeatures:
    """Start the backup timer and add 备份与恢复 to the 文件 menu. Calling it again does nothing."""
    existing = getattr(window, "reliability", None)
    if existing is None:
        existing = window.reliability = ReliabilityFeatures(window)
    return existing


def run_dialog(dialog: QDialog) -> None:
    """Shows a dialog modally. Tests replace this."""
    dialog.exec()


class _Relay(QObject):
    """Carries a worker's result to the GUI thread (queued: emitted on the worker)."""

    finished = Signal(object, object)  # result, exception


class _Job(QRunnable):
    def __init__(self, work: Callable[[], object], relay: _Relay):
        super().__init__()
        self.work = work
        self.relay = relay

    def run(self) -> None:
        try:
            result, error = self.work(), None
        except Exception as exc:  # reported in the status bar; a worker must not die silently
            result, error = None, exc
        self.relay.finished.emit(result, error)


class ReliabilityFeatures(QObject):
    backupFinished = Signal(object)  # the new backup's Path, or None (not due, or failed)

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._relay: _Relay | None = None  # the running job's relay, kept until it delivers
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

        self.action = QAction(_tr("Backup and restore…"), window)
        self.action.setObjectName("actionBackups")
        tip = _tr("See the library's backups, back up now or restore one")
        self.action.setToolTip(tip)
        self.action.setStatusTip(tip)
        self.action.triggered.connect(self.open_dialog)
        window.actions_by_name["actionBackups"] = self.action
        self._add_to_file_menu()
        app = QApplication.instance()
        if app is not None:  # a backup thread must not outlive the interpreter
            app.aboutToQuit.connect(self.shutdown)

    def _add_to_file_menu(self) -> None:
        """Above 退出 in the menu that holds it (文件); else the first menu."""
        quit_action = self.window.actions_by_name.get("actionQuit")
        menus = [a.menu() for a in self.window.menuBar().actions() if a.menu() is not None]
        file_menu: QMenu | None = next(
            (m for m in menus if m.objectName() == "menuFile" or quit_action in m.actions()),
            menus[0] if menus else None)
        if file_menu is None:
            self.window.addAction(self.action)
            return
        if quit_action in file_menu.actions():
            file_menu.insertAction(quit_action, self.action)
            file_menu.insertSeparator(quit_action)
        else:
            file_menu.addAction(self.action)

    # ----- automatic backups -----------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._relay is not None

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
        relay = self._relay = _Relay()
        relay.finished.connect(self._finished, Qt.ConnectionType.QueuedConnection)

        def work() -> tuple[Path | None, LibraryError | None]:
            path = step(library)
            return path, library.last_backup_error

        self.pool.start(_Job(work, relay))
        return True

    def wait_idle(self, msecs: int = -1) -> None:
        """Block until a running backup finished and its result was handled."""
        if self._relay is None:
            return
        self.pool.waitForDone(msecs)
        QCoreApplication.sendPostedEvents(self)
        QCoreApplication.processEvents()

    def _finished(self, result, error: BaseException | None) -> None:
        self._relay = None
        path, backup_error = result if result is not None else (None, None)
        failure = error or backup_error
        if failure is not None:
            self.show_backup_error(failure)
        elif path is not None:
            self.status_label.hide()
            self.window.statusBar().showMessage(
                _tr("Backed up to %1").replace("%1", str(path)), STATUS_MS)
        self.backupFinished.emit(None if failure is not None else path)

    def show_backup_error(self, exc: BaseException) -> None:
        zh, en = error_text(exc)
        _log.warning("automatic backup failed")
        text = _tr("Automatic backup failed: %1 — editing goes on; the library itself is "
                   "intact.").replace("%1", zh)
        self.status_label.setText(text)
        self.status_label.setToolTip(en or zh)
        self.status_label.show()
        self.window.statusBar().showMessage(text, STATUS_MS)

    def shutdown(self) -> None:
        self.timer.stop()
        self.pool.waitForDone()

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
        """Let go of the window's library before a restore (see ``release_library``)."""
        self.wait_idle()  # a backup running on the old file must finish first
        material_id = self.window.material_id
        if not release_library(self.window):
            return False
        self._material_before_release = material_id
        return True

    def reopen(self, path: Path) -> Library:
        """Open ``path`` into the window and show the material that was open, if it still is."""
        material_id, self._material_before_release = self._material_before_release, None
        return reopen_library(self.window, path, material_id)


def release_library(window) -> bool:
    """Store what was typed, close the material, drop every undo stack (its commands act on the
    old library) and close the library. False, with nothing changed, when typing cannot be
    stored (the error is already in the status bar)."""
    if not window.flush_pending():
        return False
    window.close_material()
    for stack in list(window._stacks.values()):
        stack.blockSignals(True)  # its end must not make the window reload from a closed file
        window.undo_group.removeStack(stack)
        stack.deleteLater()
    window._stacks.clear()
    window.library.close()
    return True


def reopen_library(window, path: Path, material_id: int | None = None) -> Library:
    """Open the library at ``path`` and make every part of the window use it; reopen
    ``material_id`` when it is still there (and not in the trash). Raises LibraryError."""
    library = Library.open(path, auto_backup=False)  # a restore has just made its own copy
    attach_library(window, library)
    if material_id is not None and any(
            m.id == material_id for m in library.list_materials()):
        window.open_material(material_id)
    return library


def attach_library(window, library: Library) -> None:
    """Point the window and the parts holding a library of their own at ``library``."""
    window.library = library
    window.autosave.library = library
    window.snapshots_dock.library = library
    window.snapshots_dock.set_material(None)
    view = window.library_view
    view.search_edit.clear()  # hits of the old file would lead nowhere
    view.library = library
    view.refresh()
    _log.info("library reopened with %d materials", len(library.list_materials()))
