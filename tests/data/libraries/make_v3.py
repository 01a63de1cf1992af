"""Build ``v3.db``: a small library exactly as schema version 3 (``m003_rectification``: a
measure's 责任人, 完成时限, 整改状态 and note, issue 17) stores it, for the test that every later
Duizhao still opens it and keeps its content — the 整改清单 included.

Rows are written with plain SQL against the v3 tables — not through ``Library`` — so running
this script after later schema changes still produces a v3 file. Run from the repository root:

    .venv/bin/python tests/data/libraries/make_v3.py
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))  # a script run from anywhere; not a package import path

from sqlite_utils import Database  # noqa: E402

from app.library.schema import build_migrations  # noqa: E402

V3_MIGRATIONS = ["m001_initial", "m002_layout", "m003_rectification"]
STAMP = "2026-12-01T10:00:00+08:00"


def build(path: Path) -> None:
    path.unlink(missing_ok=True)
    db = Database(sqlite3.connect(path))
    migrations = build_migrations()
    later = [m.name for m in migrations.pending(db) if m.name not in V3_MIGRATIONS]
    migrations.apply(db, stop_before=later[0] if later else None)
    with db.atomic():
        db.execute(
            "INSERT INTO materials (id, title, organization, scope, year, meeting, template_id,"
            " author, date, preamble, closing, created, updated, word_count, dimension_count,"
            " point_count, point_style) VALUES (1, 'XX县政府党组2026年度民主生活会对照检查材料',"
            " 'XX县政府党组', 'group', 2026, '民主生活会', 'custom', '', '', '[]', '[]', ?, ?,"
            " 0, 1, 3, 'shi')",
            [STAMP, STAMP],
        )
        node = (
            "INSERT INTO nodes (id, material_id, parent_id, position, kind, section_kind,"
            " heading, short_name, title, body, responsible, deadline, status, status_note)"
            " VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        )
        for row in (
            (
                1,
                None,
                0,
                "section",
                "problems",
                "存在的问题",
                "",
                "",
                "",
                "",
                "",
                "not_started",
                "",
            ),
            (
                2,
                1,
                0,
                "dimension",
                None,
                "在理论学习方面",
                "理论学习",
                "",
                "",
                "",
                "",
                "not_started",
                "",
            ),
            (
                3,
                2,
                0,
                "point",
                None,
                "",
                "",
                "学习不够深入",
                "以干代学。",
                "",
                "",
                "not_started",
                "",
            ),
            (4, None, 1, "section", "measures", "整改措施", "", "", "", "", "", "not_started", ""),
            # A measure with every 整改清单 field set, markup and & in the names included.
            (
                5,
                4,
                0,
                "point",
                None,
                "",
                "",
                "落实第一议题制度",
                "每月集中学习一次。",
                "张三 <b>局长</b> & 李四",
                "2026-06-30",
                "in_progress",
                "已学习 4 次",
            ),
            (6, 4, 1, "point", None, "", "", "健全调研制度", "", "王五", "长期坚持", "done", ""),
        ):
            db.execute(node, list(row))
        db.execute("INSERT INTO links (problem_id, measure_id) VALUES (3, 5)")


if __name__ == "__main__":
    build(HERE / "v3.db")
