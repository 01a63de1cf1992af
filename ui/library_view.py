"""材料库 view: materials grouped by year, a 回收站 group, full-text search, and the library
actions (new from template, import, next year's draft, rename, trash, restore).

Talks to the library only through ``app.store.Library``; tells the rest of the window what
happened through three signals. Every modal dialog goes through ``_exec_dialog`` and every file
prompt through ``_ask_open_path`` so tests can answer them without blocking.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import DuizhaoError, InputError
from app.library import Library
from ui.dialogs.common import show_error
from ui.dialogs.search_results import SearchResultsList
from ui.library_tree import COL_TITLE, ID_ROLE, KIND_ROLE, MaterialTree

SEARCH_DELAY_MS = 200
IMPORT_FILTER = "*.txt *.md *.docx *.doc *.wps *.json"
NARROW_WIDTH = 480  # px; below it the list shows titles only


class LibraryView(QWidget):
    materialActivated = Signal(int)
    nodeRequested = Signal(int, int)
    libraryChanged = Signal(int)

    def __init__(self, library: Library, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("libraryView")
        self.library = library
        # How the trash dialog restores an entry (trash id → restored id); the window sets an
        # undoable one. None: straight through the library.
        self.restore_entry: Callable[[int], int] | None = None
        # How a rename in the list is written (material id, title); the window sets one that
        # keeps the open material's undo history from writing over it. None: the library.
        self.rename_entry: Callable[[int, str], None] | None = None

        title = QLabel(self.tr("Library"), self)
        title.setObjectName("libraryTitle")
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("librarySearch")
        self.search_edit.setPlaceholderText(self.tr("Search all materials (Ctrl+Shift+F)"))
        self.search_edit.setClearButtonEnabled(True)

        self.tree = MaterialTree(self)

        self.results = SearchResultsList(self)
        self.results.hide()
        self.empty_hint = QLabel(
            self.tr("The library is empty. Create a material from a template or import a file."),
            self,
        )
        self.empty_hint.setObjectName("libraryEmptyHint")
        self.empty_hint.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(title)
        top.addWidget(self.search_edit, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.empty_hint)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.results, 1)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.run_search)

        self._build_actions()
        self.search_edit.textChanged.connect(self._search_text_changed)
        self.search_edit.returnPressed.connect(self.run_search)
        self.results.hitChosen.connect(self._hit_chosen)
        self.tree.itemActivated.connect(self._item_activated)
        self.tree.itemChanged.connect(self._item_changed)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        for widget in (self.tree, self.results, self.search_edit):
            widget.installEventFilter(self)
        self.setAcceptDrops(True)
        self.refresh()

    # ----- actions -------------------------------------------------------------------------------
    def _build_actions(self) -> None:
        def make(name: str, text: str, slot, shortcut=None) -> QAction:
            action = QAction(text, self)
            action.setObjectName(name)
            action.triggered.connect(slot)
            if shortcut is not None:
                # Shown in the menu; the key itself is handled in eventFilter (see there).
                action.setShortcut(QKeySequence(shortcut))
                action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            return action

        self.action_open = make("libraryOpen", self.tr("Open"), self._open_selected)
        self.action_new = make("libraryNew", self.tr("New from template…"), self.new_material)
        self.action_import = make("libraryImport", self.tr("Import file…"), self._import_clicked)
        self.action_duplicate = make(
            "libraryDuplicate", self.tr("Duplicate as next year's draft…"), self.duplicate_selected
        )
        self.action_rename = make("libraryRename", self.tr("Rename"), self.rename_selected, "F2")
        self.action_trash = make(
            "libraryTrash", self.tr("Move to trash"), self.trash_selected, "Del"
        )
        self.action_restore = make("libraryRestore", self.tr("Restore"), self._restore_selected)
        self.action_show_trash = make("libraryShowTrash", self.tr("Show trash…"), self.show_trash)

    def _context_menu(self, pos) -> None:
        item = self.tree.itemAt(pos)
        kind = item.data(0, KIND_ROLE) if item else None
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if kind == "material":
            menu.addAction(self.action_open)
            menu.addSeparator()
            menu.addAction(self.action_rename)
            menu.addAction(self.action_duplicate)
            menu.addAction(self.action_trash)
            menu.addSeparator()
        elif kind == "trashed":
            menu.addAction(self.action_restore)
            menu.addSeparator()
        menu.addAction(self.action_new)
        menu.addAction(self.action_import)
        menu.addSeparator()
        menu.addAction(self.action_show_trash)
        menu.popup(self.tree.viewport().mapToGlobal(pos))

    # ----- the list ------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read ``list_materials()``; keeps the selected material and the groups' expansion."""
        summaries = self.library.list_materials(include_trashed=True)
        self.tree.populate(summaries)
        self.empty_hint.setVisible(not summaries)

    def select_material(self, material_id: int) -> None:
        self.tree.select_material(material_id)

    def selected_material_id(self, *, include_trashed: bool = False) -> int | None:
        return self.tree.selected_material_id(include_trashed=include_trashed)

    def material_item(self, material_id: int) -> QTreeWidgetItem | None:
        return self.tree.material_item(material_id)

    def listed_material_ids(self, *, trashed: bool = False) -> list[int]:
        return self.tree.listed_material_ids(trashed=trashed)

    def _item_activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        kind = item.data(0, KIND_ROLE)
        if kind == "material":
            self.materialActivated.emit(item.data(0, ID_ROLE))
        elif kind in ("trash", "trashed"):
            self.show_trash()

    def _open_selected(self) -> None:
        material_id = self.selected_material_id()
        if material_id is not None:
            self.materialActivated.emit(material_id)

    # ----- material actions ----------------------------------------------------------------------
    def new_material(self) -> int | None:
        # Dialogs load on first use, to keep them out of start-up.
        from ui.dialogs.new_material import NewMaterialDialog

        dialog = NewMaterialDialog(self)
        if not self._run_dialog(dialog):
            return None
        template_id, title, organization = dialog.values()
        try:
            material_id = self.library.create_from_template(
                template_id, title=title, organization=organization
            )
        except DuizhaoError as exc:
            self._show_error(self.tr("Cannot create the material"), exc)
            return None
        self._after_create(material_id)
        return material_id

    def import_file(self, path: str | None = None) -> int | None:
        if not isinstance(path, str | os.PathLike):  # QAction.triggered passes ``checked``
            path = None
        if path is None:
            path = self._ask_open_path()
            if not path:
                return None
        source = None
        try:
            from ui.dialogs.import_material import ImportDialog, prepare_import_source

            # Read off the GUI thread (may convert a .doc/.wps, asks first); None:
            # declined/cancelled.
            source = prepare_import_source(path, self)
            if source is None:
                return None
            dialog = ImportDialog(source.material, source.report, source.name, self, source=source)
            if not self._run_dialog(dialog):
                return None
            material_id = self.library.create_material(
                dialog.material(), dialog.summary().links or None
            )
        except DuizhaoError as exc:
            self._show_error(self.tr("Cannot import this file"), exc)
            return None
        except Exception as exc:  # noqa: BLE001 — a broken file must never take the editor down
            self._show_error(
                self.tr("Cannot import this file"),
                InputError(
                    f"无法识别该文件的内容：{path}", f"could not read the content of {path}: {exc}"
                ),
            )
            return None
        finally:
            if source is not None:
                source.cleanup()  # the converted .docx of a .doc, if any
        self._after_create(material_id)
        return material_id

    def duplicate_selected(self) -> int | None:
        source_id = self.selected_material_id()
        if source_id is None:
            return None
        try:
            from ui.dialogs.duplicate import DuplicateDialog

            dialog = DuplicateDialog(self.library.get_material(source_id), self)
            if not self._run_dialog(dialog):
                return None
            year, template_id = dialog.values()
            material_id = self.library.duplicate_material(
                source_id, template_id=template_id, year=year, title=dialog.title()
            )
        except DuizhaoError as exc:
            self._show_error(self.tr("Cannot duplicate the material"), exc)
            return None
        self.libraryChanged.emit(material_id)
        self._after_create(material_id)
        return material_id

    def rename_selected(self) -> None:
        if self.selected_material_id() is not None:
            self.tree.editItem(self.tree.currentItem(), COL_TITLE)

    def _item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if self.tree.refreshing or column != COL_TITLE or item.data(0, KIND_ROLE) != "material":
            return
        material_id = item.data(0, ID_ROLE)
        title = item.text(COL_TITLE).strip()
        if title:
            try:
                if self.rename_entry is not None:
                    self.rename_entry(material_id, title)
                else:
                    self.library.update_material(material_id, title=title)
            except DuizhaoError as exc:
                self._show_error(self.tr("Cannot rename the material"), exc)
            else:
                self.libraryChanged.emit(material_id)
        # Rebuild after the editor has finished with this item (empty title → old one back).
        QTimer.singleShot(0, self.refresh)

    def trash_selected(self) -> None:
        material_id = self.selected_material_id()
        if material_id is None:
            return
        neighbour = self.tree.itemBelow(self.tree.currentItem()) or self.tree.itemAbove(
            self.tree.currentItem()
        )
        try:
            self.library.trash_material(material_id)
        except DuizhaoError as exc:
            self._show_error(self.tr("Cannot move to trash"), exc)
            return
        next_id = neighbour.data(0, ID_ROLE) if neighbour is not None else None
        self.tree.setCurrentItem(None)
        self.refresh()
        if next_id is not None and next_id != material_id:
            self.select_material(next_id)
        self.libraryChanged.emit(material_id)

    def _restore_selected(self) -> None:
        material_id = self.selected_material_id(include_trashed=True)
        entry = next(
            (
                e
                for e in self.library.list_trash()
                if e.kind == "material" and e.material_id == material_id
            ),
            None,
        )
        if entry is None:
            return
        try:
            self.library.restore_from_trash(entry.id)
        except DuizhaoError as exc:
            self._show_error(self.tr("Cannot restore"), exc)
            return
        self._restored(material_id)

    def show_trash(self) -> None:
        from ui.dialogs.trash import TrashDialog

        dialog = TrashDialog(self.library, self, restore=self.restore_entry)
        dialog.restored.connect(self._restored)
        self._run_dialog(dialog)
        self.refresh()

    def _restored(self, material_id: int) -> None:
        self.refresh()
        self.select_material(material_id)
        self.libraryChanged.emit(material_id)

    def _after_create(self, material_id: int) -> None:
        self.refresh()
        self.select_material(material_id)
        self.materialActivated.emit(material_id)

    def _import_clicked(self) -> None:
        self.import_file()

    # ----- search --------------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def _search_text_changed(self, text: str) -> None:
        if text.strip():
            self._search_timer.start()
        else:
            self._search_timer.stop()
            self.run_search()

    def run_search(self) -> None:
        """Search now (typing waits ``SEARCH_DELAY_MS`` first); an empty box shows the list."""
        self._search_timer.stop()
        query = self.search_edit.text().strip()
        searching = bool(query)
        self.tree.setVisible(not searching)
        self.results.setVisible(searching)
        if not searching:
            self.results.clear()
            return
        try:
            hits = self.library.search(query)
        except Exception as exc:  # noqa: BLE001 — typing in a search box must never crash
            self._show_error(self.tr("Search failed"), exc)
            hits = []
        self.results.show_hits(query, hits)

    def _hit_chosen(self, material_id: int, node_id: int) -> None:
        if node_id < 0:
            self.materialActivated.emit(material_id)
        else:
            self.nodeRequested.emit(material_id, node_id)

    def resizeEvent(self, event) -> None:
        self.tree.set_narrow(event.size().width() < NARROW_WIDTH)
        super().resizeEvent(event)

    # ----- keys, drops ----------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Keys that mean something else in the window (Ctrl+F = find in the material, Del =
        # delete the outline node) mean the library's own action while the library has focus:
        # claim them on ShortcutOverride so the window's shortcut does not fire, then act on
        # the key press.
        kind = event.type()
        if kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return super().eventFilter(watched, event)
        handler = self._key_handler(watched, event)
        if handler is None:
            return super().eventFilter(watched, event)
        event.accept()
        if kind == QEvent.Type.KeyPress:
            handler()
        return True

    def _key_handler(self, watched: QObject, event: QKeyEvent):
        if event.matches(QKeySequence.StandardKey.Find):
            return self.focus_search
        in_tree = watched is self.tree and self.tree.state() != QAbstractItemView.State.EditingState
        plain = event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        )
        if in_tree and plain and event.key() == Qt.Key.Key_Delete:
            return self.trash_selected
        if in_tree and plain and event.key() == Qt.Key.Key_F2:
            return self.rename_selected
        if watched is self.search_edit and event.key() == Qt.Key.Key_Escape:
            return self._leave_search
        if (
            watched is self.search_edit
            and event.key() == Qt.Key.Key_Down
            and self.results.isVisible()
        ):
            return self._enter_results
        return None

    def _enter_results(self) -> None:
        self.results.setFocus()
        if self.results.currentRow() < 0:
            self.results.setCurrentRow(0)

    def _leave_search(self) -> None:
        self.search_edit.clear()
        self.tree.setFocus()

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls() and all(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        for url in event.mimeData().urls():
            self.import_file(url.toLocalFile())
        event.acceptProposedAction()

    def _run_dialog(self, dialog: QDialog) -> bool:
        accepted = self._exec_dialog(dialog)
        dialog.deleteLater()  # deferred to the event loop: the caller still reads its fields
        return accepted

    # ----- seams for tests ------------------------------------------------------------------------
    def _exec_dialog(self, dialog: QDialog) -> bool:
        return dialog.exec() == QDialog.DialogCode.Accepted

    def _ask_open_path(self) -> str | None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Import material"),
            "",
            self.tr("Materials ({patterns});;All files (*)").format(patterns=IMPORT_FILTER),
        )
        return path or None

    def _show_error(self, title: str, exc: BaseException) -> None:
        show_error(self, title, exc)
