"""Library backups through the SQLite online backup API, each verified after writing.

A backup is a consistent copy even while the library is open and being edited. Restoring first
checks the backup is a good Duizhao library, then keeps the current file as a safety copy, then
swaps the backup in with ``os.replace`` (never rewriting the library in place).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

from app.errors import LibraryError
from app.store_schema import check_existing_file, create_private_file, readonly_uri

KEEP_BACKUPS = 20  # rotating: the oldest automatic backups beyond this are removed


def default_backup_path(library_path: Path, label: str = "") -> Path:
    folder = library_path.parent / "backups"
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    base = f"{library_path.stem}-{label + '-' if label else ''}{stamp}"
    candidate = folder / f"{base}.db"
    n = 1
    while candidate.exists():
        n += 1
        candidate = folder / f"{base}-{n}.db"
    return candidate


def copy_database(source: sqlite3.Connection, dest: Path) -> Path:
    """Copy ``source`` into ``dest`` (created 0600) and verify the copy; returns ``dest``."""
    if dest.exists():
        raise LibraryError(f"备份文件已存在：{dest}", f"backup file already exists: {dest}")
    tmp = dest.with_name(dest.name + ".part")
    tmp.unlink(missing_ok=True)
    create_private_file(tmp)
    try:
        target = sqlite3.connect(tmp)
        try:
            target.execute("PRAGMA synchronous = FULL")
            source.backup(target)
            # A standalone copy: no WAL side files to carry around.
            target.execute("PRAGMA journal_mode = DELETE")
            result = [r[0] for r in target.execute("PRAGMA integrity_check")]
        finally:
            target.close()
        if result != ["ok"]:
            raise LibraryError(
                f"备份校验失败（{result[0]}），未保存：{dest}",
                f"backup failed verification ({result[0]}); not kept: {dest}",
            )
        os.replace(tmp, dest)
    except (sqlite3.Error, OSError) as exc:
        raise LibraryError(f"备份失败：{exc}", f"backup failed: {exc}") from exc
    finally:
        tmp.unlink(missing_ok=True)
    return dest


def rotate(folder: Path, stem: str, keep: int = KEEP_BACKUPS) -> None:
    backups = sorted(folder.glob(f"{stem}-*.db"), key=lambda p: p.stat().st_mtime)
    for old in backups[:-keep]:
        old.unlink(missing_ok=True)


def newest_good_backup(library_path: Path) -> Path | None:
    """The newest backup beside the library that passes verification (offered on corruption)."""
    folder = library_path.parent / "backups"
    candidates = sorted(folder.glob(f"{library_path.stem}-*.db"), key=lambda p: p.stat().st_mtime, reverse=True)
    for candidate in candidates:
        try:
            verify_backup(candidate)
        except LibraryError:
            continue
        return candidate
    return None


def verify_backup(backup_path: Path) -> None:
    """A backup worth restoring: an existing Duizhao library that passes ``integrity_check``."""
    if not backup_path.is_file():
        raise LibraryError(f"备份文件不存在：{backup_path}", f"backup file not found: {backup_path}")
    if check_existing_file(backup_path):  # empty: nothing to restore
        raise LibraryError(f"备份文件是空的：{backup_path}", f"backup file is empty: {backup_path}")
    conn = sqlite3.connect(readonly_uri(backup_path), uri=True)
    try:
        result = [r[0] for r in conn.execute("PRAGMA integrity_check")]
    except sqlite3.DatabaseError as exc:
        result = [str(exc)]
    finally:
        conn.close()
    if result != ["ok"]:
        raise LibraryError(
            f"备份文件已损坏（{result[0]}）：{backup_path}",
            f"backup file is corrupt ({result[0]}): {backup_path}",
        )


def keep_safety_copy(library_path: Path) -> Path:
    """Copy the current library aside before it is replaced. A readable library is copied
    through the backup API (consistent, WAL included); a broken one byte for byte."""
    dest = default_backup_path(library_path, "before-restore")
    dest.parent.mkdir(parents=True, exist_ok=True)
    try:
        source = sqlite3.connect(readonly_uri(library_path), uri=True)
        try:
            return copy_database(source, dest)
        finally:
            source.close()
    except (LibraryError, sqlite3.Error):
        for suffix in ("", "-wal"):
            src = Path(f"{library_path}{suffix}")
            if src.exists():
                shutil.copyfile(src, Path(f"{dest}{suffix}"))
                os.chmod(f"{dest}{suffix}", 0o600)
        return dest


def restore(backup_path: Path, library_path: Path) -> Path:
    verify_backup(backup_path)
    safety = keep_safety_copy(library_path) if library_path.exists() else library_path
    incoming = library_path.with_name(library_path.name + ".restoring")
    incoming.unlink(missing_ok=True)
    source = sqlite3.connect(readonly_uri(backup_path), uri=True)
    try:
        copy_database(source, incoming)
    finally:
        source.close()
    # Stale WAL side files belong to the old file and must not be replayed onto the new one.
    for suffix in ("-wal", "-shm"):
        Path(f"{library_path}{suffix}").unlink(missing_ok=True)
    os.replace(incoming, library_path)
    return safety
