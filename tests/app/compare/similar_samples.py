"""Constructed materials for the 查重 tests: a problems section of points whose text we choose,
and clauses no two samples share unless a test plants one."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database

from app.library import similarity
from app.model import Dimension, Material, Point, Section

# Clauses of one writer each, written so that no 8 characters in a row recur across them.
OWN_TEXT = [
    "支部开展主题党日活动次数偏少，形式单调",
    "机关干部下沉社区报到后联系群众频次不高",
    "财务报销审核环节偶有票据缺漏未及时退回",
    "青年职工思想动态摸排工作停留在表面层次",
    "档案室防潮设施老化导致部分卷宗纸张受损",
    "食堂采购台账登记不全价格比对机制未建立",
    "车辆派遣记录事后补签现象时有发生需纠正",
    "网站栏目更新滞后群众留言回复周期偏长",
]
# One clause (18 characters) a later material copies word for word.
COPIED = "对基层反映的困难问题跟踪督办不够有力"
# The same meaning in other words (few characters shared with COPIED).
REWORDED = "群众找上门来的难事，我们盯着办、催着办做得还不够"


def material(
    points: list[tuple[str, str]],
    *,
    organization: str = "市审计局党组",
    year: int | None = 2022,
    title: str = "对照检查材料",
    measures: list[tuple[str, str]] = (),
    author: str = "",
) -> Material:
    """One problems dimension holding ``points`` (title, body), measures as their own points."""
    return Material(
        title=title,
        organization=organization,
        author=author,
        year=year,
        preamble=[],
        sections=[
            Section(
                kind="problems",
                heading="存在的主要问题",
                dimensions=[
                    Dimension(
                        heading="带头学习方面",
                        points=[Point(title=t, body=b, example="") for t, b in points],
                    )
                ],
            ),
            Section(
                kind="measures",
                heading="整改措施",
                points=[Point(title=t, body=b, example="") for t, b in measures],
            ),
        ],
    )


def index_rows(db) -> tuple[set, set]:
    grams = set(db.execute("SELECT hash, key, pos, material_id FROM similarity_grams"))
    texts = set(db.execute("SELECT material_id, norm, layout FROM similarity_texts"))
    return grams, texts


def assert_index_is_a_fresh_build(lib, copy: Path) -> None:
    """The index the library kept through its writes is exactly the one built from scratch
    from what it holds now (a backup copy, re-indexed whole)."""
    kept = index_rows(lib.db)
    lib.backup(copy)
    db = Database(sqlite3.connect(copy))
    db.execute("DELETE FROM similarity_grams")
    db.execute("DELETE FROM similarity_texts")
    db.execute("INSERT INTO similarity_stale SELECT id, material_id FROM nodes")
    db.execute("INSERT INTO similarity_stale SELECT -id, id FROM materials")
    similarity.refresh_stale(db)
    assert index_rows(db) == kept
    db.close()
