"""Whether a file is a Duizhao library we can use, decided before it is ever opened as one:
what its first bytes say (``is_foreign_file``, for the recovery dialog's diagnosis), and the
checks made through a read-only connection before a read-only or writable open — not SQLite,
another program's database, corrupt, or written by a newer Duizhao is refused with a
``LibraryError`` and its bytes are left exactly as they were (``immutable`` when no ``-wal``
file exists, so not even ``-shm``/``-wal`` side files appear; a private copy on read-only
media, see ``readonly``). Also whether the file and its folder can be written, and creating a
new library file private to its owner.

Separate from ``schema`` (the tables and their migrations): these judge a file on disk and
never change it; ``schema`` says what a library holds.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from app.errors import CorruptLibraryError, LibraryError
from app.library.readonly import connect_readonly
from app.library.schema import (
    APPLICATION_ID,
    SQLITE_MAGIC,
    applied_migration_names,
    known_migration_names,
)

_APPLICATION_ID_OFFSET = 68  # PRAGMA application_id lives here in the SQLite file header


def is_foreign_file(path: str | Path) -> bool:
    """True when the header says the file is not a Duizhao library: not SQLite at all, or an
    SQLite database of another program. False for our own library (damaged or not), an empty
    file or one that cannot be read."""
    try:
        with open(path, "rb") as fh:
            header = fh.read(_APPLICATION_ID_OFFSET + 4)
    except OSError:
        return False
    if not header:
        return False
    if not header.startswith(SQLITE_MAGIC):
        return True
    app_id = int.from_bytes(header[_APPLICATION_ID_OFFSET : _APPLICATION_ID_OFFSET + 4], "big")
    return app_id != APPLICATION_ID


def _refuse(path: Path, zh: str, en: str) -> LibraryError:
    return LibraryError(f"无法打开材料库 {path}：{zh}", f"cannot open library {path}: {en}")


def check_existing_file(path: Path) -> bool:
    """Refuse a file that is not a usable Duizhao library; never writes to it.

    Returns True when the file is an empty SQLite database (or zero bytes) we may initialise.
    """
    conn = open_checked_readonly(path)
    if conn is None:
        return True
    conn.close()
    return False


def open_checked_readonly(
    path: Path, *, check_same_thread: bool = True
) -> sqlite3.Connection | None:
    """``check_existing_file``, keeping the read-only connection it checked with open (None
    for an empty file): a read-only open then reads through it rather than connecting, and
    having SQLite parse the schema, a second time."""
    try:
        with open(path, "rb") as fh:
            header = fh.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise _refuse(
            path, f"文件无法读取（{exc.strerror}）", f"cannot read the file ({exc.strerror})"
        ) from exc
    if header == b"":
        return None
    if header != SQLITE_MAGIC:
        raise _refuse(
            path,
            "这不是对照材料库（文件格式不符）",
            "not a Duizhao library (not an SQLite file)",
        )
    try:
        conn = connect_readonly(path, check_same_thread=check_same_thread)
        try:
            empty = _check_connection(path, conn)
        except BaseException:
            conn.close()
            raise
    except sqlite3.DatabaseError as exc:
        raise _corrupt(path, str(exc)) from exc
    if empty:
        conn.close()
        return None
    return conn


_DETAIL_CHARS = 160


def brief_check_detail(detail: str) -> str:
    """SQLite's integrity/quick_check report (one row can hold hundreds of lines) cut to its
    first problem and a count: the user needs to know it is damaged, not every page."""
    lines = [
        line.strip() for line in detail.splitlines() if line.strip() and not line.startswith("***")
    ]
    if not lines:
        return detail.strip()[:_DETAIL_CHARS]
    first = lines[0] if len(lines[0]) <= _DETAIL_CHARS else lines[0][: _DETAIL_CHARS - 1] + "…"
    return first if len(lines) == 1 else f"{first} (+{len(lines) - 1})"


def _corrupt(path: Path, detail: str) -> CorruptLibraryError:
    detail = brief_check_detail(detail)
    return CorruptLibraryError(
        # SQLite's own words stay in the English text (stderr, log): the Chinese reads Chinese
        f"无法打开材料库 {path}：文件已损坏，请从备份恢复",
        f"cannot open library {path}: the file is corrupt ({detail}); restore a backup",
    )


def _check_connection(path: Path, conn: sqlite3.Connection) -> bool:
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    if app_id != APPLICATION_ID:
        if app_id == 0 and not tables:
            return True
        raise _refuse(
            path,
            "这是其他程序的数据库，不是对照材料库",
            "this is another program's database, not a Duizhao library",
        )
    check = [r[0] for r in conn.execute("PRAGMA quick_check")]
    if check != ["ok"]:
        raise _corrupt(path, f"quick_check: {check[0]}")
    unknown = sorted(applied_migration_names(conn) - known_migration_names())
    if unknown:
        raise _refuse(
            path,
            f"材料库由更新版本的对照创建（{', '.join(unknown)}），请升级程序",
            f"the library was written by a newer Duizhao ({', '.join(unknown)}); please upgrade",
        )
    return False


def check_writable(path: Path) -> None:
    """Refuse up front a library we could read but not save to (a write-protected USB stick, a
    read-only share, a file marked read-only): better than failing at the first keystroke."""
    for target, zh, en in ((path, "文件", "file"), (path.parent, "所在文件夹", "folder")):
        if target.exists() and not os.access(target, os.W_OK):
            raise LibraryError(
                f"材料库{zh}是只读的，无法保存修改（可以只读方式打开查看或导出）：{target}",
                f"the library's {en} is read-only, so edits cannot be saved (open it read-only to"
                f" view or export): {target}",
            )


def create_private_file(path: Path) -> None:
    """Create an empty library file readable only by its owner (0600 on POSIX)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    except OSError as exc:
        raise _refuse(
            path, f"无法创建文件（{exc.strerror}）", f"cannot create the file ({exc.strerror})"
        ) from exc
    os.close(fd)
