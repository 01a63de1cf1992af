"""The library (材料库): one SQLite file holding many materials, and the only package that
speaks SQL. Its face is ``Library``; the rest here works on library files that are not open
(backups, the recovery dialog's diagnosis, rescue) or on materials before they are stored
(mapping dimensions to a new template). Errors leave it as ``app.errors`` types only."""

from sqlite3 import sqlite_version as SQLITE_VERSION  # the SQLite actually linked (About box)

from app.library.backup_files import newest_good_backup
from app.library.backups import BackupInfo, list_backups
from app.library.compilation import CompileEntry, compile_order_key
from app.library.duplicate import match_dimensions, suggested_title
from app.library.file_header import is_foreign_file
from app.library.library import (
    AUTO_SNAPSHOT_NAME,
    Library,
    MaterialSummary,
    SearchHit,
    SnapshotInfo,
    TrashEntry,
)
from app.library.rescue import RescueReport, rescue_library

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
