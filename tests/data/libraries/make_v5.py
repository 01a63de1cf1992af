"""Build ``v5.db``: the library of ``v2.db`` as schema version 5 stores it
(``m006_similarity_index``: the 查重 fingerprint index, built by that step for the texts already
there), for the test that every later Duizhao still opens it and keeps its content.

The v2 rows are written by ``make_v2`` (plain SQL), then only the steps up to this version are
applied — not ``Library`` — so running this script after later schema changes still produces a
v5 file. Run from the repository root:

    .venv/bin/python tests/data/libraries/make_v5.py
"""

from __future__ import annotations

import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))  # a script run from anywhere; not a package import path
sys.path.insert(0, str(HERE))

from make_v2 import build as build_v2  # noqa: E402
from sqlite_utils import Database  # noqa: E402

from app.library.schema import build_migrations  # noqa: E402

V5_MIGRATIONS = [
    "m001_initial",
    "m002_layout",
    "m003_rectification",
    "m004_compilation",
    "m006_similarity_index",
]


def build(path: Path, migrations_applied: list[str] = V5_MIGRATIONS) -> None:
    """The v2 rows migrated by exactly ``migrations_applied`` (``make_v6`` passes its own)."""
    with tempfile.TemporaryDirectory() as tmp:
        v2 = Path(tmp) / "v2.db"
        build_v2(v2)
        shutil.copyfile(v2, path)
    db = Database(sqlite3.connect(path))
    migrations = build_migrations()
    later = [m.name for m in migrations.pending(db) if m.name not in migrations_applied]
    migrations.apply(db, stop_before=later[0] if later else None)
    db.execute("VACUUM")
    db.execute("PRAGMA journal_mode = DELETE")
    db.close()


if __name__ == "__main__":
    build(HERE / "v5.db")
    print(HERE / "v5.db")
