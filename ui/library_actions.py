"""The library list's actions on whole materials: new from a template, import, next year's
draft, rename, move to the trash, restore. Each write is one undoable step on the library's
own history (``ui.library_undo``); ``_step_done`` brings the list and the window in line after
the step, its undo and its redo alike.

Mixed into ``ui.library_view.LibraryView``, which provides the tree, the signals and the
dialog seams (``_run_dialog``, ``_ask_open_path``, ``_show_error``).
"""

from __future__ import annotations

import os

from app.errors import DuizhaoError, InputError
from app.exporters.title_breaks import one_line
from ui.library_commands import (
    CreateMaterialCommand,
    MaterialStep,
    RenameMaterialCommand,
    RestoreMaterialCommand,
    TrashMaterialCommand,
)
from ui.library_tree import COL_TITLE, ID_ROLE, KIND_ROLE


class LibraryActionsMixin:
    # ----- create --------------------------------------------------------------------------
    def new_material(self) -> int | None:
        # Dialogs load on first use, to keep them out of start-up.
        from ui.dialogs.new_material import NewMaterialDialog

        dialog = NewMaterialDialog(self)
        if not self._run_dialog(dialog):
            return None
        template_id, title, organization = dialog.values()
        library = self.library
        return self._create(
            self.tr("New material “%1”").replace("%1", title),
            lambda: library.create_from_template(
                template_id, title=title, organization=organization
            ),
            self.tr("Cannot create the material"),
        )

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
            material, links = dialog.material(), dialog.summary().links or None
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
        library = self.library
        return self._create(
            self.tr("Import “%1”").replace("%1", material.title or os.path.basename(path)),
            lambda: library.create_material(material, links),
            self.tr("Cannot import this file"),
        )

    def _import_clicked(self) -> None:
        self.import_file()

    def duplicate_selected(self) -> int | None:
        source_id = self.selected_material_id()
        if source_id is None:
            from ui.dialogs.duplicate import nothing_to_duplicate

            self._run_dialog(
                nothing_to_duplicate(self, library_empty=not self.listed_material_ids())
            )
            return None
        try:
            from ui.dialogs.duplicate import DuplicateDialog

            dialog = DuplicateDialog(self.library.get_material(source_id), self)
            if not self._run_dialog(dialog):
                return None
            year, template_id = dialog.values()
            title = dialog.title()
            mapping = dialog.mapping()
            review = dialog.review()
        except DuizhaoError as exc:
            self._show_error(self.tr("Cannot duplicate the material"), exc)
            return None
        library = self.library
        return self._create(
            self.tr("Next year's draft “%1”").replace("%1", title),
            lambda: library.duplicate_material(
                source_id,
                template_id=template_id,
                year=year,
                title=title,
                mapping=mapping,
                review=review,
            ),
            self.tr("Cannot duplicate the material"),
        )

    def _create(self, text: str, create, error_title: str) -> int | None:
        command = CreateMaterialCommand(self.library, text, create)
        if not self.library_undo.push(command, error_title):
            return None
        self.materialActivated.emit(command.material_id)  # a new material opens at once
        return command.material_id

    # ----- rename --------------------------------------------------------------------------
    def rename_selected(self) -> None:
        if self.selected_material_id() is not None:
            self.tree.editItem(self.tree.currentItem(), COL_TITLE)

    def _title_typed(self, material_id: int, text: str) -> None:
        """A key in the rename editor: written ahead to the typing journal at once (the rename
        is stored when the editor closes), so a kill while typing loses nothing."""
        if self.typing_journal is None:
            return
        if material_id not in self.renaming:
            summary = self.tree.summary(material_id)
            if summary is None:
                return
            self.renaming[material_id] = summary.title
        old = self.renaming[material_id]
        title = text.strip()
        if not title or title == one_line(old):  # nothing to rename (as ``_item_changed``)
            title = old
        self.typing_journal.note_typing(
            ("material", material_id), "title", title, old, "library-list"
        )

    def _title_editor_closed(self, material_id: int) -> None:
        # (no Qt call here: this also runs while the list is being destroyed)
        stored = self.renaming.pop(material_id, None)
        if self.typing_journal is not None and stored is not None:
            self.typing_journal.typing_done(("material", material_id), "title", stored)

    def _item_changed(self, item, column: int) -> None:
        if self.tree.refreshing or column != COL_TITLE or item.data(0, KIND_ROLE) != "material":
            return
        material_id = item.data(0, ID_ROLE)
        title = item.text(COL_TITLE).strip()
        summary = self.tree.summary(material_id)
        old = summary.title if summary is not None else ""
        if title and title != old:
            command = RenameMaterialCommand(
                self.library, material_id, old, title, self.rename_entry
            )
            if (
                self.library_undo.push(command, self.tr("Cannot rename the material"))
                and material_id in self.renaming
            ):
                self.renaming[material_id] = title  # what the library holds now
        # Rebuild after the editor has finished with this item (empty title → old one back).
        self._refresh_soon()

    # ----- trash and restore ---------------------------------------------------------------
    def trash_selected(self) -> None:
        self._key_open_timer.stop()  # Down then Del: the trashed row is not opened after all
        material_id = self.selected_material_id()
        if material_id is None:
            return
        next_id = self._neighbour(material_id)
        summary = self.tree.summary(material_id)
        title = summary.title if summary is not None else ""
        command = TrashMaterialCommand(self.library, material_id, title)
        if not self.library_undo.push(command, self.tr("Cannot move to trash")):
            return
        # The row of the material still open stays selected; when the open one went, the
        # neighbour is selected but not opened (Del again trashes it, the editor stays empty).
        shown = self.shown_material() if self.shown_material is not None else None
        self.tree.setCurrentItem(None)
        if shown is not None or next_id is not None:
            self.select_material(shown if shown is not None else next_id)
        self.undo_notice.offer(
            self.tr("“%1” moved to the trash.").replace("%1", title or self.tr("(untitled)")),
            command,
        )

    def _neighbour(self, material_id: int) -> int | None:
        """The material listed below ``material_id`` (above it at the end), if any."""
        ids = self.listed_material_ids()
        at = ids.index(material_id) if material_id in ids else -1
        rest = ids[at + 1 :] + ids[:at][::-1] if at >= 0 else []
        return rest[0] if rest else None

    def _restore_selected(self) -> None:
        material_id = self.selected_material_id(include_trashed=True)
        entry = self._trash_entry_of(material_id)
        if entry is not None:
            command = RestoreMaterialCommand(self.library, entry.material_id, entry.label)
            self.library_undo.push(command, self.tr("Cannot restore"))

    def _trash_entry_of(self, material_id: int | None):
        return next(
            (
                e
                for e in self.library.list_trash()
                if e.kind == "material" and e.material_id == material_id
            ),
            None,
        )

    def _restore_from_dialog(self, trash_id: int) -> int:
        """The trash dialog's restore: a whole material is a library step (Ctrl+Z sends it
        back); a node goes the window's way (``restore_entry``). Raises on failure."""
        entry = next((e for e in self.library.list_trash() if e.id == trash_id), None)
        if entry is None or entry.kind != "material":
            restore = self.restore_entry or self.library.restore_from_trash
            return restore(trash_id)
        command = RestoreMaterialCommand(self.library, entry.material_id, entry.label)
        if not self.library_undo.push(command, None):  # the dialog shows the error
            raise command.error
        return entry.material_id

    def show_trash(self) -> None:
        from ui.dialogs.trash import TrashDialog

        dialog = TrashDialog(self.library, self, restore=self._restore_from_dialog)
        dialog.restored.connect(self._restored_node)
        self._run_dialog(dialog)
        self.refresh()

    def _restored_node(self, material_id: int) -> None:
        self.refresh()
        self.select_material(material_id)
        self.libraryChanged.emit(material_id)

    # ----- after every step ----------------------------------------------------------------
    def _step_done(self, command: MaterialStep) -> None:
        """A library step was written (done, undone or redone): the list shows it, and the
        window hears of it — a material that left the list is closed if it was open, one that
        came back is opened again if the step had closed it."""
        self.refresh()
        material_id = command.material_id
        if command.listed():
            self.select_material(material_id)
            reopen, command.reopen = command.reopen, False
            self.libraryChanged.emit(material_id)
            if reopen:
                self.materialActivated.emit(material_id)
        else:
            command.reopen = self.is_open(material_id)
            self.libraryChanged.emit(material_id)
