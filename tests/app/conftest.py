"""Fixtures shared by the core tests."""

from __future__ import annotations

import pytest

from app.importers import read_file
from app.library import Library, schema
from app.model import Material, Point, Section


@pytest.fixture
def lib(tmp_path):
    """A fresh library file, closed after the test."""
    library = Library.open(tmp_path / "library.db")
    yield library
    library.close()


@pytest.fixture
def pending_migration(monkeypatch):
    """A test-only schema step after the released ones, for this test only: every library
    opened writable during the test applies it; it is gone afterwards."""

    def m999_test_only(db):
        db.execute("CREATE TABLE test_only_table (x)")

    monkeypatch.setattr(
        schema, "_MIGRATION_STEPS", (*schema._MIGRATION_STEPS, ("m999_test_only", m999_test_only))
    )
    return "m999_test_only"


@pytest.fixture
def three(seed_path) -> list[Material]:
    """The seed as the 班子 material, a short member's material, and one with no text."""
    group, _report = read_file(seed_path)
    group.title = "县政府党组2021年度民主生活会对照检查材料"
    member = Material(
        title="张三同志个人对照检查材料",
        scope="individual",
        author="张三",
        job_title="县长",
        rank=1,
        sections=[
            Section(
                kind="problems",
                heading="存在的问题",
                points=[Point(title="学习不够深入", body="学得不深不透。" * 40)],
            )
        ],
    )
    empty = Material(scope="individual", author="李四", job_title="副县长", rank=2)
    return [group, member, empty]
