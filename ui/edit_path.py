"""The window's edit path: every change is a command pushed onto the open material's history.

``push_command`` runs the command's redo — the one Library write — by pushing it; a failed write
is dropped by the stack and said in red. After each write ``_command_done`` refreshes the window
from the command's result: a field edit updates that field of the open material (typing already
shows it, so nothing is redrawn), a structure edit reloads the material from the library.
Undo/redo and clicks in the history view settle the index where the library is when a write
fails (``ui.commands.History``). Library steps (trash, rename, new…) are on the library's own
stack; ``route_history`` decides which stack Ctrl+Z reaches. A rename in the library list wins
over the material's title steps (``rename_material``).
"""

from __future__ import annotations

import copy

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.exporters.title_breaks import one_line
from ui.commands import EditFieldCommand, LibraryCommand


def _tr(text: str) -> str:
    return QCoreApplication.translate("edit_path", text)


LABEL_FIELDS = frozenset(
    {"title", "heading", "short_name", "point_style", "numbered"}
)  # shown in the outline
LIST_FIELDS = frozenset({"title", "year", "organization", "meeting"})  # shown in the library


class EditPathMixin:
    def push_command(self, command: LibraryCommand, *, report: bool = True) -> bool:
        """Push onto the open material's history; the push runs its redo, which writes. False
        when the write failed: the command is dropped, the stack and library are as before,
        and (with ``report``) the status bar says so in red."""
        command.on_error = self.show_write_error if report else None
        command.on_done = self._command_done
        command.history = self.history
        stack = self.stack()
        if stack is None:  # no material open: nothing to undo into, the write still happens
            command.redo()
        else:
            self.history.settle(stack)  # a failed step not yet settled: settle it first
            # An edit of the material: Ctrl+Z next undoes it, wherever the focus is.
            self.undo_group.setActiveStack(stack)
            stack.push(command)
        return command.error is None

    def run_command(self, command: LibraryCommand, select: int | None = None) -> bool:
        """A structure edit: store the typing first, then push it. False on failure."""
        if not self.flush_pending():
            return False
        self._select_after = select
        try:
            return self.push_command(command)
        finally:
            self._select_after = None

    def _command_done(self, command: LibraryCommand) -> None:
        """A command wrote (pushed, undone or redone): refresh from its result."""
        self.autosave.sync_library_soon()  # committed with synchronous=NORMAL: sync it now
        if isinstance(command, EditFieldCommand):
            self._field_stored(command)
        else:
            self.reload(self._select_after)
        self._mark_saved()

    def _field_stored(self, command: EditFieldCommand) -> None:
        """One field now holds ``command.value()`` in the library: the same in the open
        material, its outline label and panel (typing already shows it: nothing redrawn)."""
        kind, ident = command.target
        if kind == "material":
            obj = self.material if ident == self.material_id else None
        else:
            item = self.outline_model.item_for(ident)
            obj = item.obj if item is not None else None
        value = command.value()
        self.autosave.remember(command.target, command.field, value)  # for the typing journal
        if obj is not None and getattr(obj, command.field, value) != value:
            setattr(obj, command.field, copy.copy(value))
            if command.field in LABEL_FIELDS:
                self.outline_model.refresh_labels()
            current = self.current_item()
            if current is not None and current.obj is obj:
                self._load_panel()
            self._update_counts()
        if kind == "material" and command.field == "title" and self.material is not None:
            self.setWindowTitle(f"对照 — {one_line(self.material.title)}")
        if command.field in LIST_FIELDS:
            self._refresh_library_view()

    def undo(self) -> None:
        # typing goes on the stack first; if it cannot be stored, undoing older steps would
        # reload the panel over the unsaved text
        self._step_history(-1)

    def redo(self) -> None:
        self._step_history(+1)

    def _step_history(self, step: int) -> None:
        stack = self.undo_group.activeStack()
        if stack is None or not self.flush_pending():
            return
        if step < 0:
            stack.undo()
        else:
            stack.redo()
        self.history.settle(stack)  # a failed write (said so in red): the history stays put

    def _history_view_moved(self, *_args) -> None:
        """A click in the undo history view jumped the stack (Qt ran every step on the way)."""
        if self.undo_group.activeStack() is not None:
            self.history.settle(self.undo_group.activeStack())

    def join_library_history(self, library_undo) -> None:
        """The library's own history (``ui.library_undo``) joins the window's undo group:
        Ctrl+Z, the toolbar and the history dock reach it as ``route_history`` says."""
        library_undo.history = self.history  # one History settles whichever stack moved
        self.undo_group.addStack(library_undo.stack)
        library_undo.stepDone.connect(lambda _step: self.route_history(library=True))
        self.undo_group.undoTextChanged.connect(self.name_history_steps)
        self.undo_group.redoTextChanged.connect(self.name_history_steps)

    def route_history(self, focus: QWidget | None = None, *, library: bool = False) -> None:
        """Which history Ctrl+Z (and the history dock) reaches — the place the user last
        worked in: the library's after a library step (``library``), while the library list
        has the focus, or when no material is open, so a material moved to the trash by a
        slip comes back with Ctrl+Z; the open material's after an edit or once the outline or
        a panel has the focus. Opening another material keeps the kind of history."""
        library_stack = self.library_view.library_undo.stack
        material_stack = self.stack()

        def inside(widget: QWidget) -> bool:
            return focus is not None and (focus is widget or widget.isAncestorOf(focus))

        active = self.undo_group.activeStack()
        if library or material_stack is None or inside(self.library_view):
            target = library_stack
        elif inside(self.tree) or inside(self.panels) or active is not library_stack:
            target = material_stack
        else:
            target = library_stack
        if active is not target:
            self.undo_group.setActiveStack(target)

    def name_history_steps(self, *_args) -> None:
        """The Undo/Redo tooltips name the step they would take — which also says whether
        Ctrl+Z reaches the library's history or the material's (``route_history``)."""
        actions = getattr(self, "actions_by_name", {})
        steps = (
            ("actionUndo", self.undo_group.undoText(), _tr("Undo: %1")),
            ("actionRedo", self.undo_group.redoText(), _tr("Redo: %1")),
        )
        for name, step, template in steps:
            action = actions.get(name)
            if action is not None:
                action.setToolTip(template.replace("%1", step) if step else action.text())

    def rename_material(self, material_id: int, title: str) -> None:
        """The library list's rename, a library step: outside the material's history (it is
        not an edit of the open text), and it wins over that history — undoing or redoing an
        older title edit no longer writes over it. Raises on a failed write."""
        if material_id == self.material_id:
            self.flush_pending()
        self.library.update_material(material_id, title=title)
        stack = self._stacks.get(material_id)
        for i in range(stack.count() if stack is not None else 0):
            command = stack.command(i)
            if (
                isinstance(command, EditFieldCommand)
                and command.target == ("material", material_id)
                and command.field == "title"
            ):
                command.overridden(title)
