"""Imported right after PySide6 (by ``ui.main``) for its effect: PySide6's import hook is spared
reading the source of every module that was loaded before it.

Once PySide6 is loaded, its ``__feature__`` import hook reads the whole source of each module
the first time an ``import`` statement names it (to see whether the text mentions PySide6) —
also of modules loaded long before, such as ``typing``, ``os`` or ``app.library``: ≈0.2 ms each,
≈15 ms of CPU before the window's first paint. Those modules never use PySide6 (``app/`` must
not import Qt; the standard library does not), so they are entered in PySide6's table at once
as what the scan would find: -1, "does not use PySide". Nothing of ours selects a feature
(``snake_case``, ``true_property``), so the entry spares the scan and changes nothing else. The
table is PySide6's own (``PySide6.support.feature``); a PySide6 without it scans as before.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

# Modules that use PySide6 (the scan would say 0) are left to PySide6, or entered as such.
_USERS = ("ui", "PySide6", "shiboken6", "__main__", "tests")
NOT_USING_PYSIDE = -1  # PySide6's value for "ignore this module"
USING_PYSIDE = 0  # … and for "uses PySide6, no feature selected"
UI = Path(__file__).resolve().parent


def _table() -> dict | None:
    try:
        from PySide6.support import feature

        table = feature.pyside_feature_dict
    except (ImportError, AttributeError):
        return None
    return table if isinstance(table, dict) else None


def mark_modules_loaded_so_far() -> int:
    """Enter the modules loaded so far (PySide6's own and ours excepted); returns how many."""
    table = _table()
    if table is None:
        return 0
    marked = 0
    for name in list(sys.modules):
        if name.split(".")[0] not in _USERS and name not in table:
            table[name] = NOT_USING_PYSIDE
            marked += 1
    return marked


def mark_ui_modules() -> int:
    """Enter this package's modules, the window's (~55 read at start-up), as using PySide6: what
    the scan finds for those that import it; for any that does not, the two values mean the
    same while no module selects a feature. A frozen build has no source files to list (and
    PySide6 finds no source to read there either)."""
    table = _table()
    if table is None:
        return 0
    marked = 0
    for folder, folders, files in os.walk(UI):  # os.walk: a tenth of Path.rglob's cost
        folders[:] = [f for f in folders if f != "__pycache__"]
        package = os.path.relpath(folder, UI.parent).replace(os.sep, ".")
        for file in files:
            if not file.endswith(".py"):
                continue
            name = package if file == "__init__.py" else f"{package}.{file[:-3]}"
            if name not in table:
                table[name] = USING_PYSIDE
                marked += 1
    return marked


mark_modules_loaded_so_far()
mark_ui_modules()
