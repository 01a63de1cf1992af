"""The schema's migrations, tested the way sqlite-utils tests its own ``Migrations``: a fresh
in-memory database and a fresh migration set per test, observed through the public
``pending()`` / ``applied()`` / ``apply()``."""

from __future__ import annotations

import pytest
from sqlite_utils import Database

from app.library import schema


@pytest.fixture
def fresh_db() -> Database:
    return Database(memory=True)


@pytest.fixture
def migrations():
    return schema.build_migrations()


def names(items) -> list[str]:
    return [m.name for m in items]


def test_every_released_migration_is_pending_on_an_empty_database(fresh_db, migrations):
    assert names(migrations.pending(fresh_db)) == list(schema.MIGRATION_NAMES)
    assert migrations.applied(fresh_db) == []


def test_applying_records_each_migration_once_and_leaves_none_pending(fresh_db, migrations):
    migrations.apply(fresh_db)
    assert names(migrations.applied(fresh_db)) == list(schema.MIGRATION_NAMES)
    assert migrations.pending(fresh_db) == []
    migrations.apply(fresh_db)  # a second open changes nothing
    assert names(migrations.applied(fresh_db)) == list(schema.MIGRATION_NAMES)


def test_the_applied_schema_is_a_duizhao_library(fresh_db, migrations):
    migrations.apply(fresh_db)
    assert fresh_db.execute("PRAGMA application_id").fetchone()[0] == schema.APPLICATION_ID
    assert {"materials", "nodes", "links", "revisions", "trash", "settings"} <= set(
        fresh_db.table_names()
    )


def test_the_full_text_index_follows_node_edits_after_migrating(fresh_db, migrations):
    migrations.apply(fresh_db)
    fresh_db.execute(
        "INSERT INTO materials (id, title, created, updated) VALUES (1, '材料', 'x', 'x')"
    )
    fresh_db.execute(
        "INSERT INTO nodes (id, material_id, position, kind, title) VALUES (1, 1, 0, "
        "'point', '学习不够深入')"
    )
    hits = "SELECT rowid FROM search_fts WHERE search_fts MATCH ?"
    assert fresh_db.execute(hits, ["不够深"]).fetchall() == [(1 * schema.FIELD_SHIFT + 1,)]
    fresh_db.execute("UPDATE nodes SET title = '作风不够扎实' WHERE id = 1")
    assert fresh_db.execute(hits, ["不够深"]).fetchall() == []
    assert fresh_db.execute(hits, ["不够扎"]).fetchall() == [(1 * schema.FIELD_SHIFT + 1,)]


def test_each_set_is_fresh_so_a_step_added_for_one_test_does_not_leak(fresh_db, monkeypatch):
    monkeypatch.setattr(
        schema, "_MIGRATION_STEPS", (*schema._MIGRATION_STEPS, ("m999_test_only", lambda db: None))
    )
    assert names(schema.build_migrations().pending(fresh_db))[-1] == "m999_test_only"
    monkeypatch.undo()
    assert names(schema.build_migrations().pending(fresh_db)) == list(schema.MIGRATION_NAMES)


def test_a_later_step_is_pending_on_a_library_migrated_before_it(fresh_db, migrations, monkeypatch):
    migrations.apply(fresh_db)

    def m999(db):
        db.execute("CREATE TABLE later_table (x)")

    monkeypatch.setattr(
        schema, "_MIGRATION_STEPS", (*schema._MIGRATION_STEPS, ("m999_later", m999))
    )
    later = schema.build_migrations()
    assert names(later.pending(fresh_db)) == ["m999_later"]
    later.apply(fresh_db)
    assert "later_table" in fresh_db.table_names()
    assert names(later.applied(fresh_db))[-1] == "m999_later"
