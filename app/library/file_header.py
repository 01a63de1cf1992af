"""What a file's first bytes say about it, read without opening it as a database (the file may
be damaged or not SQLite at all): the recovery dialog uses this to tell "another program's
file" from "a damaged library"."""

from __future__ import annotations

from pathlib import Path

from app.library.schema import APPLICATION_ID, SQLITE_MAGIC

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
