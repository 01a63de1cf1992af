"""The material open last, reopened at start-up.

Kept in QSettings (a preference, not content: one id per library file), written whenever
another material is shown. A material that has gone since (trashed, or the library replaced)
is simply not opened: the window starts empty, without a message.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QObject, QSettings

from app.errors import DuizhaoError
from ui.material_change import MaterialChange

KEY_PREFIX = "library/lastMaterial/"


def _key(library_path: str | Path) -> str:
    # One entry per library file; a hash, because a path is no valid settings key.
    resolved = str(Path(library_path).resolve())
    return KEY_PREFIX + hashlib.sha1(resolved.encode("utf-8")).hexdigest()[:16]


class LastMaterial(QObject):
    """Hears ``materialChanged`` and remembers the material shown; ``reopen`` opens it."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self._window = window

    def material_changed(self, change: MaterialChange) -> None:
        # Written only when it changes: reopening the last material at start-up writes nothing
        # (a settings file write before the first paint).
        if (
            change.switched
            and change.material_id is not None
            and self.remembered() != change.material_id
        ):
            QSettings("duizhao", "duizhao").setValue(
                _key(self._window.library.path), change.material_id
            )

    def remembered(self) -> int | None:
        value = QSettings("duizhao", "duizhao").value(_key(self._window.library.path))
        try:
            return int(value) if value is not None else None
        except (TypeError, ValueError):
            return None  # a hand-edited settings file

    def reopen(self) -> int | None:
        """Open the material shown last in this library, if it is still listed."""
        material_id = self.remembered()
        if material_id is None:
            return None
        try:
            listed = {m.id for m in self._window.library.list_materials()}
            if material_id not in listed:
                return None
            self._window.open_material(material_id)
        except DuizhaoError:
            return None
        return material_id
