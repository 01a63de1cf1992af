"""导出 Word (.docx) in the window: the same options as 导出 PDF, written off the GUI thread.

``install_docx_features(window)`` is the one entry point (call it at the end of
``MainWindow.__init__``; calling it again does nothing). It relies on the window contract:
``library``, ``material_id``, ``material``, ``flush_pending()``, ``actions_by_name`` and
``outline_model``. The file is written atomically by the exporter, so a failed export leaves
no half file behind.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QFileDialog, QLabel, QWidget

from app.exporters.pdf_options import PdfOptions
from app.model import Material
from ui import pdf_export_dialog
from ui.commands import WRITE_ERRORS
from ui.dialogs.common import error_text, show_error
from ui.export_target import export_force
from ui.tasks import TaskRunner

STATUS_MS = 10000


def _tr(text: str) -> str:
    return QCoreApplication.translate("DocxFeatures", text)


def install_docx_features(window) -> None:
    """Enable 导出 Word (.docx) while a material is open. Idempotent."""
    if getattr(window, "docx_features", None) is not None:
        return
    window.docx_features = DocxFeatures(window)


class DocxExportDialog(pdf_export_dialog.PdfExportDialog):
    """The PDF export dialog's path and layout options, for a .docx (fonts are named, not embedded,
    so the font report is left out)."""

    def __init__(self, title: str, parent: QWidget | None = None, options: PdfOptions | None = None):
        super().__init__(title, parent, options)
        self.setObjectName("docxExportDialog")
        self.setWindowTitle(self.tr("Export Word (.docx)"))
        self.path_edit.setObjectName("docxPathEdit")
        stem = Path(pdf_export_dialog.suggested_file_name(title)).stem
        self.path_edit.setText(str(pdf_export_dialog.last_folder() / f"{stem}.docx"))
        self.font_report.hide()
        fonts_caption = QCoreApplication.translate("PdfExportDialog", "Fonts used for each role:")
        for label in self.findChildren(QLabel):
            if label.text() == fonts_caption:
                label.hide()
        self.resize(680, 260)

    def browse(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export Word (.docx)"), self.path_edit.text(), self.tr("Word (*.docx)"))
        if chosen:
            self.path_edit.setText(chosen)

    def path(self) -> Path | None:
        """The target with a ``.docx`` suffix, or None when nothing usable was entered."""
        text = self.path_edit.text().strip()
        if not text:
            return None
        path = Path(text).expanduser()
        if path.suffix.lower() != ".docx":
            path = path.with_name(path.name + ".docx")
        return path


def run_dialog(dialog: DocxExportDialog) -> bool:
    """Show the dialog modally; True when the user chose Save. Tests replace this function."""
    return pdf_export_dialog.run_dialog(dialog)


class DocxFeatures(QObject):
    """Owns the 导出 Word action of one window."""

    exported = Signal(object)  # the written Path
    export_failed = Signal(object)  # the exception, after the user was told

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.runner = TaskRunner(self, "docx")
        self.busy = False
        self.export_action = window.actions_by_name["actionExportDocx"]
        tip = _tr("Save the material as a Word document (.docx) with the official-document layout")
        self.export_action.setToolTip(tip)
        self.export_action.setStatusTip(tip)
        self.export_action.triggered.connect(self.export_docx)
        window.outline_model.modelReset.connect(self.update_enabled)  # opened, closed, switched
        self.update_enabled()

    def update_enabled(self) -> None:
        self.export_action.setEnabled(self.window.material is not None and not self.busy)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.update_enabled()

    def _current_material(self) -> Material | None:
        """The material as stored, after writing what was just typed; None (and said why)."""
        w = self.window
        if w.material_id is None or not w.flush_pending():
            return None  # an unsaved edit has already put its error in the status bar
        try:
            return w.library.get_material(w.material_id)
        except WRITE_ERRORS as exc:
            self._fail(exc)
            return None

    def export_docx(self) -> None:
        """Ask for the path and options, then write the .docx in the background."""
        material = self._current_material()
        if material is None or self.busy:
            return
        dialog = DocxExportDialog(material.title, self.window)
        try:
            if not run_dialog(dialog):
                return
            path, options = dialog.path(), dialog.options()
        finally:
            dialog.deleteLater()
        if path is None:
            return
        force = export_force(self.window, path, self._fail)
        if force is None:
            return
        self._set_busy(True)
        self.window.statusBar().showMessage(_tr("Exporting Word document to %1 …").replace("%1", str(path)))

        def work() -> Path:
            from app.exporters.docx import export_docx

            return export_docx(material, path, options, force=force)

        self.runner.run(work, success=self._export_done, failure=self._export_failed)

    def _export_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self._fail(error)
        self.export_failed.emit(error)

    def _export_done(self, result: Path) -> None:
        self._set_busy(False)
        path = Path(result)
        pdf_export_dialog.remember_folder(path)
        self.window.statusBar().showMessage(
            _tr("Exported the Word document %1").replace("%1", str(path)), STATUS_MS)
        self.exported.emit(path)

    def _fail(self, exc: BaseException) -> None:
        title = _tr("Word export failed")
        zh, _en = error_text(exc)
        self.window.statusBar().showMessage(f"{title}: {zh}", STATUS_MS)
        show_error(self.window, title, exc)
