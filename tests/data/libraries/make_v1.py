"""Build ``v1.db``: a small library exactly as schema version 1 (migration ``m001_initial``)
stores it, for the test that every later Duizhao still opens it and keeps its content.

Rows are written with plain SQL against the v1 tables — not through ``Library`` — so running
this script after later schema changes still produces a v1 file. Run from the repository root:

    .venv/bin/python tests/data/libraries/make_v1.py
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

V1_MIGRATIONS = ["m001_initial"]
STAMP = "2022-01-10T09:30:00+08:00"


def _dump(paragraphs: list[str]) -> str:
    return json.dumps(paragraphs, ensure_ascii=False)


def build(path: Path) -> None:
    path.unlink(missing_ok=True)
    db = Database(sqlite3.connect(path))
    migrations = build_migrations()
    later = [m.name for m in migrations.pending(db) if m.name not in V1_MIGRATIONS]
    migrations.apply(db, stop_before=later or None)
    with db.atomic():
        db.execute(
            "INSERT INTO materials (id, title, organization, scope, year, meeting, "
            "template_id, author,"
            " date, preamble, closing, created, updated, word_count, dimension_count, point_count)"
            " VALUES (1, ?, '县政府党组', 'group', 2021, '党史学习教育专题民主生活会',"
            " '2021-dangshi-wugedaitou', '', '2022年1月', ?, ?, ?, ?, 0, 1, 2)",
            [
                "县政府党组党史学习教育专题民主生活会“五个带头”对照检查材料",
                _dump(["现将有关情况对照检查如下："]),
                _dump(["切实抓好整改落实。"]),
                STAMP,
                STAMP,
            ],
        )
        node = (
            "INSERT INTO nodes (id, material_id, parent_id, position, kind, section_kind, heading,"
            " short_name, heading_prefix, heading_suffix, intro, title, body, example, "
            "example_lead,"
            " example_sep) VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        )
        rows = [
            (
                1,
                None,
                0,
                "section",
                "problems",
                "存在的主要问题",
                "",
                "",
                "",
                "[]",
                "",
                "",
                "",
                "",
                "",
            ),
            (
                2,
                1,
                0,
                "dimension",
                None,
                "带头深刻感悟“两个确立”的决定性意义",
                "两个确立",
                "在“",
                "”方面：",
                "[]",
                "",
                "",
                "",
                "",
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
                "",
                "",
                "[]",
                "学习态度不够积极",
                "学习的主动性和自觉性还不够。",
                "个别同志以干代学",
                "比如",
                "，",
            ),
            (
                4,
                None,
                1,
                "section",
                "measures",
                "努力方向和整改措施",
                "",
                "",
                "",
                "[]",
                "",
                "",
                "",
                "",
                "",
            ),
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
                "持续加强理论武装",
                "坚持首要政治任务。",
                "",
                "比如",
                "，",
            ),
        ]
        for row in rows:
            db.execute(node, row)
        db.execute("INSERT INTO links (problem_id, measure_id) VALUES (3, 5)")
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
    build(HERE / "v1.db")
    print(HERE / "v1.db")
