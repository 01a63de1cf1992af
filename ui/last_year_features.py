"""对照上年材料: last year's material read-only in a dock beside the editor, following the node
selected in the outline, and a passage copied across as one undoable edit.

``MainWindow`` builds the dock (``last_year_dock``, before its layout is restored, so the dock
keeps its place and visibility across sessions) and ``LastYearFeatures`` with the action it owns
(declared in ``ui.window_chrome``). The controller hears of the shown material through
``materialChanged`` and of the selected node through ``nodeSelected``; it reads the library and
never writes to the material it shows. The copy is an ``EditFieldCommand`` of the open
material pushed through the window's edit path (``push_command``): Ctrl+Z takes it back.

Nothing is read while the dock is hidden: it catches up when shown.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QWidget,
)
from shiboken6 import isValid

from ui.commands import WRITE_ERRORS, EditFieldCommand
from ui.dialogs.common import error_text
from ui.material_change import MaterialChange
from ui.outline_model import MATERIAL_KEY
from ui.panels.common import paragraphs_of

if TYPE_CHECKING:  # app.last_year (with the dimension mapping) loads when the dock first shows
    from app.last_year import Alignment
    from ui.last_year_view import LastYearView

STATUS_MS = 8000
DOCK_SHARE = 0.36  # of the window's width when the dock opens narrower than MIN_DOCK_WIDTH
MIN_DOCK_WIDTH = 320


def _tr(text: str) -> str:
    return QCoreApplication.translate("LastYearFeatures", text)


def last_year_dock(window: QMainWindow) -> QDockWidget:
    """The dock, on the right of the editor and hidden until asked for."""
    dock = QDockWidget(_tr("Last year side by side"), window)
    dock.setObjectName("lastYearDock")
    dock.setWidget(QWidget(dock))  # the controller sets the view
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    dock.hide()
    return dock


def editor_field(panel, editor) -> str | None:
    """The model field ``editor`` of ``panel`` edits (None: not a text field of it)."""
    from ui.check_commands import EDITORS

    name = editor.objectName()
    return next((f for f, names in EDITORS.items() if name in names and f in panel.fields), None)


class CopyFromLastYearCommand(EditFieldCommand):
    """A passage of last year's material inserted into one field: its own undo step, never
    merged with typing before or after it."""

    def __init__(self, library, target, field: str, old, new):
        super().__init__(library, target, field, old, new)
        self.setText(_tr("Copy from last year"))

    def id(self) -> int:
        return -1


class LastYearFeatures(QObject):
    def __init__(self, window, dock: QDockWidget, action: QAction):
        super().__init__(window)
        self.window = window
        self.dock = dock
        self.action = action
        self._view: LastYearView | None = None  # built when first needed (``view``)
        self.alignment: Alignment | None = None
        self.picked: dict[int, int | None] = {}  # open material → the material the user chose
        self.stale = True  # the shown material changed while the dock was hidden
        self.editor: QLineEdit | QPlainTextEdit | None = None  # the field the cursor was in
        self.width: int | None = None  # the dock's width when the user last closed it
        action.setCheckable(True)
        action.setChecked(not dock.isHidden())  # shown by the restored layout
        action.setEnabled(True)
        action.setToolTip(_tr("Show last year's material beside this one, read-only"))
        action.toggled.connect(self._toggled)
        dock.visibilityChanged.connect(self._visibility_changed)
        if not dock.isHidden():  # shown by the restored layout: laid out with its view, as ever
            self.view  # noqa: B018 (built on access)
        window.nodeSelected.connect(self.node_selected)
        QApplication.instance().focusChanged.connect(self._focus_changed)
        window.destroyed.connect(self._disconnect_focus)

    @property
    def view(self) -> LastYearView:
        """Last year's material, read-only, in the dock: built the first time the dock shows
        (hidden at start-up, it would cost the first paint ~10 ms)."""
        if self._view is None:
            from ui.last_year_view import LastYearView

            view = LastYearView(self.dock)
            placeholder = self.dock.widget()
            self.dock.setWidget(view)
            if placeholder is not None:
                placeholder.deleteLater()
            view.materialChosen.connect(self._material_chosen)
            view.copyRequested.connect(self.copy_across)
            self._view = view
        return self._view

    def _disconnect_focus(self, *_args) -> None:
        app = QApplication.instance()
        if app is not None:
            try:
                app.focusChanged.disconnect(self._focus_changed)
            except (RuntimeError, TypeError):  # already gone with this object
                pass

    # ----- showing ----------------------------------------------------------------------------
    def _toggled(self, on: bool) -> None:
        if not on:
            if not self.dock.isFloating() and self.dock.width() >= MIN_DOCK_WIDTH:
                self.width = self.dock.width()  # reopened as wide as the user left it
            self.dock.setVisible(False)
            return
        self._tab_beside_the_preview()
        self.dock.setVisible(True)
        self.dock.raise_()
        if not self.dock.isFloating():
            width = self.width or max(MIN_DOCK_WIDTH, int(self.window.width() * DOCK_SHARE))
            self.window.resizeDocks([self.dock], [width], Qt.Orientation.Horizontal)

    def _tab_beside_the_preview(self) -> None:
        """Opened on the side where 预览 is, it shares 预览's place as a tab: two reading panes
        side by side would leave the editor too narrow on a 1366-wide screen."""
        window = self.window
        preview = getattr(window, "preview_dock", None)
        if (
            preview is None
            or not preview.isVisible()
            or self.dock.isFloating()
            or window.dockWidgetArea(preview) != window.dockWidgetArea(self.dock)
            or self.dock in window.tabifiedDockWidgets(preview)
        ):
            return
        window.tabifyDockWidget(preview, self.dock)

    def _visibility_changed(self, visible: bool) -> None:
        if self.dock.isHidden() == self.action.isChecked():  # closed by its own × button
            self.action.setChecked(not self.dock.isHidden())
        if visible and self.stale:
            self.refresh()

    def shown(self) -> bool:
        return not self.dock.isHidden()

    def material_changed(self, change: MaterialChange) -> None:
        """The window's one change signal: another material, or a change of structure."""
        if change.switched:
            self.stale = True
            if self.shown():
                self.refresh()
        elif change.structure:
            if self.shown() and self.view.material is not None and self.window.material:
                from app.last_year import align

                # last year's text, the user's selection in it and its scroll stay as they are
                self.alignment = align(self.view.material, self.window.material)
                item = self.window.current_item()
                self._show_counterpart(item.key if item is not None else MATERIAL_KEY)
            else:
                self.stale = True

    def refresh(self) -> None:
        """Read the chosen material again and align it with the open one."""
        from app.last_year import align, comparable_materials, last_year_of

        self.stale = False
        w = self.window
        self.alignment = None
        if w.material is None or w.material_id is None:
            self.view.set_choices([], None)
            self.view.show_material(None, _tr("Open a material to compare it with last year's."))
            return
        try:
            choices = comparable_materials(w.library, w.material_id)
            if w.material_id in self.picked:
                chosen = self.picked[w.material_id]
            else:
                chosen = last_year_of(w.library, w.material)
            self.view.set_choices(choices, chosen)
            if chosen is None:
                self.view.show_material(None, self._none_note(bool(choices)))
                return
            last = w.library.get_material(chosen)
        except WRITE_ERRORS as exc:
            self.view.show_material(
                None, _tr("Cannot read the material: %1").replace("%1", error_text(exc)[0])
            )
            return
        self.view.show_material(last)
        self.alignment = align(last, w.material)
        item = w.current_item()
        self._show_counterpart(item.key if item is not None else MATERIAL_KEY)

    def _none_note(self, any_other: bool) -> str:
        if not any_other:
            return _tr("The library holds no other material to compare with.")
        return _tr(
            "No earlier year's material of the same unit, author and scope is in the library. "
            "Choose another material above."
        )

    def _material_chosen(self, material_id: int | None) -> None:
        if self.window.material_id is not None:
            self.picked[self.window.material_id] = material_id
        self.refresh()

    # ----- following the outline ---------------------------------------------------------------
    def node_selected(self, key: int | None) -> None:
        """The outline's current node changed: show what corresponds to it last year."""
        self.editor = None  # the panel shows another node: its cursor is no longer the user's
        self._show_counterpart(key)

    def _show_counterpart(self, key: int | None) -> None:
        if not self.shown() or self.alignment is None:
            return
        if key is None or key == MATERIAL_KEY:
            self.view.scroll_to_top()
            self.view.set_note("")
            return
        found = self.alignment.counterpart(key)
        self.view.mark(found.node_ids)
        where = "、".join(self.view.paths.get(i, "") for i in found.node_ids)
        if not found.node_ids:
            self.view.set_note(_tr("Last year's material has nothing corresponding to this."))
        elif not found.exact:
            note = _tr("No such point last year; the part it belongs to is marked: %1")
            self.view.set_note(note.replace("%1", where))
        else:
            self.view.set_note(_tr("Last year: %1").replace("%1", where))

    # ----- copying across ----------------------------------------------------------------------
    def _focus_changed(self, _old, new) -> None:
        panels = self.window.panels
        if isinstance(new, QLineEdit | QPlainTextEdit) and panels.isAncestorOf(new):
            self.editor = new

    def _target(self):
        """(editor, field, at_cursor) of the current panel the passage goes into: the field the
        cursor was last in (at the cursor), else a point's body (at its end); (None, None,
        False) when there is none."""
        from ui.check_commands import editor_for

        panel = self.window.panels.current_panel()
        if panel is None or panel.target is None:
            return None, None, False
        editor = self.editor
        if editor is not None and isValid(editor) and panel.isAncestorOf(editor):
            field = editor_field(panel, editor)
            if field is not None:
                return editor, field, True
        body = editor_for(panel, "body")
        if body is None or "body" not in panel.fields:
            return None, None, False
        return body, "body", False

    def copy_across(self) -> bool:
        """Insert the passage selected in the side view at the cursor of the current field, as
        one undoable edit stored at once. False (and said why) when nothing was inserted."""
        w = self.window
        text = self.view.selected_text()
        if not text:
            return self._say(_tr("Select a passage in last year's material first."))
        editor, field, at_cursor = self._target()
        item = w.current_item()
        if editor is None or item is None:
            return self._say(_tr("Click into the field the passage should go to first."))
        if not w.flush_pending():  # typing first: the passage lands in what is stored
            return False
        panel = w.panels.current_panel()
        if isinstance(editor, QLineEdit):
            text = "".join(text.split("\n"))  # a one-line field
            current = editor.text()
            if editor.hasSelectedText():
                start = editor.selectionStart()
                end = start + len(editor.selectedText())
            else:
                start = end = editor.cursorPosition()
        else:
            current = editor.toPlainText()
            cursor = editor.textCursor()
            start, end = cursor.selectionStart(), cursor.selectionEnd()
        if not at_cursor:  # the user has not clicked into a field of this node: append
            start = end = len(current)
        old = copy.copy(getattr(item.obj, field))
        new_text = current[:start] + text + current[end:]
        new = paragraphs_of(new_text) if isinstance(old, list) else new_text
        command = CopyFromLastYearCommand(w.library, panel.target, field, old, new)
        if not w.push_command(command):
            return False
        self._put_cursor(editor, start + len(text))
        editor.installEventFilter(self)  # Ctrl+Z in that field takes the copy back too
        return self._say(
            _tr("Copied %1 characters from last year (Ctrl+Z takes them back).").replace(
                "%1", str(len(text))
            ),
            True,
        )

    def eventFilter(self, watched, event) -> bool:
        """Ctrl+Z / Ctrl+Y in the field a passage went into, when the field's own history is
        empty (the panel was reloaded from the library): the window's undo / redo takes the
        copy back or puts it again, instead of the field swallowing the key doing nothing."""
        if event.type() == QEvent.Type.ShortcutOverride and self._hands_over(watched, event):
            event.ignore()
            return True  # not the field's key: the window's shortcut fires
        return super().eventFilter(watched, event)

    def _hands_over(self, editor, event: QKeyEvent) -> bool:
        undo = event.matches(QKeySequence.StandardKey.Undo)
        redo = event.matches(QKeySequence.StandardKey.Redo) or (
            event.key() == Qt.Key.Key_Y and event.modifiers() == Qt.KeyboardModifier.ControlModifier
        )
        if not (undo or redo) or not isinstance(editor, QLineEdit | QPlainTextEdit):
            return False
        if isinstance(editor, QPlainTextEdit):
            document = editor.document()
            own = document.isUndoAvailable() if undo else document.isRedoAvailable()
        else:
            own = editor.isUndoAvailable() if undo else editor.isRedoAvailable()
        stack = self.window.stack()
        if own or stack is None:
            return False
        command = stack.command(stack.index() - 1 if undo else stack.index())
        panel = self.window.panels.current_panel()
        return (
            isinstance(command, CopyFromLastYearCommand)
            and panel is not None
            and panel.isAncestorOf(editor)
            and command.target == panel.target
            and editor_field(panel, editor) == command.field
        )

    @staticmethod
    def _put_cursor(editor, position: int) -> None:
        """After the passage, as a paste leaves it (the panel was reloaded from the library)."""
        if not isValid(editor):
            return
        if isinstance(editor, QLineEdit):
            editor.setCursorPosition(min(position, len(editor.text())))
        else:
            cursor = editor.textCursor()
            cursor.setPosition(min(position, len(editor.toPlainText())))
            editor.setTextCursor(cursor)

    def _say(self, text: str, done: bool = False) -> bool:
        self.window.statusBar().showMessage(text, STATUS_MS)
        return done
