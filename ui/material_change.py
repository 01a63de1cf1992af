"""What ``MainWindow.materialChanged`` says changed, so its parts redraw from one announcement
(Anki's ``OpChanges`` shape) instead of each subscribing to the window's widgets and models."""

from __future__ import annotations

from dataclasses import dataclass


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
