"""导出 Word (.docx) in the window: the same options as 导出 PDF, through the same export
controller (``ui.export_controller``); only the dialog, the writer and the messages differ.

``MainWindow`` builds ``DocxFeatures`` with the 导出 Word action (declared in
``ui.window_chrome``) and tells it of changes through ``materialChanged``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QLabel, QWidget

from app.exporters.pdf_options import PdfOptions
from app.model import Material
from ui import pdf_export_dialog
from ui.dialogs.common import show_error
from ui.export_controller import ExportController, ExportFormat


def _tr(text: str) -> str:
    return QCoreApplication.translate("DocxFeatures", text)


def install_docx_features(window) -> DocxFeatures:
    """The window's Word export controller (``MainWindow`` builds it; this only returns it)."""
    return window.docx_features


class DocxExportDialog(pdf_export_dialog.PdfExportDialog):
    """The PDF export dialog's path and layout options, for a .docx (fonts are named, not embedded,
    so the font report is left out)."""

    def __init__(
        self, title: str, parent: QWidget | None = None, options: PdfOptions | None = None
    ):
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
            self, self.tr("Export Word (.docx)"), self.path_edit.text(), self.tr("Word (*.docx)")
        )
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


def _write(material: Material, path: Path, options: PdfOptions, force: bool) -> Path:
    from app.exporters.docx import export_docx

    return export_docx(material, path, options, force=force)


WORD = ExportFormat(
    task_name="docx",
    failed_title=lambda: _tr("Word export failed"),
    exporting_text=lambda path: _tr("Exporting Word document to %1 …").replace("%1", str(path)),
    make_dialog=lambda title, parent: DocxExportDialog(title, parent),
    run_dialog=lambda dialog: run_dialog(dialog),  # looked up when called: tests replace it
    write=_write,
    done_text=lambda _path, written: _tr("Exported the Word document %1").replace(
        "%1", str(written)
    ),
    show_error=lambda parent, title, exc: show_error(parent, title, exc),
)


class DocxFeatures(ExportController):
    """Owns the 导出 Word action of one window."""

    def __init__(self, window, export_action: QAction):
        super().__init__(window, export_action, WORD)
        tip = _tr("Save the material as a Word document (.docx) with the official-document layout")
        export_action.setToolTip(tip)
        export_action.setStatusTip(tip)
        self.update_enabled()
