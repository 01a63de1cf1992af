"""Every released schema version has a fixture library under ``tests/data/libraries`` (``vN.db``
made by ``make_vN.py``, its content in ``vN.expected.json``). Opening each with today's code
backs it up first when a migration is due, migrates it, and keeps every word."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from app.library import Library
from app.library.backups import list_backups
from app.library.schema import known_migration_names
from app.serialize import material_to_dict

LIBRARIES = Path(__file__).resolve().parents[2] / "data" / "libraries"
FIXTURES = sorted(LIBRARIES.glob("v*.db"), key=lambda p: int(p.stem[1:]))


def applied_migrations(path: Path) -> set[str]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        return {
            r[0]
            for r in conn.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = 'duizhao'"
            )
        }
    finally:
        conn.close()


def library_content(library: Library) -> dict:
    """What a user would miss if it were lost: materials (tree, links, trash state), named
    snapshots and settings."""
    materials = []
    for summary in library.list_materials(include_trashed=True):
        materials.append(
            {
                "id": summary.id,
                "trashed": summary.trashed,
                "material": material_to_dict(library.get_material(summary.id)),
                "snapshots": [
                    {"name": s.name, "title": library.get_snapshot(s.id).title}
                    for s in library.list_snapshots(summary.id)
                ],
            }
        )
    settings = dict(library.db.execute("SELECT key, value FROM settings").fetchall())
    return {"materials": materials, "settings": settings}


def test_there_is_a_fixture_for_every_released_schema_version():
    versions = [int(p.stem[1:]) for p in FIXTURES]
    assert versions == list(range(1, len(known_migration_names()) + 1)), (
        "a new migration needs tests/data/libraries/vN.db (+ make_vN.py, vN.expected.json) of the "
        "schema before it"
    )
    for fixture in FIXTURES:
        assert (LIBRARIES / f"make_{fixture.stem}.py").is_file()
        assert (LIBRARIES / f"{fixture.stem}.expected.json").is_file()
        assert len(applied_migrations(fixture)) == int(fixture.stem[1:])


@pytest.mark.parametrize("fixture", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_each_fixture_opens_migrated_with_a_backup_first_and_its_content_intact(tmp_path, fixture):
    path = tmp_path / fixture.name
    shutil.copyfile(fixture, path)
    due = known_migration_names() - applied_migrations(path)
    with Library.open(path) as library:
        assert library_content(library) == json.loads(
            (LIBRARIES / f"{fixture.stem}.expected.json").read_text(encoding="utf-8")
        )
        assert [r[0] for r in library.db.execute("PRAGMA integrity_check")] == ["ok"]
        first = library.list_materials(include_trashed=True)[0].id
        library.update_material(first, title="升级后可以编辑")  # writable after the upgrade
    assert applied_migrations(path) == known_migration_names()
    before = [b for b in list_backups(path) if b.label == "before-migration"]
    assert len(before) == (1 if due else 0)
    for backup in before:  # the copy is the old version, untouched by the upgrade
        assert applied_migrations(backup.path) == applied_migrations(fixture)
    with Library.open(path, readonly=True) as library:
        assert library.get_material(first).title == "升级后可以编辑"
