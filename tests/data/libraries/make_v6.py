"""Build ``v6.db``: the library of ``v2.db`` as schema version 6 stores it
(``m007_similarity_renormalise``: the 查重 index built again after normalising changed), for the
test that every later Duizhao still opens it and keeps its content.

The v2 rows are written by ``make_v2`` (plain SQL), then only the steps up to this version are
applied — not ``Library`` — so running this script after later schema changes still produces a
v6 file. Run from the repository root:

    .venv/bin/python tests/data/libraries/make_v6.py
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

V6_MIGRATIONS = [
    "m001_initial",
    "m002_layout",
    "m003_rectification",
    "m004_compilation",
    "m006_similarity_index",
    "m007_similarity_renormalise",
]


def build(path: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        v2 = Path(tmp) / "v2.db"
        build_v2(v2)
        shutil.copyfile(v2, path)
    db = Database(sqlite3.connect(path))
    migrations = build_migrations()
    later = [m.name for m in migrations.pending(db) if m.name not in V6_MIGRATIONS]
    migrations.apply(db, stop_before=later[0] if later else None)
    db.execute("VACUUM")
    db.execute("PRAGMA journal_mode = DELETE")
    db.close()


if __name__ == "__main__":
    build(HERE / "v6.db")
    print(HERE / "v6.db")
