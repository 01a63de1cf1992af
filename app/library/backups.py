"""The backup half of the ``Library`` API (mixed into ``Library``): explicit backups, automatic
rotating ones (on open, hourly while editing, before a migration or a restore), restoring, and
the list the 备份与恢复 dialog shows.

When automatic backups happen:
- on a writable open of an existing library (``backup_if_due``), unless one was made less than
  ``ON_OPEN_GAP`` ago (opening and closing a library ten times a minute should not make ten
  copies);
- from ``maybe_backup()``, which the window's timer calls: when this connection changed the
  library since the last backup and the last one is at least ``BACKUP_INTERVAL`` old;
- before a schema migration (always; a failing one refuses the migration) and before a restore
  (the current file is kept as ``before-restore``).
A failed automatic backup never stops editing: its error is kept in ``last_backup_error`` for
the window to show.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from app import target_guard
from app.errors import LibraryError
from app.library import backup_files, lock, restore
from app.library.readonly import connect_readonly

BACKUP_INTERVAL = timedelta(hours=1)
ON_OPEN_GAP = timedelta(minutes=10)

if TYPE_CHECKING:
    from app.library.records import BackupInfo


def backup_before_migration(conn: sqlite3.Connection, library_path: Path) -> Path:
    """A verified copy of the library as it was before its schema is upgraded."""
    target = backup_files.default_backup_path(library_path, "before-migration")
    try:
        backup_files.make_folder(target.parent)
        return backup_files.copy_database(conn, target)
    except OSError as exc:
        raise LibraryError(
            f"无法创建备份文件夹，未升级材料库：{exc.strerror}",
            f"cannot create the backup folder; nothing was upgraded: {exc.strerror}",
        ) from exc
    except LibraryError as exc:
        raise LibraryError(
            f"升级材料库前的备份失败，未升级：{exc.zh}",
            f"the backup before upgrading the library failed; nothing was upgraded: {exc.en}",
        ) from exc


class BackupMethods:
    """Needs ``self.db``, ``self.path`` and ``self.readonly`` (see ``Library``)."""

    last_backup_error: LibraryError | None = None
    _changes_at_backup: int = 0
    _last_auto_backup: datetime | None = None

    def backup(self, dest: str | Path | None = None) -> Path:
        """Copy the library with the SQLite online backup API into ``dest`` (or a timestamped
        file in ``backups/`` beside the library, rotated by age), verify it, mode 0600. A
        ``dest`` that is the library or one of its files is refused (InputError)."""
        if dest is not None:
            # Any other existing file is refused by copy_database: a backup never replaces.
            dest = Path(dest).expanduser().absolute()
            target_guard.refuse_library_files(dest, libraries=(self.path,), into_backups=True)
        return self._backup_to(dest, "")

    def _backup_to(self, dest: Path | None, label: str, now: datetime | None = None) -> Path:
        target = (
            dest if dest is not None else backup_files.default_backup_path(self.path, label, now)
        )
        try:
            backup_files.make_folder(target.parent)
        except OSError as exc:
            raise LibraryError(
                f"无法创建备份文件夹 {target.parent}（{exc.strerror}）",
                f"cannot create the backup folder {target.parent} ({exc.strerror})",
            ) from exc
        copied = self._copy_committed(target)
        if dest is None:
            backup_files.rotate(self.path, now)
        return copied

    def _copy_committed(self, target: Path) -> Path:
        """Copy what is committed through a connection of its own: the editing connection is
        never shared, so a backup may run on a worker thread while the user types."""
        try:
            source = connect_readonly(self.path)
        except sqlite3.Error as exc:
            raise LibraryError(f"备份失败：{exc}", f"backup failed: {exc}") from exc
        try:
            return backup_files.copy_database(source, target)
        finally:
            source.close()

    def _start_backups(self, *, on_open: bool) -> None:
        """Called by ``Library.open``: clear copies killed backups left, remember the newest
        backup's time, back up when due."""
        backup_files.remove_stale_parts(backup_files.backup_folder(self.path))
        newest = backup_files.library_backups(self.path)
        self._last_auto_backup = newest[0][1] if newest else None
        self._changes_at_backup = self.db.conn.total_changes
        if on_open:
            self.backup_if_due()

    def backup_if_due(self, now: datetime | None = None) -> Path | None:
        """The backup made on open: when the library holds materials and no backup is younger
        than ``ON_OPEN_GAP``. ``Library.open`` calls it unless ``auto_backup=False``; the window
        opens with False and calls this on a worker thread instead (a big library takes a
        moment to copy and verify), which is safe: it reads through a connection of its own."""
        now = now or datetime.now()
        if self._last_auto_backup is not None and now - self._last_auto_backup < ON_OPEN_GAP:
            return None
        if self.db is None or not _material_count(self.path, include_trashed=True):
            return None  # nothing to lose yet (or unreadable: the open itself would have failed)
        return self._auto_backup(now)

    def _auto_backup(self, now: datetime) -> Path | None:
        db = self.db
        if db is None:  # closed meanwhile (a worker thread's backup after the window closed)
            return None
        changes = db.conn.total_changes  # before copying: edits made during the copy are not in it
        try:
            path = self._backup_to(None, "auto", now)
        except LibraryError as exc:
            self.last_backup_error = exc
            return None
        self.last_backup_error = None
        self._last_auto_backup = now
        self._changes_at_backup = changes
        return path

    def maybe_backup(self, now: datetime | None = None) -> Path | None:
        """The window's timer calls this (every few minutes): backs up when this library was
        edited since the last backup and that one is ``BACKUP_INTERVAL`` old. Returns the new
        backup, or None (not due, read-only, or failed — see ``last_backup_error``)."""
        if self.readonly or self.db is None:
            return None
        if self.db.conn.total_changes == self._changes_at_backup:
            return None
        now = now or datetime.now()
        if self._last_auto_backup is not None and now - self._last_auto_backup < BACKUP_INTERVAL:
            return None
        return self._auto_backup(now)

    def list_backups(self) -> list[BackupInfo]:
        """Backups beside this library, newest first (for the 备份与恢复 dialog)."""
        return list_backups(self.path)

    @classmethod
    def restore_backup(cls, backup_path: str | Path, library_path: str | Path) -> Path:
        """Replace ``library_path`` by a verified backup; the current file is kept as a backup
        first and that safety copy's path returned (``library_path`` itself when there was no
        file). The library must not be open while this runs."""
        # Through a symbolic link the real library is replaced, never the link.
        library_path = Path(library_path).expanduser().resolve()
        target_guard.refuse_special_library(library_path)
        lock.acquire(library_path, exclusive=True)
        try:
            return restore.restore(Path(backup_path), library_path)
        finally:
            lock.release(library_path)


def list_backups(library_path: str | Path) -> list[BackupInfo]:
    """Backups of the library at ``library_path`` (open or not), newest first."""
    from app.library.records import BackupInfo

    library_path = Path(library_path).expanduser().absolute()
    infos = []
    for path, created in backup_files.library_backups(library_path):
        rest = path.name[len(library_path.stem) + 1 :]
        label = next((x for x in backup_files.LABELS if rest.startswith(x + "-")), "")
        try:
            size = path.stat().st_size
        except OSError:
            continue
        infos.append(BackupInfo(path, created, label, size, _material_count(path)))
    return infos


def _material_count(path: Path, *, include_trashed: bool = False) -> int | None:
    where = "" if include_trashed else " WHERE trashed = 0"
    try:
        conn = connect_readonly(path)
        try:
            return conn.execute(f"SELECT count(*) FROM materials{where}").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return None
