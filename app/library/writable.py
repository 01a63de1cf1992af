"""The database handle of a writable ``Library``: sqlite_utils' ``Database`` — the write layer —
made on the first write (or when the window asks for it after its first paint), not at open.

Importing sqlite_utils (with pluggy, click and dateutil) costs ~50 ms of CPU, a fifth of the
window's start-up beyond a bare Qt window, and nothing before the first paint writes. So a
writable open sets up the connection as before (lock, pragmas, migrations when the schema is
behind — those do build the ``Database`` at once) and reads go straight to it; ``atomic()``,
``db["table"]`` and any other ``Database`` member build the ``Database`` around that same
connection first. One connection, one set of pragmas, one transaction discipline.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlite_utils import Database
    from sqlite_utils.db import Table


# Statements Database.execute leaves to the caller's transaction control.
_TRANSACTION_CONTROL = {"BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE"}


def _first_word(sql: str) -> str:
    words = sql.split(maxsplit=1)
    return words[0].rstrip(";").upper() if words else ""


class WritableDatabase:
    """``sqlite_utils.Database`` of ``conn``, built on first need; reads before that run on
    ``conn`` itself with the same semantics (``Database.execute``: a write outside a
    transaction is committed at once)."""

    def __init__(self, conn: sqlite3.Connection):
        self._database: Database | None = None
        self._conn = conn
        self._building = threading.Lock()  # a worker thread may ask at the same moment

    @property
    def conn(self) -> sqlite3.Connection:
        return self._conn

    @conn.setter
    def conn(self, conn: sqlite3.Connection) -> None:
        # One connection for both, whether or not the layer is built yet (a test swaps it).
        self._conn = conn
        if self._database is not None:
            self._database.conn = conn

    @property
    def database(self) -> Database:
        """The write layer, built now if it is not yet."""
        database = self._database
        if database is None:
            with self._building:
                if self._database is None:
                    from sqlite_utils import Database

                    built = Database(self.conn, execute_plugins=False)
                    # From now on straight to the layer: no hop through this handle per call.
                    self.execute = built.execute  # type: ignore[method-assign]
                    self.atomic = built.atomic  # type: ignore[method-assign]
                    self._database = built
                database = self._database
        return database

    @property
    def write_layer_loaded(self) -> bool:
        return self._database is not None

    def execute(
        self, sql: str, parameters: Sequence[Any] | Mapping[str, Any] | None = None
    ) -> sqlite3.Cursor:
        opened_before = self.conn.in_transaction
        try:
            cursor = (
                self.conn.execute(sql) if parameters is None else self.conn.execute(sql, parameters)
            )
        except Exception:
            if not opened_before and self.conn.in_transaction:
                self.conn.execute("ROLLBACK")  # as Database.execute: no stray open transaction
            raise
        if (
            not opened_before
            and self.conn.in_transaction
            and cursor.description is None
            and _first_word(sql) not in _TRANSACTION_CONTROL
        ):
            # A write outside ``atomic()`` (reads never open a transaction): committed at once,
            # as Database.execute does.
            self.conn.execute("COMMIT")
        return cursor

    def atomic(self) -> AbstractContextManager[Database]:
        return self.database.atomic()

    def __getitem__(self, table_name: str) -> Table:
        return self.database[table_name]

    def __getattr__(self, name: str) -> Any:
        # Any other Database member (table(), query(), …) is the write layer's.
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.database, name)

    def close(self) -> None:
        self.conn.close()
