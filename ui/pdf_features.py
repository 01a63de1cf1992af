"""PDF in the window: 导出 PDF, the live 预览 dock, 打印 (Ctrl+P) and 打印预览.

``install_pdf_features(window)`` is the one entry point (called at the end of
``MainWindow.__init__``; calling it again does nothing). It relies only on the window contract:
``library``, ``material_id``, ``material``, ``flush_pending()``, ``preview_dock``,
``actions_by_name``, ``autosave.saved``, ``undo_group``, ``outline_model`` and ``panels``.

Rendering (0.25–0.6 s for the seed) always runs off the GUI thread; exporting writes the file
atomically (temp file, then replace), so a failed export leaves no half file behind.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QMenu, QProgressDialog

from ui import pdf_export_dialog
from ui.commands import WRITE_ERRORS
from ui.dialogs.common import error_text, show_error
from ui.export_target import export_force
from ui.pdf_preview import PdfPreview, render_copy
from ui.tasks import TaskRunner

if TYPE_CHECKING:  # printing (QtPrintSupport, QtPdf) loads on the first print, not at start-up
    from PySide6.QtPrintSupport import QPrintDialog

    from app.exporters.pdf_options import PdfReport
    from app.model import Material

STATUS_MS = 10000


def _tr(text: str) -> str:
    return QCoreApplication.translate("PdfFeatures", text)


def install_pdf_features(window) -> None:
    """Replace the preview placeholder, enable 导出 PDF and 打印, add 打印预览. Idempotent."""
    if getattr(window, "pdf_features", None) is not None:
        return
    window.pdf_features = PdfFeatures(window)


def run_print_dialog(dialog: QPrintDialog) -> bool:
    """The system print dialog, modal; True when the user chose Print. Tests replace this."""
    return dialog.exec() == QDialog.DialogCode.Accepted


def run_preview_dialog(dialog: QDialog) -> None:
    """The print preview, modal. Tests replace this."""
    dialog.exec()


class PdfFeatures(QObject):
    """Owns the preview widget and the PDF actions of one window."""

    exported = Signal(object, object)  # Path, PdfReport — after a successful export
    export_failed = Signal(object)  # the exception, after the user was told
    printed = Signal(int)  # sheets sent to the printer

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.runner = TaskRunner(self, "pdf")
        self.busy = False  # an export or print render is running
        self.preview = PdfPreview(lambda: window.material, window.preview_dock,
                                  pdf_export_dialog.saved_options())
        self.preview.setMinimumHeight(60)  # as the other docks: a slim strip still shows a line
        placeholder = window.preview_dock.widget()
        window.preview_dock.setWidget(self.preview)
        if placeholder is not None:
            placeholder.deleteLater()
        actions = window.actions_by_name
        self.export_action = actions["actionExportPdf"]
        self.print_action = actions["actionPrint"]
        self.preview_action = QAction(_tr("Print preview…"), window)
        self.preview_action.setObjectName("actionPrintPreview")
        actions["actionPrintPreview"] = self.preview_action
        self.export_action.triggered.connect(self.export_pdf)
        self.print_action.triggered.connect(self.print_material)
        self.preview_action.triggered.connect(self.print_preview)
        for action, tip in ((self.export_action, _tr("Save the material as an A4 PDF (GB/T 9704)")),
                            (self.print_action, _tr("Print the material at 100 % on A4")),
                            (self.preview_action, _tr("See the printed pages before printing"))):
            action.setToolTip(tip)
            action.setStatusTip(tip)
        self._add_to_menu()
        self._connect_changes()
        self.update_enabled()
        self.preview.schedule()

    # ----- wiring --------------------------------------------------------------------------
    def _add_to_menu(self) -> None:
        """打印预览 right after 打印 in whichever menu holds it (文件), else in the 导出 menu."""
        menus = [a.menu() for a in self.window.menuBar().actions() if a.menu() is not None]
        for menu in menus:
            entries = menu.actions()
            if self.print_action in entries:
                at = entries.index(self.print_action) + 1
                if at < len(entries):
                    menu.insertAction(entries[at], self.preview_action)
                else:
                    menu.addAction(self.preview_action)
                return
        export_menu = next((m for m in menus if self.export_action in m.actions()), None)
        target: QMenu | None = export_menu or (menus[0] if menus else None)
        if target is not None:
            target.addAction(self.preview_action)
        self.window.addAction(self.preview_action)

    def _connect_changes(self) -> None:
        w, schedule = self.window, self.preview.schedule
        w.preview_dock.visibilityChanged.connect(self.preview.became_visible)
        w.autosave.saved.connect(schedule)
        w.undo_group.indexChanged.connect(schedule)
        model = w.outline_model
        model.modelReset.connect(self._material_switched)  # opened, closed or switched
        for signal in (model.rowsInserted, model.rowsRemoved, model.rowsMoved, model.dataChanged):
            signal.connect(schedule)
        for panel in getattr(getattr(w, "panels", None), "panels", {}).values():
            panel.edited.connect(schedule)  # typing: the preview follows after the pause

    def _material_switched(self) -> None:
        self.update_enabled()
        self.preview.schedule()

    def update_enabled(self) -> None:
        has_material = self.window.material is not None
        for action in (self.export_action, self.print_action, self.preview_action):
            action.setEnabled(has_material and not self.busy)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.update_enabled()

    def _current_material(self, failure_title: str) -> Material | None:
        """The material as stored, after writing what was just typed; None (and said why)."""
        w = self.window
        if w.material_id is None or not w.flush_pending():
            return None  # an unsaved edit has already put its error in the status bar
        try:
            return w.library.get_material(w.material_id)
        except WRITE_ERRORS as exc:
            self._fail(failure_title, exc)
            return None

    def _fail(self, title: str, exc: BaseException) -> None:
        zh, _en = error_text(exc)
        self.window.statusBar().showMessage(f"{title}: {zh}", STATUS_MS)
        show_error(self.window, title, exc)

    # ----- 导出 PDF -------------------------------------------------------------------------
    def export_pdf(self) -> None:
        """Ask for the path and options, then write the PDF in the background."""
        material = self._current_material(_tr("PDF export failed"))
        if material is None or self.busy:
            return
        dialog = pdf_export_dialog.PdfExportDialog(material.title, self.window)
        try:
            if not pdf_export_dialog.run_dialog(dialog):
                return
            path, options = dialog.path(), dialog.options()
        finally:
            dialog.deleteLater()
        if path is None:
            return
        force = export_force(self.window, path, lambda exc: self._fail(_tr("PDF export failed"), exc))
        if force is None:
            return
        self.preview.set_options(options)  # the preview shows what was exported
        self._set_busy(True)
        self.window.statusBar().showMessage(_tr("Exporting PDF to %1 …").replace("%1", str(path)))

        def work() -> tuple[Path, PdfReport]:
            from app.exporters.pdf import export_pdf

            return path, export_pdf(material, path, options, force=force)

        self.runner.run(work, success=self._export_done, failure=self._export_failed)

    def _export_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self._fail(_tr("PDF export failed"), error)
        self.export_failed.emit(error)

    def _export_done(self, result: tuple[Path, PdfReport]) -> None:
        self._set_busy(False)
        path, report = result
        pdf_export_dialog.remember_folder(path)
        message = _tr("Exported %1 (%2 pages)").replace("%1", str(path)).replace(
            "%2", str(report.pages))
        if report.substitutions:
            chars = "".join(dict.fromkeys(s.char for s in report.substitutions))
            message += _tr(" — characters from a fallback font: %1").replace("%1", chars)
        self.window.statusBar().showMessage(message, STATUS_MS)
        self.exported.emit(path, report)

    # ----- 打印 / 打印预览 --------------------------------------------------------------------
    def _render_then(self, then) -> None:
        """Render the stored material in the background, then call ``then(bytes, report)``."""
        material = self._current_material(_tr("Printing failed"))
        if material is None or self.busy:
            return
        self._set_busy(True)
        self.window.statusBar().showMessage(_tr("Preparing pages for printing…"))
        options = pdf_export_dialog.saved_options()

        def done(result: tuple[bytes, PdfReport]) -> None:
            self._set_busy(False)
            self.window.statusBar().clearMessage()
            then(*result)

        def failed(error: BaseException) -> None:
            self._set_busy(False)
            self.window.statusBar().clearMessage()
            self._fail(_tr("Printing failed"), error)

        self.runner.run(render_copy(material, options), success=done, failure=failed)

    def print_material(self) -> None:
        self._render_then(self._print_pages)

    def print_preview(self) -> None:
        self._render_then(self._show_preview)

    def _print_pages(self, data: bytes, report: PdfReport) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        from ui import printing

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printing.prepare_printer(printer)
        dialog = QPrintDialog(printer, self.window)
        dialog.setWindowTitle(_tr("Print"))
        dialog.setMinMax(1, report.pages)
        try:
            if not run_print_dialog(dialog):
                return
        finally:
            dialog.deleteLater()
        printing.prepare_printer(printer)  # the dialog may have switched paper or margins
        progress = QProgressDialog(_tr("Printing…"), _tr("Cancel"), 0, 0, self.window)
        progress.setObjectName("printProgress")
        progress.setWindowModality(Qt.WindowModality.WindowModal)  # setValue then keeps Cancel live
        progress.setMinimumDuration(500)

        def step(done: int, total: int) -> bool:
            progress.setMaximum(total)
            progress.setValue(done)
            return not progress.wasCanceled()

        try:
            sheets = printing.print_pdf(data, printer, step)
        except WRITE_ERRORS as exc:
            self._fail(_tr("Printing failed"), exc)
            return
        finally:
            progress.close()
            progress.deleteLater()
        self.window.statusBar().showMessage(
            _tr("Sent %1 pages to the printer").replace("%1", str(sheets)), STATUS_MS)
        self.printed.emit(sheets)

    def _show_preview(self, data: bytes, _report: PdfReport) -> None:
        from ui import printing

        dialog = printing.make_preview_dialog(data, self.window)
        try:
            run_preview_dialog(dialog)
        finally:
            dialog.deleteLater()

