"""材料库 view: materials grouped by year, a 回收站 group, full-text search, and the library
actions (new from template, import, next year's draft, rename, trash, restore — in
``ui.library_actions``, each an undoable step of ``ui.library_undo``).

A click on a material opens it, as in a file list; arrow keys open the material the cursor
rests on. Talks to the library only through ``app.store.Library``; tells the rest of the window
what happened through three signals. Every modal dialog goes through ``_exec_dialog`` and every
file prompt through ``_ask_open_path`` so tests can answer them without blocking.
"""

from __future__ import annotations

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

from app.library import Library
from ui.dialogs.common import show_error
from ui.dialogs.search_results import SearchResultsList
from ui.library_actions import LibraryActionsMixin
from ui.library_tree import ID_ROLE, KIND_ROLE, MaterialTree
from ui.library_undo import LibraryUndo, UndoNotice

SEARCH_DELAY_MS = 200
# Arrow keys open the material the cursor rests on this long: holding a key runs through the
# list without loading every material on the way.
KEY_OPEN_DELAY_MS = 250
CURSOR_KEYS = frozenset(
    {
        Qt.Key.Key_Up,
        Qt.Key.Key_Down,
        Qt.Key.Key_PageUp,
        Qt.Key.Key_PageDown,
        Qt.Key.Key_Home,
        Qt.Key.Key_End,
    }
)
IMPORT_FILTER = "*.txt *.md *.docx *.doc *.wps *.json"
NARROW_WIDTH = 480  # px; below it the list shows titles only


class LibraryView(LibraryActionsMixin, QWidget):
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
        # Where a rename's typing is written ahead while its editor is open (the window's
        # ``Autosave``: ``note_typing`` / ``typing_done``). None: not journaled.
        self.typing_journal = None
        self.renaming: dict[int, str] = {}  # material id → its stored title, editor open
        # The window's 汇编 action, offered in the context menu for the selected materials.
        self.compile_action: QAction | None = None
        # Which material the editor shows (the window sets it): a trashed one is reopened when
        # the trash is undone. None: no editor.
        self.shown_material: Callable[[], int | None] | None = None
        self.library_undo = LibraryUndo(self)
        self.library_undo.stepDone.connect(self._step_done)
        self.library_undo.failed.connect(self._show_error)

        title = QLabel(self.tr("Library"), self)
        title.setObjectName("libraryTitle")
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("librarySearch")
        self.search_edit.setPlaceholderText(self.tr("Search all materials (Ctrl+Shift+F)"))
        self.search_edit.setClearButtonEnabled(True)

        self.tree = MaterialTree(self)
        # Ctrl/Shift-click selects several materials (for a 汇编); the current one stays the
        # one that opens, renames and goes to the trash.
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)

        self.results = SearchResultsList(self)
        self.results.hide()
        self.empty_hint = QLabel(
            self.tr("The library is empty. Create a material from a template or import a file."),
            self,
        )
        self.empty_hint.setObjectName("libraryEmptyHint")
        self.empty_hint.setWordWrap(True)
        # Below the list on its own; the window moves it into its status bar.
        self.undo_notice = UndoNotice(self.library_undo, self)

        top = QHBoxLayout()
        top.addWidget(title)
        top.addWidget(self.search_edit, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.empty_hint)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.undo_notice)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.run_search)
        self._key_open_timer = QTimer(self)
        self._key_open_timer.setSingleShot(True)
        self._key_open_timer.setInterval(KEY_OPEN_DELAY_MS)
        self._key_open_timer.timeout.connect(self._open_selected)

        self._build_actions()
        self.search_edit.textChanged.connect(self._search_text_changed)
        self.search_edit.returnPressed.connect(self.run_search)
        self.results.hitChosen.connect(self._hit_chosen)
        self.tree.itemActivated.connect(self._item_activated)
        self.tree.itemClicked.connect(self._item_clicked)
        self.tree.itemChanged.connect(self._item_changed)
        self.tree.title_delegate.on_typed = self._title_typed
        self.tree.title_delegate.on_ended = self._title_editor_closed
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
            if self.compile_action is not None:
                menu.addAction(self.compile_action)
            menu.addSeparator()
        elif kind == "trashed":
            menu.addAction(self.action_restore)
            menu.addSeparator()
        menu.addAction(self.action_new)
        menu.addAction(self.action_import)
        menu.addSeparator()
        menu.addAction(self.action_show_trash)
        if kind == "material":
            # Last and apart, far from 复制为下一年度草稿: a slip of the mouse should not land
            # here (and Ctrl+Z or the 撤销 in the status bar bring it back if it does).
            menu.addSeparator()
            menu.addAction(self.action_trash)
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

    def selected_material_ids(self) -> list[int]:
        """The materials selected in the list (not those in the trash), top to bottom."""
        return [
            item.data(0, ID_ROLE)
            for item in self.tree.material_items()
            if item.isSelected() and item.data(0, KIND_ROLE) == "material"
        ]

    def material_item(self, material_id: int) -> QTreeWidgetItem | None:
        return self.tree.material_item(material_id)

    def listed_material_ids(self, *, trashed: bool = False) -> list[int]:
        return self.tree.listed_material_ids(trashed=trashed)

    def is_open(self, material_id: int | None) -> bool:
        return self.shown_material is not None and self.shown_material() == material_id

    def _item_activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        """Enter or a double click: open a material, or the trash dialog on the trash."""
        kind = item.data(0, KIND_ROLE)
        if kind == "material":
            self._open(item.data(0, ID_ROLE))
        elif kind in ("trash", "trashed"):
            self.show_trash()

    def _item_clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        """One click opens a material, as in a file list (a right click only selects)."""
        if item.data(0, KIND_ROLE) == "material":
            self._open(item.data(0, ID_ROLE))

    def _open_selected(self) -> None:
        material_id = self.selected_material_id()
        if material_id is not None:
            self._open(material_id)

    def _open(self, material_id: int) -> None:
        self._key_open_timer.stop()
        if not self.is_open(material_id):  # a second click keeps the editor where it is
            self.materialActivated.emit(material_id)

    def _refresh_soon(self) -> None:
        QTimer.singleShot(0, self.refresh)

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
        if kind == QEvent.Type.KeyPress and watched is self.tree and event.key() in CURSOR_KEYS:
            self._key_open_timer.start()  # the tree moves the cursor; open where it rests
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
        if in_tree and event.matches(QKeySequence.StandardKey.Undo):
            return self.library_undo.undo
        if in_tree and event.matches(QKeySequence.StandardKey.Redo):
            return self.library_undo.redo
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
