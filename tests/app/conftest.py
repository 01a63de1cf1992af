"""Fixtures shared by the core tests."""

from __future__ import annotations

import pytest

from app.importers import read_file
from app.library import Library, schema
from app.model import Material
from tests.app.compile_samples import three_materials


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
    return three_materials(group)
