"""A last resort for one PySide6 defect: 6.12.x's abi3 wheels on CPython < 3.12 hand back
``None`` from every method that returns nothing (``setText``, ``setData`` …) without a new
reference, so None's count falls by one per call and after some thousands of calls CPython
aborts ("none_dealloc: deallocating None"). pyproject.toml keeps such installs away
(PySide6 <6.12 on Python <3.12); this guard only acts when one happens anyway.

Every place a window can be built calls it: ``ui.main``, ``MainWindow.__init__`` (tests,
benchmarks, automation), the tests' conftest. CPython ≥ 3.12 makes None immortal, which is what
the guard does: detect the leak, then lift None's count far out of reach, and log it once.
"""

from __future__ import annotations

import logging
import sys

_log = logging.getLogger("duizhao.ui")
_AFFECTED_SERIES = (6, 12)
_NONE_FLOOR = 1 << 40  # void calls a session could make before None's count nears zero


def affected(pyside: tuple[int, ...], python: tuple[int, ...]) -> bool:
    """Whether this PySide6 and CPython pair has the None leak."""
    return tuple(pyside[:2]) == _AFFECTED_SERIES and tuple(python[:2]) < (3, 12)


def _pyside_version() -> tuple[int, ...]:
    import PySide6

    return tuple(PySide6.__version_info__[:3])


def _leaks_none() -> bool:
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(16):
        probe.setObjectName("probe")
    return sys.getrefcount(None) < before


def guard_none_refcount() -> bool:
    """Lift None's count when this PySide6 leaks it; True when the guard acted (now or before)."""
    if not affected(_pyside_version(), sys.version_info):
        return False
    if sys.getrefcount(None) > _NONE_FLOOR:
        return True  # already lifted
    if not _leaks_none():
        return False
    import ctypes

    # ob_refcnt is the first field of every object; id() is the object's address in CPython.
    ctypes.c_ssize_t.from_address(id(None)).value += 2 * _NONE_FLOOR
    _log.warning(
        "PySide6 %s on Python %d.%d loses a reference to None on every call; None's "
        "count was lifted so the program does not abort. Install PySide6 <6.12 "
        "(pyproject.toml pins it).",
        ".".join(map(str, _pyside_version())),
        *sys.version_info[:2],
    )
    return True
