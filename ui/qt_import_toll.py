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

import sys

# Modules that use PySide6 (the scan would say 0) are left to PySide6.
_USERS = ("ui", "PySide6", "shiboken6", "__main__", "tests")
NOT_USING_PYSIDE = -1  # PySide6's value for "ignore this module"


def mark_modules_loaded_so_far() -> int:
    """Enter the modules loaded so far (PySide6's own and ours excepted); returns how many."""
    try:
        from PySide6.support import feature

        table = feature.pyside_feature_dict
    except (ImportError, AttributeError):
        return 0
    if not isinstance(table, dict):
        return 0
    marked = 0
    for name in list(sys.modules):
        if name.split(".")[0] not in _USERS and name not in table:
            table[name] = NOT_USING_PYSIDE
            marked += 1
    return marked


mark_modules_loaded_so_far()
