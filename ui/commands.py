"""Undoable edits (QUndoCommand): each redo/undo calls ONE Library method.

Commands know the library and ids, never a widget. ``redo()`` does the write, also the first
time, when the command is pushed. A write that fails is caught, kept in ``error`` and passed to
``on_error``; the library is unchanged, so:

- a first write that fails makes the command obsolete, and ``QUndoStack.push`` drops it — the
  stack is as before;
- a later undo/redo that fails leaves ``in_library`` as it was and is noted in the commands'
  shared ``History``: the later steps of the same jump (a click in the history view moves
  several) do not write, and ``History.settle`` puts the index back where the library is —
  stepping over commands that know they did not run writes nothing.

After each successful write ``on_done(command)`` lets the window refresh from the result.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand, QUndoStack

from app.errors import DuizhaoError
from app.library import Library
from app.model import Dimension, Material, Point, Section
from app.serialize import links_of

# Writes fail with these (the library raises only our own errors); anything else is a bug.
WRITE_ERRORS = (DuizhaoError, OSError)
TEXT_EDIT_ID = 1001
# Keystrokes in one field closer together than this are one typing burst (one undo step); the
# same pause after which Autosave writes (ui.autosave.AUTOSAVE_DELAY_MS).
PAUSE_SECONDS = 1.0

Target = tuple[str, int]  # ("material", material_id) or ("node", node_id)


def _tr(text: str) -> str:
    return QCoreApplication.translate("commands", text)


class History:
    """Shared by the commands of the window's undo stacks: the step whose write failed during
    the current move of a stack, until ``settle`` has put that stack's index back."""

    def __init__(self) -> None:
        self.failed: LibraryCommand | None = None

    def settle(self, stack: QUndoStack) -> bool:
        """After undo/redo/setIndex of ``stack``: when a step failed, move the index to where
        the library is (just past the failed step if its undo failed, before it if its redo
        did). True when the index was put back."""
        failed, self.failed = self.failed, None
        if failed is None:
            return False
        for i in range(stack.count()):
            if stack.command(i) is failed:
                stack.setIndex(i + 1 if failed.in_library else i)
                break
        return True


class LibraryCommand(QUndoCommand):
    def __init__(self, library: Library, text: str, on_error: Callable | None = None):
        super().__init__(text)
        self.library = library
        self.on_error = on_error
        self.on_done: Callable[[LibraryCommand], None] | None = None
        self.history: History | None = None
        self.error: BaseException | None = None
        self.in_library = False  # the library holds this step's result (done, not undone)
        self._writes = 0  # successful writes so far; none yet: the push's own redo

    # subclasses implement these two, each calling one Library method
    def do(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def redo(self) -> None:
        # nothing to write (see the module doc); a push always writes
        if self.in_library or (self._writes and self._move_failed()):
            return
        if self._guarded(self.do):
            self._written(in_library=True)
        elif self._writes == 0:
            self.setObsolete(True)  # never happened: QUndoStack.push drops it
        elif self.history is not None:
            self.history.failed = self

    def undo(self) -> None:
        if not self.in_library or self._move_failed():
            return
        if self._guarded(self.revert):
            self._written(in_library=False)
        elif self.history is not None:
            self.history.failed = self

    def _move_failed(self) -> bool:
        return self.history is not None and self.history.failed is not None

    def _guarded(self, action: Callable[[], None]) -> bool:
        self.error = None
        try:
            action()
        except WRITE_ERRORS as exc:
            self.error = exc
            if self.on_error is not None:
                self.on_error(exc)
            return False
        return True

    def _written(self, *, in_library: bool) -> None:
        self._writes += 1
        self.in_library = in_library
        if self.on_done is not None:
            self.on_done(self)


# How a field is named in the undo history: the panels' own labels (already translated there).
FIELD_LABELS = {
    "title": "Title",
    "body": "Body",
    "example": "Example",
    "example_lead": "Example",
    "heading": "Heading",
    "short_name": "Short name",
    "heading_prefix": "Frame",
    "heading_suffix": "Frame",
    "intro": "Intro",
    "organization": "Organization",
    "year": "Year",
    "meeting": "Meeting",
    "author": "Author",
    "job_title": "Job title",
    "rank": "Rank",
    "scope": "Scope",
    "date": "Date",
    "template_id": "Template",
    "preamble": "Preamble",
    "point_style": "Point numbering",
    "numbered": "Layout",
    "heading_alone": "Layout",
    "points_apart": "Layout",
    "title_alone": "Layout",
    # the 整改清单 table's columns (ui.rectification_model.field_labels)
    "responsible": "Responsible",
    "deadline": "Deadline",
    "status": "Status",
    "status_note": "Status note",
}


def field_label(field: str) -> str:
    label = FIELD_LABELS.get(field)
    return QCoreApplication.translate("panels", label) if label else field


class EditFieldCommand(LibraryCommand):
    """A text (or value) edit of one field of the material or of one node.

    ``edited`` is (first keystroke, last keystroke) on Autosave's clock: a following edit of the
    same field merges into this one when its first keystroke came less than ``PAUSE_SECONDS``
    after this one's last — decided on when the user typed, not on when Autosave wrote."""

    def __init__(
        self,
        library,
        target: Target,
        field: str,
        old,
        new,
        on_error=None,
        edited: tuple[float, float] | None = None,
    ):
        super().__init__(library, _tr("Edit %1").replace("%1", field_label(field)), on_error)
        self.target, self.field, self.old, self.new = target, field, old, new
        now = time.monotonic()
        self.first_edit, self.last_edit = edited if edited is not None else (now, now)

    def value(self):
        """What the field holds in the library after this step ran the way it last ran."""
        return self.new if self.in_library else self.old

    def _write(self, value) -> None:
        kind, ident = self.target
        if kind == "material":
            self.library.update_material(ident, **{self.field: value})
        else:
            self.library.update_node(ident, **{self.field: value})

    def do(self) -> None:
        self._write(self.new)

    def revert(self) -> None:
        self._write(self.old)

    def overridden(self, value) -> None:
        """The field was set to ``value`` outside this history (the library list's rename):
        that change wins — undoing or redoing this step no longer writes over it."""
        self.old = self.new = value

    def id(self) -> int:
        return TEXT_EDIT_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditFieldCommand) or other.isObsolete():
            return False
        if (other.target, other.field) != (self.target, self.field):
            return False
        if other.first_edit - self.last_edit >= PAUSE_SECONDS:
            return False
        self.new, self.last_edit = other.new, other.last_edit
        return True


class _CreateNodeCommand(LibraryCommand):
    """A command that creates a node: undo sends it to the trash, redo restores it from there,
    so the node keeps its id across undo/redo (later commands may name it)."""

    def __init__(self, library, label: str, on_error=None):
        super().__init__(library, label, on_error)
        self.node_id: int | None = None
        self._trash_id: int | None = None

    def create(self) -> int:
        raise NotImplementedError

    def do(self) -> None:
        if self._trash_id is not None:
            self.node_id = self.library.restore_from_trash(self._trash_id)
            self._trash_id = None
        else:
            self.node_id = self.create()

    def revert(self) -> None:
        self._trash_id = self.library.delete_node(self.node_id)


class InsertNodeCommand(_CreateNodeCommand):
    """Insert a section/dimension/point."""

    def __init__(
        self,
        library,
        kind: str,
        parent_id: int,
        position: int,
        node: Section | Dimension | Point | None = None,
        on_error=None,
    ):
        label = {
            "section": _tr("Add section"),
            "dimension": _tr("Add dimension"),
            "point": _tr("Add point"),
        }[kind]
        super().__init__(library, label, on_error)
        self.kind, self.parent_id, self.position, self.node = kind, parent_id, position, node

    def create(self) -> int:
        insert = {
            "section": self.library.insert_section,
            "dimension": self.library.insert_dimension,
            "point": self.library.insert_point,
        }[self.kind]
        return insert(self.parent_id, self.position, self.node)


class AddMeasureCommand(_CreateNodeCommand):
    """新建整改措施 from a problem: a measure point linked to it (and the measures section, when
    the material has none) in one write; undo sends what was made to the trash, link and all."""

    def __init__(self, library, problem_id: int, title: str, on_error=None):
        super().__init__(library, _tr("New measure from this problem"), on_error)
        self.problem_id, self.title = problem_id, title
        self.point_id: int | None = None

    def create(self) -> int:
        root, self.point_id = self.library.add_measure_for(self.problem_id, self.title)
        return root


class DuplicateNodeCommand(_CreateNodeCommand):
    def __init__(self, library, node_id: int, on_error=None):
        super().__init__(library, _tr("Duplicate"), on_error)
        self.source_id = node_id

    def create(self) -> int:
        return self.library.duplicate_node(self.source_id)


class DeleteNodeCommand(LibraryCommand):
    """Delete = move to the trash; undo restores it at its old place with its old id."""

    def __init__(self, library, node_id: int, on_error=None):
        super().__init__(library, _tr("Delete"), on_error)
        self.node_id = node_id
        self.trash_id: int | None = None

    def do(self) -> None:
        # A redo keeps the entry's first id: a later restore from the trash names it.
        self.trash_id = self.library.delete_node(self.node_id, self.trash_id)

    def revert(self) -> None:
        self.node_id = self.library.restore_from_trash(self.trash_id)


class RestoreFromTrashCommand(LibraryCommand):
    """Restore a trash entry of the open material (the trash dialog). Undo sends the node back
    under the same entry id — an older Delete's undo still finds it — and brings back what the
    restore displaced (a version a restored snapshot had brought back, ``store_trash``)."""

    def __init__(self, library, trash_id: int, on_error=None):
        super().__init__(library, _tr("Restore from trash"), on_error)
        self.trash_id = trash_id
        self.node_id: int | None = None
        self.outcome: dict = {}

    def do(self) -> None:
        self.outcome = {}
        self.node_id = self.library.restore_from_trash(self.trash_id, self.outcome)

    def revert(self) -> None:
        self.library.undo_trash_restore(self.node_id, self.trash_id, self.outcome)


class MoveNodeCommand(LibraryCommand):
    """Reorder (drag, Alt+Up/Down, Tab): ``new_position`` counts after removal, as the store."""

    def __init__(
        self, library, node_id: int, new_parent_id: int | None, new_position: int, on_error=None
    ):
        super().__init__(library, _tr("Move"), on_error)
        self.node_id, self.new_parent_id, self.new_position = node_id, new_parent_id, new_position
        _material, self.old_parent_id, self.old_position = library.node_location(node_id)

    def do(self) -> None:
        self.library.move_node(self.node_id, self.new_parent_id, self.new_position)

    def revert(self) -> None:
        self.library.move_node(self.node_id, self.old_parent_id, self.old_position)


class LinkPointsCommand(LibraryCommand):
    """Link (or with ``unlink=True`` remove the link of) a problem point and a measure point."""

    def __init__(
        self, library, problem_id: int, measure_id: int, *, unlink: bool = False, on_error=None
    ):
        super().__init__(library, _tr("Remove link") if unlink else _tr("Link"), on_error)
        self.problem_id, self.measure_id, self.unlink = problem_id, measure_id, unlink

    def _set(self, linked: bool) -> None:
        method = self.library.link_points if linked else self.library.unlink_points
        method(self.problem_id, self.measure_id)

    def do(self) -> None:
        self._set(not self.unlink)

    def revert(self) -> None:
        self._set(self.unlink)


class RestoreSnapshotCommand(LibraryCommand):
    """Restore a named version. The library snapshots the current state first; undo puts the
    state from before the restore back (``before`` is read when the command is made)."""

    def __init__(
        self, library, material_id: int, snapshot_id: int, before: Material, on_error=None
    ):
        super().__init__(library, _tr("Restore version"), on_error)
        self.material_id, self.snapshot_id, self.before = material_id, snapshot_id, before
        self.auto_snapshot_id: int | None = None

    def do(self) -> None:
        self.auto_snapshot_id = self.library.restore_snapshot(self.snapshot_id)

    def revert(self) -> None:
        self.library.replace_material(self.material_id, self.before, links_of(self.before))
