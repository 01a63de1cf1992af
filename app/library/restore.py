"""Restoring a backup in place so that being killed at any moment loses nothing committed, and
the next open finishes the restore (or finds it never began) and says so.

The steps, each safe to be cut off before the next (a SIGKILL, a power cut):

1. the backup is verified; the journal ``<library>.restore`` records the restore ("copying");
2. the current library is kept as a ``before-restore`` backup, verified, WAL commits included;
3. the library's WAL is checkpointed into the library file, so the file alone holds every
   commit (a crash before the swap then leaves a library that misses nothing);
4. the backup is copied beside the library as ``<library>.restoring`` and verified;
5. the journal says "swapping"; the (now empty) ``-wal``/``-shm`` are removed — a stale WAL
   must never be replayed onto another file — and ``.restoring`` is renamed over the library;
6. the journal is removed.

``finish_interrupted`` (run by ``Library.open`` and by the next restore, under the library's
lock) reads a journal left behind: "copying" → nothing was changed, the leftovers go and the
user is told the restore did not happen; "swapping" → the prepared copy is swapped in (or
already was) and the user is told the restore was completed, and where the old library is.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

from app.errors import LibraryError
from app.library import backup_files, lock

COPYING, SWAPPING = "copying", "swapping"

# Tests and the SIGKILL benchmark set this to kill the process at a named step.
step_hook: Callable[[str], None] | None = None


def _step(name: str) -> None:
    if step_hook is not None:
        step_hook(name)


def journal_path(library_path: Path) -> Path:
    return library_path.with_name(library_path.name + ".restore")


def incoming_path(library_path: Path) -> Path:
    return library_path.with_name(library_path.name + ".restoring")


def restore(backup_path: Path, library_path: Path) -> Path:
    """Replace ``library_path`` by a verified backup (the caller holds the exclusive lock).
    Returns the safety copy of the current library (``library_path`` when there was none)."""
    finish_interrupted(library_path)  # a journal of an earlier, killed restore comes first
    backup_files.verify_backup(backup_path)
    _write_journal(library_path, COPYING, backup_path, None)
    _step("journal")
    existed = library_path.exists()
    incoming = incoming_path(library_path)
    try:
        safety = keep_safety_copy(library_path) if existed else library_path
        _step("safety-copy")
        if existed:
            checkpoint(library_path)
        _step("checkpoint")
        _remove_incoming(library_path)
        source = sqlite3.connect(backup_files.readonly_uri(backup_path), uri=True)
        try:
            backup_files.copy_database(source, incoming)
        finally:
            source.close()
        _step("incoming")
        _write_journal(library_path, SWAPPING, backup_path, safety if existed else None)
    except Exception:
        # Failed (disk full, …), not killed: nothing was changed, so nothing is left to finish.
        _remove_incoming(library_path)
        _remove_journal(library_path)
        raise
    _step("swapping")
    try:
        _swap(incoming, library_path)
    except OSError as exc:
        raise LibraryError(
            f"恢复未能完成（{exc.strerror}）；下次打开材料库时会自动完成，已保存的内容不会丢失",
            f"the restore could not be completed ({exc.strerror}); it is completed the next time"
            " the library is opened, nothing saved is lost",
        ) from exc
    _remove_journal(library_path)
    _step("done")
    return safety


def _swap(incoming: Path, library_path: Path) -> None:
    # Every commit is in the library file (checkpointed) and in the verified safety copy.
    for suffix in ("-wal", "-shm"):
        Path(f"{library_path}{suffix}").unlink(missing_ok=True)
    _step("wal-removed")
    os.replace(incoming, library_path)
    _fsync_folder(library_path.parent)
    _step("swapped")


def keep_safety_copy(library_path: Path) -> Path:
    """Copy the current library aside before it is replaced. A readable library is copied
    through the backup API (consistent, WAL included); a broken one byte for byte, with its
    WAL, each copy compared with its source."""
    dest = backup_files.default_backup_path(library_path, "before-restore")
    backup_files.make_folder(dest.parent)
    try:
        source = sqlite3.connect(backup_files.readonly_uri(library_path), uri=True)
        try:
            return backup_files.copy_database(source, dest)
        finally:
            source.close()
    except (LibraryError, sqlite3.Error):
        pass
    try:
        for suffix in ("", "-wal"):
            src, copy = Path(f"{library_path}{suffix}"), Path(f"{dest}{suffix}")
            if src.exists():
                shutil.copyfile(src, copy)
                os.chmod(copy, 0o600)
                if _digest(src) != _digest(copy):
                    raise OSError(f"the copy of {src.name} differs from it")
                with open(copy, "rb+") as handle:
                    os.fsync(handle.fileno())
    except OSError as exc:
        raise LibraryError(
            f"无法保存恢复前的材料库副本，未恢复：{exc}",
            f"could not keep a copy of the library before restoring; nothing was restored: {exc}",
        ) from exc
    return dest


def _digest(path: Path) -> str:
    import hashlib  # here: loading OpenSSL costs every open ~3 ms, and only a restore hashes

    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def checkpoint(library_path: Path) -> bool:
    """Fold the library's WAL into the file. True when no commit is left only in the WAL.
    A library that cannot be checkpointed (damaged) relies on its verified safety copy."""
    if not Path(f"{library_path}-wal").exists():
        return True
    try:
        conn = sqlite3.connect(library_path)
        try:
            busy, log, done = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        finally:
            conn.close()  # the last connection of a checkpointed WAL also deletes it
    except sqlite3.Error:
        return False
    return busy == 0 and log == done


def pending_notice(library_path: Path) -> tuple[str, str] | None:
    """For a read-only open (which may not write): the note that a restore was interrupted and
    is finished the next time the library is opened for writing; None without a journal."""
    if not journal_path(library_path).exists():
        return None
    return (
        "上次从备份恢复材料库时程序被中断；下次以可写方式打开材料库时会自动处理",
        "the last restore from a backup was interrupted; it is dealt with the next time the "
        "library is opened for writing",
    )


def finish_on_open(library_path: Path) -> tuple[str, str] | None:
    """Before a writable open looks at the file: ``finish_interrupted`` under the library's
    lock, when a restore left its journal or copy behind."""
    if not (journal_path(library_path).exists() or incoming_path(library_path).exists()):
        return None
    lock.acquire(library_path)
    try:
        return finish_interrupted(library_path)
    finally:
        lock.release(library_path)


def finish_interrupted(library_path: Path) -> tuple[str, str] | None:
    """Finish or undo a restore killed part way (the caller holds the library's lock). Returns
    the (中文, English) notice for the user, or None when no restore was interrupted."""
    journal = _read_journal(library_path)
    if journal is None:
        _remove_incoming(library_path)  # a copy left by an old version's killed restore
        return None
    stage, backup, safety = journal
    incoming = incoming_path(library_path)
    if stage == SWAPPING:
        if incoming.exists():
            _swap(incoming, library_path)
        _remove_incoming(library_path)
        _remove_journal(library_path)
        kept_zh = f"；恢复前的材料库已另存为 {safety}" if safety else ""
        kept_en = f"; the library as it was is kept as {safety}" if safety else ""
        return (
            f"上次从备份恢复材料库时程序被中断，现已完成恢复（备份：{backup}）{kept_zh}",
            f"the last restore from a backup was interrupted; it has now been completed (backup:"
            f" {backup}){kept_en}",
        )
    _remove_incoming(library_path)
    _remove_journal(library_path)
    return (
        "上次从备份恢复材料库时程序被中断，恢复没有进行：材料库仍是恢复前的内容，已保存的修改都在。"
        "如仍需恢复，请重新操作",
        "the last restore from a backup was interrupted before it changed anything: the library"
        " is as it was, with every saved edit; restore again if you still want to",
    )


def _write_journal(library_path: Path, stage: str, backup: Path, safety: Path | None) -> None:
    journal = journal_path(library_path)
    tmp = journal.with_name(journal.name + ".tmp")
    text = json.dumps(
        {"stage": stage, "backup": str(backup), "safety": str(safety) if safety else ""}
    )
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, text.encode("utf-8"))
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, journal)
        _fsync_folder(journal.parent)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise LibraryError(
            f"无法在材料库所在文件夹写入文件（{exc.strerror}），未恢复",
            f"cannot write beside the library ({exc.strerror}); nothing was restored",
        ) from exc


def _read_journal(library_path: Path) -> tuple[str, str, str] | None:
    journal = journal_path(library_path)
    try:
        data = json.loads(journal.read_text(encoding="utf-8"))
        stage, backup, safety = data["stage"], str(data["backup"]), str(data.get("safety", ""))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        # Written whole through a rename, so unreadable means not ours or damaged: stop short
        # of swapping anything in, which "copying" does.
        stage, backup, safety = COPYING, "?", ""
    return (stage if stage in (COPYING, SWAPPING) else COPYING), backup, safety


def _remove_journal(library_path: Path) -> None:
    journal = journal_path(library_path)
    journal.with_name(journal.name + ".tmp").unlink(missing_ok=True)
    journal.unlink(missing_ok=True)
    _fsync_folder(library_path.parent)


def _remove_incoming(library_path: Path) -> None:
    incoming = incoming_path(library_path)
    for suffix in ("", ".part", ".part-journal"):
        Path(f"{incoming}{suffix}").unlink(missing_ok=True)


def _fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; Windows has no directory handles for this)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
