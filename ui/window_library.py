"""The window's side of the library: the list beside the outline, which material is open, and
the library file itself.

Opening and closing a material, following a change made from the list (a rename, a move to the
trash) and, around a restore, letting go of the library file and taking up the new one. Apart
from ``ui.main_window`` because it is about which material and which file the window shows,
not about how it shows them.

Mixed into ``MainWindow``, which provides the outline, the panels, the undo stacks and the
status bar it calls.
"""

from __future__ import annotations

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from app.library import Library
from ui.library_view import LibraryView
from ui.material_change import MaterialChange
from ui.outline_model import MATERIAL_KEY


class WindowLibraryMixin:
    # ----- the list beside the outline -----------------------------------------------------
    def _make_library_view(self, parent: QWidget) -> LibraryView:
        view = LibraryView(self.library, parent)
        view.materialActivated.connect(self.open_material)
        view.nodeRequested.connect(self.open_material)
        view.libraryChanged.connect(self._library_changed)
        view.restore_entry = self.restore_trash_entry
        view.rename_entry = self.rename_material
        view.typing_journal = self.autosave  # a rename being typed is journaled too
        view.shown_material = lambda: self.material_id
        self.join_library_history(view.library_undo)  # trash, rename, new…: undoable too
        return view

    # ----- opening and closing a material --------------------------------------------------
    def open_material(self, material_id: int, node_id: int | None = None) -> None:
        """Show a material (and select ``node_id``). Raises NotFoundError for an unknown id."""
        if material_id != self.material_id:
            stored = self.flush_pending()
            material = self.library.get_material(material_id)
            self.autosave.forget()
            self.material_id = material_id
            if material_id not in self._stacks:
                self._stacks[material_id] = QUndoStack(self.undo_group)
            self.route_history()  # this material's history, or still the library's
            self._show_material(material)
            self.snapshots_dock.set_material(material_id)
            self._select_in_library_view(material_id)
            if stored:  # else the red "not saved" of the typing stays
                self._show_stored(material)
        self.select_node(node_id if node_id is not None else MATERIAL_KEY)

    def _select_in_library_view(self, material_id: int) -> None:
        view = self.library_view
        if view.material_item(material_id) is None:
            view.refresh()  # made outside the list (CLI, another window): show it first
        view.select_material(material_id)

    def _library_changed(self, material_id: int) -> None:
        if material_id != self.material_id:
            return
        trashed = {m.id for m in self.library.list_materials(include_trashed=True) if m.trashed}
        if material_id in trashed:  # moved to the trash from the library list: close it
            self.close_material()
            return
        self.reload()
        self.snapshots_dock.refresh()
        self._mark_saved()
        # renamed or restored from the library list: a step of the library's history
        self.materialChanged.emit(
            MaterialChange(text=True, stored=True, material_id=self.material_id)
        )

    def close_material(self) -> None:
        stored = self.flush_pending()
        self.autosave.forget()
        self.material_id = None
        self.route_history(None)  # nothing open: Ctrl+Z reaches the library's history
        self._show_material(None)
        self.snapshots_dock.set_material(None)
        if stored:
            self._show_stored(None)

    # ----- the library file, around a restore ----------------------------------------------
    def release_library(self) -> bool:
        """Store what was typed, close the material, drop every undo stack (its commands act on
        the old library) and close the library, before a restore replaces its file. False, with
        nothing changed, when typing cannot be stored (the error is already in the status bar)."""
        if not self.flush_pending():
            return False
        self.close_material()
        for stack in list(self._stacks.values()):
            stack.blockSignals(True)  # its end must not make the window reload from a closed file
            self.undo_group.removeStack(stack)
            stack.deleteLater()
        self._stacks.clear()
        self.library_view.library_undo.clear()
        self.library.close()
        return True

    def use_library(self, library: Library) -> None:
        """Point the window and the parts holding a library of their own at ``library``."""
        self.library = library
        self.autosave.library = library
        self.snapshots_dock.library = library
        self.snapshots_dock.set_material(None)
        self.library_view.search_edit.clear()  # hits of the old file would lead nowhere
        self.library_view.library = library
        self.library_view.refresh()

    def _refresh_library_view(self) -> None:
        self.library_view.refresh()
