"""Reading a library without writing anything, and the database handle of a read-only
``Library``: a plain ``sqlite3`` connection behind the few ``sqlite_utils.Database`` members
the read paths use (``execute``, ``conn``, ``close``).

Read-only opens serve the short CLI commands (list, show, export, check, backup), whose whole
process time matters; importing sqlite_utils alone would cost them ~70 ms (DESIGN §8).

Read-only media: SQLite cannot open a WAL-mode library read-only when ``-wal`` exists but
``-shm`` does not and cannot be created (a USB stick write-protected after a crash, a read-only
share) — it says "unable to open database file". ``immutable=1`` would open it but ignore the
WAL, hiding its commits. The file is fine, so ``connect_readonly`` then reads a private copy of
the library and its WAL (in a 0700 temporary folder, removed on close), where SQLite replays
the WAL as usual.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
import weakref
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from app.errors import LibraryError

_CANNOT_OPEN = (sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_READONLY)


def readonly_uri(path: Path) -> str:
    """A URI that reads ``path`` without writing anything, not even WAL side files.

    Without a ``-wal`` file no writer has un-checkpointed pages, so ``immutable=1`` is safe and
    keeps SQLite from creating ``-shm``; with one, a plain read-only open reads the WAL too.
    """
    immutable = "" if Path(f"{path}-wal").exists() else "&immutable=1"
    return f"{path.resolve().as_uri()}?mode=ro{immutable}"


class _PrivateCopyConnection(sqlite3.Connection):
    """A connection to a private copy of a library; closing it removes the copy."""

    scratch: str = ""

    def close(self) -> None:
        super().close()
        shutil.rmtree(self.scratch, ignore_errors=True)


def connect_readonly(path: Path, *, check_same_thread: bool = True) -> sqlite3.Connection:
    """A connection that reads the library at ``path`` (WAL commits included) and writes
    nothing there. Raises ``sqlite3.DatabaseError`` as SQLite does for a damaged file."""
    conn = None
    try:
        conn = sqlite3.connect(readonly_uri(path), uri=True, check_same_thread=check_same_thread)
        conn.execute("PRAGMA schema_version").fetchone()  # SQLite opens the files lazily
        return conn
    except sqlite3.OperationalError as exc:
        if conn is not None:
            conn.close()
        if (exc.sqlite_errorcode & 0xFF) not in _CANNOT_OPEN or not Path(f"{path}-wal").exists():
            raise
    return _connect_private_copy(path, check_same_thread)


def _connect_private_copy(path: Path, check_same_thread: bool) -> sqlite3.Connection:
    scratch = tempfile.mkdtemp(prefix="duizhao-readonly-")
    try:
        copy = Path(scratch) / "library.db"
        shutil.copyfile(path, copy)
        shutil.copyfile(f"{path}-wal", f"{copy}-wal")
        conn = sqlite3.connect(
            copy, check_same_thread=check_same_thread, factory=_PrivateCopyConnection
        )
    except BaseException as exc:
        shutil.rmtree(scratch, ignore_errors=True)
        if isinstance(exc, OSError):
            raise LibraryError(
                f"材料库位于只读位置，复制到临时文件夹读取时失败（{exc.strerror}）：{path}",
                f"the library is on read-only media and could not be copied to a temporary folder"
                f" to read it ({exc.strerror}): {path}",
            ) from exc
        raise
    conn.scratch = scratch
    weakref.finalize(conn, shutil.rmtree, scratch, True)  # also when never closed
    conn.execute("PRAGMA query_only = ON")
    return conn


def readonly_refusal() -> LibraryError:
    return LibraryError("材料库以只读方式打开，不能修改", "the library is open read-only")


class ReadonlyDatabase:
    """Reads through a connection opened with ``mode=ro``; any transaction is refused."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def execute(
        self, sql: str, parameters: Sequence[Any] | Mapping[str, Any] | None = None
    ) -> sqlite3.Cursor:
        if parameters is None:
            return self.conn.execute(sql)
        return self.conn.execute(sql, parameters)

    @contextmanager
    def atomic(self) -> Iterator[ReadonlyDatabase]:
        # Library._write refuses first; this guards any other caller that tries to write.
        raise readonly_refusal()
        yield self  # pragma: no cover — makes this a generator for @contextmanager

    def close(self) -> None:
        self.conn.close()
