"""Read-only opens run on plain sqlite3: the short CLI commands (list, show, export, check,
backup) do not pay for importing sqlite_utils (DESIGN §8, PDF export ≥ 4× LibreOffice)."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from store_samples import sample_material

from app.errors import LibraryError
from app.library import Library
from app.library import schema as store_schema
from tests.fresh_python import fresh_json


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_readonly_reads_give_the_same_results_without_importing_sqlite_utils(library_path):
    with Library.open(library_path) as writer:
        (summary,) = writer.list_materials()
        expected_titles = [
            p.title for p in writer.get_material(summary.id).sections[0].dimensions[0].points
        ]
        expected_hits = [(h.node_id, h.field) for h in writer.search("以干代学")]
        expected_short_hits = [(h.node_id, h.field) for h in writer.search("干")]
    assert expected_hits and expected_short_hits  # the queries do find something to compare
    code = (
        "import json, sys\n"
        "from app.library import Library\n"
        f"with Library.open({str(library_path)!r}, readonly=True) as library:\n"
        "    (summary,) = library.list_materials()\n"
        "    material = library.get_material(summary.id)\n"
        "    hits = [(h.node_id, h.field) for h in library.search('以干代学')]\n"
        "    short = [(h.node_id, h.field) for h in library.search('干')]\n"
        "print(json.dumps({'id': summary.id, 'words': summary.word_count,\n"
        "    'titles': [p.title for p in material.sections[0].dimensions[0].points],\n"
        "    'hits': hits, 'short': short, 'loaded': 'sqlite_utils' in sys.modules}))\n"
    )
    seen = fresh_json(code)
    assert seen["loaded"] is False
    assert (seen["id"], seen["words"], seen["titles"]) == (
        summary.id,
        summary.word_count,
        expected_titles,
    )
    assert [tuple(h) for h in seen["hits"]] == expected_hits
    assert [tuple(h) for h in seen["short"]] == expected_short_hits


def test_cli_list_show_and_text_export_do_not_import_sqlite_utils(library_path, tmp_path):
    out = tmp_path / "out.txt"
    code = (
        "import contextlib, io, json, sys\n"
        "from app.cli import main\n"
        f"lib, out = {str(library_path)!r}, {str(out)!r}\n"
        "listing = io.StringIO()\n"
        "with contextlib.redirect_stdout(listing):\n"
        "    codes = [main(['--library', lib, 'list']), main(['--library', lib, 'show', '1'])]\n"
        "codes.append(main(['--library', lib, 'export', '1', '--format', 'txt', '-o', out]))\n"
        "print(json.dumps({'codes': codes, 'listing': listing.getvalue(),\n"
        "    'loaded': 'sqlite_utils' in sys.modules}))\n"
    )
    before = file_hash(library_path)
    seen = fresh_json(code)
    assert seen["codes"] == [0, 0, 0] and seen["loaded"] is False
    assert sample_material().title in seen["listing"]
    text = out.read_text(encoding="utf-8")
    assert sample_material().title in text and "个别同志存在以干代学的现象" in text
    assert file_hash(library_path) == before


def test_the_migration_names_constant_matches_the_registered_migrations():
    from sqlite_utils import Database

    pending = store_schema.build_migrations().pending(Database(memory=True))
    assert [m.name for m in pending] == list(store_schema.MIGRATION_NAMES)


def test_every_write_on_a_readonly_library_is_refused_and_changes_nothing(library_path):
    before = file_hash(library_path)
    with Library.open(library_path, readonly=True) as library:
        material_id = library.list_materials()[0].id
        point = library.get_material(material_id).sections[0].dimensions[0].points[0]
        attempts = [
            lambda: library.create_material(sample_material()),
            lambda: library.update_material(material_id, title="改"),
            lambda: library.update_node(point.id, body="改"),
            lambda: library.trash_material(material_id),
            lambda: library.create_snapshot(material_id, "快照"),
        ]
        for attempt in attempts:
            with pytest.raises(LibraryError) as err:
                attempt()
            assert err.value.en == "the library is open read-only" and "只读" in err.value.zh
        with pytest.raises(LibraryError, match="read-only"), library.db.atomic():
            library.db.execute("DELETE FROM materials")
        assert library.get_material(material_id).title == sample_material().title
    assert file_hash(library_path) == before


def test_a_library_missing_a_migration_is_refused_read_only_without_sqlite_utils(library_path):
    conn = sqlite3.connect(library_path)
    with conn:
        conn.execute(
            "DELETE FROM _sqlite_migrations WHERE name = ?", [store_schema.MIGRATION_NAMES[0]]
        )
    conn.close()
    code = (
        "import json, sys\n"
        "from app.errors import LibraryError\n"
        "from app.library import Library\n"
        "try:\n"
        f"    Library.open({str(library_path)!r}, readonly=True)\n"
        "    message = None\n"
        "except LibraryError as err:\n"
        "    message = err.en\n"
        "print(json.dumps({'message': message, 'loaded': 'sqlite_utils' in sys.modules}))\n"
    )
    seen = fresh_json(code)
    assert seen["loaded"] is False
    assert seen["message"] and "needs an upgrade" in seen["message"]


def test_a_migration_registered_after_the_released_ones_is_pending_for_a_readonly_open(
    library_path, monkeypatch, pending_migration
):
    assert store_schema.known_migration_names() == {
        *store_schema.MIGRATION_NAMES,
        pending_migration,
    }
    with pytest.raises(LibraryError, match="needs an upgrade"):
        Library.open(library_path, readonly=True)
    monkeypatch.undo()
    with Library.open(library_path, readonly=True) as library:  # the released set alone: up to date
        assert len(library.list_materials()) == 1


def test_a_readonly_open_checks_and_reads_through_one_connection(library_path, monkeypatch):
    """The file check (quick_check, schema) and the reads share one connection: SQLite opens
    the file and parses its schema once per read-only command."""
    opened = []
    connect = sqlite3.connect

    def counting(*args, **kwargs):
        opened.append(args[0])
        return connect(*args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", counting)
    with Library.open(library_path, readonly=True) as library:
        (summary,) = library.list_materials()
        assert library.get_material(summary.id).title == sample_material().title
    assert len(opened) == 1
