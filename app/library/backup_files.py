"""Library backups through the SQLite online backup API, each verified after writing.

A backup is a consistent copy even while the library is open and being edited. Restoring one
(``restore``) checks it is a good Duizhao library, keeps the current file as a safety copy,
then swaps the backup in with ``os.replace`` (never rewriting the library in place).

Backups live in ``backups/`` beside the library, named ``<stem>-[<label>-]YYYYmmdd-HHMMSS.db``.
Rotation keeps them by age (``backups_to_keep``): the newest ``KEEP_RECENT``, plus the newest of
each of the last ``KEEP_DAYS`` calendar days, plus the newest of each of the last ``KEEP_WEEKS``
weeks — so an hourly backup every working day costs at most 10 + 7 + 8 = 25 files, yet a
mistake noticed weeks later can still be undone.
"""

from __future__ import annotations

import os
import re
import sqlite3
import stat
import time
from datetime import datetime
from pathlib import Path

from app.errors import LibraryError
from app.library.file_checks import brief_check_detail, check_existing_file, create_private_file
from app.library.readonly import readonly_uri

KEEP_RECENT = 10
KEEP_DAYS = 7
KEEP_WEEKS = 8
KEEP_BACKUPS = KEEP_RECENT + KEEP_DAYS + KEEP_WEEKS  # the most rotation ever keeps
LABELS = ("auto", "before-migration", "before-restore")  # "" for a manual `backup`
_STAMP_FORMAT = "%Y%m%d-%H%M%S"
_STAMP_RE = re.compile(r"(\d{8}-\d{6})(?:-\d+)?\.db$")
_PART_RE = re.compile(r"(\.db\.part)(?:-journal)?$")  # copy_database's temporary file
_LOADED = time.time()  # about when this process started: older ``.part`` files are not its own
_MTIME_SLACK = 5.0  # seconds: coarse file times (FAT keeps 2 s) must not make ours look old
_SQLITE_PENDING_BYTE = 0x40000000  # SQLite's lock bytes: pending, reserved, then 510 shared
_SQLITE_LOCK_BYTES = 512


def backup_folder(library_path: Path) -> Path:
    return library_path.parent / "backups"


def make_folder(folder: Path) -> None:
    """Create a folder for backups; the default ``backups/`` one is private (0700 on POSIX)."""
    folder.mkdir(parents=True, exist_ok=True)
    if folder.name == "backups" and os.name == "posix":
        os.chmod(folder, 0o700)


def default_backup_path(library_path: Path, label: str = "", when: datetime | None = None) -> Path:
    folder = backup_folder(library_path)
    stamp = (when or datetime.now()).strftime(_STAMP_FORMAT)
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
            detail = brief_check_detail(result[0])
            raise LibraryError(
                f"备份校验失败（{detail}），未保存：{dest}",
                f"backup failed verification ({detail}); not kept: {dest}",
            )
        os.replace(tmp, dest)
    except (sqlite3.Error, OSError) as exc:
        raise LibraryError(f"备份失败：{exc}", f"backup failed: {exc}") from exc
    finally:
        tmp.unlink(missing_ok=True)
    return dest


def library_backups(library_path: Path) -> list[tuple[Path, datetime]]:
    """Backups of this library in its ``backups/`` folder, newest first, with their time."""
    folder = backup_folder(library_path)
    prefix = re.escape(library_path.stem)
    labels = "|".join(re.escape(label) for label in LABELS)
    name_re = re.compile(rf"^{prefix}-(?:(?:{labels})-)?" + _STAMP_RE.pattern)
    found = []
    for candidate in folder.glob(f"{library_path.stem}-*.db"):
        match = name_re.match(candidate.name)
        if match is None:
            continue  # another library's backups, or a file the user put there
        found.append((candidate, _stamp_time(match.group(1))))
    # Two backups in one second share a stamp (the second gets "-2"): the file time breaks the tie.
    found.sort(key=lambda item: (item[1], _mtime_ns(item[0]), item[0].name), reverse=True)
    return found


def _stamp_time(stamp: str) -> datetime:
    """``YYYYmmdd-HHMMSS`` (``_STAMP_FORMAT``) as a time; ValueError for an impossible one, as
    ``strptime`` — whose module costs every writable open ~2 ms, listing the backups."""
    day, clock = stamp.split("-")
    return datetime(
        int(day[:4]), int(day[4:6]), int(day[6:]), int(clock[:2]), int(clock[2:4]), int(clock[4:])
    )


def _mtime_ns(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


def backups_to_keep(times: list[datetime], now: datetime) -> set[int]:
    """Indices (into ``times``, sorted newest first) that rotation keeps; see the module doc."""
    keep = set(range(min(KEEP_RECENT, len(times))))
    days_seen: set = set()
    weeks_seen: set = set()
    for index, when in enumerate(times):
        day = when.date()
        if (now.date() - day).days < KEEP_DAYS and day not in days_seen:
            days_seen.add(day)
            keep.add(index)
        week = (now.date() - day).days // 7  # 0 = the last 7 days, 1 = the 7 before, …
        if week < KEEP_WEEKS and week not in weeks_seen:
            weeks_seen.add(week)
            keep.add(index)
    return keep


def rotate(library_path: Path, now: datetime | None = None) -> list[Path]:
    """Remove the backups rotation does not keep, and copies killed half-way; returns the
    removed backups."""
    remove_stale_parts(backup_folder(library_path))
    backups = library_backups(library_path)
    keep = backups_to_keep([when for _, when in backups], now or datetime.now())
    removed = []
    for index, (path, _) in enumerate(backups):
        if index not in keep:
            for suffix in ("", "-wal"):  # a byte-for-byte safety copy may carry its WAL
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            removed.append(path)
    return removed


def remove_stale_parts(folder: Path) -> list[Path]:
    """Delete what killed backups left in ``folder``: ``*.db.part`` copies (full size, which
    rotation never sees) and their ``-journal``. Only files older than this process (its own
    backups in progress are younger) and not locked by a backup running in another process."""
    removed: list[Path] = []
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return removed
    for entry in entries:
        match = _PART_RE.search(entry.name)
        if match is None:
            continue
        database = entry.with_name(entry.name[: match.end(1)])  # a journal goes with its copy
        try:
            info = entry.lstat()
        except OSError:
            continue
        if not stat.S_ISREG(info.st_mode) or info.st_mtime > _LOADED - _MTIME_SLACK:
            continue
        if database.exists() and _locked_by_sqlite(database):
            continue
        try:
            entry.unlink()
        except OSError:  # in use on Windows, or gone meanwhile: leave it
            continue
        removed.append(entry)
    return removed


def _locked_by_sqlite(path: Path) -> bool:
    """Whether another process holds SQLite locks on ``path`` (POSIX byte-range locks on the
    pending/reserved/shared bytes): probed by asking for a write lock there. Safe only for files
    this process has no connection to (closing the probe drops this process's locks on it)."""
    if os.name != "posix":
        return False  # Windows refuses to delete a file in use; the unlink fails instead
    import fcntl

    try:
        fd = os.open(path, os.O_RDWR)
    except OSError:
        return True  # cannot tell: keep it
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, _SQLITE_LOCK_BYTES, _SQLITE_PENDING_BYTE)
    except OSError:
        return True
    finally:
        os.close(fd)
    return False


def newest_good_backup(library_path: Path) -> Path | None:
    """The newest backup beside the library that passes verification (offered on corruption)."""
    for candidate, _ in library_backups(library_path):
        try:
            verify_backup(candidate)
        except LibraryError:
            continue
        return candidate
    return None


def verify_backup(backup_path: Path) -> None:
    """A backup worth restoring: an existing Duizhao library that passes ``integrity_check``."""
    if not backup_path.is_file():
        raise LibraryError(
            f"备份文件不存在：{backup_path}", f"backup file not found: {backup_path}"
        )
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
        detail = brief_check_detail(result[0])
        raise LibraryError(
            f"备份文件已损坏（{detail}）：{backup_path}",
            f"backup file is corrupt ({detail}): {backup_path}",
        )
