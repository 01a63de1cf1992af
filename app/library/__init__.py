"""The library (材料库): one SQLite file holding many materials, and the only package that
speaks SQL. Its face is ``Library``; the rest here works on library files that are not open
(backups, the recovery dialog's diagnosis, rescue) or on materials before they are stored
(mapping dimensions to a new template). Errors leave it as ``app.errors`` types only.

Mapping dimensions, rescue and the records the listing methods return are imported on first use
of their names (``__getattr__``): a read-only CLI export or the window's start-up does not pay
for the succession table, the rescue's JSON writer or the records' dataclasses."""

from __future__ import annotations

import importlib
from sqlite3 import sqlite_version as SQLITE_VERSION  # the SQLite actually linked (About box)
from typing import TYPE_CHECKING, Any

from app.library.backup_files import newest_good_backup
from app.library.backups import list_backups
from app.library.compilation import compile_order_key
from app.library.file_checks import is_foreign_file
from app.library.library import AUTO_SNAPSHOT_NAME, Library

if TYPE_CHECKING:
    from app.library.duplicate import match_dimensions, suggested_title
    from app.library.records import (
        BackupInfo,
        CompileEntry,
        MaterialSummary,
        SearchHit,
        SnapshotInfo,
        TrashEntry,
    )
    from app.library.rescue import RescueReport, rescue_library

_ON_FIRST_USE = {
    "BackupInfo": "app.library.records",
    "CompileEntry": "app.library.records",
    "MaterialSummary": "app.library.records",
    "SearchHit": "app.library.records",
    "SnapshotInfo": "app.library.records",
    "TrashEntry": "app.library.records",
    "match_dimensions": "app.library.duplicate",
    "suggested_title": "app.library.duplicate",
    "RescueReport": "app.library.rescue",
    "rescue_library": "app.library.rescue",
}

__all__ = [
    "AUTO_SNAPSHOT_NAME",
    "SQLITE_VERSION",
    "BackupInfo",
    "CompileEntry",
    "Library",
    "MaterialSummary",
    "RescueReport",
    "SearchHit",
    "SnapshotInfo",
    "TrashEntry",
    "compile_order_key",
    "is_foreign_file",
    "list_backups",
    "match_dimensions",
    "newest_good_backup",
    "rescue_library",
    "suggested_title",
]


def __getattr__(name: str) -> Any:
    module = _ON_FIRST_USE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
