"""PDF in the window: 导出 PDF, the live 预览 dock, 打印 (Ctrl+P) and 打印预览.

``MainWindow`` builds ``PdfFeatures`` with the 预览 dock and the export / print / print preview
actions (declared in ``ui.window_chrome``), and tells it of every change through
``materialChanged``: the preview re-renders after edits settle. Exporting is the shared export
controller (``ui.export_controller``) with the PDF dialog and writer.

Rendering (0.25–0.6 s for the seed) always runs off the GUI thread.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QDockWidget, QProgressDialog

from ui import pdf_export_dialog
from ui.commands import WRITE_ERRORS
from ui.dialogs.common import show_error
from ui.export_controller import STATUS_MS, ExportController, ExportFormat
from ui.material_change import MaterialChange
from ui.pdf_preview import PdfPreview, render_copy

if TYPE_CHECKING:  # printing (QtPrintSupport, QtPdf) loads on the first print, not at start-up
    from PySide6.QtPrintSupport import QPrintDialog

    from app.exporters.pdf_options import PdfOptions, PdfReport
    from app.model import Material


def _tr(text: str) -> str:
    return QCoreApplication.translate("PdfFeatures", text)


def install_pdf_features(window) -> PdfFeatures:
    """The window's PDF controller (``MainWindow`` builds it; this only returns it)."""
    return window.pdf_features


def run_print_dialog(dialog: QPrintDialog) -> bool:
    """The system print dialog, modal; True when the user chose Print. Tests replace this."""
    return dialog.exec() == QDialog.DialogCode.Accepted


def run_preview_dialog(dialog: QDialog) -> None:
    """The print preview, modal. Tests replace this."""
    dialog.exec()


def _write(material: Material, path: Path, options: PdfOptions, force: bool) -> PdfReport:
    from app.exporters.pdf import export_pdf

    return export_pdf(material, path, options, force=force)


def _done_text(path: Path, report: PdfReport) -> str:
    message = (
        _tr("Exported %1 (%2 pages)").replace("%1", str(path)).replace("%2", str(report.pages))
    )
    if report.substitutions:
        chars = "".join(dict.fromkeys(s.char for s in report.substitutions))
        message += _tr(" — characters from a fallback font: %1").replace("%1", chars)
    return message


PDF = ExportFormat(
    task_name="pdf",
    failed_title=lambda: _tr("PDF export failed"),
    exporting_text=lambda path: _tr("Exporting PDF to %1 …").replace("%1", str(path)),
    make_dialog=lambda title, parent: pdf_export_dialog.PdfExportDialog(title, parent),
    # looked up when called: tests replace these
    run_dialog=lambda dialog: pdf_export_dialog.run_dialog(dialog),
    write=_write,
    done_text=_done_text,
    show_error=lambda parent, title, exc: show_error(parent, title, exc),
)


class PdfFeatures(ExportController):
    """Owns the preview widget and the PDF actions of one window."""

    printed = Signal(int)  # sheets sent to the printer

    def __init__(
        self,
        window,
        preview_dock: QDockWidget,
        export_action: QAction,
        print_action: QAction,
        preview_action: QAction,
    ):
        super().__init__(window, export_action, PDF)
        self.preview = PdfPreview(
            lambda: window.material, preview_dock, pdf_export_dialog.saved_options()
        )
        self.preview.setMinimumHeight(60)  # as the other docks: a slim strip still shows a line
        placeholder = preview_dock.widget()
        preview_dock.setWidget(self.preview)
        if placeholder is not None:
            placeholder.deleteLater()
        preview_dock.visibilityChanged.connect(self.preview.became_visible)
        self.print_action = print_action
        self.preview_action = preview_action
        print_action.triggered.connect(self.print_material)
        preview_action.triggered.connect(self.print_preview)
        for action, tip in (
            (export_action, _tr("Save the material as an A4 PDF (GB/T 9704)")),
            (print_action, _tr("Print the material at 100 % on A4")),
            (preview_action, _tr("See the printed pages before printing")),
        ):
            action.setToolTip(tip)
            action.setStatusTip(tip)
        self.update_enabled()
        self.preview.schedule()

    def owned_actions(self) -> list[QAction]:
        return [self.export_action, self.print_action, self.preview_action]

    def material_changed(self, change: MaterialChange) -> None:
        super().material_changed(change)
        self.preview.schedule()  # every change: the preview follows once edits settle

    def before_export(self, options: PdfOptions) -> None:
        self.preview.set_options(options)  # the preview shows what was exported

    # ----- 打印 / 打印预览 --------------------------------------------------------------------
    def _render_then(self, then) -> None:
        """Render the stored material in the background, then call ``then(bytes, report)``."""
        material = self.current_material(_tr("Printing failed"))
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
            self.fail(_tr("Printing failed"), error)

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
            self.fail(_tr("Printing failed"), exc)
            return
        finally:
            progress.close()
            progress.deleteLater()
        self.window.statusBar().showMessage(
            _tr("Sent %1 pages to the printer").replace("%1", str(sheets)), STATUS_MS
        )
        self.printed.emit(sheets)

    def _show_preview(self, data: bytes, _report: PdfReport) -> None:
        from ui import printing

        dialog = printing.make_preview_dialog(data, self.window)
        try:
            run_preview_dialog(dialog)
        finally:
            dialog.deleteLater()
