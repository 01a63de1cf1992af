"""The database handle of a read-only ``Library``: a plain ``sqlite3`` connection behind the few
``sqlite_utils.Database`` members the read paths use (``execute``, ``conn``, ``close``).

Read-only opens serve the short CLI commands (list, show, export, check, backup), whose whole
process time matters; importing sqlite_utils alone would cost them ~70 ms (DESIGN §8).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from app.errors import LibraryError


def readonly_refusal() -> LibraryError:
    return LibraryError("材料库以只读方式打开，不能修改", "the library is open read-only")


class ReadonlyDatabase:
    """Reads through a connection opened with ``mode=ro``; any transaction is refused."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def execute(self, sql: str, parameters: Sequence[Any] | Mapping[str, Any] | None = None) -> sqlite3.Cursor:
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
