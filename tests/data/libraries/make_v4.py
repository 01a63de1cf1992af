"""Build ``v4.db``: a small library exactly as schema version 4 (``m004_compilation``: the
author's 职务 and the rank of a member's material in a 汇编) stores it, for the test that every
later Duizhao still opens it and keeps its content.

Rows are written with plain SQL against the v4 tables — not through ``Library`` — so running
this script after later schema changes still produces a v4 file. Run from the repository root:

    .venv/bin/python tests/data/libraries/make_v4.py
"""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))  # a script run from anywhere; not a package import path

from sqlite_utils import Database  # noqa: E402

from app.library.schema import build_migrations  # noqa: E402

V4_MIGRATIONS = ["m001_initial", "m002_layout", "m003_rectification", "m004_compilation"]
STAMP = "2026-12-01T10:00:00+08:00"
MATERIALS = [
    # id, title, scope, author, job_title, rank
    (1, "XX县委常委班子2026年度民主生活会对照检查材料", "group", "", "", 0),
    (2, "张三同志2026年度民主生活会个人对照检查材料", "individual", "张三", "县委书记", 1),
    (3, "李四同志2026年度民主生活会个人对照检查材料", "individual", "李四", "县委副书记", 2),
]


def build(path: Path) -> None:
    path.unlink(missing_ok=True)
    db = Database(sqlite3.connect(path))
    migrations = build_migrations()
    later = [m.name for m in migrations.pending(db) if m.name not in V4_MIGRATIONS]
    migrations.apply(db, stop_before=later[0] if later else None)
    with db.atomic():
        for mid, title, scope, author, job_title, rank in MATERIALS:
            db.execute(
                "INSERT INTO materials (id, title, organization, scope, year, meeting,"
                " template_id, author, job_title, rank, date, preamble, closing, created,"
                " updated, word_count, dimension_count, point_count)"
                " VALUES (?, ?, '中共XX县委', ?, 2026, '民主生活会', 'custom', ?, ?, ?,"
                " '2026年12月', ?, '[]', ?, ?, 0, 0, 1)",
                [
                    mid,
                    title,
                    scope,
                    author,
                    job_title,
                    rank,
                    json.dumps(["现将对照检查情况报告如下。"], ensure_ascii=False),
                    STAMP,
                    f"2026-12-0{mid}T10:00:00+08:00",
                ],
            )
            db.execute(
                "INSERT INTO nodes (id, material_id, parent_id, position, kind, section_kind,"
                " heading, intro) VALUES (?, ?, NULL, 0, 'section', 'problems', '存在的问题',"
                " '[]')",
                [mid * 10, mid],
            )
            db.execute(
                "INSERT INTO nodes (id, material_id, parent_id, position, kind, title, body,"
                " example_lead, example_sep) VALUES (?, ?, ?, 0, 'point', ?, ?, '比如', '，')",
                [mid * 10 + 1, mid, mid * 10, "理论学习不够深入", "学习多停留在读文件。"],
            )
    db.execute("VACUUM")
    db.execute("PRAGMA journal_mode = DELETE")
    db.close()


if __name__ == "__main__":
    build(HERE / "v4.db")
    print(HERE / "v4.db")
