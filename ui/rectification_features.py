"""整改清单 in the window: the 整改清单 dock (``ui.rectification_view``) and its three exports.

``MainWindow`` builds ``RectificationFeatures`` with the dock and the actions it owns (declared
in ``ui.window_chrome``) and tells it of every change through ``materialChanged``. An edit in the
table goes through the window's edit path — ``flush_pending`` then ``push_command`` of one
``EditFieldCommand`` (undoable, stored at once); while a cell's editor is open its text is
written ahead to the typing journal (``Autosave.note_typing``), as the panels' typing is. The
exports are ``ExportController``s: target
checked first, written atomically off the GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QFileDialog, QWidget

from app.typing_journal import stored_value
from ui import pdf_export_dialog
from ui.commands import EditFieldCommand
from ui.dialogs.common import show_error
from ui.export_actions import safe_file_name
from ui.export_controller import ExportController, ExportFormat
from ui.material_change import MaterialChange

# The share of the window's height the dock takes when opened from the menu.
DOCK_SHARE = 0.45


def _tr(text: str) -> str:
    return QCoreApplication.translate("RectificationFeatures", text)


@dataclass(frozen=True)
class RectificationActions:
    show_list: QAction
    export_pdf: QAction
    export_docx: QAction
    export_xlsx: QAction


class SaveTarget:
    """The export's 另存为 step, shaped like the export dialogs ``ExportController`` expects:
    the 整改清单 has no layout options, so a save dialog is all there is."""

    def __init__(self, title: str, suffix: str, file_filter: str, parent: QWidget):
        self.parent = parent
        self.suffix = suffix
        self.file_filter = file_filter
        self.chosen = str(pdf_export_dialog.last_folder() / safe_file_name(title, suffix))

    def path(self) -> Path | None:
        if not self.chosen:
            return None
        path = Path(self.chosen).expanduser()
        if path.suffix.lower() != self.suffix:
            path = path.with_name(path.name + self.suffix)
        return path

    def options(self):
        return None

    def deleteLater(self) -> None:  # noqa: N802 (the dialogs' Qt name)
        pass


def ask_save_path(target: SaveTarget) -> bool:
    """The 另存为 dialog; True when a path was chosen. Tests replace this function."""
    chosen, _filter = QFileDialog.getSaveFileName(
        target.parent, _tr("Export the rectification list"), target.chosen, target.file_filter
    )
    target.chosen = chosen
    return bool(chosen)


def _format(fmt: str, suffix: str, file_filter, done) -> ExportFormat:
    def write(material, path, _options, force):
        from app.exporters.rectification import export_rectification

        return export_rectification(material, fmt, path, force=force)

    return ExportFormat(
        task_name=fmt,
        failed_title=lambda: _tr("Rectification list export failed"),
        exporting_text=lambda path: _tr("Exporting the rectification list to %1 …").replace(
            "%1", str(path)
        ),
        make_dialog=lambda title, parent: SaveTarget(
            f"{title} 整改清单", suffix, file_filter(), parent
        ),
        run_dialog=lambda target: ask_save_path(target),  # looked up late: tests replace it
        write=write,
        done_text=lambda _path, written: done().replace("%1", str(written)),
        show_error=lambda parent, title, exc: show_error(parent, title, exc),
    )


class RectificationFeatures(QObject):
    """Owns the 整改清单 dock and its actions of one window."""

    def __init__(self, window, dock: QDockWidget, actions: RectificationActions):
        super().__init__(window)
        self.window = window
        self.dock = dock
        self._view = None  # the table: built when the dock first shows (see ``view``)
        self.actions = actions
        self._committing = False  # a table edit is being pushed
        actions.show_list.triggered.connect(self.show_list)
        actions.show_list.setEnabled(True)  # an empty list when no material is open
        self.exports = [
            ExportController(
                window,
                actions.export_pdf,
                _format(
                    "rectification-pdf",
                    ".pdf",
                    lambda: _tr("PDF (*.pdf)"),
                    lambda: _tr("Exported the rectification list %1"),
                ),
            ),
            ExportController(
                window,
                actions.export_docx,
                _format(
                    "rectification-docx",
                    ".docx",
                    lambda: _tr("Word (*.docx)"),
                    lambda: _tr("Exported the rectification list %1"),
                ),
            ),
            ExportController(
                window,
                actions.export_xlsx,
                _format(
                    "rectification-xlsx",
                    ".xlsx",
                    lambda: _tr("Excel (*.xlsx)"),
                    lambda: _tr("Exported the rectification list %1"),
                ),
            ),
        ]
        for controller in self.exports:
            controller.update_enabled()
        dock.visibilityChanged.connect(self._dock_visible)

    @property
    def view(self):
        """The 整改清单 table (``ui.rectification_view``), built the first time it is needed:
        the dock is hidden until opened, and building and filling it would delay the first
        paint of every start."""
        if self._view is None:
            from ui.rectification_view import RectificationView

            view = RectificationView(self.dock)
            view.model.commit = self.commit
            view.cellTyped.connect(self._cell_typed)
            view.cellEditorClosed.connect(self._cell_closed)
            view.pointActivated.connect(self.window.select_node)
            actions = self.actions
            for action, text in (
                (actions.export_pdf, _tr("PDF…")),
                (actions.export_docx, _tr("Word…")),
                (actions.export_xlsx, _tr("Excel…")),
            ):
                view.add_export_action(action, text)
            placeholder = self.dock.widget()
            self.dock.setWidget(view)
            if placeholder is not None:
                placeholder.deleteLater()
            self._view = view
            view.model.set_material(self.window.material)
        return self._view

    def _dock_visible(self, visible: bool) -> None:
        if visible:
            self.view  # noqa: B018 (built on first show: a restored layout may show the dock)

    def material_changed(self, change: MaterialChange) -> None:
        for controller in self.exports:
            controller.material_changed(change)
        if self._view is None:
            return  # nothing shown yet: the table reads the material when it is built
        if change.switched:
            self._view.clear_refusal()
        if change.switched or (change.stored and not self._committing):
            self._refresh()  # (the table's own edit is shown already: no re-read for it)

    def _refresh(self) -> None:
        self.view.model.set_material(self.window.material)

    def show_list(self) -> None:
        """Open the dock (raised, tall enough to work in) and fill it from the open material."""
        self.view.model.set_material(self.window.material)
        self.dock.show()
        self.dock.raise_()
        height = int(self.window.height() * DOCK_SHARE)
        self.window.resizeDocks([self.dock], [height], Qt.Orientation.Vertical)
        self.view.table.setFocus()

    def _cell_typed(self, key: tuple[int, str], text: str) -> None:
        """A key in a cell's editor: written ahead to the typing journal at once (stored only
        when the editor closes), so a kill while typing loses nothing."""
        measure_id, field = key
        model = self.view.model
        self.window.autosave.note_typing(
            ("node", measure_id),
            field,
            model.typed_value(field, text),
            model.stored_value(measure_id, field),
            "rectification",
        )

    def _cell_closed(self, key: tuple[int, str]) -> None:
        measure_id, field = key
        target = ("node", measure_id)
        stored = self.view.model.stored_value(measure_id, field)
        if stored is None:  # another material shown meanwhile: ask the library
            stored = stored_value(self.window.library, target, field)[1]
        self.window.autosave.typing_done(target, field, stored)

    def show_cell(self, measure_id: int, field: str) -> None:
        """Open the list at the cell of ``field`` of the measure (text put back there)."""
        self.show_list()
        self.view.select_cell(measure_id, field)

    def commit(self, measure_id: int, field: str, old, new) -> bool:
        """One field of one measure through the edit path; False (said in red) if not stored."""
        window = self.window
        if not window.flush_pending():
            return False
        command = EditFieldCommand(window.library, ("node", measure_id), field, old, new)
        self._committing = True
        try:
            stored = window.push_command(command)
        finally:
            self._committing = False
        if stored:
            self.view.clear_refusal()
        return stored
