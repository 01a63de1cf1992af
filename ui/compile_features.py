"""汇编 in the window: the 汇编… action opens ``CompileDialog`` with the materials ticked that are
selected in the library list (several with Ctrl/Shift), ordered 班子 first then by rank; the
compilation runs off the GUI thread on a ``TaskRunner`` with progress and cancel.

Nothing is half-written: the file is rendered in memory, a last progress report (which raises
once the task was cancelled) comes before the write, and the write is atomic (temp file, then
replace). The materials are read on the GUI thread before the work starts — the library's
connection belongs to it — after what was just typed has been stored.

``MainWindow`` builds ``CompileFeatures`` with the action declared in ``ui.window_chrome``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QAction

from ui import pdf_export_dialog
from ui.commands import WRITE_ERRORS
from ui.dialogs.common import error_text
from ui.export_target import export_force
from ui.tasks import TaskRunner

TASK_KEY = "compile"
STATUS_MS = 10000


def _tr(text: str) -> str:
    return QCoreApplication.translate("CompileFeatures", text)


class CompileFeatures(QObject):
    compiled = Signal(object, object)  # Path, CompileReport — after the file was written

    def __init__(self, window, action: QAction):
        super().__init__(window)
        self.window = window
        self.action = action
        self.runner = TaskRunner(self, "compile")
        self.dialog = None
        tip = _tr("Several materials as one PDF or Word document, with a cover and contents")
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.triggered.connect(self.open_dialog)
        action.setEnabled(True)

    def open_dialog(self) -> None:
        from app.exporters.compile_options import default_options
        from ui.dialogs.compile_dialog import CompileDialog

        w = self.window
        if self.dialog is not None or not w.flush_pending():
            return
        entries = w.library.list_compile_entries()
        if not entries:
            w.statusBar().showMessage(_tr("The library has no materials to compile"), STATUS_MS)
            return
        selected = set(w.library_view.selected_material_ids())
        ticked = [e for e in entries if e.id in selected] or entries
        dialog = CompileDialog(
            entries,
            selected,
            default_options(ticked),
            pdf_export_dialog.saved_options(),
            w,
        )
        dialog.startRequested.connect(self.start)
        dialog.cancelRequested.connect(self.cancel)
        dialog.finished.connect(self._dialog_closed)
        self.dialog = dialog
        dialog.open()

    def _dialog_closed(self, _result: int) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None

    def start(self) -> None:
        dialog = self.dialog
        ids = dialog.chosen_ids()
        if not ids:
            dialog.show_message(_tr("Tick at least one material."), error=True)
            return
        path = dialog.path()
        if path is None:
            dialog.show_message(_tr("Choose the file to write."), error=True)
            return
        force = export_force(dialog, path, self._refused)
        if force is None:
            return
        try:
            materials = [self.window.library.get_material(i) for i in ids]
        except WRITE_ERRORS as exc:
            self._failed(exc)
            return
        options, fmt = dialog.options(), dialog.output_format()
        dialog.set_running(True)
        dialog.show_message(_tr("Compiling…"))

        def work(report):
            from app.exporters.files import write_bytes_atomic

            if fmt == "docx":
                from app.exporters.compile_docx import render_compiled_docx as render
            else:
                from app.exporters.compile_pdf import render_compiled_pdf as render
            data, result = render(materials, options, lambda done, total: report((done, total)))
            report(None)  # the last chance to stop: a cancelled compilation writes nothing
            write_bytes_atomic(path, data, force=force)
            return path, result

        self.runner.run(
            work,
            success=self._done,
            failure=self._failed,
            key=TASK_KEY,
            progress=dialog.show_progress,
        )

    def cancel(self) -> None:
        """Stop the work at its next report; its outcome is dropped and no file is written."""
        self.runner.cancel(TASK_KEY)
        if self.dialog is not None:
            self.dialog.finish(_tr("Cancelled. No file was written."))

    def _refused(self, exc: BaseException) -> None:
        if self.dialog is not None:
            self.dialog.show_message(error_text(exc)[0], error=True)

    def _failed(self, exc: BaseException) -> None:
        zh, _en = error_text(exc)
        self.window.statusBar().showMessage(_tr("Compilation failed: %1").replace("%1", zh))
        if self.dialog is not None:
            self.dialog.finish(_tr("Compilation failed: %1").replace("%1", zh), error=True)

    def _done(self, result) -> None:
        path, report = result
        path = Path(path)
        pdf_export_dialog.remember_folder(path)
        text = _tr("Wrote %1").replace("%1", str(path))
        self.window.statusBar().showMessage(text, STATUS_MS)
        if self.dialog is not None:
            self.dialog.finish(text, complete=True)
        self.compiled.emit(path, report)
