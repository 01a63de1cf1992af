"""What ``MainWindow.materialChanged`` says changed, so its parts redraw from one announcement
(Anki's ``OpChanges`` shape) instead of each subscribing to the window's widgets and models."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QUndoStack

from ui.commands import EditFieldCommand


@dataclass(frozen=True)
class MaterialChange:
    """One change of the shown material; several flags may hold at once."""

    text: bool = False  # a field's text changed (typing, or a text edit undone/redone)
    stored: bool = False  # the change is in the library (a command was pushed, undone or redone)
    structure: bool = False  # points or dimensions added, removed, moved, restored
    switched: bool = False  # another material is shown, or none (closed)
    material_id: int | None = None  # the material shown after the change

    @property
    def closed(self) -> bool:
        return self.switched and self.material_id is None


def history_change(
    stack: QUndoStack, previous: int, index: int, material_id: int | None
) -> MaterialChange:
    """What moving ``stack`` from ``previous`` to ``index`` changed: a text edit for the typing
    commands passed over, structure for any other."""
    low, high = sorted((previous, index))
    # index unchanged: the newest command took in a merged edit
    commands = [stack.command(i) for i in (range(low, high) if low < high else [index - 1])]
    commands = [c for c in commands if c is not None]
    return MaterialChange(
        text=any(isinstance(c, EditFieldCommand) for c in commands),
        stored=True,
        structure=any(not isinstance(c, EditFieldCommand) for c in commands),
        material_id=material_id,
    )
