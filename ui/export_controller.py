"""The one export controller behind 导出 PDF and 导出 Word: store what was typed, ask for the
path and options, check the target (``ui.export_target``), write the file off the GUI thread
(``ui.tasks``), then say where it went, or why not. The formats differ only in their
``ExportFormat``: dialog, writer and messages.

The exporters write atomically (temp file, then replace), so a failed export leaves no half
file behind. The controller reads the window only through ``library``, ``material``,
``material_id``, ``flush_pending()`` and ``statusBar()`` (the library is read through the window
because restoring a backup swaps it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from app.exporters.title_breaks import one_line
from ui import pdf_export_dialog
from ui.commands import WRITE_ERRORS
from ui.dialogs.common import error_text
from ui.export_target import export_force
from ui.material_change import MaterialChange
from ui.tasks import TaskRunner

if TYPE_CHECKING:
    from app.exporters.pdf_options import PdfOptions
    from app.model import Material

STATUS_MS = 10000


@dataclass(frozen=True)
class ExportFormat:
    """What one export format brings; the texts are functions so they are translated when shown.

    ``run_dialog`` and ``show_error`` call the format module's functions of those names late,
    so tests can replace them there."""

    task_name: str  # the worker thread's name: duizhao-<task_name>
    failed_title: Callable[[], str]
    exporting_text: Callable[[Path], str]
    make_dialog: Callable[[str, QWidget], pdf_export_dialog.PdfExportDialog]
    run_dialog: Callable[[pdf_export_dialog.PdfExportDialog], bool]
    write: Callable[[Material, Path, PdfOptions, bool], Any]  # runs on the worker; its report
    done_text: Callable[[Path, Any], str]
    show_error: Callable[[QWidget, str, BaseException], None]


class ExportController(QObject):
    """Owns one export action of a window; enabled while a material is open and it is idle."""

    exported = Signal(object, object)  # Path, the writer's report — after a successful export
    export_failed = Signal(object)  # the exception, after the user was told

    def __init__(self, window, export_action: QAction, export_format: ExportFormat):
        super().__init__(window)
        self.window = window
        self.format = export_format
        self.runner = TaskRunner(self, export_format.task_name)
        self.busy = False  # an export (or, for PDF, a print render) is running
        self.export_action = export_action
        export_action.triggered.connect(self.export)

    def owned_actions(self) -> list[QAction]:
        """The actions enabled together with the export (PDF adds print and print preview)."""
        return [self.export_action]

    def material_changed(self, change: MaterialChange) -> None:
        if change.switched:
            self.update_enabled()

    def update_enabled(self) -> None:
        enabled = self.window.material is not None and not self.busy
        for action in self.owned_actions():
            action.setEnabled(enabled)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.update_enabled()

    def current_material(self, failure_title: str) -> Material | None:
        """The material as stored, after writing what was just typed; None (and said why)."""
        w = self.window
        if w.material_id is None or not w.flush_pending():
            return None  # an unsaved edit has already put its error in the status bar
        try:
            return w.library.get_material(w.material_id)
        except WRITE_ERRORS as exc:
            self.fail(failure_title, exc)
            return None

    def fail(self, title: str, exc: BaseException) -> None:
        zh, _en = error_text(exc)
        self.window.statusBar().showMessage(f"{title}: {zh}", STATUS_MS)
        self.format.show_error(self.window, title, exc)

    def before_export(self, options: PdfOptions) -> None:
        """Called with the chosen options as the export starts (the PDF preview follows them)."""

    def export(self) -> None:
        """Ask for the path and options, then write the file in the background."""
        fmt = self.format
        material = self.current_material(fmt.failed_title())
        if material is None or self.busy:
            return
        dialog = fmt.make_dialog(one_line(material.title), self.window)
        try:
            if not fmt.run_dialog(dialog):
                return
            path, options = dialog.path(), dialog.options()
        finally:
            dialog.deleteLater()
        if path is None:
            return
        force = export_force(self.window, path, lambda exc: self.fail(fmt.failed_title(), exc))
        if force is None:
            return
        self.before_export(options)
        self._set_busy(True)
        self.window.statusBar().showMessage(fmt.exporting_text(path))
        write = fmt.write

        def work() -> tuple[Path, Any]:
            return path, write(material, path, options, force)

        self.runner.run(work, success=self._export_done, failure=self._export_failed)

    def _export_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.fail(self.format.failed_title(), error)
        self.export_failed.emit(error)

    def _export_done(self, result: tuple[Path, Any]) -> None:
        self._set_busy(False)
        path, report = result
        pdf_export_dialog.remember_folder(path)
        self.window.statusBar().showMessage(self.format.done_text(path, report), STATUS_MS)
        self.exported.emit(path, report)
