"""Undoable library-level steps: move a material to the trash, restore it, rename it, create
one (new, import, next year's draft). They live on the library's own history
(``ui.library_undo.LibraryUndo``), not on a material's: they are not edits of its text, and the
material they remove has no history to undo from once it is gone from the list.

Each redo/undo is one Library write, as in ``ui.commands``. ``listed()`` says whether the
material is in the list after the step as it last ran; ``reopen`` remembers that the material
was open when a step took it out of the list, so the step that brings it back opens it again.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from app.errors import NotFoundError
from app.library import Library
from ui.commands import LibraryCommand


def _tr(text: str) -> str:
    return QCoreApplication.translate("library_commands", text)


def _named(text: str, title: str) -> str:
    """``text`` (translated) with the material's title for %1."""
    return text.replace("%1", title or _tr("(untitled)"))


def restore_material(library: Library, material_id: int) -> None:
    """Take the material out of the trash under whatever entry it has now: steps trash and
    restore it in turn, and each trash makes a new entry. Already back: nothing to do."""
    entry = next((e for e in library.list_trash(material_id) if e.kind == "material"), None)
    if entry is not None:
        library.restore_from_trash(entry.id)
    elif material_id not in {m.id for m in library.list_materials()}:
        raise NotFoundError(  # emptied from the trash since
            f"回收站中已没有编号为 {material_id} 的材料",
            f"material {material_id} is no longer in the trash",
        )


class MaterialStep(LibraryCommand):
    """A step on one material of the library list."""

    def __init__(self, library: Library, text: str, material_id: int | None):
        super().__init__(library, text)
        self.material_id = material_id
        self.reopen = False

    def listed(self) -> bool:
        return True


class TrashMaterialCommand(MaterialStep):
    """Move to the trash; undo restores it (same id, its own undo history kept)."""

    def __init__(self, library: Library, material_id: int, title: str):
        super().__init__(library, _named(_tr("Move “%1” to trash"), title), material_id)

    def do(self) -> None:
        self.library.trash_material(self.material_id)

    def revert(self) -> None:
        restore_material(self.library, self.material_id)

    def listed(self) -> bool:
        return not self.in_library


class RestoreMaterialCommand(MaterialStep):
    """Take a material out of the trash; undo sends it back."""

    def __init__(self, library: Library, material_id: int, title: str):
        super().__init__(library, _named(_tr("Restore “%1”"), title), material_id)

    def do(self) -> None:
        restore_material(self.library, self.material_id)

    def revert(self) -> None:
        self.library.trash_material(self.material_id)

    def listed(self) -> bool:
        return self.in_library


class RenameMaterialCommand(MaterialStep):
    """Rename from the list. ``write(material_id, title)`` is the window's rename, which keeps
    the material's own title steps from writing over it (``EditPathMixin.rename_material``)."""

    def __init__(
        self,
        library: Library,
        material_id: int,
        old: str,
        new: str,
        write: Callable[[int, str], None] | None = None,
    ):
        super().__init__(library, _named(_tr("Rename to “%1”"), new), material_id)
        self.old, self.new = old, new
        self._write = write or (lambda mid, title: library.update_material(mid, title=title))

    def do(self) -> None:
        self._write(self.material_id, self.new)

    def revert(self) -> None:
        self._write(self.material_id, self.old)


class CreateMaterialCommand(MaterialStep):
    """A new material (from a template, an import, next year's draft). The first redo creates
    it; undo moves it to the trash and redo takes it back out, so it keeps its id."""

    def __init__(self, library: Library, text: str, create: Callable[[], int]):
        super().__init__(library, text, None)
        self._create: Callable[[], int] | None = create

    def do(self) -> None:
        if self._create is not None:
            self.material_id = self._create()
            self._create = None  # holds the imported material: not kept for the redo
        else:
            restore_material(self.library, self.material_id)

    def revert(self) -> None:
        self.library.trash_material(self.material_id)

    def listed(self) -> bool:
        return self.in_library
