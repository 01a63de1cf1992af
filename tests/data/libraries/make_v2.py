"""Build ``v2.db``: a small library exactly as schema version 2 (``m002_layout``: running
text that is not an enumerated point, a heading on its own line, points apart, the point
numbering style, a point title on its own line) stores it, for the test that every later Duizhao
still opens it and keeps its
content and shape.

Rows are written with plain SQL against the v2 tables — not through ``Library`` — so running
this script after later schema changes still produces a v2 file. Run from the repository root:

    .venv/bin/python tests/data/libraries/make_v2.py
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

V2_MIGRATIONS = ["m001_initial", "m002_layout"]
STAMP = "2026-01-20T10:00:00+08:00"


def _dump(paragraphs: list[str]) -> str:
    return json.dumps(paragraphs, ensure_ascii=False)


def build(path: Path) -> None:
    path.unlink(missing_ok=True)
    db = Database(sqlite3.connect(path))
    migrations = build_migrations()
    later = [m.name for m in migrations.pending(db) if m.name not in V2_MIGRATIONS]
    migrations.apply(db, stop_before=later or None)
    with db.atomic():
        db.execute(
            "INSERT INTO materials (id, title, organization, scope, year, meeting, "
            "template_id, author,"
            " date, preamble, closing, created, updated, word_count, dimension_count, point_count,"
            " point_style) VALUES (1, ?, 'XX局机关党支部', 'group', 2025, '组织生活会',"
            " 'zuzhishenghuo-zhibu-6', '', '2026年1月', ?, ?, ?, ?, 0, 2, 3, 'arabic')",
            [
                "XX局机关党支部2025年度组织生活会班子对照检查材料",
                _dump(["现将对照检查情况报告如下。"]),
                _dump(["以上对照检查，请批评指正。"]),
                STAMP,
                STAMP,
            ],
        )
        node = (
            "INSERT INTO nodes (id, material_id, parent_id, position, kind, section_kind, heading,"
            " short_name, heading_prefix, heading_suffix, intro, title, body, example, "
            "example_lead,"
            " example_sep, numbered, heading_alone, points_apart, title_alone)"
            " VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        )
        rows = [
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
                "[]",
                "",
                "",
                "",
                "",
                "",
                1,
                0,
                0,
                0,
            ),
            # A dimension heading on its own line, its text one paragraph with no 一是 marker.
            (
                2,
                1,
                0,
                "dimension",
                None,
                "发挥政治引领作用",
                "发挥政治引领作用",
                "在",
                "方面",
                "[]",
                "",
                "",
                "",
                "",
                "",
                1,
                1,
                0,
                0,
            ),
            (
                3,
                2,
                0,
                "point",
                None,
                "",
                "",
                "",
                "",
                "[]",
                "",
                "支部对政治理论学习抓得不够紧，学习形式比较单一。",
                "集中学习多是读文件",
                "例如",
                "，",
                0,
                0,
                0,
                0,
            ),
            # Points written 1. 2., each in its own paragraph.
            (
                4,
                1,
                1,
                "dimension",
                None,
                "联系服务群众",
                "联系服务群众",
                "",
                "方面：",
                "[]",
                "",
                "",
                "",
                "",
                "",
                1,
                0,
                1,
                0,
            ),
            # A title on its own line, its body in the next paragraph.
            (
                5,
                4,
                0,
                "point",
                None,
                "",
                "",
                "",
                "",
                "[]",
                "走访群众不够经常",
                "一年入户不到两次。",
                "",
                "比如",
                "，",
                1,
                0,
                0,
                1,
            ),
            (
                6,
                4,
                1,
                "point",
                None,
                "",
                "",
                "",
                "",
                "[]",
                "解决诉求不够及时",
                "",
                "",
                "比如",
                "，",
                1,
                0,
                0,
                0,
            ),
            # A part the writer did not head with 二、
            (
                7,
                None,
                1,
                "section",
                "other",
                "",
                "",
                "",
                "",
                '["下一步，支部将认真整改。"]',
                "",
                "",
                "",
                "",
                "",
                0,
                0,
                0,
                0,
            ),
        ]
        for row in rows:
            db.execute(node, row)
        db.execute(
            "INSERT INTO revisions (material_id, name, created, word_count, content) VALUES (1, "
            "'初稿', ?, 0, ?)",
            [
                STAMP,
                json.dumps(
                    {"format": "duizhao-material", "version": 1, "title": "初稿标题"},
                    ensure_ascii=False,
                ),
            ],
        )
        db.execute("INSERT INTO settings (key, value) VALUES ('ui.lang', '\"zh_CN\"')")
    db.execute("VACUUM")
    db.execute("PRAGMA journal_mode = DELETE")
    db.close()


if __name__ == "__main__":
    build(HERE / "v2.db")
    print(HERE / "v2.db")
